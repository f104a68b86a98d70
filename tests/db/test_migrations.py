"""Applying the schema is idempotent and moves old databases forward without losing rows."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db import Database, DatabaseError
from db.migrations import SCHEMA_PATH, load_migrations, split_statements

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
LATEST = load_migrations(SCHEMA_PATH)[-1].version


def test_schema_file_is_an_ordered_list_of_migrations() -> None:
    migrations = load_migrations(SCHEMA_PATH)
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert LATEST >= 2
    assert all(m.statements for m in migrations)


def test_triggers_stay_whole_when_splitting() -> None:
    script = "CREATE TABLE t (x);\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n SELECT 1;\nEND;\n"
    assert len(split_statements(script)) == 2


async def test_reopening_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "duet.sqlite3"
    for _ in range(3):
        db = Database(path)
        await db.open()
        async with db.read() as uow:
            assert await uow.conn.fetch_value("PRAGMA user_version") == LATEST
        await db.close()


async def test_version_one_database_migrates_forward_keeping_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database(path)
    await old.open(schema_version=1)
    async with old.transaction() as uow:
        await uow.conn.execute(
            "INSERT INTO users (telegram_id, display_name, created_at) VALUES ('5', 'Old', ?)",
            ("2025-01-01 00:00:00",),
        )
        await uow.conn.execute(
            "INSERT INTO invites (token, created_by, created_at) VALUES (?, 1, ?)",
            ("t" * 32, "2025-01-01 00:00:00"),
        )
        assert await uow.conn.fetch_value("PRAGMA user_version") == 1
    await old.close()

    new = Database(path)
    await new.open()
    async with new.read() as uow:
        assert await uow.conn.fetch_value("PRAGMA user_version") == LATEST
        user = await uow.users.get_by_telegram_id(5)
        invite = await uow.invites.get_by_token("t" * 32)
    assert user is not None and user.display_name == "Old" and user.last_seen_at is None
    assert invite is not None and invite.revoked_at is None
    await new.close()


async def test_two_processes_opening_a_fresh_database_at_once(tmp_path: Path) -> None:
    """Migrations re-check the version under the write lock, so racing openers are safe."""
    path = tmp_path / "race.sqlite3"
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from db import Database\n"
        "async def main():\n"
        "    db = Database(Path(sys.argv[1]))\n"
        "    await db.open()\n"
        "    await db.close()\n"
        "asyncio.run(main())\n"
    )
    procs = [
        await asyncio.create_subprocess_exec(sys.executable, "-c", code, str(path))
        for _ in range(4)
    ]
    codes = [await proc.wait() for proc in procs]
    assert codes == [0, 0, 0, 0]
    db = Database(path)
    await db.open()
    assert await db.check_integrity() == []
    await db.close()


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = Database(path)
    await db.open()
    async with db.transaction() as uow:
        await uow.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    await db.close()
    with pytest.raises(DatabaseError, match="newer than this Duet"):
        await Database(path).open()


async def test_unusable_path_is_a_database_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="cannot open"):
        await Database(blocker / "duet.sqlite3").open()
