"""A unit of work: one connection inside one transaction, with a repository per table."""

from __future__ import annotations

from functools import cached_property

from db.connection import Connection
from db.repositories.achievements import AchievementsRepository
from db.repositories.game_sessions import GameSessionsRepository
from db.repositories.games import GamesRepository
from db.repositories.history import HistoryRepository
from db.repositories.invites import InvitesRepository
from db.repositories.partnerships import PartnershipsRepository
from db.repositories.settings import SettingsRepository
from db.repositories.user_achievements import UserAchievementsRepository
from db.repositories.users import UsersRepository


class UnitOfWork:
    """Repositories share the unit's connection; the unit (not a repository) commits."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # Domain events raised inside the transaction (e.g. an achievement unlocked), for
        # the caller to act on once it has committed.
        self.events: list[object] = []

    @cached_property
    def users(self) -> UsersRepository:
        return UsersRepository(self.conn)

    @cached_property
    def settings(self) -> SettingsRepository:
        return SettingsRepository(self.conn)

    @cached_property
    def partnerships(self) -> PartnershipsRepository:
        return PartnershipsRepository(self.conn)

    @cached_property
    def invites(self) -> InvitesRepository:
        return InvitesRepository(self.conn)

    @cached_property
    def games(self) -> GamesRepository:
        return GamesRepository(self.conn)

    @cached_property
    def game_sessions(self) -> GameSessionsRepository:
        return GameSessionsRepository(self.conn)

    @cached_property
    def history(self) -> HistoryRepository:
        return HistoryRepository(self.conn)

    @cached_property
    def achievements(self) -> AchievementsRepository:
        return AchievementsRepository(self.conn)

    @cached_property
    def user_achievements(self) -> UserAchievementsRepository:
        return UserAchievementsRepository(self.conn)
