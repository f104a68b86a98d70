"""`invites`: single-use invitation tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db, from_db_optional, to_db


@dataclass(frozen=True)
class Invite:
    id: int
    token: str
    created_by: int
    created_at: datetime
    used_by: int | None
    used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> Invite:
        return cls(
            id=row["id"],
            token=row["token"],
            created_by=row["created_by"],
            created_at=from_db(row["created_at"]),
            used_by=row["used_by"],
            used_at=from_db_optional(row["used_at"]),
            revoked_at=from_db_optional(row["revoked_at"]),
        )


class InvitesRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(self, token: str, created_by: int, now: datetime) -> Invite:
        row = await self._conn.fetch_one(
            "INSERT INTO invites (token, created_by, created_at) VALUES (?, ?, ?)"
            " RETURNING id, token, created_by, created_at, used_by, used_at, revoked_at",
            (token, created_by, to_db(now)),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return Invite.from_row(row)

    async def get_by_token(self, token: str) -> Invite | None:
        row = await self._conn.fetch_one(
            "SELECT id, token, created_by, created_at, used_by, used_at, revoked_at"
            " FROM invites WHERE token = ?",
            (token,),
        )
        return None if row is None else Invite.from_row(row)

    async def revoke_open_by(self, created_by: int, now: datetime) -> int:
        """Retire every unused invite of a user; returns how many."""
        return await self._conn.execute(
            "UPDATE invites SET revoked_at = ?"
            " WHERE created_by = ? AND used_by IS NULL AND revoked_at IS NULL",
            (to_db(now), created_by),
        )

    async def revoke(self, invite_id: int, now: datetime) -> bool:
        changed = await self._conn.execute(
            "UPDATE invites SET revoked_at = ?"
            " WHERE id = ? AND used_by IS NULL AND revoked_at IS NULL",
            (to_db(now), invite_id),
        )
        return changed == 1

    async def mark_used(self, invite_id: int, used_by: int, now: datetime) -> bool:
        """Consume an open invite; False when it was used or revoked meanwhile."""
        changed = await self._conn.execute(
            "UPDATE invites SET used_by = ?, used_at = ?"
            " WHERE id = ? AND used_by IS NULL AND revoked_at IS NULL",
            (used_by, to_db(now), invite_id),
        )
        return changed == 1

    async def set_message_id(self, invite_id: int, message_id: int) -> None:
        """The inviter's message that shows the link."""
        await self._conn.execute(
            "UPDATE invites SET message_id = ? WHERE id = ?", (message_id, invite_id)
        )

    async def message_id_of(self, invite_id: int) -> int | None:
        value = await self._conn.fetch_value(
            "SELECT message_id FROM invites WHERE id = ?", (invite_id,)
        )
        return None if value is None else int(value)

    async def count_created_since(self, created_by: int, since: datetime) -> int:
        return int(
            await self._conn.fetch_value(
                "SELECT count(*) FROM invites WHERE created_by = ? AND created_at >= ?",
                (created_by, to_db(since)),
            )
        )

    async def created_by(self, user_id: int) -> list[Invite]:
        rows = await self._conn.fetch_all(
            "SELECT id, token, created_by, created_at, used_by, used_at, revoked_at"
            " FROM invites WHERE created_by = ? ORDER BY id",
            (user_id,),
        )
        return [Invite.from_row(row) for row in rows]

    async def delete_created_by(self, user_id: int) -> int:
        return await self._conn.execute("DELETE FROM invites WHERE created_by = ?", (user_id,))
