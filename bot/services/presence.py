"""Online presence without a database write per update.

A user's `last_seen_at` is written at most once per `write_interval`; a sweeper turns
users offline after `idle_timeout`. The write-throttle memory is per process (a second
process only costs at most one extra write per interval).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.clock import Clock
from db import Database

logger = logging.getLogger(__name__)


class Presence:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        write_interval: timedelta,
        idle_timeout: timedelta,
    ) -> None:
        self._db = database
        self._clock = clock
        self._write_interval = write_interval
        self._idle_timeout = idle_timeout
        self._last_written: dict[int, datetime] = {}
        self.writes = 0  # observable by tests and benchmarks

    async def seen(self, user_id: int) -> None:
        now = self._clock.now()
        last = self._last_written.get(user_id)
        if last is not None and now - last < self._write_interval:
            return
        async with self._db.transaction() as uow:
            await uow.users.mark_seen(user_id, now)
        self._last_written[user_id] = now
        self.writes += 1

    async def sweep(self) -> list[int]:
        """Mark idle users offline; returns their ids."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            gone = await uow.users.mark_idle_offline(now - self._idle_timeout)
        for user_id in gone:
            self._last_written.pop(user_id, None)
        # Forget throttle entries that can no longer suppress a write.
        stale = [uid for uid, at in self._last_written.items() if now - at >= self._write_interval]
        for user_id in stale:
            del self._last_written[user_id]
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
