"""`user_achievements`: each user's progress towards each achievement."""

from __future__ import annotations

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
        self, user_id: int, achievement_id: int, value: int, goal: int, now: datetime
    ) -> bool:
        """Progress becomes max(old, min(value, goal)); returns True if this call achieved it.

        Progress never goes down or past the goal, and achieved_at is written exactly once.
        One statement: the update only happens when it raises the progress, and a row comes
        back only when it did, so of two transactions racing to the goal (two processes)
        exactly one sees it reached.
        """
        value = max(0, min(value, goal))
        row = await self._conn.fetch_one(
            "INSERT INTO user_achievements (user_id, achievement_id, progress, achieved_at)"
            " VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id, achievement_id) DO UPDATE SET"
            "   progress = excluded.progress,"
            "   achieved_at = coalesce(user_achievements.achieved_at, excluded.achieved_at)"
            " WHERE user_achievements.progress < excluded.progress"
            " RETURNING progress",
            (user_id, achievement_id, value, to_db(now) if value >= goal else None),
        )
        return row is not None and row[0] >= goal

    async def delete_for_user(self, user_id: int) -> int:
        return await self._conn.execute(
            "DELETE FROM user_achievements WHERE user_id = ?", (user_id,)
        )
