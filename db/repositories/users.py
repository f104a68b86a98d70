"""`users`: who talks to the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db, from_db_optional, to_db


@dataclass(frozen=True)
class User:
    id: int
    telegram_id: int
    display_name: str
    avatar_id: int
    online_status: bool
    created_at: datetime
    last_seen_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> User:
        return cls(
            id=row["id"],
            telegram_id=int(row["telegram_id"]),
            display_name=row["display_name"],
            avatar_id=row["avatar_id"],
            online_status=bool(row["online_status"]),
            created_at=from_db(row["created_at"]),
            last_seen_at=from_db_optional(row["last_seen_at"]),
        )


class UsersRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def get(self, user_id: int) -> User | None:
        row = await self._conn.fetch_one(
            "SELECT id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at"
            " FROM users WHERE id = ?",
            (user_id,),
        )
        return None if row is None else User.from_row(row)

    async def get_by_telegram_id(self, telegram_id: int) -> User | None:
        row = await self._conn.fetch_one(
            "SELECT id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at"
            " FROM users WHERE telegram_id = ?",
            (str(telegram_id),),
        )
        return None if row is None else User.from_row(row)

    async def create(self, telegram_id: int, display_name: str, now: datetime) -> User | None:
        """Insert a user; returns None when that Telegram user already exists."""
        row = await self._conn.fetch_one(
            "INSERT INTO users (telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at) VALUES (?, ?, 0, 1, ?, ?)"
            " ON CONFLICT (telegram_id) DO NOTHING"
            " RETURNING id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at",
            (str(telegram_id), display_name, to_db(now), to_db(now)),
        )
        return None if row is None else User.from_row(row)

    async def set_display_name(self, user_id: int, display_name: str) -> None:
        await self._conn.execute(
            "UPDATE users SET display_name = ? WHERE id = ?", (display_name, user_id)
        )

    async def set_avatar(self, user_id: int, avatar_id: int) -> None:
        await self._conn.execute(
            "UPDATE users SET avatar_id = ? WHERE id = ?", (avatar_id, user_id)
        )

    async def mark_seen(self, user_id: int, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE users SET online_status = 1, last_seen_at = ? WHERE id = ?",
            (to_db(now), user_id),
        )

    async def mark_idle_offline(self, seen_before: datetime) -> list[int]:
        """Turn off users not seen since `seen_before`; returns their ids."""
        rows = await self._conn.fetch_all(
            "UPDATE users SET online_status = 0"
            " WHERE online_status = 1 AND (last_seen_at IS NULL OR last_seen_at < ?)"
            " RETURNING id",
            (to_db(seen_before),),
        )
        return [row["id"] for row in rows]
