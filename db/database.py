"""The database handle: a small connection pool and units of work."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from db.connection import Connection
from db.migrations import SCHEMA_PATH, SchemaError, load_migrations, migrate
from db.unit_of_work import UnitOfWork

__all__ = ["Database", "DatabaseError", "UnitOfWork"]


class DatabaseError(Exception):
    """The database file cannot be opened or prepared."""


class Database:
    """A pool of SQLite connections to one file.

    Every unit of work holds one connection for its whole life, so two transactions
    are never interleaved on one connection. Writes start with BEGIN IMMEDIATE: the
    write lock is taken up front, which avoids deadlocks between readers upgrading to
    writers (in this process or another one sharing the file).
    """

    def __init__(
        self,
        path: Path,
        *,
        pool_size: int = 4,
        busy_timeout_ms: int = 10_000,
        schema_path: Path = SCHEMA_PATH,
    ) -> None:
        self.path = path
        self._pool_size = pool_size
        self._busy_timeout_ms = busy_timeout_ms
        self._schema_path = schema_path
        self._idle: asyncio.Queue[Connection] = asyncio.Queue()
        self._all: list[Connection] = []

    async def open(self, *, schema_version: int | None = None) -> None:
        """Open the pool and migrate the schema (to `schema_version`, default latest)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            first = await Connection.open(self.path, busy_timeout_ms=self._busy_timeout_ms)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseError(f"cannot open {self.path}: {error}") from error
        self._all.append(first)
        try:
            await migrate(first, load_migrations(self._schema_path), schema_version)
        except sqlite3.Error as error:
            await self.close()
            raise DatabaseError(f"cannot prepare {self.path}: {error}") from error
        except SchemaError as error:
            await self.close()
            raise DatabaseError(str(error)) from error
        self._idle.put_nowait(first)
        for _ in range(self._pool_size - 1):
            conn = await Connection.open(self.path, busy_timeout_ms=self._busy_timeout_ms)
            self._all.append(conn)
            self._idle.put_nowait(conn)

    async def close(self) -> None:
        for conn in self._all:
            await conn.close()
        self._all.clear()
        self._idle = asyncio.Queue()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        conn = await self._idle.get()
        try:
            yield conn
        finally:
            self._idle.put_nowait(conn)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """A write transaction: commits on success, rolls back on any exception."""
        async with self._connection() as conn:
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield UnitOfWork(conn)
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[UnitOfWork]:
        """A read-only snapshot (a deferred transaction that is never written to)."""
        async with self._connection() as conn:
            await conn.execute("BEGIN")
            try:
                yield UnitOfWork(conn)
            finally:
                await conn.execute("ROLLBACK")

    async def check_integrity(self) -> list[str]:
        """`PRAGMA integrity_check` and `foreign_key_check` problems (empty when healthy)."""
        async with self._connection() as conn:
            problems = [row[0] for row in await conn.fetch_all("PRAGMA integrity_check")]
            problems = [p for p in problems if p != "ok"]
            for row in await conn.fetch_all("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {tuple(row)}")
            return problems
