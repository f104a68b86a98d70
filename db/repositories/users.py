"""`users`: who talks to the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.repositories.settings import UserSettings
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
    blocked_at: datetime | None = None
    deleted_at: datetime | None = None

    @classmethod
    def from_row(cls, row: Row) -> User:
        return cls(
            id=row["id"],
            # An erased user's telegram_id is "deleted:<id>": it matches no Telegram user.
            telegram_id=int(row["telegram_id"]) if row["telegram_id"].isdigit() else 0,
            display_name=row["display_name"],
            avatar_id=row["avatar_id"],
            online_status=bool(row["online_status"]),
            created_at=from_db(row["created_at"]),
            last_seen_at=from_db_optional(row["last_seen_at"]),
            blocked_at=from_db_optional(row["blocked_at"]),
            deleted_at=from_db_optional(row["deleted_at"]),
        )


UserUnit = tuple[User, UserSettings | None]

# A user row with their settings row (LEFT JOIN: an erased user has no settings), as the
# columns of `u` (users) and `s` (settings).
_UNIT_COLUMNS = (
    "u.id", "u.telegram_id", "u.display_name", "u.avatar_id", "u.online_status",
    "u.created_at", "u.last_seen_at", "u.blocked_at", "u.deleted_at",
    "s.user_id", "s.theme", "s.language", "s.sound_enabled", "s.notifications", "s.spicy",
    "s.grammatical_form",
    "s.time_zone", "s.push_minute",
)  # fmt: skip
_WITH_SETTINGS = (
    f"SELECT {', '.join(_UNIT_COLUMNS)}"  # noqa: S608 - fixed column list
    " FROM users u LEFT JOIN settings s ON s.user_id = u.id"
)


def unit_columns(prefix: str) -> str:
    """The select list of a user and their settings with each column named `prefix` + its
    name, for a query that joins `users u` and `settings s` to other tables (read it with
    `RowPart` and `unit_from_row`)."""
    return ", ".join(f"{column} AS {prefix}{column.split('.')[1]}" for column in _UNIT_COLUMNS)


def unit_from_row(row: Row) -> UserUnit:
    user = User.from_row(row)
    return user, None if row["user_id"] is None else UserSettings.from_row(row)


class UsersRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def get(self, user_id: int) -> User | None:
        row = await self._conn.fetch_one(
            "SELECT id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at, blocked_at, deleted_at"
            " FROM users WHERE id = ?",
            (user_id,),
        )
        return None if row is None else User.from_row(row)

    async def get_by_telegram_id(self, telegram_id: int) -> User | None:
        row = await self._conn.fetch_one(
            "SELECT id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at, blocked_at, deleted_at"
            " FROM users WHERE telegram_id = ?",
            (str(telegram_id),),
        )
        return None if row is None else User.from_row(row)

    async def with_settings(self, user_ids: tuple[int, ...]) -> dict[int, UserUnit]:
        """Users and their settings by id, in one statement (None settings: erased user)."""
        marks = ", ".join("?" for _ in user_ids)
        rows = await self._conn.fetch_all(
            f"{_WITH_SETTINGS} WHERE u.id IN ({marks})",
            user_ids,
        )
        return {row["id"]: unit_from_row(row) for row in rows}

    async def with_settings_by_telegram_id(self, telegram_id: int) -> UserUnit | None:
        """The user behind an update and their settings, in one statement."""
        row = await self._conn.fetch_one(
            f"{_WITH_SETTINGS} WHERE u.telegram_id = ?", (str(telegram_id),)
        )
        return None if row is None else unit_from_row(row)

    async def create(self, telegram_id: int, display_name: str, now: datetime) -> User | None:
        """Insert a user; returns None when that Telegram user already exists."""
        row = await self._conn.fetch_one(
            "INSERT INTO users (telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at) VALUES (?, ?, 0, 1, ?, ?)"
            " ON CONFLICT (telegram_id) DO NOTHING"
            " RETURNING id, telegram_id, display_name, avatar_id, online_status, created_at,"
            " last_seen_at, blocked_at, deleted_at",
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

    async def mark_blocked(self, telegram_id: int, now: datetime) -> User | None:
        """Note that the user blocked the bot; returns the user only if this is news."""
        row = await self._conn.fetch_one(
            "UPDATE users SET blocked_at = ?, online_status = 0"
            " WHERE telegram_id = ? AND blocked_at IS NULL RETURNING id",
            (to_db(now), str(telegram_id)),
        )
        return None if row is None else await self.get(row[0])

    async def clear_blocked(self, user_id: int) -> None:
        await self._conn.execute("UPDATE users SET blocked_at = NULL WHERE id = ?", (user_id,))

    async def anonymize(self, user_id: int, now: datetime) -> None:
        """Erase personal data, keeping an anonymous row for other people's history."""
        await self._conn.execute(
            "UPDATE users SET telegram_id = 'deleted:' || id, display_name = 'deleted',"
            " avatar_id = 0, online_status = 0, last_seen_at = NULL, blocked_at = NULL,"
            " deleted_at = ? WHERE id = ?",
            (to_db(now), user_id),
        )
