"""Helpers for tests of several workers serving one bot through one Redis.

Each test gets a fake Telegram whose bot has an id of its own: every Redis key of the bot
(aiogram's `fsm:<bot id>:…`, Duet's `duet:<bot id>:…`) is then the test's own, so nothing
is flushed (other tests may share the Redis database) and everything is deleted afterwards.
"""

from __future__ import annotations

import random
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.fake_bot_api import FakeBotApi
from tests.coordination.redis_support import REDIS_URL, delete_keys, reachable_redis
from tests.e2e.harness import BOT_USERNAME

__all__ = ["REDIS_URL", "SECRET", "cluster_api", "free_port"]

SECRET = "s3cret-Token_for-workers"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def cluster_api() -> AsyncIterator[FakeBotApi]:
    """A started fake Bot API for a bot with a fresh id; skips the test without Redis, and
    deletes the bot's Redis keys at the end."""
    redis = await reachable_redis()
    bot_id = random.randrange(10**9, 10**10)
    token = f"{bot_id}:TEST-cluster_{random.getrandbits(64):016x}"
    try:
        async with FakeBotApi(token, bot_id=bot_id, bot_username=BOT_USERNAME) as api:
            yield api
    finally:
        for pattern in (f"fsm:{bot_id}:*", f"duet:{bot_id}:*"):
            await delete_keys(redis, pattern)
        await redis.aclose()
