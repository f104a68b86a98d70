"""Shared state in Redis, for several workers serving one bot (`REDIS_URL`).

Every decision is one atomic Redis command or Lua script, so two workers asking at the same
moment get one "yes". Times come from the caller's clock and are stored in the values (in
epoch milliseconds); key TTLs only collect garbage, with slack, and never decide anything,
so a test's fake clock (which moves only when told) gets the same answers as in memory.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime, timedelta

from redis.asyncio import Redis

from bot.coordination.base import FloodVerdict

# How long an update id is remembered. Repeats come from webhook retries and restarts,
# within minutes; remembering every id of a busy bot for longer would only cost memory.
REMEMBER_UPDATES = timedelta(hours=1)
# Keys outlive their meaning by this much, so a clock a little behind Redis's own (another
# machine's, or a test's fake one) never sees a claim vanish while it still holds.
GC_SLACK = timedelta(minutes=1)

# KEYS[1] the claim; ARGV: at, hold, ttl (ms). The value is the end of the hold.
_CLAIM = """
local held_until = redis.call('GET', KEYS[1])
if held_until and tonumber(held_until) > tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), 'PX', ARGV[3])
return 1
"""

# KEYS[1] the user's hits (a sorted set scored by time), KEYS[2] their mute (its end);
# ARGV: at, window, limit, a unique member, ttl (ms). Returns 0 pass, 1 limit hit, 2 muted.
# The same sliding window as MemorySharedState.hit, step by step.
_HIT = """
local at = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local muted_until = redis.call('GET', KEYS[2])
if muted_until then
  if at < tonumber(muted_until) then
    return 2
  end
  redis.call('DEL', KEYS[2])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  redis.call('SET', KEYS[2], at + window, 'PX', ARGV[5])
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('ZADD', KEYS[1], at, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0
"""

_VERDICTS = {0: FloodVerdict.PASS, 1: FloodVerdict.LIMIT_HIT, 2: FloodVerdict.MUTED}


def _ms(value: datetime | timedelta) -> int:
    seconds = value.timestamp() if isinstance(value, datetime) else value.total_seconds()
    return round(seconds * 1000)


class RedisSharedState:
    """`prefix` namespaces every key (see `key_prefix`): several bots can share a Redis."""

    spans_workers = True

    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = prefix
        self._claim = redis.register_script(_CLAIM)
        self._hit = redis.register_script(_HIT)

    async def first_delivery(self, update_id: int) -> bool:
        # Plain SET NX: a repeat is a repeat whatever the time, so no clock is involved.
        created = await self._redis.set(
            f"{self._prefix}update:{update_id}", b"", nx=True, px=_ms(REMEMBER_UPDATES)
        )
        return bool(created)

    async def claim(self, key: str, at: datetime, hold: timedelta) -> bool:
        ttl = _ms(hold + GC_SLACK)
        won = await self._claim(keys=[self._prefix + key], args=[_ms(at), _ms(hold), ttl])
        return bool(won)

    async def release(self, keys: Collection[str]) -> None:
        if keys:
            await self._redis.delete(*(self._prefix + key for key in keys))

    async def hit(self, key: str, at: datetime, limit: int, window: timedelta) -> FloodVerdict:
        # Hash-tagged so both keys of one user sit on one Redis Cluster slot.
        keys = [f"{self._prefix}{{{key}}}:hits", f"{self._prefix}{{{key}}}:muted"]
        # Members must be unique: a fake clock gives several hits the same score.
        member = uuid.uuid4().hex
        ttl = _ms(window + GC_SLACK)
        verdict = await self._hit(keys=keys, args=[_ms(at), _ms(window), limit, member, ttl])
        return _VERDICTS[int(verdict)]
