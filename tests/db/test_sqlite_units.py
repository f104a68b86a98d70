"""SQLite units of work send their BEGIN just before their first statement (db/sqlite.py):
nothing at all for a unit that runs nothing. Whatever happens
to that first statement (it fails, the database is busy, the caller is cancelled), the
connection goes back to the pool with no transaction open. Single statements share one
connection for reads and one for writes, whatever holds the pool."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from db.database import DatabaseError
from db.sqlite import SqliteConnection, SqliteDatabase

# An INSERT that keeps SQLite busy for a few hundred milliseconds.
SLOW_INSERT = (
    "INSERT INTO scratch (n) SELECT count(*) FROM"
    " (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000)"
    " SELECT x FROM c)"
)


class Traced:
    """The statements SQLite ran on a connection (aiosqlite's public trace callback)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    async def attach(self, conn: SqliteConnection) -> None:
        await conn.raw.set_trace_callback(self.statements.append)

    def take(self) -> list[str]:
        taken = self.statements[:]
        self.statements.clear()
        return taken


async def _open(path: Path, **options: Any) -> SqliteDatabase:
    database = SqliteDatabase(path, pool_size=1, **options)
    await database.open()
    async with database.transaction() as uow:
        await uow.conn.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
    return database


async def _traced(database: SqliteDatabase) -> Traced:
    """Every connection's statements, in the order they ran (the tests here run
    one statement at a time)."""
    traced = Traced()
    for conn in database._all:
        await traced.attach(conn)
    return traced


async def _count(database: SqliteDatabase) -> int:
    async with database.query() as uow:
        return int(await uow.conn.fetch_value("SELECT count(*) FROM scratch"))


async def test_begin_waits_for_the_first_statement(tmp_path: Path) -> None:
    database = await _open(tmp_path / "d.sqlite3")
    try:
        traced = await _traced(database)

        async with database.transaction() as uow:
            await uow.conn.execute("INSERT INTO scratch (n) VALUES (1)")
            assert await uow.conn.fetch_value("SELECT count(*) FROM scratch") == 1
        assert traced.take() == [
            "BEGIN IMMEDIATE",
            "INSERT INTO scratch (n) VALUES (1)",
            "SELECT count(*) FROM scratch",
            "COMMIT",
        ]

        # A read ends with its ROLLBACK, before the connection's next unit.
        async with database.read() as uow:
            assert await uow.conn.fetch_value("SELECT n FROM scratch") == 1
        async with database.transaction() as uow:
            await uow.conn.execute("SELECT 2")
        assert traced.take() == [
            "BEGIN",
            "SELECT n FROM scratch",
            "ROLLBACK",
            "BEGIN IMMEDIATE",
            "SELECT 2",
            "COMMIT",
        ]

        async with database.query() as uow:
            assert await uow.conn.fetch_value("SELECT n FROM scratch") == 1
        assert traced.take() == ["SELECT n FROM scratch"]
    finally:
        await database.close()


async def test_a_unit_that_runs_nothing_costs_nothing(tmp_path: Path) -> None:
    database = await _open(tmp_path / "d.sqlite3")
    try:
        traced = await _traced(database)
        async with database.transaction():
            pass
        async with database.read():
            pass
        with pytest.raises(LookupError):
            async with database.transaction():
                raise LookupError
        assert traced.take() == []
        # And the BEGIN that was never sent does not leak into the connection's next unit.
        async with database.transaction() as uow:
            await uow.conn.execute("INSERT INTO scratch (n) VALUES (7)")
        assert traced.take() == ["BEGIN IMMEDIATE", "INSERT INTO scratch (n) VALUES (7)", "COMMIT"]
    finally:
        await database.close()


async def test_a_failed_unit_rolls_back_and_the_next_one_starts_clean(tmp_path: Path) -> None:
    database = await _open(tmp_path / "d.sqlite3")
    try:
        with pytest.raises(LookupError):
            async with database.transaction() as uow:
                await uow.conn.execute("INSERT INTO scratch (n) VALUES (1)")
                raise LookupError
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            async with database.transaction() as uow:
                await uow.conn.execute("INSERT INTO missing (n) VALUES (1)")
        async with database.transaction() as uow:
            await uow.conn.execute("INSERT INTO scratch (n) VALUES (2)")
        assert await _count(database) == 1
    finally:
        await database.close()


async def test_a_commit_is_never_skipped(tmp_path: Path) -> None:
    """If the transaction ended behind the unit's back (as SQLite's own rollback on some
    errors does), the unit fails instead of reporting a commit that did not happen."""
    database = await _open(tmp_path / "d.sqlite3")
    try:
        with pytest.raises(sqlite3.OperationalError, match="no transaction"):
            async with database.transaction() as uow:
                await uow.conn.execute("INSERT INTO scratch (n) VALUES (1)")
                await uow.conn.execute("ROLLBACK")
        assert await _count(database) == 0
    finally:
        await database.close()


async def test_a_busy_begin_fails_the_first_statement_and_leaves_no_transaction(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.sqlite3"
    holder = await _open(path)
    waiter = await _open(path, busy_timeout_ms=50)  # another process sharing the file
    try:
        async with holder.transaction() as held:
            await held.conn.execute("INSERT INTO scratch (n) VALUES (1)")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                async with waiter.transaction() as uow:
                    await uow.conn.execute("INSERT INTO scratch (n) VALUES (2)")
        # The holder committed; the waiter's connection has no half-open transaction.
        async with waiter.transaction() as uow:
            await uow.conn.execute("INSERT INTO scratch (n) VALUES (3)")
        async with waiter.query() as uow:
            rows = await uow.conn.fetch_all("SELECT n FROM scratch ORDER BY n")
        assert [row[0] for row in rows] == [1, 3]
    finally:
        await waiter.close()
        await holder.close()


async def test_a_read_ends_before_the_next_unit_on_its_connection(tmp_path: Path) -> None:
    """One connection (pool_size=1): each unit starts after the ROLLBACK of the read before
    it, and sees what was committed in between."""
    database = await _open(tmp_path / "d.sqlite3")
    try:
        for n in range(1, 4):
            async with database.read() as uow:
                assert await uow.conn.fetch_value("SELECT count(*) FROM scratch") == n - 1
            async with database.transaction() as uow:
                await uow.conn.execute("INSERT INTO scratch (n) VALUES (?)", (n,))
            async with database.read() as uow:
                assert await uow.conn.fetch_value("SELECT count(*) FROM scratch") == n
            async with database.read() as uow:
                assert await uow.conn.fetch_value("SELECT max(n) FROM scratch") == n
    finally:
        await database.close()


@pytest.mark.parametrize("kind", ["transaction", "read"])
async def test_a_unit_cancelled_in_its_first_statement_is_ended(tmp_path: Path, kind: str) -> None:
    """A write's ROLLBACK (awaited) and a read's (queued) both run after the statement
    the cancel interrupted: the connection takes a new transaction."""
    database = await _open(tmp_path / "d.sqlite3")
    try:
        started = asyncio.Event()
        unit = database.transaction if kind == "transaction" else database.read
        slow = (
            SLOW_INSERT
            if kind == "transaction"
            else SLOW_INSERT.removeprefix("INSERT INTO scratch (n) ")
        )

        async def slow_unit() -> None:
            async with unit() as uow:
                started.set()
                await uow.conn.execute(slow)

        task = asyncio.create_task(slow_unit())
        await started.wait()
        await asyncio.sleep(0.05)  # the statement is running on the connection's thread
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The INSERT, if it was one, finished on its thread after the cancel; the ROLLBACK
        # queued behind it undid it.
        async with database.transaction() as uow:
            await uow.conn.execute("INSERT INTO scratch (n) VALUES (1)")
        async with database.query() as uow:
            assert await uow.conn.fetch_value("SELECT group_concat(n) FROM scratch") == "1"
    finally:
        await database.close()


async def test_single_statements_share_two_connections_and_hold_none_of_the_pool(
    tmp_path: Path,
) -> None:
    """While a transaction holds the only pooled connection, single reads and writes still
    run (each on its shared connection), and concurrent ones queue on the same one."""
    database = await _open(tmp_path / "d.sqlite3")
    try:
        async with database.query() as first, database.query() as second:
            assert first.conn is second.conn
        async with database.single_write() as first, database.single_write() as second:
            assert first.conn is second.conn
        async with database.query() as read, database.single_write() as write:
            assert read.conn is not write.conn

        async with database.read() as held:
            assert await held.conn.fetch_value("SELECT count(*) FROM scratch") == 0

            async def single_write(n: int) -> int:
                async with database.single_write() as uow:
                    return await uow.conn.execute("INSERT INTO scratch (n) VALUES (?)", (n,))

            assert await asyncio.gather(*(single_write(n) for n in range(5))) == [1] * 5
            # Committed each by itself: seen by a new statement, not by the held snapshot.
            assert await _count(database) == 5
            assert await held.conn.fetch_value("SELECT count(*) FROM scratch") == 0
    finally:
        await database.close()


async def test_a_write_waiting_for_the_lock_holds_up_no_read(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    holder = await _open(path)  # another process, in the middle of a write transaction
    database = await _open(path, busy_timeout_ms=5_000)
    try:
        async with holder.transaction() as held:
            await held.conn.execute("INSERT INTO scratch (n) VALUES (1)")

            async def single_write() -> None:
                async with database.single_write() as uow:
                    await uow.conn.execute("INSERT INTO scratch (n) VALUES (2)")

            waiting = asyncio.create_task(single_write())
            await asyncio.sleep(0.05)  # the write is waiting in SQLite's busy handler
            assert not waiting.done()
            assert await asyncio.wait_for(_count(database), timeout=1) == 0
        await waiting
        assert await _count(database) == 2
    finally:
        await database.close()
        await holder.close()


async def test_single_statements_need_an_open_database(tmp_path: Path) -> None:
    database = SqliteDatabase(tmp_path / "d.sqlite3")
    with pytest.raises(DatabaseError, match="not open"):
        async with database.query():
            pass
    await database.open()
    await database.close()
    with pytest.raises(DatabaseError, match="not open"):
        async with database.single_write():
            pass


async def test_steps_together_run_in_order(tmp_path: Path) -> None:
    database = await _open(tmp_path / "d.sqlite3")
    try:
        traced = await _traced(database)
        async with database.transaction() as uow:
            inserted, counted, listed = await uow.together(
                uow.conn.execute("INSERT INTO scratch (n) VALUES (5)"),
                uow.conn.fetch_value("SELECT count(*) FROM scratch"),
                uow.conn.fetch_all("SELECT n FROM scratch"),
            )
        assert (inserted, counted, [tuple(row) for row in listed]) == (1, 1, [(5,)])
        assert traced.take() == [
            "BEGIN IMMEDIATE",
            "INSERT INTO scratch (n) VALUES (5)",
            "SELECT count(*) FROM scratch",
            "SELECT n FROM scratch",
            "COMMIT",
        ]
    finally:
        await database.close()


async def test_a_failed_step_fails_the_unit_after_every_step_ran(tmp_path: Path) -> None:
    database = await _open(tmp_path / "d.sqlite3")
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such table: missing"):
            async with database.transaction() as uow:
                await uow.together(
                    uow.conn.execute("INSERT INTO scratch (n) VALUES (1)"),
                    uow.conn.execute("INSERT INTO missing (n) VALUES (2)"),
                    uow.conn.execute("INSERT INTO nowhere (n) VALUES (3)"),
                )
        assert await _count(database) == 0  # rolled back, the first step included
    finally:
        await database.close()
