"""Read-then-write services stay correct when their transactions really run at the same time.

On SQLite write transactions take turns, so these hold by construction; on PostgreSQL
(READ COMMITTED, several workers) they hold because of the user locks and conditional
writes the services use. Each race runs on its own pooled connections, like two workers.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.clock import SystemClock
from bot.services.couples import CoupleService, InviteRefused
from bot.services.gameplay import GameService
from bot.services.users import UserService
from db import Database

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def couples(database: Database) -> CoupleService:
    games = GameService(database, SystemClock(), idle_timeout=timedelta(minutes=10))
    return CoupleService(database, SystemClock(), timedelta(hours=1), games)


async def _warm(database: Database, connections: int = 8) -> None:
    """Open the pool's connections up front, so racers start together instead of one by one
    as connections get opened."""

    async def hold() -> None:
        async with database.read():
            await asyncio.sleep(0.05)

    await asyncio.gather(*(hold() for _ in range(connections)))


async def _users(database: Database, count: int) -> list[int]:
    ids = []
    async with database.transaction() as uow:
        for telegram_id in range(1, count + 1):
            user = await uow.users.create(telegram_id, f"U{telegram_id}", NOW)
            assert user is not None
            await uow.settings.create(user.id, "en")
            ids.append(user.id)
    return ids


async def test_a_user_accepting_two_invites_at_once_gets_one_partner(database: Database) -> None:
    """Ann accepts Bob's and Cid's invites at the same moment; Bob and Cid each accept
    Ann's... every pairing involving Ann races; exactly one wins."""
    ann, *others = await _users(database, 5)
    service = couples(database)
    invites = [await service.create_invite(other) for other in others]
    await _warm(database)

    async def accept(token: str) -> bool:
        try:
            await service.accept(token, ann)
        except InviteRefused:
            return False
        return True

    for _ in range(3):
        results = await asyncio.gather(*(accept(invite.token) for invite in invites))
        assert sum(results) == 1
        async with database.read() as uow:
            active = await uow.partnerships.active_for(ann)
        assert active is not None
        assert await service.unlink(ann, active.id) is not None
        invites = [await service.create_invite(other) for other in others]
    assert await database.check_integrity() == []


async def test_both_partners_unlinking_at_once_is_one_unlink(database: Database) -> None:
    ann, bob = await _users(database, 2)
    service = couples(database)
    invite = await service.create_invite(ann)
    couple = await service.accept(invite.token, bob)
    await _warm(database)
    results = await asyncio.gather(
        service.unlink(ann, couple.partnership.id), service.unlink(bob, couple.partnership.id)
    )
    assert sorted(result is None for result in results) == [False, True]


async def test_invites_created_at_once_leave_one_open(database: Database) -> None:
    (ann,) = await _users(database, 1)
    service = couples(database)
    await _warm(database)
    await asyncio.gather(*(service.create_invite(ann) for _ in range(4)))
    async with database.read() as uow:
        mine = await uow.invites.created_by(ann)
    assert len(mine) == 4
    assert sum(invite.revoked_at is None for invite in mine) == 1


async def test_preferences_toggled_at_once_flip_every_time(database: Database) -> None:
    (ann,) = await _users(database, 1)
    users = UserService(database, SystemClock())
    await _warm(database)
    for _ in range(5):
        results = await asyncio.gather(*(users.toggle(ann, "theme") for _ in range(4)))
        # Each flip saw the one before it: two ended dark, two light (a lost update would
        # make several toggles see the same old value).
        assert sorted(r.theme for r in results) == ["dark", "dark", "light", "light"]
    async with database.read() as uow:
        settings = await uow.settings.get(ann)
    assert settings is not None and settings.theme == "light"  # 20 flips: back to light
