"""The owner's view (/stats): counts over the whole database.

Not on any user's path: a few statements that may read whole tables, run when an owner asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection
from db.timestamps import to_db


@dataclass(frozen=True)
class OwnerCounts:
    users: int
    couples: int
    games_started_today: int
    games_started_week: int
    games_finished_today: int
    games_finished_week: int
    live_games: int
    daily_answered_today: int
    daily_answered_week: int
    database_bytes: int


class OwnerStatsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def counts(self, today: datetime, week: datetime) -> OwnerCounts:
        """`today` and `week`: where today (UTC midnight) and the last 7 days begin."""
        conn = self._conn
        users = await conn.fetch_value("SELECT count(*) FROM users WHERE deleted_at IS NULL")
        couples = await conn.fetch_value("SELECT count(*) FROM partnerships WHERE is_active = 1")
        since_today, since_week = to_db(today), to_db(week)
        games = await conn.fetch_one(
            "SELECT"
            " coalesce(sum(CASE WHEN day IS NULL AND started_at >= ? THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN day IS NULL THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN day IS NULL AND status = 'finished' AND ended_at >= ?"
            "   THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN day IS NULL AND status = 'finished' AND ended_at >= ?"
            "   THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN day IS NOT NULL AND status = 'finished' AND ended_at >= ?"
            "   THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN day IS NOT NULL AND status = 'finished' AND ended_at >= ?"
            "   THEN 1 ELSE 0 END), 0)"
            " FROM game_sessions WHERE started_at >= ? OR ended_at >= ?",
            (since_today, since_today, since_week, since_today, since_week, since_week, since_week),
        )
        assert games is not None  # an aggregate always answers one row
        live = await conn.fetch_value(
            "SELECT count(*) FROM game_sessions WHERE status = 'live' AND day IS NULL"
        )
        if conn.dialect == "sqlite":
            pages = await conn.fetch_value("PRAGMA page_count")
            page_size = await conn.fetch_value("PRAGMA page_size")
            size = int(pages) * int(page_size)
        else:
            size = int(await conn.fetch_value("SELECT pg_database_size(current_database())"))
        return OwnerCounts(
            users=int(users),
            couples=int(couples),
            games_started_today=int(games[0]),
            games_started_week=int(games[1]),
            games_finished_today=int(games[2]),
            games_finished_week=int(games[3]),
            live_games=int(live),
            daily_answered_today=int(games[4]),
            daily_answered_week=int(games[5]),
            database_bytes=size,
        )
