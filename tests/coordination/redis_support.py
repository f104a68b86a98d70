"""Redis for tests: reachable, or skipped with the same reason as tests/e2e/test_webhook.py
(failed instead where services are required, as in CI: `service_unavailable`); keys under a
prefix of the test's own, deleted afterwards."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis

from tests.conftest import service_unavailable

REDIS_URL = "redis://127.0.0.1:6379/15"
SKIP_REASON = "Redis is not reachable on 127.0.0.1:6379 (.ci/run starts it)"


async def reachable_redis() -> Redis:
    """A client of the test Redis, or the test is skipped. Nothing is flushed: tests sharing
    this database keep to their own key prefixes."""
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except Exception:  # OSError, or redis's own ConnectionError family
        await client.aclose()
        service_unavailable(SKIP_REASON)
    return client


def unique_prefix() -> str:
    return f"test:{uuid.uuid4().hex[:12]}:"


async def delete_keys(client: Redis, pattern: str) -> None:
    keys = [key async for key in client.scan_iter(match=pattern, count=1000)]
    if keys:
        await client.delete(*keys)


@asynccontextmanager
async def redis_for_test() -> AsyncIterator[tuple[Redis, str]]:
    """(client, prefix): every key the test makes under `prefix` is deleted at the end."""
    client = await reachable_redis()
    prefix = unique_prefix()
    try:
        yield client, prefix
    finally:
        await delete_keys(client, prefix + "*")
        await client.aclose()
