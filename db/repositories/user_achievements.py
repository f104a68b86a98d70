"""`user_achievements`: each user's progress towards each achievement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db_optional, to_db


@dataclass(frozen=True)
class UserAchievement:
    id: int
    user_id: int
    achievement_id: int
    progress: int
    achieved_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> UserAchievement:
        return cls(
            id=row["id"],
            user_id=row["user_id"],
            achievement_id=row["achievement_id"],
            progress=row["progress"],
            achieved_at=from_db_optional(row["achieved_at"]),
        )


@dataclass(frozen=True)
class ProgressTarget:
    """A user's new progress value towards an achievement with this goal."""

    user_id: int
    achievement_id: int
    value: int
    goal: int


class UserAchievementsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def for_user(self, user_id: int) -> list[UserAchievement]:
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, achievement_id, progress, achieved_at"
            " FROM user_achievements WHERE user_id = ? ORDER BY achievement_id",
            (user_id,),
        )
        return [UserAchievement.from_row(row) for row in rows]

    async def for_users(self, user_ids: tuple[int, ...]) -> list[UserAchievement]:
        """Several users' progress rows in one statement (both players of a session)."""
        marks = ", ".join("?" for _ in user_ids)
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, achievement_id, progress, achieved_at"  # noqa: S608 - only ?s
            f" FROM user_achievements WHERE user_id IN ({marks})",
            user_ids,
        )
        return [UserAchievement.from_row(row) for row in rows]

    async def raise_progress(
        self, targets: Sequence[ProgressTarget], now: datetime
    ) -> list[ProgressTarget]:
        """Each target's progress becomes max(old, min(value, goal)); returns the targets
        this call achieved.

        Progress never goes down or past the goal, and achieved_at is written exactly once.
        One statement for all targets (a finished game raises up to 14 rows per player:
        one round trip instead of 28). A row is only updated when it is raised, and comes
        back only when it was, so of two transactions racing to the goal (two processes)
        exactly one sees it reached. Targets must name distinct (user, achievement) pairs:
        PostgreSQL refuses to update one row twice in a statement.
        """
        if not targets:
            return []
        values = [(t, max(0, min(t.value, t.goal))) for t in targets]
        rows = await self._conn.fetch_all(
            "INSERT INTO user_achievements (user_id, achievement_id, progress, achieved_at)"  # noqa: S608 - only ?s
            " VALUES "
            + ", ".join("(?, ?, ?, ?)" for _ in values)
            + " ON CONFLICT (user_id, achievement_id) DO UPDATE SET"
            "   progress = excluded.progress,"
            "   achieved_at = coalesce(user_achievements.achieved_at, excluded.achieved_at)"
            " WHERE user_achievements.progress < excluded.progress"
            " RETURNING user_id, achievement_id, progress",
            tuple(
                param
                for target, value in values
                for param in (
                    target.user_id,
                    target.achievement_id,
                    value,
                    to_db(now) if value >= target.goal else None,
                )
            ),
        )
        raised = {(row["user_id"], row["achievement_id"]): row["progress"] for row in rows}
        return [
            target
            for target in targets
            if raised.get((target.user_id, target.achievement_id), -1) >= target.goal
        ]

    async def delete_for_user(self, user_id: int) -> int:
        return await self._conn.execute(
            "DELETE FROM user_achievements WHERE user_id = ?", (user_id,)
        )
