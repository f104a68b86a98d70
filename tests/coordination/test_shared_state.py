"""SharedState: the in-memory and the Redis implementation give the same answers, and the
Redis one gives exactly one "yes" to workers asking at the same moment."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from bot.coordination import FloodVerdict, MemorySharedState, SharedState, memory
from bot.coordination.redis_state import GC_SLACK, REMEMBER_UPDATES, RedisSharedState
from tests.coordination.redis_support import redis_for_test

T0 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
PASS, HIT, MUTED = FloodVerdict.PASS, FloodVerdict.LIMIT_HIT, FloodVerdict.MUTED


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
async def redis_and_prefix() -> AsyncIterator[tuple[Redis, str]]:
    async with redis_for_test() as pair:
        yield pair


@pytest.fixture(params=["memory", "redis"])
async def state(request: pytest.FixtureRequest) -> AsyncIterator[SharedState]:
    if request.param == "memory":
        yield MemorySharedState()
        return
    async with redis_for_test() as (client, prefix):
        yield RedisSharedState(client, prefix)


async def test_an_update_id_is_new_once(state: SharedState) -> None:
    assert await state.first_delivery(7)
    assert not await state.first_delivery(7)
    assert await state.first_delivery(8)


async def test_memory_remembers_only_the_newest_update_ids() -> None:
    state = MemorySharedState(remembered_updates=2)
    for update_id in (1, 2, 3):
        assert await state.first_delivery(update_id)
    assert await state.first_delivery(1)  # forgotten: only 2 and 3 were kept
    assert not await state.first_delivery(3)


async def test_memory_forgets_idle_users_and_sweeps_rarely_when_all_are_active(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Entries of users gone quiet are dropped once the maps are big; while every user is
    active nothing can be dropped, and the sweep must not then walk every user on every
    update (it waits until the map has doubled)."""
    monkeypatch.setattr(memory, "FORGET_ABOVE", 10)
    state = MemorySharedState()
    window, hold = timedelta(seconds=10), timedelta(seconds=60)
    for user in range(40):  # all active: kept, with sweeps only at 11 and 23 entries
        assert await state.hit(f"flood:{user}", at(user * 0.01), 30, window) is FloodVerdict.PASS
        assert await state.claim(f"presence:{user}", at(user * 0.01), hold)
    assert len(state._hits) == 40 and len(state._held_until) == 40
    assert state._sweep_hits_above == state._sweep_claims_above == 46
    for user in range(40, 50):  # later: the first 40 have gone quiet, the next sweep drops them
        await state.hit(f"flood:{user}", at(100 + user), 30, window)
        await state.claim(f"presence:{user}", at(100 + user), hold)
    assert len(state._hits) <= 10 and len(state._held_until) <= 10
    assert not await state.claim("presence:49", at(150), hold)  # a live claim is kept


async def test_a_claim_holds_until_its_end_then_can_be_taken_again(state: SharedState) -> None:
    hold = timedelta(seconds=60)
    assert await state.claim("presence:1", at(0), hold)
    assert not await state.claim("presence:1", at(59.999), hold)
    assert await state.claim("presence:2", at(1), hold)  # other keys are independent
    assert await state.claim("presence:1", at(60), hold)  # the hold ends exactly at +60 s
    assert not await state.claim("presence:1", at(61), hold)


async def test_a_released_claim_can_be_taken_at_once(state: SharedState) -> None:
    hold = timedelta(hours=6)
    assert await state.claim("a", at(0), hold)
    assert await state.claim("b", at(0), hold)
    await state.release(["a", "b", "never-claimed"])
    await state.release([])
    assert await state.claim("a", at(1), hold)
    assert await state.claim("b", at(1), hold)


async def test_the_callers_clock_decides_not_the_stores(state: SharedState) -> None:
    """A fake clock moved by hours within a real second: the stored time is compared, so
    the claim is over although Redis's own TTL (hours away) has not expired."""
    assert await state.claim("k", at(0), timedelta(hours=2))
    assert not await state.claim("k", at(3600), timedelta(hours=2))
    assert await state.claim("k", at(7200), timedelta(hours=2))


