"""`own_questions`: questions a partner wrote for their couple (migration 12)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from db.connection import Connection, Row
from db.timestamps import from_db, from_db_optional, to_db

_COLUMNS = "id, partnership_id, author_id, prompt, options_json, created_at, asked_at"
_SELECT = f"SELECT {_COLUMNS} FROM own_questions"  # noqa: S608 - a fixed column list
_INSERT = (
    "INSERT INTO own_questions (partnership_id, author_id, prompt, options_json, created_at)"
    " VALUES (?, ?, ?, ?, ?)"
    " RETURNING id, partnership_id, author_id, prompt, options_json, created_at, asked_at"
)


@dataclass(frozen=True)
class OwnQuestion:
    id: int
    partnership_id: int
    author_id: int
    prompt: str
    options: tuple[str, ...]
    """Empty: answered in words."""
    created_at: datetime
    asked_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> OwnQuestion:
        options = json.loads(row["options_json"]) if row["options_json"] else []
        return cls(
            id=row["id"],
            partnership_id=row["partnership_id"],
            author_id=row["author_id"],
            prompt=row["prompt"],
            options=tuple(str(option) for option in options),
            created_at=from_db(row["created_at"]),
            asked_at=from_db_optional(row["asked_at"]),
        )


def _options_json(options: tuple[str, ...]) -> str | None:
    return json.dumps(list(options), ensure_ascii=False) if options else None


class OwnQuestionsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def add(
        self,
        partnership_id: int,
        author_id: int,
        prompt: str,
        options: tuple[str, ...],
        now: datetime,
    ) -> OwnQuestion:
        row = await self._conn.fetch_one(
            _INSERT,
            (partnership_id, author_id, prompt, _options_json(options), to_db(now)),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return OwnQuestion.from_row(row)

    async def of_partnership(self, partnership_id: int) -> list[OwnQuestion]:
        """The couple's questions, oldest first."""
        rows = await self._conn.fetch_all(
            _SELECT + " WHERE partnership_id = ? ORDER BY id",
            (partnership_id,),
        )
        return [OwnQuestion.from_row(row) for row in rows]

    async def with_options(self, partnership_id: int) -> list[OwnQuestion]:
        """The couple's questions answered by a choice (the quiz asks those), oldest first."""
        rows = await self._conn.fetch_all(
            _SELECT + " WHERE partnership_id = ? AND options_json IS NOT NULL ORDER BY id",
            (partnership_id,),
        )
        return [OwnQuestion.from_row(row) for row in rows]

    async def count_by(self, partnership_id: int, author_id: int) -> int:
        return int(
            await self._conn.fetch_value(
                "SELECT count(*) FROM own_questions WHERE partnership_id = ? AND author_id = ?",
                (partnership_id, author_id),
            )
        )

    async def get(self, question_id: int, partnership_id: int) -> OwnQuestion | None:
        """The question, if it belongs to this couple."""
        row = await self._conn.fetch_one(
            _SELECT + " WHERE id = ? AND partnership_id = ?",
            (question_id, partnership_id),
        )
        return None if row is None else OwnQuestion.from_row(row)

    async def take_next(self, partnership_id: int, now: datetime) -> OwnQuestion | None:
        """The oldest question the couple was not asked yet, marked asked."""
        row = await self._conn.fetch_one(
            _SELECT + " WHERE partnership_id = ? AND asked_at IS NULL ORDER BY id LIMIT 1",
            (partnership_id,),
        )
        if row is None:
            return None
        changed = await self._conn.execute(
            "UPDATE own_questions SET asked_at = ? WHERE id = ? AND asked_at IS NULL",
            (to_db(now), row["id"]),
        )
        return OwnQuestion.from_row(row) if changed == 1 else None

    async def unask(self, question_id: int) -> None:
        """Undo `take_next` (the partner's transaction made the day's question first)."""
        await self._conn.execute(
            "UPDATE own_questions SET asked_at = NULL WHERE id = ?", (question_id,)
        )

    async def edit(
        self, question_id: int, author_id: int, prompt: str, options: tuple[str, ...]
    ) -> bool:
        """Rewrite an author's question; False when it is not theirs (or gone)."""
        changed = await self._conn.execute(
            "UPDATE own_questions SET prompt = ?, options_json = ? WHERE id = ? AND author_id = ?",
            (prompt, _options_json(options), question_id, author_id),
        )
        return changed == 1

    async def delete(self, question_id: int, author_id: int) -> bool:
        changed = await self._conn.execute(
            "DELETE FROM own_questions WHERE id = ? AND author_id = ?", (question_id, author_id)
        )
        return changed == 1

    async def delete_by_author(self, author_id: int) -> int:
        return await self._conn.execute(
            "DELETE FROM own_questions WHERE author_id = ?", (author_id,)
        )

    async def written_by(self, author_id: int) -> list[OwnQuestion]:
        rows = await self._conn.fetch_all(
            _SELECT + " WHERE author_id = ? ORDER BY id",
            (author_id,),
        )
        return [OwnQuestion.from_row(row) for row in rows]
