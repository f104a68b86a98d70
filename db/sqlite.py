"""SQLite (aiosqlite): the zero-setup default, one database file."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from db.connection import Connection, Params, Row
from db.database import Database, DatabaseError
from db.errors import ConstraintViolation, PartnershipConflict
from db.migrations import SCHEMA_PATH, SchemaError, current_version, load_migrations, migrate
from db.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


_PRAGMAS = (
    # WAL lets readers run while one writer commits, also across processes.
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
)


def _preflight(path: Path) -> None:
    """Open and read the file once without aiosqlite.

    When aiosqlite cannot open a file, its worker thread still answers the failed connect
    through the event loop; if the process then exits at once (exit code 2), the thread finds
    the loop closed and prints a traceback after our one-line message. A plain sqlite3 open
    fails the same way with no thread behind it.
    """
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    finally:
        conn.close()


class SqliteConnection(Connection):
    """Wraps an aiosqlite connection."""

    dialect = "sqlite"

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw
        # A unit's BEGIN rides along with its first statement (see begin_unit), and
        # whether it has been sent.
        self._opening: str | None = None
        self._opened = False

    @classmethod
    async def open(
        cls, path: Path, *, busy_timeout_ms: int, autocheckpoint: bool = True
    ) -> SqliteConnection:
        # isolation_level=None: no implicit transactions; Database issues BEGIN/COMMIT itself.
        raw = await aiosqlite.connect(path, isolation_level=None)
        try:
            raw.row_factory = sqlite3.Row
            await raw.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            for pragma in _PRAGMAS:
                await _patiently(raw, pragma, busy_timeout_ms / 1000)
            if not autocheckpoint:  # SqliteDatabase checkpoints on a connection of its own
                await raw.execute("PRAGMA wal_autocheckpoint = 0")
        except BaseException:
            await raw.close()  # its thread would keep the process alive
            raise
        return cls(raw)

    async def close(self) -> None:
        await self.raw.close()

    # Each call below is one hop to aiosqlite's thread and back (execute_fetchall runs and
    # fetches in one go): with `async with execute()` + fetch + close it was three, and
    # the hops, not SQLite, were most of a statement's cost (tests/benchmarks).

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            await self._open_unit()
            rows: list[Row] = list(await self.raw.execute_fetchall(sql, params))
        except sqlite3.IntegrityError as error:
            raise _translate(error) from error
        return rows

    async def execute(self, sql: str, params: Params = ()) -> int:
        try:
            await self._open_unit()
            # The statement has run to its end when execute() returns; the cursor holds
            # nothing worth a hop to close (the garbage collector does it).
            cursor = await self.raw.execute(sql, params)
        except sqlite3.IntegrityError as error:
            raise _translate(error) from error
        return cursor.rowcount

    # A unit of work's BEGIN waits for the unit's first statement: a unit that runs no
    # statement costs no hop. Everything goes through aiosqlite's public methods.

    def begin_unit(self, begin: str) -> None:
        """Start a unit of work with `begin` (BEGIN or BEGIN IMMEDIATE), sent with its first
        statement."""
        self._opening, self._opened = begin, False

    async def commit_unit(self) -> None:
        """Commit the unit; nothing to commit if it ran nothing."""
        if self._end_unit():
            # Never skipped: if SQLite ended the transaction itself, COMMIT says so.
            await self.raw.execute("COMMIT")

    async def roll_back_unit(self) -> None:
        """Roll the unit back; nothing to undo if it ran nothing."""
        if self._end_unit():
            # Queued after whatever the unit sent (a caller cancelled while its statement
            # ran is rolled back after it). A BEGIN that failed (busy) left nothing to undo.
            try:
                await self.raw.execute("ROLLBACK")
            except sqlite3.OperationalError as error:
                if "no transaction is active" not in str(error):
                    raise

    def _end_unit(self) -> bool:
        """Forget the unit; True if its BEGIN was sent."""
        opened = self._opened
        self._opening, self._opened = None, False
        return opened

    async def _open_unit(self) -> None:
        opening = self._opening
        if opening is not None:
            # Opened before the await: a caller cancelled during BEGIN still rolls back.
            self._opening, self._opened = None, True
            await self.raw.execute(opening)

    async def run_together(self, steps: Sequence[Awaitable[Any]]) -> list[Any]:
        """All at once: each step runs to its first statement, which joins the thread's queue
        in the steps' order, and the thread runs them back to back (a finish reads three
        things at once). Every step runs to its end; the
        first failure, in the steps' order, is then raised."""
        await self._open_unit()  # before the steps: the BEGIN goes first
        results = await asyncio.gather(*steps, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return results

    async def lock_users(self, user_ids: Iterable[int]) -> bool:
        """Nothing to do: a write transaction (BEGIN IMMEDIATE) already excludes every
        other writer, in this process and in any other one sharing the file."""
        return False


async def _patiently(raw: aiosqlite.Connection, pragma: str, patience: float) -> None:
    """Run a pragma, retrying "database is locked" for up to `patience` seconds.

    Switching a fresh file to WAL while another process creates it can report a busy
    database without calling the busy handler (seen with several workers starting at once).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    delay = 0.01
    while True:
        try:
            await raw.execute(pragma)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or loop.time() + delay > deadline:
                raise
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.2)


def _opened(conn: SqliteConnection | None) -> SqliteConnection:
    if conn is None:
        raise DatabaseError("the database is not open")
    return conn


def _translate(error: sqlite3.IntegrityError) -> ConstraintViolation:
    message = str(error)
    if "one active partnership per user" in message or "partnerships.user" in message:
        return PartnershipConflict(message)
    return ConstraintViolation(message)


class SqliteDatabase(Database):
    """A pool of SQLite connections to one file.

    Every unit of work holds one connection for its whole life, so two transactions
    are never interleaved on one connection. Writes start with BEGIN IMMEDIATE: the
    write lock is taken up front, which avoids deadlocks between readers upgrading to
    writers (in this process or another one sharing the file).

    Single statements outside a transaction (`query()`, `single_write()`: the user behind
    every update, a plain move's read and write) hold no pooled connection: they queue on
    one shared connection for reads and one for writes, each its own implicit
    transaction. Under load, those of concurrent updates queue up behind each other and
    the connection's thread runs them back to back, where a pooled connection's thread
    slept and woke for each: 10-15% less CPU per move at 1,000 couples (tests/benchmarks).
    Writes have a connection of their own so that a write waiting for the write lock
    never holds up a read (in WAL, reads never wait).

    With a `checkpoint_interval`, the write-ahead log is copied back into the database
    file every that many seconds, by a task on a connection of its own, instead of by
    whichever commit first finds the log past 1,000 pages. That commit used to wait for
    the copy and its fsync: 40 ms on a 2.7 GB database, the p99 of finishing a game
    (tests/benchmarks). A PASSIVE checkpoint blocks neither readers nor the writer, and
    another process sharing the file may checkpoint too (SQLite serializes them).
    """

    dialect = "sqlite"

    def __init__(
        self,
        path: Path,
        *,
        pool_size: int = 4,
        busy_timeout_ms: int = 10_000,
        schema_path: Path = SCHEMA_PATH,
        checkpoint_interval: float = 0.0,
    ) -> None:
        self.path = path
        self._pool_size = pool_size
        self._busy_timeout_ms = busy_timeout_ms
        self._schema_path = schema_path
        self._checkpoint_interval = checkpoint_interval
        self._idle: asyncio.Queue[SqliteConnection] = asyncio.Queue()
        self._all: list[SqliteConnection] = []
        self._checkpointer: SqliteConnection | None = None
        self._checkpoints: asyncio.Task[None] | None = None
        # Shared by every single-statement unit (never begun, so never in a transaction).
        self._single_reads: SqliteConnection | None = None
        self._single_writes: SqliteConnection | None = None

    async def _open_connection(self, *, autocheckpoint: bool) -> SqliteConnection:
        conn = await SqliteConnection.open(
            self.path, busy_timeout_ms=self._busy_timeout_ms, autocheckpoint=autocheckpoint
        )
        self._all.append(conn)
        return conn

    async def open(self, *, schema_version: int | None = None) -> None:
        background = self._checkpoint_interval > 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _preflight(self.path)
            first = await self._open_connection(autocheckpoint=not background)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseError(
                f"{self.location}: cannot open it ({error}); its folder must be writable"
            ) from error
        try:
            self.created = await current_version(first) == 0
            await migrate(first, load_migrations(self._schema_path), schema_version)
            await _check_writable(first)
        except sqlite3.Error as error:
            await self.close()
            if "readonly" in str(error):
                raise DatabaseError(
                    f"{self.location}: read-only; Duet needs to write it and its folder"
                ) from error
            raise DatabaseError(f"{self.location}: cannot prepare it ({error})") from error
        except SchemaError as error:
            await self.close()
            raise DatabaseError(str(error)) from error
        self._idle.put_nowait(first)
        try:
            for _ in range(self._pool_size - 1):
                self._idle.put_nowait(await self._open_connection(autocheckpoint=not background))
            self._single_reads = await self._open_connection(autocheckpoint=not background)
            self._single_writes = await self._open_connection(autocheckpoint=not background)
            if background:
                self._checkpointer = await self._open_connection(autocheckpoint=False)
        except sqlite3.Error as error:
            await self.close()
            raise DatabaseError(f"{self.location}: cannot open it ({error})") from error
        if background:
            self._checkpoints = asyncio.create_task(self._run_checkpoints())

    @property
    def location(self) -> str:
        return str(self.path.resolve())

    async def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.cancel()
            # Whatever ended the task, the connections below must close: each one's thread
            # would keep the process alive. (The task's end is returned, not raised; only a
            # cancellation of close() itself propagates.)
            await asyncio.gather(self._checkpoints, return_exceptions=True)
            self._checkpoints = None
        # The last connection to close checkpoints the whole log whatever the setting.
        for conn in self._all:
            await conn.close()
        self._all.clear()
        self._checkpointer = None
        self._single_reads = self._single_writes = None
        self._idle = asyncio.Queue()

    async def checkpoint(self) -> tuple[int, int]:
        """Copy what the write-ahead log holds back into the database file, as far as no
        reader still needs it (PASSIVE). Returns (frames in the log, frames copied)."""
        conn = self._checkpointer
        if conn is None:
            raise RuntimeError("checkpoints run only with a checkpoint_interval, once open")
        row = await conn.fetch_one("PRAGMA wal_checkpoint(PASSIVE)")
        assert row is not None  # the pragma always answers one row
        return int(row[1]), int(row[2])

    async def _run_checkpoints(self) -> None:
        # Only close() ends this loop: with autocheckpoint off, a loop that died on an
        # unexpected error would let the log grow without bound.
        while True:
            await asyncio.sleep(self._checkpoint_interval)
            try:
                await self.checkpoint()
            except sqlite3.Error as error:  # busy or I/O: the next round tries again
                logger.warning("SQLite checkpoint failed: %s", error)
            except Exception:
                logger.exception("SQLite checkpoint failed unexpectedly; retrying")

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[SqliteConnection]:
        conn = await self._idle.get()
        try:
            yield conn
        finally:
            self._idle.put_nowait(conn)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        async with self._connection() as conn:
            conn.begin_unit("BEGIN IMMEDIATE")
            try:
                yield UnitOfWork(conn)
            except BaseException:
                await conn.roll_back_unit()
                raise
            await conn.commit_unit()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[UnitOfWork]:
        # A deferred transaction that is never written to: one snapshot for the unit.
        async with self._connection() as conn:
            conn.begin_unit("BEGIN")
            try:
                yield UnitOfWork(conn)
            finally:
                await conn.roll_back_unit()

    @asynccontextmanager
    async def query(self) -> AsyncIterator[UnitOfWork]:
        yield UnitOfWork(_opened(self._single_reads))

    @asynccontextmanager
    async def single_write(self) -> AsyncIterator[UnitOfWork]:
        yield UnitOfWork(_opened(self._single_writes))

    async def check_integrity(self) -> list[str]:
        """`PRAGMA integrity_check` and `foreign_key_check` problems (empty when healthy)."""
        async with self._connection() as conn:
            problems = [row[0] for row in await conn.fetch_all("PRAGMA integrity_check")]
            problems = [p for p in problems if p != "ok"]
            for row in await conn.fetch_all("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {tuple(row)}")
            return problems


async def _check_writable(conn: SqliteConnection) -> None:
    """Fail now, not at the first move, when the file cannot be written (a read-only file,
    folder or mount: SQLite then opens it read-only, and only writes fail)."""
    version = await current_version(conn)
    await conn.execute("BEGIN IMMEDIATE")
    try:
        # PRAGMA takes no parameters; the value is the int just read.
        await conn.execute(f"PRAGMA user_version = {int(version)}")
    finally:
        await conn.execute("ROLLBACK")
