"""Shared state for one process: plain dictionaries, forgotten with the process.

Right for a single worker (polling, or one webhook worker); with several workers each would
count only what it sees, which is why `REDIS_URL` switches to `RedisSharedState`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Collection
from datetime import datetime, timedelta

from bot.coordination.base import FloodVerdict

# Past this many entries, expired ones are dropped; the next sweep waits until the map has
# doubled again, so with many active users (all of them unexpired) a sweep still costs
# O(1) per call on average instead of a walk over every user on every update.
FORGET_ABOVE = 10_000


class MemorySharedState:
    spans_workers = False  # one process: no other worker writes behind its back

    def __init__(self, remembered_updates: int = 10_000) -> None:
        # Only the newest ids: a repeat comes soon after the original (a retry, a restart).
        self._updates: OrderedDict[int, None] = OrderedDict()
        self._remembered_updates = remembered_updates
        self._held_until: dict[str, datetime] = {}
        # A list, not a deque: an empty deque is 600 bytes, and there is one per active user.
        self._hits: dict[str, list[datetime]] = {}
        self._muted_until: dict[str, datetime] = {}
        self._sweep_claims_above = FORGET_ABOVE
        self._sweep_hits_above = FORGET_ABOVE

    async def first_delivery(self, update_id: int) -> bool:
        if update_id in self._updates:
            return False
        self._updates[update_id] = None
        if len(self._updates) > self._remembered_updates:
            self._updates.popitem(last=False)
        return True

    async def claim(self, key: str, at: datetime, hold: timedelta) -> bool:
        held_until = self._held_until.get(key)
        if held_until is not None and at < held_until:
            return False
        self._held_until[key] = at + hold
        if len(self._held_until) > self._sweep_claims_above:
            for stale in [k for k, until in self._held_until.items() if until <= at]:
                del self._held_until[stale]
            self._sweep_claims_above = max(FORGET_ABOVE, 2 * len(self._held_until))
        return True

    async def release(self, keys: Collection[str]) -> None:
        for key in keys:
            self._held_until.pop(key, None)

    async def hit(self, key: str, at: datetime, limit: int, window: timedelta) -> FloodVerdict:
        muted_until = self._muted_until.get(key)
        if muted_until is not None:
            if at < muted_until:
                return FloodVerdict.MUTED
            del self._muted_until[key]
        recent = self._hits.setdefault(key, [])
        del recent[: bisect_right(recent, at - window)]  # hits at least a window ago
        if len(recent) >= limit:
            self._muted_until[key] = at + window
            del self._hits[key]
            return FloodVerdict.LIMIT_HIT
        recent.append(at)
        if len(self._hits) > self._sweep_hits_above:
            for idle in [k for k, times in self._hits.items() if at - times[-1] >= window]:
                del self._hits[idle]
            for over in [k for k, until in self._muted_until.items() if until <= at]:
                del self._muted_until[over]
            self._sweep_hits_above = max(FORGET_ABOVE, 2 * len(self._hits))
        return FloodVerdict.PASS
