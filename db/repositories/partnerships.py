"""`partnerships`: couples; at most one active partnership per user (enforced by the schema)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db, from_db_optional, to_db


@dataclass(frozen=True)
class Partnership:
    id: int
    user1_id: int
    user2_id: int
    connected_at: datetime
    is_active: bool
    ended_at: datetime | None

    def partner_of(self, user_id: int) -> int:
        return self.user2_id if user_id == self.user1_id else self.user1_id

    @classmethod
    def from_row(cls, row: Row) -> Partnership:
        return cls(
            id=row["id"],
            user1_id=row["user1_id"],
            user2_id=row["user2_id"],
            connected_at=from_db(row["connected_at"]),
            is_active=bool(row["is_active"]),
            ended_at=from_db_optional(row["ended_at"]),
        )


@dataclass(frozen=True)
class StoredStats:
    """A partnership's kept statistics summary (migration 8) and the version it was read at."""

    partnership_id: int
    version: int
    document: str | None
    """`bot.progress.summary.CoupleSummary.dump`'s JSON; None when not counted yet."""


class PartnershipsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(self, user1_id: int, user2_id: int, now: datetime) -> Partnership:
        """Raises PartnershipConflict when either user already has an active partner."""
        row = await self._conn.fetch_one(
            "INSERT INTO partnerships (user1_id, user2_id, connected_at, is_active)"
            " VALUES (?, ?, ?, 1)"
            " RETURNING id, user1_id, user2_id, connected_at, is_active, ended_at",
            (user1_id, user2_id, to_db(now)),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return Partnership.from_row(row)

    async def active_for(self, user_id: int) -> Partnership | None:
        # Two index lookups (the partial unique indexes) instead of an OR that scans.
        row = await self._conn.fetch_one(
            "SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE user1_id = ? AND is_active = 1"
            " UNION ALL SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE user2_id = ? AND is_active = 1",
            (user_id, user_id),
        )
        return None if row is None else Partnership.from_row(row)

    async def packs(self, partnership_id: int) -> tuple[str, ...] | None:
        """The packs the couple chose (never the 18+ one: each partner says yes to that in
        their settings); None when they chose none, which means the default."""
        value = await self._conn.fetch_value(
            "SELECT packs FROM partnerships WHERE id = ?", (partnership_id,)
        )
        return None if value is None else tuple(p for p in str(value).split(",") if p)

    async def set_packs(self, partnership_id: int, packs: Sequence[str]) -> None:
        await self._conn.execute(
            "UPDATE partnerships SET packs = ? WHERE id = ?", (",".join(packs), partnership_id)
        )

    async def mark_announced(self, partnership_id: int, now: datetime) -> None:
        """The inviter was told that the couple is made."""
        await self._conn.execute(
            "UPDATE partnerships SET announced_at = ? WHERE id = ? AND announced_at IS NULL",
            (to_db(now), partnership_id),
        )

    async def unannounced(self) -> list[Partnership]:
        """Active couples whose inviter was not told yet (a crash right after linking)."""
        rows = await self._conn.fetch_all(
            "SELECT id, user1_id, user2_id, connected_at, is_active, ended_at FROM partnerships"
            " WHERE announced_at IS NULL AND is_active = 1 ORDER BY id"
        )
        return [Partnership.from_row(row) for row in rows]

    async def get(self, partnership_id: int) -> Partnership | None:
        row = await self._conn.fetch_one(
            "SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE id = ?",
            (partnership_id,),
        )
        return None if row is None else Partnership.from_row(row)

    async def end(self, partnership_id: int, now: datetime) -> bool:
        """Deactivate; returns False when it was not active (someone else ended it). The
        kept statistics go: nothing advances them any more."""
        changed = await self._conn.execute(
            "UPDATE partnerships SET is_active = 0, ended_at = ?, stats_json = NULL,"
            " stats_version = stats_version + 1 WHERE id = ? AND is_active = 1",
            (to_db(now), partnership_id),
        )
        return changed == 1

    async def all_for(self, user_id: int) -> list[Partnership]:
        rows = await self._conn.fetch_all(
            "SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE user1_id = ?"
            " UNION SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE user2_id = ? ORDER BY id",
            (user_id, user_id),
        )
        return [Partnership.from_row(row) for row in rows]

    # -- the couple's kept statistics (migration 8) ---------------------------------------
    #
    # A summary counted from history is stored only at the version read before counting
    # (`store_stats`); every finish rewrites it at a new version (`advance_stats`). Either
    # write goes through the row (a lock on PostgreSQL, the one writer on SQLite), so
    # whichever commits second sees the other's version: a count that missed a finish is
    # never stored, and a finish never advances a summary it did not read.

    async def stats_of(self, partnership_id: int) -> StoredStats | None:
        row = await self._conn.fetch_one(
            "SELECT id, stats_version, stats_json FROM partnerships WHERE id = ?",
            (partnership_id,),
        )
        return None if row is None else StoredStats(row[0], row[1], row[2])

    async def active_stats_between(self, user_a: int, user_b: int) -> StoredStats | None:
        """The kept statistics of the two users' active partnership; None if they have none."""
        row = await self._conn.fetch_one(
            "SELECT id, stats_version, stats_json FROM partnerships"
            " WHERE user1_id = ? AND user2_id = ? AND is_active = 1"
            " UNION ALL SELECT id, stats_version, stats_json FROM partnerships"
            " WHERE user1_id = ? AND user2_id = ? AND is_active = 1",
            (user_a, user_b, user_b, user_a),
        )
        return None if row is None else StoredStats(row[0], row[1], row[2])

    async def advance_stats(self, read: StoredStats, document: str | None) -> None:
        """After a finish: `document` (None: drop the summary) if the version is still the
        one `read` was taken at, else NULL (someone stored a count meanwhile that may not
        include this finish). Always a new version."""
        await self._conn.execute(
            "UPDATE partnerships SET stats_json = CASE WHEN stats_version = ? THEN ? END,"
            " stats_version = stats_version + 1 WHERE id = ?",
            (read.version, document, read.partnership_id),
        )

    async def store_stats(self, read: StoredStats, document: str) -> bool:
        """A summary counted after `read`; stored only if no finish came since (False)."""
        changed = await self._conn.execute(
            "UPDATE partnerships SET stats_json = ?, stats_version = stats_version + 1"
            " WHERE id = ? AND stats_version = ? AND is_active = 1",
            (document, read.partnership_id, read.version),
        )
        return changed == 1

    async def forget_stats(self, partnership_id: int) -> None:
        """Drop the kept summary: the next statistics screen counts from history again."""
        await self._conn.execute(
            "UPDATE partnerships SET stats_json = NULL, stats_version = stats_version + 1"
            " WHERE id = ?",
            (partnership_id,),
        )

    async def pause_pushes(self, partnership_id: int, now: datetime) -> bool:
        """Pause the couple's daily pushes; True for the one caller that paused them."""
        changed = await self._conn.execute(
            "UPDATE partnerships SET pushes_paused_at = ?"
            " WHERE id = ? AND is_active = 1 AND pushes_paused_at IS NULL",
            (to_db(now), partnership_id),
        )
        return changed == 1

    async def resume_pushes(self, partnership_id: int) -> None:
        await self._conn.execute(
            "UPDATE partnerships SET pushes_paused_at = NULL"
            " WHERE id = ? AND pushes_paused_at IS NOT NULL",
            (partnership_id,),
        )

    async def pushes_paused(self, partnership_id: int) -> bool:
        value = await self._conn.fetch_value(
            "SELECT pushes_paused_at FROM partnerships WHERE id = ?", (partnership_id,)
        )
        return value is not None
