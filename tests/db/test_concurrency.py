"""The one-active-partnership rule holds with several processes writing the same file."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from db import Database

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

# Each writer process repeatedly tries to pair the shared user (id 1) with its own user,
# and unlinks again when it succeeds.
WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from pathlib import Path
from db import Database, PartnershipConflict

async def main(path, own, rounds):
    db = Database(Path(path), pool_size=1)
    await db.open()
    won = 0
    now = datetime.now(UTC)
    for _ in range(rounds):
        try:
            async with db.transaction() as uow:
                p = await uow.partnerships.create(1, own, now)
            won += 1
            async with db.transaction() as uow:
                await uow.partnerships.end(p.id, now)
        except PartnershipConflict:
            pass
    await db.close()
    print(won)

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


async def test_concurrent_writers_never_break_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    db = Database(path)
    await db.open()
    async with db.transaction() as uow:
        for telegram_id in range(1, 6):
            await uow.users.create(telegram_id, f"U{telegram_id}", NOW)

    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", WRITER, str(path), str(own), "40",
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


async def test_one_invite_is_consumed_once_by_racing_transactions(tmp_path: Path) -> None:
    path = tmp_path / "invite.sqlite3"
    db = Database(path, pool_size=4)
    await db.open()
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
    await db.close()
