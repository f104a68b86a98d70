"""Online presence without a database write per update.

A user's `last_seen_at` is written at most once per `write_interval`; a sweeper turns
users offline after `idle_timeout`. The throttle is a `SharedState` claim, so with several
workers (REDIS_URL) it is still one write per user per interval, wherever updates land.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.clock import Clock
from bot.coordination import SharedState
from db import Database

logger = logging.getLogger(__name__)


class Presence:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        shared: SharedState,
        *,
        write_interval: timedelta,
        idle_timeout: timedelta,
    ) -> None:
        self._db = database
        self._clock = clock
        self._shared = shared
        self._write_interval = write_interval
        self._idle_timeout = idle_timeout
        self.writes = 0  # observable by tests and benchmarks

    async def seen(self, user_id: int) -> None:
        now = self._clock.now()
        if not await self._shared.claim(_throttle_key(user_id), now, self._write_interval):
            return
        try:
            async with self._db.transaction() as uow:
                await uow.users.mark_seen(user_id, now)
        except Exception:
            # Not written: the next update must try again rather than wait an interval.
            await self._shared.release([_throttle_key(user_id)])
            raise
        self.writes += 1

    async def sweep(self) -> list[int]:
        """Mark idle users offline; returns their ids."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            gone = await uow.users.mark_idle_offline(now - self._idle_timeout)
        # Shown offline now, so their next update must write at once, throttle or not.
        await self._shared.release([_throttle_key(user_id) for user_id in gone])
        return gone

    async def run_sweeper(self, period: float) -> None:
        while True:
            await asyncio.sleep(period)
            try:
                gone = await self.sweep()
                if gone:
                    logger.debug("presence: %d users went offline", len(gone))
            except Exception:
                logger.exception("presence sweep failed")


def _throttle_key(user_id: int) -> str:
    return f"presence:{user_id}"
