"""The database handle services use: units of work over a pool, on SQLite or PostgreSQL."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, ClassVar

from db.dialect import Dialect
from db.unit_of_work import UnitOfWork

__all__ = ["Database", "DatabaseError", "UnitOfWork", "database_for"]


class DatabaseError(Exception):
    """The database cannot be opened or prepared."""


class Database(ABC):
    """Units of work over a pool of connections (db/sqlite.py, db/postgres.py).

    `Database(path)` is SQLite, the zero-setup default (and what every caller meant before
    PostgreSQL existed); `Database.for_url(url)` is PostgreSQL. Both give the same units
    of work: `transaction()` commits on success and rolls back on any exception; `read()`
    is a consistent read-only snapshot.
    """

    dialect: ClassVar[Dialect]
    created = False
    """Set by `open`: the database had no schema yet (a new, empty one was prepared)."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives, for logs: an absolute file path, or host, port and
        database name (never a password)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Database:
        if cls is Database:
            # Imported here: db.sqlite imports this module.
            from db.sqlite import SqliteDatabase

            cls = SqliteDatabase
        return super().__new__(cls)

    @classmethod
    def for_url(cls, url: str, **options: Any) -> Database:
        """PostgreSQL at a `postgresql://` URL (asyncpg, imported only when used)."""
        try:
            from db.postgres import PostgresDatabase  # imported here: asyncpg is optional
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise DatabaseError("PostgreSQL needs asyncpg: pip install -e '.[scale]'") from error
        return PostgresDatabase(url, **options)

    @abstractmethod
    async def open(self, *, schema_version: int | None = None) -> None:
        """Open the pool and migrate the schema (to `schema_version`, default latest)."""

    @abstractmethod
    async def close(self) -> None:
        """Close every connection."""

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A write transaction: commits on success, rolls back on any exception."""

    @abstractmethod
    def read(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A read-only snapshot."""

    @abstractmethod
    def query(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """For one read statement: no transaction around it (a single statement sees one
        snapshot anyway), which saves the BEGIN and ROLLBACK round trips. Hot paths only
        (the user behind every update, a renderer's revision check); use `read()` for
        several statements that must agree."""

    @abstractmethod
    def single_write(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """For one write statement that commits by itself, with no BEGIN and COMMIT around
        it. Hot paths only, and only where one statement is the whole change (a plain
        move's version-checked update); use `transaction()` for anything more."""

    @abstractmethod
    async def check_integrity(self) -> list[str]:
        """Problems found in the stored data and schema (empty when healthy)."""


def database_for(
    url: str | None, path: Path, *, sqlite_checkpoint_interval: float = 0.0
) -> Database:
    """PostgreSQL when a URL is given (DATABASE_URL), else the SQLite file (DATABASE_PATH),
    its log checkpointed in the background every `sqlite_checkpoint_interval` seconds
    (0: by the commits, SQLite's default; see `SqliteDatabase`)."""
    if url is not None:
        return Database.for_url(url)
    from db.sqlite import SqliteDatabase  # imported here: db.sqlite imports this module

    return SqliteDatabase(path, checkpoint_interval=sqlite_checkpoint_interval)
