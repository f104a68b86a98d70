"""PostgreSQL (asyncpg), for several workers sharing one database (DATABASE_URL).

Concurrency: write units of work run at READ COMMITTED, PostgreSQL's default. Unlike
SQLite, writers do not wait for each other as a whole, so every rule is kept race-free
statement by statement:
- conditional writes (`UPDATE ... WHERE version = ?`, `... WHERE used_by IS NULL`): a
  second writer waits for the first one's row lock, re-checks the condition on the
  committed row and changes nothing; the caller sees 0 rows and retries or refuses;
- unique indexes and `ON CONFLICT` for "at most one" rules (one open game per couple,
  one question of the day, one user per Telegram id);
- per-user advisory locks (`UnitOfWork.lock_users`, and the partnership triggers) where a
  rule spans several statements or rows.
`read()` is REPEATABLE READ READ ONLY: one snapshot for the unit, like SQLite's.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information

from db.connection import Connection, Params, Row
from db.database import Database, DatabaseError
from db.dialect import postgres_query
from db.errors import ConstraintViolation, PartnershipConflict
from db.migrations import SCHEMA_PATH, Migration, SchemaError, load_migrations
from db.unit_of_work import UnitOfWork

# pg_advisory_xact_lock(namespace, key) namespaces: "DUET" in ASCII, and the next one for
# users (the same constant as duet_lock_user in schema.sql).
MIGRATION_LOCK = (0x44554554, 0)
VERSION_TABLE = "duet_schema_version"
_PARTNERSHIP_INDEXES = ("partnerships_active_user1", "partnerships_active_user2")
_STATUS_COUNT = re.compile(r"(\d+)$")


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresConnection(Connection):
    """One pooled asyncpg connection for the length of a unit of work."""

    dialect = "postgres"

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            row: Row | None = await self.raw.fetchrow(postgres_query(sql), *params)
        except (asyncpg.IntegrityConstraintViolationError, asyncpg.RaiseError) as error:
            raise _translate(error) from error
        return row

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            rows: list[Row] = await self.raw.fetch(postgres_query(sql), *params)
        except (asyncpg.IntegrityConstraintViolationError, asyncpg.RaiseError) as error:
            raise _translate(error) from error
        return rows

    async def execute(self, sql: str, params: Params = ()) -> int:
        try:
            status: str = await self.raw.execute(postgres_query(sql), *params)
        except (asyncpg.IntegrityConstraintViolationError, asyncpg.RaiseError) as error:
            raise _translate(error) from error
        # The command tag: "UPDATE 2", "INSERT 0 1", "DELETE 0"; the last number is the rows.
        count = _STATUS_COUNT.search(status)
        return 0 if count is None else int(count.group(1))

    async def lock_users(self, user_ids: Iterable[int]) -> bool:
        for user_id in user_ids:  # the caller sorted them
            await self.raw.execute("SELECT duet_lock_user($1)", user_id)
        return True


def _translate(error: Exception) -> ConstraintViolation:
    message = str(error)
    constraint = getattr(error, "constraint_name", None)
    if "one active partnership per user" in message or constraint in _PARTNERSHIP_INDEXES:
        return PartnershipConflict(message)
    return ConstraintViolation(message)


async def schema_version(raw: Any) -> int:
    """The version recorded in `duet_schema_version` (0 for an empty database)."""
    if await raw.fetchval("SELECT to_regclass($1)", VERSION_TABLE) is None:
        return 0
    return int(await raw.fetchval(f"SELECT version FROM {VERSION_TABLE}") or 0)  # noqa: S608


_stored_version = schema_version  # for `open`, whose argument has the same name


async def migrate(raw: Any, migrations: tuple[Migration, ...], target: int | None = None) -> int:
    """Bring the database up to `target` (default: latest); returns the resulting version.

    Each migration is one transaction (PostgreSQL's DDL is transactional) taken under an
    advisory lock, and re-reads the version once it holds the lock: workers starting
    together apply each migration exactly once, the others wait and then find it done.
    The lock is taken before BEGIN (a session lock, released right after COMMIT or
    ROLLBACK, or by the server if the worker dies), not with pg_advisory_xact_lock inside
    the transaction: a transaction that began while another worker was migrating keeps
    that worker's new tables out of its catalog cache, and would try to create them again
    (tests/db/test_migrations.py starts four workers on an empty database).
    """
    latest = migrations[-1].version
    goal = latest if target is None else target
    version = await schema_version(raw)
    if version > latest:
        raise SchemaError(
            f"the database is at schema version {version}, newer than this Duet "
            f"({latest}); upgrade Duet"
        )
    for migration in migrations:
        if migration.version > goal:
            break
        if migration.version <= version:
            continue
        await raw.execute("SELECT pg_advisory_lock($1, $2)", *MIGRATION_LOCK)
        try:
            async with raw.transaction():
                if await schema_version(raw) >= migration.version:
                    continue
                for statement in migration.statements:
                    await raw.execute(statement)
                await raw.execute(
                    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE}"
                    " (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
                )
                await raw.execute(
                    f"INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, $1)"  # noqa: S608
                    " ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    migration.version,
                )
        finally:
            await raw.execute("SELECT pg_advisory_unlock($1, $2)", *MIGRATION_LOCK)
    return await schema_version(raw)


# What check_integrity() looks for. PostgreSQL keeps its constraints itself, so there is no
# equivalent of SQLite's integrity_check; these find what can still go wrong: an index left
# invalid (an interrupted CREATE INDEX CONCURRENTLY), a constraint added NOT VALID and never
# validated, a disabled trigger, and data breaking the one-active-partnership rule (which a
# trigger enforces, so a bulk load with triggers off could bypass it).
_INTEGRITY_CHECKS = (
    (
        "invalid index",
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid",
    ),
    (
        "unvalidated constraint",
        "SELECT conname FROM pg_constraint"
        " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated",
    ),
    (
        "disabled trigger",
        "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE c.relnamespace = current_schema()::regnamespace"
        " AND NOT t.tgisinternal AND t.tgenabled = 'D'",
    ),
    (
        "user with several active partnerships",
        "SELECT user_id FROM (SELECT user1_id AS user_id FROM partnerships WHERE is_active = 1"
        " UNION ALL SELECT user2_id FROM partnerships WHERE is_active = 1) AS seats"
        " GROUP BY user_id HAVING count(*) > 1",
    ),
)


async def _leave_session_as_is(raw: Any) -> None:
    """Skip asyncpg's reset query when a connection returns to the pool (one round trip
    per unit of work): units of work leave no session state behind. Their locks and
    settings are transaction-scoped, and the transaction is always closed (asyncpg rolls
    back one that is left open before calling this)."""


class PostgresDatabase(Database):
    """An asyncpg pool; every unit of work holds one connection in one transaction."""

    dialect = "postgres"

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        connect_timeout: float = 10.0,
        schema_path: Path = SCHEMA_PATH,
    ) -> None:
        self.url = url
        self._pool_size = pool_size
        self._connect_timeout = connect_timeout
        self._schema_path = schema_path
        self._pool: Any = None

    async def open(self, *, schema_version: int | None = None) -> None:
        where = redact(self.url)
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=self._pool_size,
                timeout=self._connect_timeout,
                server_settings={"application_name": "duet"},
                reset=_leave_session_as_is,
            )
        except (TimeoutError, OSError, asyncpg.PostgresError, ValueError) as error:
            raise DatabaseError(f"cannot connect to {where}: {error}") from error
        try:
            async with self._pool.acquire() as raw:
                self.created = await _stored_version(raw) == 0
                await migrate(raw, load_migrations(self._schema_path, "postgres"), schema_version)
        except asyncpg.PostgresError as error:
            await self.close()
            raise DatabaseError(f"cannot prepare {where}: {error}") from error
        except SchemaError as error:
            await self.close()
            raise DatabaseError(str(error)) from error

    @property
    def location(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        async with self._pool.acquire() as raw, raw.transaction():
            yield UnitOfWork(PostgresConnection(raw))

    @asynccontextmanager
    async def read(self) -> AsyncIterator[UnitOfWork]:
        async with (
            self._pool.acquire() as raw,
            raw.transaction(isolation="repeatable_read", readonly=True),
        ):
            yield UnitOfWork(PostgresConnection(raw))

    @asynccontextmanager
    async def query(self) -> AsyncIterator[UnitOfWork]:
        async with self._pool.acquire() as raw:
            yield UnitOfWork(PostgresConnection(raw))

    def single_write(self) -> AbstractAsyncContextManager[UnitOfWork]:
        return self.query()  # outside a transaction, a statement commits by itself

    async def check_integrity(self) -> list[str]:
        problems = []
        async with self.read() as uow:
            for problem, sql in _INTEGRITY_CHECKS:
                for row in await uow.conn.fetch_all(sql):
                    problems.append(f"{problem}: {row[0]}")
        return problems
