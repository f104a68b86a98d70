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

    async def raise_progress(
        self, user_id: int, achievement_id: int, value: int, goal: int, now: datetime
    ) -> bool:
        """Progress becomes max(old, min(value, goal)); returns True if this call achieved it.

        Progress never goes down or past the goal, and achieved_at is written exactly once.
        """
        value = max(0, min(value, goal))
        reached = to_db(now) if value >= goal else None
        before = await self._conn.fetch_one(
            "SELECT achieved_at FROM user_achievements WHERE user_id = ? AND achievement_id = ?",
            (user_id, achievement_id),
        )
        await self._conn.execute(
            "INSERT INTO user_achievements (user_id, achievement_id, progress, achieved_at)"
            " VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id, achievement_id) DO UPDATE SET"
            "   progress = max(progress, excluded.progress),"
            "   achieved_at = coalesce(achieved_at, excluded.achieved_at)",
            (user_id, achievement_id, value, reached),
        )
        return reached is not None and (before is None or before["achieved_at"] is None)

    async def delete_for_user(self, user_id: int) -> int:
        return await self._conn.execute(
            "DELETE FROM user_achievements WHERE user_id = ?", (user_id,)
        )
