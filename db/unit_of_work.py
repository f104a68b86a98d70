"""A unit of work: one connection inside one transaction, with a repository per table."""

from __future__ import annotations

from collections.abc import Awaitable
from functools import cached_property
from typing import Any, TypeVar, overload

from db.connection import Connection
from db.repositories.achievements import AchievementsRepository
from db.repositories.asked_questions import AskedQuestionsRepository
from db.repositories.couple_stats import CoupleStatsRepository
from db.repositories.game_sessions import GameSessionsRepository
from db.repositories.games import GamesRepository
from db.repositories.history import HistoryRepository
from db.repositories.invites import InvitesRepository
from db.repositories.own_questions import OwnQuestionsRepository
from db.repositories.partnerships import PartnershipsRepository
from db.repositories.settings import SettingsRepository
from db.repositories.user_achievements import UserAchievementsRepository
from db.repositories.users import UsersRepository

_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")


class UnitOfWork:
    """Repositories share the unit's connection; the unit (not a repository) commits."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # Domain events raised inside the transaction (e.g. an achievement unlocked), for
        # the caller to act on once it has committed.
        self.events: list[object] = []

    async def lock_users(self, *user_ids: int) -> bool:
        """Serialize this transaction with every other one that locks one of these users.

        The rule for writers whose check-then-write spans several statements (an invite
        accepted, a couple unlinked...): lock the users concerned before the first write;
        a transaction that waits for a lock then reads what the previous holder committed.
        PostgreSQL (READ COMMITTED) takes per-user advisory locks, in ascending id order so
        two lockers never deadlock; the partnership triggers take the same locks. SQLite
        needs nothing: its write transactions already run one at a time.

        Returns whether locks were taken: if so, rows read before may have changed while
        this transaction waited, so read them again.
        """
        return await self.conn.lock_users(sorted(set(user_ids)))

    @overload
    async def together(self, first: Awaitable[_A], second: Awaitable[_B], /) -> tuple[_A, _B]: ...

    @overload
    async def together(
        self, first: Awaitable[_A], second: Awaitable[_B], third: Awaitable[_C], /
    ) -> tuple[_A, _B, _C]: ...

    @overload
    async def together(
        self,
        first: Awaitable[_A],
        second: Awaitable[_B],
        third: Awaitable[_C],
        fourth: Awaitable[_D],
        /,
    ) -> tuple[_A, _B, _C, _D]: ...

    async def together(self, *steps: Awaitable[Any]) -> tuple[Any, ...]:
        """Repository calls of this unit that do not depend on each other, sent to the
        database at once where the backend can (SQLite: one round trip to its thread for
        all); their results in order. They run in the order given."""
        return tuple(await self.conn.run_together(steps))

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
    def asked_questions(self) -> AskedQuestionsRepository:
        return AskedQuestionsRepository(self.conn)

    @cached_property
    def own_questions(self) -> OwnQuestionsRepository:
        return OwnQuestionsRepository(self.conn)

    @cached_property
    def history(self) -> HistoryRepository:
        return HistoryRepository(self.conn)

    @cached_property
    def couple_stats(self) -> CoupleStatsRepository:
        """Read-only counts over a couple's sessions and history (the statistics screen)."""
        return CoupleStatsRepository(self.conn)

    @cached_property
    def achievements(self) -> AchievementsRepository:
        return AchievementsRepository(self.conn)

    @cached_property
    def user_achievements(self) -> UserAchievementsRepository:
        return UserAchievementsRepository(self.conn)
