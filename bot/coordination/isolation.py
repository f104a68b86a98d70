"""One user's updates one at a time across workers, without waiting a minute for a dead one.

aiogram's `RedisEventIsolation` holds a Redis lock per user (and chat) for 60 seconds: a
worker killed while handling an update leaves that lock behind, and every later update of
that user, on every worker, waits until it expires. Here the lock lives only `ttl` seconds
and its holder renews it while the update is being handled, so a slow handler keeps it and
a dead worker's lock is gone within `ttl`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiogram.fsm.storage.base import BaseEventIsolation, KeyBuilder, StorageKey
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError

logger = logging.getLogger(__name__)

LOCK_TTL = 5.0  # seconds a dead worker can hold up one user's updates
POLL = 0.02  # seconds between tries while another worker holds the lock


class RenewedRedisEventIsolation(BaseEventIsolation):
    def __init__(
        self, redis: Redis, key_builder: KeyBuilder, *, ttl: float = LOCK_TTL, poll: float = POLL
    ) -> None:
        self._redis = redis
        self._key_builder = key_builder
        self._ttl = ttl
        self._poll = poll

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        lock = Lock(
            self._redis, self._key_builder.build(key, "lock"), timeout=self._ttl, sleep=self._poll
        )
        await lock.acquire()
        renewing = asyncio.create_task(self._renew(lock))
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            try:
                await lock.release()
            except LockError:
                # It expired (the loop stalled past `ttl`): another update may have started.
                logger.warning("isolation lock %s expired before its update was handled", key)

    async def _renew(self, lock: Lock) -> None:
        while True:
            await asyncio.sleep(self._ttl / 3)
            try:
                await lock.reacquire()  # back to a full `ttl`
            except LockError:
                return  # lost already; release() says so

    async def close(self) -> None:
        pass  # the Redis client belongs to the storage, which closes it
