"""`partnerships`: couples; at most one active partnership per user (enforced by the schema)."""

from __future__ import annotations

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

    async def get(self, partnership_id: int) -> Partnership | None:
        row = await self._conn.fetch_one(
            "SELECT id, user1_id, user2_id, connected_at, is_active, ended_at"
            " FROM partnerships WHERE id = ?",
            (partnership_id,),
        )
        return None if row is None else Partnership.from_row(row)

    async def end(self, partnership_id: int, now: datetime) -> bool:
        """Deactivate; returns False when it was not active (someone else ended it)."""
        changed = await self._conn.execute(
            "UPDATE partnerships SET is_active = 0, ended_at = ? WHERE id = ? AND is_active = 1",
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
