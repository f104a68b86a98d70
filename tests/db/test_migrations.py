"""Applying the schema is idempotent and moves old databases forward without losing rows."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db import Database, DatabaseError
from db.migrations import SCHEMA_PATH, load_migrations, split_statements
from tests.conftest import PostgresServer
from tests.db.introspect import describe, schema_version

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
    # Bounded: an opener that hangs (an unclosed connection's thread) fails, not stalls.
    codes = [await asyncio.wait_for(proc.wait(), 60) for proc in procs]
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


# -- PostgreSQL: the same promises, with a version table and an advisory lock --------------

OPENER = """
import asyncio, sys
from db import Database

async def main():
    db = Database.for_url(sys.argv[1], pool_size=1)
    await db.open()
    await db.close()

asyncio.run(main())
"""


async def test_postgres_workers_starting_together_migrate_once(postgres: PostgresServer) -> None:
    """Four processes open an empty database at once: each migration runs exactly once
    (a second run would fail on CREATE TABLE), the others wait for the lock and skip it."""
    url = await postgres.create(migrated=False)
    try:
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-c", OPENER, url, stderr=asyncio.subprocess.PIPE
            )
            for _ in range(4)
        ]
        outcomes = [(await proc.wait(), await _stderr(proc)) for proc in procs]
        assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
        db = Database.for_url(url)
        await db.open()
        assert await schema_version(db) == LATEST
        assert await db.check_integrity() == []
        await db.close()
    finally:
        await postgres.drop(url)


async def test_postgres_version_one_migrates_forward_keeping_rows(
    postgres: PostgresServer,
) -> None:
    url = await postgres.create(migrated=False)
    try:
        old = Database.for_url(url)
        await old.open(schema_version=1)
        assert await schema_version(old) == 1
        async with old.transaction() as uow:
            await uow.conn.execute(
                "INSERT INTO users (telegram_id, display_name, created_at) VALUES ('5', 'Old', ?)",
                ("2025-01-01 00:00:00",),
            )
        await old.close()
        new = Database.for_url(url)
        await new.open()
        assert await schema_version(new) == LATEST
        async with new.read() as uow:
            user = await uow.users.get_by_telegram_id(5)
        assert user is not None and user.display_name == "Old" and user.last_seen_at is None
        await new.close()
    finally:
        await postgres.drop(url)


async def test_postgres_reopening_is_idempotent_and_a_newer_database_is_refused(
    postgres: PostgresServer,
) -> None:
    url = await postgres.create()
    try:
        for _ in range(2):
            db = Database.for_url(url)
            await db.open()
            shape = await describe(db)
            await db.close()
        assert "users" in shape.columns
        db = Database.for_url(url)
        await db.open()
        async with db.transaction() as uow:
            await uow.conn.execute("UPDATE duet_schema_version SET version = ?", (LATEST + 1,))
        await db.close()
        with pytest.raises(DatabaseError, match="newer than this Duet"):
            await Database.for_url(url).open()
    finally:
        await postgres.drop(url)


async def test_unreachable_postgres_is_a_database_error_without_the_password() -> None:
    url = "postgresql://duet:s3cret@127.0.0.1:1/duet"
    with pytest.raises(DatabaseError, match="cannot connect") as error:
        await Database.for_url(url, connect_timeout=2).open()
    assert "s3cret" not in str(error.value)


async def _stderr(proc: asyncio.subprocess.Process) -> str:
    assert proc.stderr is not None
    return (await proc.stderr.read()).decode()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_questions_asked_before_packs_count_as_asked(
    backend: str, tmp_path: Path, postgres: PostgresServer
) -> None:
    """Migration 11: what a couple together now was asked (questions of the day, quizzes)
    becomes their round 0, so nothing repeats after the upgrade; an ex-couple's is left."""
    url = None if backend == "sqlite" else await postgres.create(migrated=False)
    old = Database(tmp_path / "duet.sqlite3") if url is None else Database.for_url(url)
    await old.open(schema_version=10)
    try:
        async with old.transaction() as uow:
            ann, bob, cleo = [
                await uow.users.create(n, name, NOW)
                for n, name in ((1, "Ann"), (2, "Bob"), (3, "Cleo"))
            ]
            assert ann is not None and bob is not None and cleo is not None
            ended = await uow.partnerships.create(ann.id, cleo.id, NOW)
            await uow.partnerships.end(ended.id, NOW)
            couple = await uow.partnerships.create(ann.id, bob.id, NOW)
            daily = await uow.games.create("Daily", "", "romantic", None)
            quiz = await uow.games.create("Quiz", "", "quiz", None)
            for slug, game in (("daily", daily), ("quiz", quiz)):
                await uow.conn.execute("UPDATE games SET slug = ? WHERE id = ?", (slug, game.id))
            daily_state = '{{"question": "{}", "answers": [null, null]}}'.format
            rows = [
                (daily.id, ann.id, bob.id, "2026-11-01", daily_state("d_our_song")),
                (daily.id, bob.id, ann.id, "2026-11-02", daily_state("d_small_joy")),
                (daily.id, cleo.id, ann.id, "2026-10-01", daily_state("d_first_date")),  # an ex's
                (quiz.id, ann.id, bob.id, None, '{"game": {"questions": ["q_season", "q_pets"]}}'),
            ]  # fmt: skip
            for game_id, first, second, day, state in rows:
                await uow.conn.execute(
                    "INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at,"
                    " ended_at, status, state_json, day) VALUES (?, ?, ?, ?, ?, 'finished', ?, ?)",
                    (
                        game_id,
                        first,
                        second,
                        "2026-11-01 10:00:00",
                        "2026-11-01 10:05:00",
                        state,
                        day,
                    ),
                )
        await old.close()
        await old.open()
        async with old.read() as uow:
            asked = await uow.conn.fetch_all(
                "SELECT partnership_id, bank, question_id, round FROM asked_questions"
                " ORDER BY bank, question_id"
            )
    finally:
        await old.close()
        if url is not None:
            await postgres.drop(url)
    assert [tuple(row) for row in asked] == [
        (couple.id, "daily", "d_our_song", 0),
        (couple.id, "daily", "d_small_joy", 0),
        (couple.id, "quiz", "q_pets", 0),
        (couple.id, "quiz", "q_season", 0),
    ]
