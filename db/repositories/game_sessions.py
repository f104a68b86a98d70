"""`game_sessions`: one row per game a couple started."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.connection import Connection, Row
from db.timestamps import from_db, from_db_optional, to_db


@dataclass(frozen=True)
class GameSession:
    id: int
    game_id: int
    partner1_id: int
    partner2_id: int
    started_at: datetime
    ended_at: datetime | None
    result: dict[str, Any] | None

    @classmethod
    def from_row(cls, row: Row) -> GameSession:
        raw = row["result_json"]
        return cls(
            id=row["id"],
            game_id=row["game_id"],
            partner1_id=row["partner1_id"],
            partner2_id=row["partner2_id"],
            started_at=from_db(row["started_at"]),
            ended_at=from_db_optional(row["ended_at"]),
            result=None if raw is None else json.loads(raw),
        )


class GameSessionsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(
        self, game_id: int, partner1_id: int, partner2_id: int, now: datetime
    ) -> GameSession:
        row = await self._conn.fetch_one(
            "INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at)"
            " VALUES (?, ?, ?, ?)"
            " RETURNING id, game_id, partner1_id, partner2_id, started_at, ended_at, result_json",
            (game_id, partner1_id, partner2_id, to_db(now)),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return GameSession.from_row(row)

    async def get(self, session_id: int) -> GameSession | None:
        row = await self._conn.fetch_one(
            "SELECT id, game_id, partner1_id, partner2_id, started_at, ended_at, result_json"
            " FROM game_sessions WHERE id = ?",
            (session_id,),
        )
        return None if row is None else GameSession.from_row(row)

    async def finish(self, session_id: int, now: datetime, result: dict[str, Any]) -> bool:
        """Record the end once; False when the session had already ended."""
        changed = await self._conn.execute(
            "UPDATE game_sessions SET ended_at = ?, result_json = ?"
            " WHERE id = ? AND ended_at IS NULL",
            (to_db(now), json.dumps(result, ensure_ascii=False, sort_keys=True), session_id),
        )
        return changed == 1

    async def count_between(self, user_a: int, user_b: int) -> int:
        """Finished sessions the two users played together, in either seat order."""
        return int(
            await self._conn.fetch_value(
                "SELECT (SELECT count(*) FROM game_sessions"
                "        WHERE partner1_id = ? AND partner2_id = ? AND ended_at IS NOT NULL)"
                "     + (SELECT count(*) FROM game_sessions"
                "        WHERE partner1_id = ? AND partner2_id = ? AND ended_at IS NOT NULL)",
                (user_a, user_b, user_b, user_a),
            )
        )
