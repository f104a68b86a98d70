"""`achievements`: the catalogue of achievements."""

from __future__ import annotations

from dataclasses import dataclass

from db.connection import Connection, Row


@dataclass(frozen=True)
class Achievement:
    id: int
    emoji: str
    title: str
    description: str
    goal: int

    @classmethod
    def from_row(cls, row: Row) -> Achievement:
        return cls(row["id"], row["emoji"], row["title"], row["description"], row["goal"])


class AchievementsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(self, emoji: str, title: str, description: str, goal: int) -> Achievement:
        row = await self._conn.fetch_one(
            "INSERT INTO achievements (emoji, title, description, goal)"
            " VALUES (?, ?, ?, ?) RETURNING id, emoji, title, description, goal",
            (emoji, title, description, goal),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return Achievement.from_row(row)

    async def upsert(self, slug: str, emoji: str, title: str, description: str, goal: int) -> None:
        """Insert or refresh an achievement defined in the code."""
        await self._conn.execute(
            "INSERT INTO achievements (slug, emoji, title, description, goal)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (slug) DO UPDATE SET emoji = excluded.emoji, title = excluded.title,"
            " description = excluded.description, goal = excluded.goal",
            (slug, emoji, title, description, goal),
        )

    async def ids_by_slug(self) -> dict[str, int]:
        rows = await self._conn.fetch_all(
            "SELECT slug, id FROM achievements WHERE slug IS NOT NULL"
        )
        return {row[0]: row[1] for row in rows}

    async def list_all(self) -> list[Achievement]:
        rows = await self._conn.fetch_all(
            "SELECT id, emoji, title, description, goal FROM achievements ORDER BY id"
        )
        return [Achievement.from_row(row) for row in rows]
