"""`asked_questions`: which questions each couple was asked, by bank and round (migration 11)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.connection import Connection


@dataclass(frozen=True)
class AskedSoFar:
    round: int
    this_round: frozenset[str]
    recent: tuple[str, ...]
    """The last ones asked, oldest first."""


class AskedQuestionsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def so_far(self, partnership_id: int, bank: str, recent: int) -> AskedSoFar:
        """The couple's current round of `bank`, what it asked, and the last `recent`."""
        current = await self._conn.fetch_value(
            "SELECT max(round) FROM asked_questions WHERE partnership_id = ? AND bank = ?",
            (partnership_id, bank),
        )
        round_number = 0 if current is None else int(current)
        rows = await self._conn.fetch_all(
            "SELECT question_id FROM asked_questions"
            " WHERE partnership_id = ? AND bank = ? AND round = ?",
            (partnership_id, bank, round_number),
        )
        last = await self._conn.fetch_all(
            "SELECT question_id FROM asked_questions WHERE partnership_id = ? AND bank = ?"
            " ORDER BY id DESC LIMIT ?",
            (partnership_id, bank, recent),
        )
        return AskedSoFar(
            round_number,
            frozenset(row[0] for row in rows),
            tuple(row[0] for row in reversed(last)),
        )

    async def record(
        self, partnership_id: int, bank: str, picks: Sequence[tuple[str, int]]
    ) -> None:
        """Questions just asked, each with its round, in the order asked."""
        for question_id, round_number in picks:
            await self._conn.execute(
                "INSERT INTO asked_questions (partnership_id, bank, question_id, round)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (partnership_id, bank, question_id, round_number),
            )
