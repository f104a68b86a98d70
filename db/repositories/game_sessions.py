"""`game_sessions`: one row per game a couple started, with its live state while it runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from db.connection import Connection, Row, RowPart
from db.repositories.users import UserUnit, unit_columns, unit_from_row
from db.timestamps import from_db, from_db_optional, to_db

_COLUMNS = (
    "id, game_id, partner1_id, partner2_id, started_at, ended_at, result_json,"
    " status, state_json, version, wake_at, last_action_at, partner1_message_id,"
    " partner2_message_id, rematch_of, day, partnership_id"
)
# The guard of every write to an open session: its couple is still together (migration 9).
_COUPLE_ACTIVE = (
    "EXISTS (SELECT 1 FROM partnerships p"
    " WHERE p.id = game_sessions.partnership_id AND p.is_active = 1)"
)
_SELECT = f"SELECT {_COLUMNS} FROM game_sessions"  # noqa: S608 - fixed column list
# The session and its two players (a row each, named p_*: see get_with_players).
_SELECT_WITH_PLAYERS = (
    "SELECT "  # noqa: S608 - fixed column lists
    + ", ".join(f"g.{name.strip()}" for name in _COLUMNS.split(","))
    + f", {unit_columns('p_')}"
    " FROM game_sessions g JOIN users u ON u.id IN (g.partner1_id, g.partner2_id)"
    " LEFT JOIN settings s ON s.user_id = u.id"
)


# (version, partner1_message_id, partner2_message_id): a session's rendered screens change
# exactly when one of these does.
Revision = tuple[int, int | None, int | None]


class Status(StrEnum):
    INVITED = "invited"
    LIVE = "live"
    FINISHED = "finished"
    ABANDONED = "abandoned"
    DECLINED = "declined"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (Status.INVITED, Status.LIVE)


@dataclass(frozen=True)
class GameSession:
    id: int
    game_id: int
    partner1_id: int
    partner2_id: int
    started_at: datetime
    ended_at: datetime | None
    result: dict[str, Any] | None
    status: Status
    state: dict[str, Any] | None
    version: int
    wake_at: float | None
    last_action_at: float | None
    partner1_message_id: int | None
    partner2_message_id: int | None
    rematch_of: int | None
    day: str | None = None  # the question of the day's UTC date; None for games
    partnership_id: int | None = None  # None only for sessions ended before migration 9

    @property
    def players(self) -> tuple[int, int]:
        return self.partner1_id, self.partner2_id

    def seat_of(self, user_id: int) -> int | None:
        if user_id == self.partner1_id:
            return 0
        if user_id == self.partner2_id:
            return 1
        return None

    def message_id(self, seat: int) -> int | None:
        return self.partner1_message_id if seat == 0 else self.partner2_message_id

    @property
    def revision(self) -> Revision:
        return self.version, self.partner1_message_id, self.partner2_message_id

    @classmethod
    def from_row(cls, row: Row) -> GameSession:
        result, state = row["result_json"], row["state_json"]
        return cls(
            id=row["id"],
            game_id=row["game_id"],
            partner1_id=row["partner1_id"],
            partner2_id=row["partner2_id"],
            started_at=from_db(row["started_at"]),
            ended_at=from_db_optional(row["ended_at"]),
            result=None if result is None else json.loads(result),
            status=Status(row["status"]),
            state=None if state is None else json.loads(state),
            version=row["version"],
            wake_at=row["wake_at"],
            last_action_at=row["last_action_at"],
            partner1_message_id=row["partner1_message_id"],
            partner2_message_id=row["partner2_message_id"],
            rematch_of=row["rematch_of"],
            day=row["day"],
            partnership_id=row["partnership_id"],
        )


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class GameSessionsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(
        self,
        game_id: int,
        partner1_id: int,
        partner2_id: int,
        now: datetime,
        *,
        partnership_id: int,
        status: Status = Status.INVITED,
        wake_at: float | None = None,
        rematch_of: int | None = None,
    ) -> GameSession:
        """A new session (an invitation by default) of the couple `partnership_id`. Raises
        ConstraintViolation when the couple already has an open one."""
        row = await self._conn.fetch_one(
            "INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at, status,"  # noqa: S608
            " wake_at, last_action_at, rematch_of, partnership_id)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
            (
                game_id,
                partner1_id,
                partner2_id,
                to_db(now),
                status.value,
                wake_at,
                now.timestamp(),
                rematch_of,
                partnership_id,
            ),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return GameSession.from_row(row)

    async def get(self, session_id: int) -> GameSession | None:
        row = await self._conn.fetch_one(f"{_SELECT} WHERE id = ?", (session_id,))
        return None if row is None else GameSession.from_row(row)

    async def get_with_players(
        self, session_id: int
    ) -> tuple[GameSession, dict[int, UserUnit]] | None:
        """The session and both players with their settings, by id, in one statement (a row
        per player, each carrying the session): what rendering a move needs."""
        rows = await self._conn.fetch_all(f"{_SELECT_WITH_PLAYERS} WHERE g.id = ?", (session_id,))
        if not rows:
            return None
        units = [unit_from_row(RowPart(row, "p_")) for row in rows]
        return GameSession.from_row(rows[0]), {unit[0].id: unit for unit in units}

    async def revision_of(self, session_id: int) -> Revision | None:
        """What a rendered screen depends on: the version and both players' message ids
        (cheap: a renderer checks it showed the newest)."""
        row = await self._conn.fetch_one(
            "SELECT version, partner1_message_id, partner2_message_id"
            " FROM game_sessions WHERE id = ?",
            (session_id,),
        )
        return None if row is None else (row[0], row[1], row[2])

    async def open_for_user(self, user_id: int) -> GameSession | None:
        """The invited-or-live game the user is part of (at most one per couple)."""
        row = await self._conn.fetch_one(
            f"{_SELECT} WHERE partner1_id = ? AND status IN ('invited', 'live') AND day IS NULL"
            f" UNION ALL {_SELECT}"
            " WHERE partner2_id = ? AND status IN ('invited', 'live') AND day IS NULL"
            " ORDER BY id DESC LIMIT 1",
            (user_id, user_id),
        )
        return None if row is None else GameSession.from_row(row)

    async def open_of_partnership(self, partnership_id: int) -> list[GameSession]:
        """Every open session of a couple: its game, if any, and its question of the day."""
        rows = await self._conn.fetch_all(
            f"{_SELECT} WHERE partnership_id = ? AND status IN ('invited', 'live') ORDER BY id",
            (partnership_id,),
        )
        return [GameSession.from_row(row) for row in rows]

    async def open_between(self, user_a: int, user_b: int) -> GameSession | None:
        row = await self._conn.fetch_one(
            f"{_SELECT} WHERE min(partner1_id, partner2_id) = ? AND"
            " max(partner1_id, partner2_id) = ? AND status IN ('invited', 'live')"
            " AND day IS NULL",
            (min(user_a, user_b), max(user_a, user_b)),
        )
        return None if row is None else GameSession.from_row(row)

    async def update(
        self,
        session: GameSession,
        *,
        status: Status | None = None,
        state: dict[str, Any] | None = None,
        wake_at: float | None = None,
        last_action_at: float | None = None,
        started_at: datetime | None = None,
    ) -> GameSession | None:
        """Write a new state if nobody changed the session since `session` was read and its
        couple is still together.

        Returns the stored session, or None when the version moved on (the caller reloads
        and retries) or the couple ended. `wake_at` is always written (None clears the timer).
        """
        row = await self._conn.fetch_one(
            "UPDATE game_sessions SET status = ?, state_json = ?, wake_at = ?,"  # noqa: S608
            " last_action_at = ?, started_at = ?, version = version + 1"
            f" WHERE id = ? AND version = ? AND {_COUPLE_ACTIVE} RETURNING {_COLUMNS}",
            (
                (status or session.status).value,
                _json(state if state is not None else session.state),
                wake_at,
                last_action_at if last_action_at is not None else session.last_action_at,
                to_db(started_at or session.started_at),
                session.id,
                session.version,
            ),
        )
        return None if row is None else GameSession.from_row(row)

    async def finish(
        self,
        session: GameSession,
        *,
        status: Status,
        now: datetime,
        result: dict[str, Any] | None,
        state: dict[str, Any] | None = None,
    ) -> GameSession | None:
        """End the session (version-checked, and only while its couple is together: whatever
        ends a couple ends its sessions first); None when someone else changed it first or
        the couple ended."""
        row = await self._conn.fetch_one(
            "UPDATE game_sessions SET status = ?, ended_at = ?, result_json = ?,"  # noqa: S608
            " state_json = ?, wake_at = NULL, version = version + 1"
            f" WHERE id = ? AND version = ? AND {_COUPLE_ACTIVE} RETURNING {_COLUMNS}",
            (
                status.value,
                to_db(now),
                _json(result),
                _json(state if state is not None else session.state),
                session.id,
                session.version,
            ),
        )
        return None if row is None else GameSession.from_row(row)

    async def mark_rendered(self, session_id: int, version: int) -> None:
        """Both chats showed `version` (never moves back: renders may report out of order)."""
        await self._conn.execute(
            "UPDATE game_sessions SET rendered_version = ? WHERE id = ?"
            " AND (rendered_version IS NULL OR rendered_version < ?)",
            (version, session_id, version),
        )

    async def unrendered(self, limit: int = 1000) -> list[int]:
        """Open sessions whose chats may show an older state than the stored one."""
        rows = await self._conn.fetch_all(
            "SELECT id FROM game_sessions WHERE status IN ('invited', 'live')"
            " AND (rendered_version IS NULL OR rendered_version < version)"
            " ORDER BY id LIMIT ?",
            (limit,),
        )
        return [row[0] for row in rows]

    async def set_message_id(self, session_id: int, seat: int, message_id: int) -> None:
        """Remember a player's game message (not versioned: it changes no game state)."""
        column = "partner1_message_id" if seat == 0 else "partner2_message_id"
        await self._conn.execute(
            f"UPDATE game_sessions SET {column} = ? WHERE id = ?",  # noqa: S608 - fixed names
            (message_id, session_id),
        )

    async def due(self, now: float, limit: int = 50) -> list[GameSession]:
        """Open sessions whose timer is due."""
        rows = await self._conn.fetch_all(
            f"{_SELECT} WHERE wake_at <= ? AND status IN ('invited', 'live')"
            " ORDER BY wake_at LIMIT ?",
            (now, limit),
        )
        return [GameSession.from_row(row) for row in rows]

    async def next_wake(self) -> float | None:
        value = await self._conn.fetch_value(
            "SELECT min(wake_at) FROM game_sessions WHERE status IN ('invited', 'live')"
        )
        return None if value is None else float(value)

    async def count_between(self, user_a: int, user_b: int) -> int:
        """Games the two users played to an end together, in either seat order."""
        return int(
            await self._conn.fetch_value(
                "SELECT (SELECT count(*) FROM game_sessions"
                "        WHERE partner1_id = ? AND partner2_id = ? AND ended_at IS NOT NULL"
                "        AND status IN ('finished', 'abandoned') AND day IS NULL)"
                "     + (SELECT count(*) FROM game_sessions"
                "        WHERE partner1_id = ? AND partner2_id = ? AND ended_at IS NOT NULL"
                "        AND status IN ('finished', 'abandoned') AND day IS NULL)",
                (user_a, user_b, user_b, user_a),
            )
        )

    async def create_daily(
        self,
        game_id: int,
        partner1_id: int,
        partner2_id: int,
        now: datetime,
        day: str,
        state: dict[str, Any],
        *,
        partnership_id: int,
    ) -> GameSession | None:
        """Today's question for a couple; None if it already exists (someone else made it)."""
        row = await self._conn.fetch_one(
            "INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at, status,"
            " state_json, last_action_at, day, partnership_id)"
            " VALUES (?, ?, ?, ?, 'live', ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (
                game_id,
                partner1_id,
                partner2_id,
                to_db(now),
                _json(state),
                now.timestamp(),
                day,
                partnership_id,
            ),
        )
        return None if row is None else await self.get(row["id"])

    async def daily_of(self, partnership_id: int, day: str) -> GameSession | None:
        """The couple's question of `day`, unless it was voided."""
        row = await self._conn.fetch_one(
            f"{_SELECT} WHERE partnership_id = ? AND day = ? AND status <> 'cancelled'",
            (partnership_id, day),
        )
        return None if row is None else GameSession.from_row(row)

    async def dailies_between(
        self, user_a: int, user_b: int, limit: int, offset: int
    ) -> list[GameSession]:
        """The couple's questions of the day that either answered, newest first."""
        rows = await self._conn.fetch_all(
            f"{_SELECT} WHERE min(partner1_id, partner2_id) = ? AND"
            " max(partner1_id, partner2_id) = ? AND day IS NOT NULL AND answered_at IS NOT NULL"
            " ORDER BY day DESC LIMIT ? OFFSET ?",
            (min(user_a, user_b), max(user_a, user_b), limit, offset),
        )
        return [GameSession.from_row(row) for row in rows]

    async def count_dailies(self, user_a: int, user_b: int) -> int:
        return int(
            await self._conn.fetch_value(
                "SELECT count(*) FROM game_sessions WHERE min(partner1_id, partner2_id) = ?"
                " AND max(partner1_id, partner2_id) = ? AND day IS NOT NULL"
                " AND answered_at IS NOT NULL",
                (min(user_a, user_b), max(user_a, user_b)),
            )
        )

    async def all_for(self, user_id: int) -> list[GameSession]:
        """Every session the user took part in, oldest first."""
        rows = await self._conn.fetch_all(
            f"{_SELECT} WHERE partner1_id = ? UNION ALL {_SELECT} WHERE partner2_id = ?"
            " ORDER BY id",
            (user_id, user_id),
        )
        return [GameSession.from_row(row) for row in rows]

    async def mark_answered(self, session_id: int, now: datetime) -> None:
        """A question of the day was answered now (seven silent days pause the pushes)."""
        await self._conn.execute(
            "UPDATE game_sessions SET answered_at = ? WHERE id = ?", (to_db(now), session_id)
        )

    async def last_answered(self, partnership_id: int) -> datetime | None:
        """When the couple last answered a question of the day."""
        value = await self._conn.fetch_value(
            "SELECT max(answered_at) FROM game_sessions"
            # The status term lets SQLite use the one-question-a-day index (without it, a
            # scan of every session: quadratic for a push to every couple).
            " WHERE partnership_id = ? AND day IS NOT NULL AND status <> 'cancelled'",
            (partnership_id,),
        )
        return None if value is None else from_db(value)

    async def set_documents(
        self, session: GameSession, state: dict[str, Any] | None, result: dict[str, Any] | None
    ) -> GameSession | None:
        """Rewrite a session's state and result if nobody changed it since `session` was
        read (reactions and replies on a revealed question of the day); None otherwise."""
        row = await self._conn.fetch_one(
            "UPDATE game_sessions SET state_json = ?, result_json = ?,"  # noqa: S608
            f" version = version + 1 WHERE id = ? AND version = ? RETURNING {_COLUMNS}",
            (_json(state), _json(result), session.id, session.version),
        )
        return None if row is None else GameSession.from_row(row)

    async def rewrite_documents(
        self, session_id: int, state: dict[str, Any] | None, result: dict[str, Any] | None
    ) -> None:
        """Rewrite an ended session's state and result (erasing a deleted player's name and
        words); a new version, so that screens showing them are drawn again."""
        await self._conn.execute(
            "UPDATE game_sessions SET state_json = ?, result_json = ?, version = version + 1"
            " WHERE id = ?",
            (_json(state), _json(result), session_id),
        )
