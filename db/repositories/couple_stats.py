"""A couple's statistics counted in the database (reads `game_sessions`, `history`, `games`).

The statistics screen (`bot.progress.stats.couple_stats_from_counts`) needs counts, not
sessions: how the user's ended sessions with the partner ended, by game, status and both
players' ``result_short``; the days that count for a streak; and, for the fastest
reactions, the results of the finished reaction duels only. The couple's sessions are
found through game_sessions_by_couple_game_end (migration 7; SQLite counts them without
reading the wide session rows), their history rows through the unique (user_id,
game_session_id) index: a couple's thousandth game costs little more than its first, and
other couples' games cost nothing.

"The user's ended sessions with the partner" are those `HistoryRepository.played_by`
returns with that `partner_user_id`: a session of the two, ended, with a history row of
the user; the partner's ``result_short`` is their row's ("" without one). played_by takes
the row of any other user: the same, as only a session's two players get history rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.connection import Connection
from db.timestamps import from_db

# The user's ended sessions with the partner. Params: the user, then (for _OF_COUPLE) the
# smaller and the larger id of the two.
_SESSIONS = " FROM game_sessions s JOIN history h ON h.game_session_id = s.id AND h.user_id = ?"
_OF_COUPLE = (
    " WHERE min(s.partner1_id, s.partner2_id) = ? AND max(s.partner1_id, s.partner2_id) = ?"
    " AND s.ended_at IS NOT NULL"
)


@dataclass(frozen=True)
class ResultCount:
    """How many of the user's sessions with the partner ended this way."""

    game_slug: str
    """"" for a game without a slug, as in `PlayedRow.game_slug`."""
    status: str
    short: str
    """The user's ``result_short``."""
    partner_short: str
    """The partner's ``result_short``; "" if they have no history row for the session."""
    sessions: int


@dataclass(frozen=True)
class CoupleCounts:
    results: list[ResultCount]
    """One per distinct (game, status, both shorts); a game without a slug may repeat one."""
    active_moments: list[datetime]
    """When each session that counts for a streak ended (distinct, in no particular order):
    its day is the couple's (bot/zones.py), which SQL cannot tell."""


@dataclass(frozen=True)
class SeatedResult:
    """One session's decoded ``result_json`` and the user's seat in it."""

    seat: int
    result: Any
    """None when the column is NULL or does not decode."""


class CoupleStatsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def counts(
        self, user_id: int, partner_id: int, *, daily_slug: str, answered: str
    ) -> CoupleCounts:
        """The user's ended sessions with the partner counted by game, status and both
        players' ``result_short``; and when they finished a game together, or both
        answered a question of the day (slug `daily_slug`, both shorts `answered`):
        the days of the sessions that are a `bot.progress.records.PlayedGame.active_day`.

        Two statements, each a search of the couple's index entries joined to their history
        rows. (One statement over a materialized CTE reads them once, which PostgreSQL
        likes: 40 ms instead of 60 for 11,000 sessions; SQLite does not mind either way,
        but its plan then shows scans, of the CTE, that look like full scans.)"""
        couple = _couple(user_id, partner_id)
        rows = await self._conn.fetch_all(
            "SELECT coalesce(g.slug, '') AS slug, s.status, h.result_short AS short,"
            " coalesce(p.result_short, '') AS partner_short, count(*) AS sessions"
            + _SESSIONS
            + " JOIN games g ON g.id = s.game_id"
            " LEFT JOIN history p ON p.game_session_id = s.id AND p.user_id = ?"
            + _OF_COUPLE
            + " GROUP BY g.id, s.status, h.result_short, coalesce(p.result_short, '')",
            (user_id, partner_id, *couple),
        )
        days = await self._conn.fetch_all(
            "SELECT DISTINCT s.ended_at"  # noqa: S608 - fixed
            + _SESSIONS
            + _OF_COUPLE
            + " AND s.status = 'finished'"
            " AND (s.game_id NOT IN (SELECT id FROM games WHERE slug = ?)"
            "   OR (h.result_short = ? AND EXISTS (SELECT 1 FROM history p"
            "       WHERE p.game_session_id = s.id AND p.user_id = ? AND p.result_short = ?)))",
            (user_id, *couple, daily_slug, answered, partner_id, answered),
        )
        return CoupleCounts(
            results=[
                ResultCount(
                    game_slug=row["slug"],
                    status=row["status"],
                    short=row["short"],
                    partner_short=row["partner_short"],
                    sessions=int(row["sessions"]),
                )
                for row in rows
            ],
            active_moments=[from_db(row["ended_at"]) for row in days],
        )

    async def finished_results(
        self, user_id: int, partner_id: int, game_slug: str
    ) -> list[SeatedResult]:
        """The result of each session of this game the user finished with the partner (the
        only statistics query that reads whole session rows: keep it to one game)."""
        rows = await self._conn.fetch_all(
            "SELECT CASE WHEN s.partner1_id = h.user_id THEN 0 ELSE 1 END AS seat,"  # noqa: S608 - fixed
            " s.result_json"
            + _SESSIONS
            + _OF_COUPLE
            + " AND s.status = 'finished' AND s.game_id IN (SELECT id FROM games WHERE slug = ?)",
            (user_id, *_couple(user_id, partner_id), game_slug),
        )
        return [SeatedResult(row["seat"], _decoded(row["result_json"])) for row in rows]


def _couple(user_a: int, user_b: int) -> tuple[int, int]:
    return min(user_a, user_b), max(user_a, user_b)


def _decoded(document: str | None) -> Any:
    """A JSON column's value; None for NULL or what Python's json does not read (the
    database's json_valid and Python's decoder disagree on a few edge cases)."""
    if document is None:
        return None
    try:
        return json.loads(document)
    except (ValueError, RecursionError):
        return None
