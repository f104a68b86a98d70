"""`settings`: one row of preferences per user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from db.connection import Connection, Row
from db.timestamps import from_db, to_db

_COLUMNS = (
    "user_id, theme, language, sound_enabled, notifications, spicy, grammatical_form,"
    " time_zone, push_minute"
)

Theme = Literal["light", "dark"]
Language = Literal["en", "ru"]
GrammaticalForm = Literal["male", "female", "neutral"]
DEFAULT_PUSH_MINUTE = 19 * 60


@dataclass(frozen=True)
class DuePush:
    """A person whose daily push is due, as the push loop claims them."""

    user_id: int
    due_at: str
    time_zone: str | None
    language: Language
    push_minute: int | None


@dataclass(frozen=True)
class UserSettings:
    user_id: int
    theme: Theme
    language: Language
    sound_enabled: bool
    notifications: bool
    spicy: bool = False
    """This user's own yes to the 18+ question pack (asked only while both said yes)."""
    grammatical_form: GrammaticalForm | None = None
    """How Russian speaks to and of this user; None: not chosen (neutral wording)."""
    time_zone: str | None = None
    """An IANA zone name; None until the user picks one (bot/zones.py suggests one)."""
    push_minute: int | None = DEFAULT_PUSH_MINUTE
    """When the question of the day arrives, in minutes after local midnight; None: never."""

    @classmethod
    def from_row(cls, row: Row) -> UserSettings:
        return cls(
            user_id=row["user_id"],
            theme=row["theme"],
            language=row["language"],
            sound_enabled=bool(row["sound_enabled"]),
            notifications=bool(row["notifications"]),
            spicy=bool(row["spicy"]),
            grammatical_form=row["grammatical_form"],
            time_zone=row["time_zone"],
            push_minute=row["push_minute"],
        )


class SettingsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(self, user_id: int, language: Language) -> UserSettings:
        row = await self._conn.fetch_one(
            "INSERT INTO settings (user_id, theme, language, sound_enabled, notifications)"  # noqa: S608
            " VALUES (?, 'light', ?, 1, 1)"
            f" RETURNING {_COLUMNS}",
            (user_id, language),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return UserSettings.from_row(row)

    async def get(self, user_id: int) -> UserSettings | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM settings WHERE user_id = ?",  # noqa: S608 - fixed list
            (user_id,),
        )
        return None if row is None else UserSettings.from_row(row)

    async def of_users(self, user_ids: Sequence[int]) -> dict[int, UserSettings]:
        """The settings of those of `user_ids` who have a row (a deleted user has none)."""
        if not user_ids:
            return {}
        marks = ", ".join("?" for _ in user_ids)
        rows = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM settings WHERE user_id IN ({marks})",  # noqa: S608 - marks
            tuple(user_ids),
        )
        return {row["user_id"]: UserSettings.from_row(row) for row in rows}

    async def set_theme(self, user_id: int, theme: Theme) -> None:
        await self._conn.execute(
            "UPDATE settings SET theme = ? WHERE user_id = ?", (theme, user_id)
        )

    async def set_language(self, user_id: int, language: Language) -> None:
        await self._conn.execute(
            "UPDATE settings SET language = ? WHERE user_id = ?", (language, user_id)
        )

    async def set_sound(self, user_id: int, enabled: bool) -> None:
        await self._conn.execute(
            "UPDATE settings SET sound_enabled = ? WHERE user_id = ?", (int(enabled), user_id)
        )

    async def set_notifications(self, user_id: int, enabled: bool) -> None:
        await self._conn.execute(
            "UPDATE settings SET notifications = ? WHERE user_id = ?", (int(enabled), user_id)
        )

    async def set_spicy(self, user_id: int, enabled: bool) -> None:
        await self._conn.execute(
            "UPDATE settings SET spicy = ? WHERE user_id = ?", (int(enabled), user_id)
        )

    async def set_grammatical_form(self, user_id: int, form: GrammaticalForm) -> None:
        await self._conn.execute(
            "UPDATE settings SET grammatical_form = ? WHERE user_id = ?", (form, user_id)
        )

    async def set_time_zone(self, user_id: int, time_zone: str) -> None:
        await self._conn.execute(
            "UPDATE settings SET time_zone = ? WHERE user_id = ?", (time_zone, user_id)
        )

    async def set_push_minute(self, user_id: int, minute: int | None) -> None:
        await self._conn.execute(
            "UPDATE settings SET push_minute = ? WHERE user_id = ?", (minute, user_id)
        )

    async def plan_push(self, user_id: int, at: datetime | None) -> None:
        """The next daily push to the user (None: none planned)."""
        await self._conn.execute(
            "UPDATE settings SET next_push_at = ? WHERE user_id = ?",
            (None if at is None else to_db(at), user_id),
        )

    async def unplanned_pushes(self, user_ids: Sequence[int]) -> list[int]:
        """Those of `user_ids` who want pushes but have none planned."""
        if not user_ids:
            return []
        marks = ", ".join("?" for _ in user_ids)
        rows = await self._conn.fetch_all(
            f"SELECT user_id FROM settings WHERE user_id IN ({marks})"  # noqa: S608 - marks
            " AND next_push_at IS NULL AND push_minute IS NOT NULL",
            tuple(user_ids),
        )
        return [row["user_id"] for row in rows]

    async def due_pushes(self, now: datetime, limit: int) -> list[DuePush]:
        rows = await self._conn.fetch_all(
            "SELECT user_id, next_push_at, time_zone, language, push_minute FROM settings"
            " WHERE next_push_at IS NOT NULL AND next_push_at <= ?"
            " ORDER BY next_push_at LIMIT ?",
            (to_db(now), limit),
        )
        return [
            DuePush(r["user_id"], r["next_push_at"], r["time_zone"], r["language"], r[4])
            for r in rows
        ]

    async def claim_push(self, user_id: int, due_at: str, then: datetime | None) -> bool:
        """Move a due push on to `then`, if no one else did: True for the one claimer."""
        changed = await self._conn.execute(
            "UPDATE settings SET next_push_at = ? WHERE user_id = ? AND next_push_at = ?",
            (None if then is None else to_db(then), user_id, due_at),
        )
        return changed == 1

    async def next_push(self) -> datetime | None:
        value = await self._conn.fetch_value(
            "SELECT min(next_push_at) FROM settings WHERE next_push_at IS NOT NULL"
        )
        return None if value is None else from_db(value)

    async def delete(self, user_id: int) -> None:
        await self._conn.execute("DELETE FROM settings WHERE user_id = ?", (user_id,))
