"""The schema enforces the specification's rules itself, whatever the code does."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db import ConstraintViolation, Database, PartnershipConflict
from db.migrations import SCHEMA_PATH, load_migrations
from db.repositories.user_achievements import ProgressTarget
from tests.db.introspect import describe, schema_version

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
INSERT_INVITE = "INSERT INTO invites (token, created_by, created_at) VALUES (?, 1, '')"
SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "schema.md"


def spec_columns() -> dict[str, set[str]]:
    """Tables and columns as the user's specification lists them."""
    text = SPEC.read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for match in re.finditer(r"### \d+\. `(\w+)`(.*?)(?=\n### |\n## |\Z)", text, re.S):
        tables[match.group(1)] = set(re.findall(r"^\| `(\w+)`", match.group(2), re.M))
    return tables


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec/schema.md is not beside the checkout")
async def test_every_table_and_column_of_the_spec_exists(database: Database) -> None:
    spec = spec_columns()
    assert len(spec) == 9
    shape = await describe(database)
    for table, columns in spec.items():
        assert columns <= set(shape.columns[table]), table


async def test_schema_version_is_the_latest(database: Database) -> None:
    assert await schema_version(database) == load_migrations(SCHEMA_PATH)[-1].version


async def test_connection_pragmas(sqlite_database: Database) -> None:
    database = sqlite_database
    async with database.read() as uow:
        assert await uow.conn.fetch_value("PRAGMA journal_mode") == "wal"
        assert await uow.conn.fetch_value("PRAGMA foreign_keys") == 1
        assert await uow.conn.fetch_value("PRAGMA busy_timeout") > 0


async def _two_users(database: Database) -> tuple[int, int]:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "Ann", NOW)
        b = await uow.users.create(2, "Bob", NOW)
    assert a is not None and b is not None
    return a.id, b.id


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("UPDATE settings SET theme = ? WHERE user_id = 1", ("blue",)),
        ("UPDATE settings SET language = ? WHERE user_id = 1", ("de",)),
        ("UPDATE settings SET sound_enabled = ? WHERE user_id = 1", (2,)),
        ("UPDATE settings SET notifications = ? WHERE user_id = 1", (-1,)),
        ("UPDATE users SET online_status = ? WHERE id = 1", (5,)),
        ("INSERT INTO partnerships (user1_id, user2_id, connected_at) VALUES (1, ?, '')", (1,)),
        ("INSERT INTO partnerships (user1_id, user2_id, connected_at) VALUES (1, ?, '')", (99,)),
        (INSERT_INVITE, ("short",)),
        (INSERT_INVITE, ("a" * 30 + "!",)),
        ("INSERT INTO history (user_id, game_session_id, played_at, result_short)"
         " VALUES (1, ?, '', 'win')", (12345,)),
        ("INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at, result_json)"
         " VALUES (1, 1, 2, '', ?)", ("{not json",)),
    ],
)  # fmt: skip
async def test_constraint_violations_are_rejected(
    database: Database, statement: str, params: tuple[object, ...]
) -> None:
    await _two_users(database)
    async with database.transaction() as uow:
        await uow.settings.create(1, "en")
        await uow.games.create("Tic-tac-toe", "", "classic", None)
    with pytest.raises(ConstraintViolation):
        async with database.transaction() as uow:
            await uow.conn.execute(statement, params)


async def test_a_user_has_at_most_one_active_partnership(database: Database) -> None:
    ann, bob = await _two_users(database)
    async with database.transaction() as uow:
        cid = await uow.users.create(3, "Cid", NOW)
        assert cid is not None
        await uow.partnerships.create(ann, bob, NOW)
    # Every seat combination: Ann as user1 or user2 of a second active partnership.
    for user1, user2 in [(ann, cid.id), (cid.id, ann), (bob, cid.id), (cid.id, bob)]:
        with pytest.raises(PartnershipConflict):
            async with database.transaction() as uow:
                await uow.partnerships.create(user1, user2, NOW)
    # Re-activating an ended partnership is checked too.
    async with database.transaction() as uow:
        first = await uow.partnerships.active_for(ann)
        assert first is not None
        assert await uow.partnerships.end(first.id, NOW)
        await uow.partnerships.create(ann, cid.id, NOW)
    with pytest.raises(PartnershipConflict):
        async with database.transaction() as uow:
            await uow.conn.execute(
                "UPDATE partnerships SET is_active = 1 WHERE id = ?", (first.id,)
            )


async def test_failed_transaction_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.transaction() as uow:
            await uow.users.create(7, "Ghost", NOW)
            raise RuntimeError("crash in the middle")
    async with database.read() as uow:
        assert await uow.users.get_by_telegram_id(7) is None


async def test_integrity_check_is_clean(database: Database) -> None:
    await _two_users(database)
    assert await database.check_integrity() == []


async def test_achievement_progress_never_goes_back_or_past_the_goal(database: Database) -> None:
    await _two_users(database)
    async with database.transaction() as uow:
        achievement = await uow.achievements.create("🎮", "Ten games", "Play ten", 10)
        await uow.user_achievements.raise_progress([ProgressTarget(1, achievement.id, 4, 10)], NOW)
    for statement in [
        "UPDATE user_achievements SET progress = 3",  # backwards
        "UPDATE user_achievements SET progress = 11",  # past the goal
    ]:
        with pytest.raises(ConstraintViolation):
            async with database.transaction() as uow:
                await uow.conn.execute(statement)
    async with database.transaction() as uow:
        assert await uow.user_achievements.raise_progress(
            [ProgressTarget(1, achievement.id, 10, 10)], NOW
        )
    with pytest.raises(ConstraintViolation):  # achieved_at is written once
        async with database.transaction() as uow:
            await uow.conn.execute(
                "UPDATE user_achievements SET achieved_at = '2030-01-01 00:00:00'"
            )
