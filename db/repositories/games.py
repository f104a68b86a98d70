"""`games`: the catalogue of games shown in the menu."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.connection import Connection, Row


@dataclass(frozen=True)
class GameRecord:
    id: int
    slug: str | None
    title: str
    description: str
    category: str
    animation_url: str | None
    is_active: bool

    @classmethod
    def from_row(cls, row: Row) -> GameRecord:
        return cls(
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            description=row["description"],
            category=row["category"],
            animation_url=row["animation_url"],
            is_active=bool(row["is_active"]),
        )


class GamesRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def create(
        self, title: str, description: str, category: str, animation_url: str | None
    ) -> GameRecord:
        row = await self._conn.fetch_one(
            "INSERT INTO games (title, description, category, animation_url, is_active)"
            " VALUES (?, ?, ?, ?, 1)"
            " RETURNING id, slug, title, description, category, animation_url, is_active",
            (title, description, category, animation_url),
        )
        assert row is not None  # RETURNING always yields the inserted row
        return GameRecord.from_row(row)

    async def upsert(
        self, slug: str, title: str, description: str, category: str, animation_url: str | None
    ) -> None:
        """Insert or refresh a game from the code's registry; `is_active` is the operator's."""
        await self._conn.execute(
            "INSERT INTO games (slug, title, description, category, animation_url, is_active)"
            " VALUES (?, ?, ?, ?, ?, 1)"
            " ON CONFLICT (slug) DO UPDATE SET title = excluded.title,"
            " description = excluded.description, category = excluded.category,"
            " animation_url = excluded.animation_url",
            (slug, title, description, category, animation_url),
        )

    async def deactivate_unknown(self, known_slugs: Sequence[str]) -> int:
        """Games no longer in the code cannot be played: hide them."""
        placeholders = ", ".join("?" for _ in known_slugs)
        return await self._conn.execute(
            "UPDATE games SET is_active = 0"  # noqa: S608 - only "?" placeholders are joined
            f" WHERE is_active = 1 AND (slug IS NULL OR slug NOT IN ({placeholders}))",
            tuple(known_slugs),
        )

    async def get(self, game_id: int) -> GameRecord | None:
        row = await self._conn.fetch_one(
            "SELECT id, slug, title, description, category, animation_url, is_active"
            " FROM games WHERE id = ?",
            (game_id,),
        )
        return None if row is None else GameRecord.from_row(row)

    async def get_by_slug(self, slug: str) -> GameRecord | None:
        row = await self._conn.fetch_one(
            "SELECT id, slug, title, description, category, animation_url, is_active"
            " FROM games WHERE slug = ?",
            (slug,),
        )
        return None if row is None else GameRecord.from_row(row)

    async def list_active(self) -> list[GameRecord]:
        rows = await self._conn.fetch_all(
            "SELECT id, slug, title, description, category, animation_url, is_active"
            " FROM games WHERE is_active = 1 AND slug IS NOT NULL ORDER BY id"
        )
        return [GameRecord.from_row(row) for row in rows]
