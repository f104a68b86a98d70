"""One SQLite connection with the pragmas Duet relies on, and a small query API."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from db.errors import ConstraintViolation, PartnershipConflict

Params = Sequence[Any]
Row = sqlite3.Row

_PRAGMAS = (
    # WAL lets readers run while one writer commits, also across processes.
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
)


class Connection:
    """Wraps an aiosqlite connection; repositories only see these methods."""

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int) -> Connection:
        # isolation_level=None: no implicit transactions; Database issues BEGIN/COMMIT itself.
        raw = await aiosqlite.connect(path, isolation_level=None)
        raw.row_factory = sqlite3.Row
        await raw.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        for pragma in _PRAGMAS:
            await raw.execute(pragma)
        return cls(raw)

    async def close(self) -> None:
        await self.raw.close()

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            async with self.raw.execute(sql, params) as cursor:
                row: Row | None = await cursor.fetchone()
                return row
        except sqlite3.IntegrityError as error:
            raise _translate(error) from error

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self.raw.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; returns the number of rows it changed."""
        try:
            async with self.raw.execute(sql, params) as cursor:
                return cursor.rowcount
        except sqlite3.IntegrityError as error:
            raise _translate(error) from error


def _translate(error: sqlite3.IntegrityError) -> ConstraintViolation:
    message = str(error)
    if "one active partnership per user" in message or "partnerships.user" in message:
        return PartnershipConflict(message)
    return ConstraintViolation(message)
