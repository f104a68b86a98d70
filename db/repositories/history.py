"""`history`: one row per player per finished game session."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.connection import Connection, Row
from db.timestamps import from_db, to_db

# The /history lines of one user (`h.user_id = ?`): a page query adds its bound and order.
_LINES = (
    "SELECT h.id, h.user_id, h.game_session_id, h.played_at, h.result_short,"
    " g.slug, g.title, CASE WHEN s.partner1_id = h.user_id THEN 0 ELSE 1 END AS seat,"
    " s.result_json"
    " FROM history h"
    " JOIN game_sessions s ON s.id = h.game_session_id"
    " JOIN games g ON g.id = s.game_id"
    " WHERE h.user_id = ?"
)


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


@dataclass(frozen=True)
class PlayedRow:
    """One ended session from one user's side, with what progress rules need."""

    session_id: int
    game_slug: str
    ended_at: datetime
    status: str
    short: str
    partner_short: str
    seat: int
    partner_user_id: int
    result: dict[str, Any]
    rematch: bool


@dataclass(frozen=True)
class HistoryKey:
    """A place in a user's history, which is ordered by (played_at, id), newest first."""

    played_at: datetime
    id: int


@dataclass(frozen=True)
class HistoryLine:
    """A history entry with its game and result, for the /history screen."""

    entry: HistoryEntry
    game_slug: str
    game_title: str
    seat: int
    result: dict[str, Any]


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

    async def add_results(
        self, game_session_id: int, played_at: datetime, results: Sequence[tuple[int, str]]
    ) -> None:
        """One row per (user_id, result_short) of a session that ended, in one statement:
        finishing a game writes both players' rows, and each statement is a round trip."""
        if not results:
            return
        values = ", ".join(["(?, ?, ?, ?)"] * len(results))
        when = to_db(played_at)
        await self._conn.execute(
            "INSERT INTO history (user_id, game_session_id, played_at, result_short)"  # noqa: S608 - placeholders only
            " VALUES " + values,
            tuple(
                value
                for user_id, short in results
                for value in (user_id, game_session_id, when, short)
            ),
        )

    async def page_for_user(self, user_id: int, limit: int, offset: int) -> list[HistoryEntry]:
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, game_session_id, played_at, result_short"
            " FROM history WHERE user_id = ?"
            " ORDER BY played_at DESC, id DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        )
        return [HistoryEntry.from_row(row) for row in rows]

    async def all_for_user(self, user_id: int) -> list[HistoryEntry]:
        """Every entry of the user, newest first (no LIMIT: PostgreSQL refuses LIMIT -1)."""
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, game_session_id, played_at, result_short"
            " FROM history WHERE user_id = ? ORDER BY played_at DESC, id DESC",
            (user_id,),
        )
        return [HistoryEntry.from_row(row) for row in rows]

    async def count_for_user(self, user_id: int) -> int:
        return int(
            await self._conn.fetch_value(
                "SELECT count(*) FROM history WHERE user_id = ?", (user_id,)
            )
        )

    async def played_by(self, user_id: int) -> list[PlayedRow]:
        """Every ended session of the user, oldest first, with the partner's result too."""
        rows = await self._conn.fetch_all(
            _played_sql(results=True) + " ORDER BY h.played_at, h.id", (user_id,)
        )
        return [_played_row(row) for row in rows]

    async def played_tails(
        self, user_ids: Sequence[int], newest: int
    ) -> dict[int, list[PlayedRow]]:
        """The `newest` rows of `played_by` of each user, oldest first, without results
        (each row's `result` is {}: decoding them is most of the cost, and the caller has
        the one it needs). One statement for all (both players of a game that ended), each
        user's own index range, LIMITed."""
        if not user_ids:
            return {}
        one = "SELECT * FROM (" + _played_sql(results=False) + _NEWEST + ") AS tail{n}"  # noqa: S608 - fixed
        rows = await self._conn.fetch_all(
            " UNION ALL ".join(one.format(n=n) for n in range(len(user_ids))),
            tuple(value for user_id in user_ids for value in (user_id, newest)),
        )
        tails: dict[int, list[PlayedRow]] = {user_id: [] for user_id in user_ids}
        for row in rows:
            tails[row["user_id"]].append(_played_row(row))
        for tail in tails.values():
            tail.reverse()  # read newest first (the LIMIT keeps the newest): oldest first
        return tails

    async def lines_for_user(
        self, user_id: int, limit: int, older_than: HistoryKey | None = None
    ) -> list[HistoryLine]:
        """A page of the user's history, newest first, with each game and its result: the
        newest `limit` lines, or the `limit` lines just older than `older_than`.

        Keyset pagination: the row-value bound is a range of history_by_user_time in both
        dialects, so the last page costs what the first does (OFFSET walked the index)."""
        if older_than is None:
            return await self._lines(
                " ORDER BY h.played_at DESC, h.id DESC LIMIT ?", (user_id, limit)
            )
        return await self._lines(
            " AND (h.played_at, h.id) < (?, ?) ORDER BY h.played_at DESC, h.id DESC LIMIT ?",
            (user_id, to_db(older_than.played_at), older_than.id, limit),
        )

    async def lines_newer_than(
        self, user_id: int, newer_than: HistoryKey, limit: int
    ) -> list[HistoryLine]:
        """The `limit` lines just newer than `newer_than`, newest first (read upwards from
        the key: the same index range, walked backwards; then reversed)."""
        lines = await self._lines(
            " AND (h.played_at, h.id) > (?, ?) ORDER BY h.played_at, h.id LIMIT ?",
            (user_id, to_db(newer_than.played_at), newer_than.id, limit),
        )
        return lines[::-1]

    async def _lines(self, bound_and_order: str, params: tuple[object, ...]) -> list[HistoryLine]:
        rows = await self._conn.fetch_all(_LINES + bound_and_order, params)
        return [
            HistoryLine(
                entry=HistoryEntry.from_row(row),
                game_slug=row["slug"] or "",
                game_title=row["title"],
                seat=row["seat"],
                result=json.loads(row["result_json"]) if row["result_json"] else {},
            )
            for row in rows
        ]

    async def delete_for_user(self, user_id: int) -> int:
        return await self._conn.execute("DELETE FROM history WHERE user_id = ?", (user_id,))


