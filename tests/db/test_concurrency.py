"""The one-active-partnership rule holds with several processes writing the same database
(the same SQLite file, or one PostgreSQL database)."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from db import Database, PartnershipConflict, database_for

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

# Each writer process repeatedly tries to pair the shared user (id 1) with its own user,
# and unlinks again when it succeeds. The seats alternate: with user 1 sometimes user1 and
# sometimes user2, the partial unique indexes alone cannot stop two active partnerships;
# the trigger (and on PostgreSQL, its user locks) must.
WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from pathlib import Path
from db import Database, PartnershipConflict

async def main(target, own, rounds):
    if "://" in target:
        db = Database.for_url(target, pool_size=1)
    else:
        db = Database(Path(target), pool_size=1)
    await db.open()
    won = 0
    now = datetime.now(UTC)
    for turn in range(rounds):
        seats = (1, own) if turn % 2 else (own, 1)
        try:
            async with db.transaction() as uow:
                p = await uow.partnerships.create(*seats, now)
            won += 1
            async with db.transaction() as uow:
                await uow.partnerships.end(p.id, now)
        except PartnershipConflict:
            pass
    await db.close()
    print(won)

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


async def test_concurrent_writers_never_break_the_rule(
    tmp_path: Path, database_url: str | None
) -> None:
    path = tmp_path / "shared.sqlite3"
    target = str(path) if database_url is None else database_url
    db = database_for(database_url, path)
    await db.open()
    async with db.transaction() as uow:
        for telegram_id in range(1, 6):
            await uow.users.create(telegram_id, f"U{telegram_id}", NOW)

    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", WRITER, target, str(own), "40",
            stdout=asyncio.subprocess.PIPE,
        )
        for own in range(2, 6)
    ]  # fmt: skip
    max_active = 0
    while any(w.returncode is None for w in writers):
        async with db.read() as uow:
            active = await uow.conn.fetch_value(
                "SELECT count(*) FROM partnerships"
                " WHERE is_active = 1 AND (user1_id = 1 OR user2_id = 1)"
            )
        max_active = max(max_active, active)
        await asyncio.sleep(0.001)
    wins = [int((await w.communicate())[0]) for w in writers]

    assert all(w.returncode == 0 for w in writers)
    assert max_active <= 1
    async with db.read() as uow:
        total = await uow.conn.fetch_value("SELECT count(*) FROM partnerships")
        still_active = await uow.conn.fetch_value(
            "SELECT count(*) FROM partnerships WHERE is_active = 1"
        )
    # Every success left exactly one row; the rule let several writers take turns.
    assert total == sum(wins) and sum(wins) > 0
    assert still_active == 0
    assert await db.check_integrity() == []
    await db.close()


async def test_one_invite_is_consumed_once_by_racing_transactions(database: Database) -> None:
    db = database
    async with db.transaction() as uow:
        owner = await uow.users.create(1, "Owner", NOW)
        assert owner is not None
        invite = await uow.invites.create("x" * 32, owner.id, NOW)
        takers = [await uow.users.create(10 + i, f"T{i}", NOW) for i in range(4)]

    async def take(user_id: int) -> bool:
        async with db.transaction() as uow:
            return await uow.invites.mark_used(invite.id, user_id, NOW)

    results = await asyncio.gather(*(take(t.id) for t in takers if t is not None))
    assert sorted(results) == [False, False, False, True]


async def test_links_of_one_user_racing_in_both_seats_let_exactly_one_win(
    database: Database,
) -> None:
    """Eight transactions at once link user 1 with someone, user 1 sitting first in half
    of them and second in the others: the unique indexes cannot catch that, only the
    trigger can (on PostgreSQL thanks to its user locks: without them two win)."""
    async with database.transaction() as uow:
        for telegram_id in range(1, 10):
            await uow.users.create(telegram_id, f"U{telegram_id}", NOW)

    async def hold() -> None:  # open the pool's connections first, so the links start together
        async with database.read():
            await asyncio.sleep(0.05)

    await asyncio.gather(*(hold() for _ in range(4)))

    async def link(own: int) -> bool:
        try:
            async with database.transaction() as uow:
                seats = (1, own) if own % 2 else (own, 1)
                await uow.partnerships.create(*seats, NOW)
        except PartnershipConflict:
            return False
        return True

    for _ in range(3):
        wins = await asyncio.gather(*(link(own) for own in range(2, 10)))
        assert sum(wins) == 1
        assert await database.check_integrity() == []
        async with database.transaction() as uow:
            active = await uow.partnerships.active_for(1)
            assert active is not None
            await uow.partnerships.end(active.id, NOW)