async def test_flood_one_limit_hit_then_muted_for_the_window(state: SharedState) -> None:
    window = timedelta(seconds=10)
    verdicts = [await state.hit("flood:1", at(0.1 * i), 3, window) for i in range(6)]
    assert verdicts == [PASS, PASS, PASS, HIT, MUTED, MUTED]
    assert await state.hit("flood:2", at(0.6), 3, window) is PASS  # others are unaffected
    assert await state.hit("flood:1", at(10.29), 3, window) is MUTED  # muted until 0.3 + 10
    # After the pause the count starts from zero.
    assert [await state.hit("flood:1", at(10.3), 3, window) for _ in range(4)] == [
        PASS,
        PASS,
        PASS,
        HIT,
    ]


async def test_flood_window_slides(state: SharedState) -> None:
    window = timedelta(seconds=10)
    assert [await state.hit("u", at(t), 3, window) for t in (0, 4, 8)] == [PASS] * 3
    assert await state.hit("u", at(10), 3, window) is PASS  # the hit at 0 is 10 s old: out
    assert await state.hit("u", at(11), 3, window) is HIT  # 4, 8 and 10 are in the window


async def test_memory_and_redis_agree_on_a_random_history(
    redis_and_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_and_prefix
    memory, redis = MemorySharedState(), RedisSharedState(client, prefix)
    rng = random.Random(20261124)
    now = T0
    for step in range(400):
        now += timedelta(milliseconds=rng.choice([0, 0, 1, 250, 999, 1000, 3000, 7000]))
        key = rng.choice(["a", "b", "c"])
        kind = rng.random()
        if kind < 0.6:
            window = timedelta(seconds=rng.choice([1, 5, 10]))
            limit = rng.choice([1, 2, 3])
            results = [await s.hit(key, now, limit, window) for s in (memory, redis)]
        elif kind < 0.9:
            hold = timedelta(seconds=rng.choice([1, 2, 10]))
            results = [await s.claim(key, now, hold) for s in (memory, redis)]
        else:
            for s in (memory, redis):
                await s.release([key])
            continue
        assert results[0] == results[1], (step, key, results)


async def test_redis_gives_one_yes_to_simultaneous_workers(
    redis_and_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_and_prefix
    # Several workers are several clients on one Redis: each has its own RedisSharedState.
    workers = [RedisSharedState(client, prefix) for _ in range(8)]
    window = timedelta(seconds=10)

    firsts = await asyncio.gather(*(w.first_delivery(42) for w in workers))
    claims = await asyncio.gather(*(w.claim("notice", at(0), window) for w in workers))
    hits = await asyncio.gather(*(w.hit("flood", at(0), 5, window) for w in workers * 3))
    assert sorted(firsts) == [False] * 7 + [True]
    assert sorted(claims) == [False] * 7 + [True]
    assert [hits.count(v) for v in (PASS, HIT, MUTED)] == [5, 1, 18]


async def test_redis_keys_are_prefixed_and_expire(redis_and_prefix: tuple[Redis, str]) -> None:
    client, prefix = redis_and_prefix
    state = RedisSharedState(client, prefix)
    other_bot = RedisSharedState(client, prefix + "other:")
    await state.first_delivery(1)
    await state.claim("presence:1", at(0), timedelta(seconds=60))
    await state.hit("flood:1", at(0), 1, timedelta(seconds=10))
    await state.hit("flood:1", at(0), 1, timedelta(seconds=10))  # muted now
    # The same ids under another prefix (another bot) are untouched.
    assert await other_bot.first_delivery(1)
    assert await other_bot.claim("presence:1", at(0), timedelta(seconds=60))

    ttls = {
        key.decode().removeprefix(prefix): await client.pttl(key)
        async for key in client.scan_iter(match=prefix + "*")
        if not key.decode().startswith(prefix + "other:")
    }
    limits = {
        "update:1": REMEMBER_UPDATES,
        "presence:1": timedelta(seconds=60) + GC_SLACK,
        "{flood:1}:muted": timedelta(seconds=10) + GC_SLACK,
    }
    assert set(ttls) == set(limits)  # the hits were cleared when the limit was hit
    for key, limit in limits.items():
        assert 0 < ttls[key] <= limit.total_seconds() * 1000, key
