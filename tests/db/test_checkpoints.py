"""SQLite's write-ahead log is copied back into the database file in the background, so a
commit never waits for that copy (db/sqlite.py, SQLITE_CHECKPOINT_INTERVAL)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.config import Settings
from bot.runtime import database_of
from db.sqlite import SqliteDatabase

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
# More than SQLite's default autocheckpoint (1,000 pages of 4 KiB): a commit of this many
# bytes checkpoints by itself unless autocheckpoint is off.
PAYLOAD_BYTES = 8 * 1024 * 1024


async def _write_payload(database: SqliteDatabase) -> None:
    async with database.transaction() as uow:
        await uow.conn.execute("CREATE TABLE IF NOT EXISTS scratch (blob BLOB)")
        await uow.conn.execute("INSERT INTO scratch VALUES (randomblob(?))", (PAYLOAD_BYTES,))


async def _autocheckpoints(database: SqliteDatabase) -> int:
    async with database.query() as uow:
        return int(await uow.conn.fetch_value("PRAGMA wal_autocheckpoint"))


async def test_without_an_interval_commits_checkpoint_as_sqlite_does(tmp_path: Path) -> None:
    database = SqliteDatabase(tmp_path / "d.sqlite3")
    await database.open()
    try:
        assert await _autocheckpoints(database) == 1000
        await _write_payload(database)
        assert database.path.stat().st_size > PAYLOAD_BYTES  # the commit copied the log
        with pytest.raises(RuntimeError, match="checkpoint_interval"):
            await database.checkpoint()
    finally:
        await database.close()


async def test_with_an_interval_commits_leave_the_log_to_the_checkpointer(
    tmp_path: Path,
) -> None:
    database = SqliteDatabase(tmp_path / "d.sqlite3", pool_size=2, checkpoint_interval=3600)
    await database.open()
    try:
        assert await _autocheckpoints(database) == 0
        await _write_payload(database)
        assert database.path.stat().st_size < PAYLOAD_BYTES  # still only in the log
        frames, copied = await database.checkpoint()
        assert frames > PAYLOAD_BYTES // 4096
        assert copied == frames
        assert database.path.stat().st_size > PAYLOAD_BYTES
        # What was copied is the committed data, readable from a fresh connection.
        with sqlite3.connect(database.path) as fresh:
            assert fresh.execute("SELECT length(blob) FROM scratch").fetchone() == (PAYLOAD_BYTES,)
    finally:
        await database.close()


async def test_the_checkpointer_runs_every_interval_and_stops_on_close(tmp_path: Path) -> None:
    database = SqliteDatabase(tmp_path / "d.sqlite3", checkpoint_interval=0.02)
    await database.open()
    try:
        await _write_payload(database)
        for _ in range(500):  # up to 10 s on a slow machine; one interval is 0.02 s
            if database.path.stat().st_size > PAYLOAD_BYTES:
                break
            await asyncio.sleep(0.02)
        assert database.path.stat().st_size > PAYLOAD_BYTES
    finally:
        await database.close()
    assert not [task for task in asyncio.all_tasks() if "_run_checkpoints" in repr(task)]
    await database.close()  # twice is harmless


@pytest.mark.parametrize(
    ("failure", "logged"),
    [
        (
            sqlite3.OperationalError("database is locked"),
            "SQLite checkpoint failed: database is locked",
        ),
        # Anything else must not end the loop either: autocheckpoint is off, so the log
        # would grow without bound.
        (ValueError("surprise"), "SQLite checkpoint failed unexpectedly; retrying"),
    ],
    ids=["sqlite-error", "any-other-error"],
)
async def test_a_failed_checkpoint_is_logged_and_retried(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    logged: str,
) -> None:
    database = SqliteDatabase(tmp_path / "d.sqlite3", checkpoint_interval=0.01)
    calls = 0
    checkpoint = database.checkpoint

    async def flaky() -> tuple[int, int]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise failure
        return await checkpoint()

    monkeypatch.setattr(database, "checkpoint", flaky)
    await database.open()
    try:
        for _ in range(500):
            if calls >= 2:
                break
            await asyncio.sleep(0.02)
    finally:
        await database.close()  # would re-raise what ended the loop
    assert calls >= 2
    assert logged in caplog.text


async def test_the_setting_reaches_the_database(tmp_path: Path) -> None:
    async def autocheckpoints_with(**values: object) -> int:
        settings = Settings(
            bot_token=TOKEN,  # type: ignore[arg-type]
            database_path=tmp_path / "d.sqlite3",
            _env_file=None,  # type: ignore[call-arg]
            **values,  # type: ignore[arg-type]
        )
        database = database_of(settings)
        assert isinstance(database, SqliteDatabase)
        await database.open()
        try:
            return await _autocheckpoints(database)
        finally:
            await database.close()

    assert await autocheckpoints_with() == 0  # the default: checkpoints in the background
    assert await autocheckpoints_with(sqlite_checkpoint_interval=0) == 1000
