"""The per-user lock across workers: held while an update is handled (however long), and
gone soon after its holder died."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from redis.asyncio import Redis
from redis.asyncio.lock import Lock

from bot.coordination.isolation import RenewedRedisEventIsolation
from tests.coordination.redis_support import redis_for_test

TTL = 0.3


def user_key(user_id: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=user_id, user_id=user_id)


@pytest.fixture
async def redis_and_prefix() -> AsyncIterator[tuple[Redis, str]]:
    async with redis_for_test() as pair:
        yield pair


def isolation(client: Redis, prefix: str) -> RenewedRedisEventIsolation:
    """One worker's isolation (every worker builds its own on the same Redis)."""
    return RenewedRedisEventIsolation(client, DefaultKeyBuilder(prefix=prefix.rstrip(":")), ttl=TTL)


async def test_one_update_of_a_user_at_a_time_even_past_the_ttl(
    redis_and_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_and_prefix
    first, second = isolation(client, prefix), isolation(client, prefix)
    events: list[str] = []

    async def handle(worker: RenewedRedisEventIsolation, name: str, seconds: float) -> None:
        async with worker.lock(user_key(1)):
            events.append(f"{name} starts")
            await asyncio.sleep(seconds)
            events.append(f"{name} ends")

    slow = asyncio.create_task(handle(first, "slow", 3 * TTL))  # renewed twice meanwhile
    await asyncio.sleep(0.05)
    await handle(second, "next", 0)  # another worker, the same user: waits its turn
    await slow
    assert events == ["slow starts", "slow ends", "next starts", "next ends"]


async def test_other_users_are_not_held_up(redis_and_prefix: tuple[Redis, str]) -> None:
    client, prefix = redis_and_prefix
    worker = isolation(client, prefix)
    async with worker.lock(user_key(1)), asyncio.timeout(1), worker.lock(user_key(2)):
        pass


async def test_a_dead_workers_lock_is_gone_within_the_ttl(
    redis_and_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_and_prefix
    worker = isolation(client, prefix)
    # What a killed worker leaves: the lock, taken with the same TTL, never renewed again.
    name = DefaultKeyBuilder(prefix=prefix.rstrip(":")).build(user_key(1), "lock")
    assert await Lock(client, name, timeout=TTL).acquire(blocking=False)
    started = time.monotonic()
    async with worker.lock(user_key(1)):
        waited = time.monotonic() - started
    assert 0.1 < waited < TTL + 0.5, waited
    assert not await client.exists(name)  # released after the update
