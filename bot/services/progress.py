"""History, couple statistics and achievements: the pure rules of `bot.progress` on the data.

Achievement progress is updated inside the transaction that finishes a session, so a
game can never be counted without its progress or the other way round; the database
refuses progress that goes back or past the goal, and `achieved_at` is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.progress.achievements import ACHIEVEMENTS, AchievementRule, evaluate
from bot.progress.records import PlayedGame
from bot.progress.stats import CoupleStats, couple_stats
from db import Database
from db.repositories.game_sessions import GameSession
from db.repositories.history import HistoryLine, PlayedRow
from db.repositories.users import User
from db.unit_of_work import UnitOfWork

RULES = {rule.key: rule for rule in ACHIEVEMENTS}


@dataclass(frozen=True)
class AchievementUnlocked:
    """Raised in the unit of work that made a user reach an achievement's goal."""

    user_id: int
    key: str


@dataclass(frozen=True)
class AchievementStatus:
    rule: AchievementRule
    progress: int
    achieved_at: datetime | None


def played_game(row: PlayedRow) -> PlayedGame:
    return PlayedGame(
        session_id=row.session_id,
        game=row.game_slug,
        ended_at=row.ended_at,
        partner_user_id=row.partner_user_id,
        status=row.status,
        short=row.short,
        partner_short=row.partner_short,
        seat=row.seat,
        details=row.result.get("details") or {},
        given_up=row.result.get("given_up_by") is not None,
        rematch=row.rematch,
    )


class ProgressService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    async def sync_catalogue(self) -> None:
        """Seed/refresh the `achievements` table from the rules (startup; idempotent)."""
        async with self._db.transaction() as uow:
            for rule in ACHIEVEMENTS:
                await uow.achievements.upsert(
                    rule.key, rule.emoji, rule.title, rule.description, rule.goal
                )

    async def update_after(self, uow: UnitOfWork, session: GameSession) -> None:
        """Inside the finishing transaction: advance both players' achievements."""
        ids = await uow.achievements.ids_by_slug()
        now = self._clock.now()
        for user_id in session.players:
            games = [played_game(row) for row in await uow.history.played_by(user_id)]
            for key, value in evaluate(games).items():
                if key not in ids:
                    continue
                reached = await uow.user_achievements.raise_progress(
                    user_id, ids[key], value, RULES[key].goal, now
                )
                if reached:
                    uow.events.append(AchievementUnlocked(user_id, key))

    async def achievements_of(self, user_id: int) -> list[AchievementStatus]:
        """Every achievement with the user's progress: achieved first (newest first)."""
        async with self._db.read() as uow:
            ids = await uow.achievements.ids_by_slug()
            mine = {
                row.achievement_id: row for row in await uow.user_achievements.for_user(user_id)
            }
        statuses = []
        for rule in ACHIEVEMENTS:
            row = mine.get(ids.get(rule.key, -1))
            statuses.append(
                AchievementStatus(
                    rule,
                    row.progress if row else 0,
                    row.achieved_at if row else None,
                )
            )
        achieved = [s for s in statuses if s.achieved_at is not None]
        achieved.sort(key=lambda s: (s.achieved_at, s.rule.key), reverse=True)
        return achieved + [s for s in statuses if s.achieved_at is None]

    async def history_page(
        self, user_id: int, limit: int, offset: int
    ) -> tuple[list[HistoryLine], int]:
        async with self._db.read() as uow:
            total = await uow.history.count_for_user(user_id)
            return await uow.history.lines_for_user(user_id, limit, offset), total

    async def couple_stats(self, user_id: int) -> tuple[User, CoupleStats] | None:
        """Statistics with the current partner; None without one."""
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            partner = await uow.users.get(partnership.partner_of(user_id))
            assert partner is not None  # foreign key
            games = [played_game(row) for row in await uow.history.played_by(user_id)]
        return partner, couple_stats(games, partner.id, self._clock.now().date())
