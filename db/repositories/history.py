"""`history`: one row per player per finished game session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db, to_db


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    user_id: int
    game_session_id: int
    played_at: datetime
    result_short: str

    @classmethod
    def from_row(cls, row: Row) -> HistoryEntry:
        return cls(
            id=row["id"],
            user_id=row["user_id"],
            game_session_id=row["game_session_id"],
            played_at=from_db(row["played_at"]),
            result_short=row["result_short"],
        )


class HistoryRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def add(
        self, user_id: int, game_session_id: int, played_at: datetime, result_short: str
    ) -> HistoryEntry:
        row = await self._conn.fetch_one(
            "INSERT INTO history (user_id, game_session_id, played_at, result_short)"
            " VALUES (?, ?, ?, ?) RETURNING id, user_id, game_session_id, played_at, result_short",
            (user_id, game_session_id, to_db(played_at), result_short),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return HistoryEntry.from_row(row)

    async def page_for_user(self, user_id: int, limit: int, offset: int) -> list[HistoryEntry]:
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, game_session_id, played_at, result_short"
            " FROM history WHERE user_id = ?"
            " ORDER BY played_at DESC, id DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        )
        return [HistoryEntry.from_row(row) for row in rows]

    async def count_for_user(self, user_id: int) -> int:
        return int(
            await self._conn.fetch_value(
                "SELECT count(*) FROM history WHERE user_id = ?", (user_id,)
            )
        )
