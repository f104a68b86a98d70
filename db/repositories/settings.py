"""`settings`: one row of preferences per user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from db.connection import Connection, Row

_COLUMNS = "user_id, theme, language, sound_enabled, notifications, spicy, grammatical_form"

Theme = Literal["light", "dark"]
Language = Literal["en", "ru"]
GrammaticalForm = Literal["male", "female", "neutral"]


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

    async def delete(self, user_id: int) -> None:
        await self._conn.execute("DELETE FROM settings WHERE user_id = ?", (user_id,))