_NEWEST = " ORDER BY h.played_at DESC, h.id DESC LIMIT ?"


def _played_sql(*, results: bool) -> str:
    """The ended sessions of the user `?`, for PlayedRow, before their ORDER BY."""
    result_column = "s.result_json" if results else "NULL"
    return (
        "SELECT s.id, g.slug, s.ended_at, s.status, h.result_short,"  # noqa: S608 - fixed
        " coalesce(p.result_short, '') AS partner_short,"
        " CASE WHEN s.partner1_id = h.user_id THEN 0 ELSE 1 END AS seat,"
        " CASE WHEN s.partner1_id = h.user_id THEN s.partner2_id ELSE s.partner1_id END"
        "   AS partner_user_id,"
        " " + result_column + " AS result_json, s.rematch_of, h.user_id"
        " FROM history h"
        " JOIN game_sessions s ON s.id = h.game_session_id"
        " JOIN games g ON g.id = s.game_id"
        " LEFT JOIN history p ON p.game_session_id = s.id AND p.user_id <> h.user_id"
        " WHERE h.user_id = ? AND s.ended_at IS NOT NULL"
    )


def _played_row(row: Row) -> PlayedRow:
    return PlayedRow(
        session_id=row[0],
        game_slug=row[1] or "",
        ended_at=from_db(row[2]),
        status=row[3],
        short=row[4],
        partner_short=row["partner_short"],
        seat=row["seat"],
        partner_user_id=row["partner_user_id"],
        result=json.loads(row["result_json"]) if row["result_json"] else {},
        rematch=row["rematch_of"] is not None,
    )
