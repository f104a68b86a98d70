"""Webhook mode: Telegram (the fake) posts updates to the bot's own aiohttp server."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.fake_bot_api import FakeBotApi
from bot.webhook import claim_webhook_setter
from tests.conftest import service_unavailable
from tests.e2e.flows import open_home, say
from tests.e2e.harness import Duet, FakeClock, make_settings

SECRET = "s3cret-Token_for-tests"
REDIS_URL = "redis://127.0.0.1:6379/15"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def redis_available() -> bool:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
        await client.flushdb()
    except OSError:
        return False
    except Exception:  # redis raises its own ConnectionError family
        return False
    finally:
        await client.aclose()
    return True


@pytest.fixture
async def webhook_duet(
    api: FakeBotApi, tmp_path: Path, database_url: str | None
) -> AsyncIterator[tuple[Duet, str]]:
    duet, url = await start_webhook_duet(api, tmp_path, database_url=database_url)
    yield duet, url
    await duet.stop()


async def start_webhook_duet(api: FakeBotApi, tmp_path: Path, **extra: Any) -> tuple[Duet, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    settings = make_settings(
        tmp_path,
        api,
        webhook_url=url,
        webhook_secret=SECRET,
        webhook_host="127.0.0.1",
        webhook_port=port,
        **extra,
    )
    duet = Duet(api, settings, FakeClock())
    await duet.start()
    return duet, url


async def test_updates_arrive_through_the_webhook(
    webhook_duet: tuple[Duet, str], api: FakeBotApi
) -> None:
    duet, url = webhook_duet
    (set_call,) = api.calls_to("setWebhook")
    assert set_call.params["url"] == url
    assert set_call.params["secret_token"] == SECRET
    assert not api.calls_to("getUpdates")
    alice = duet.user(1001, "Alice")
    home = await open_home(duet, alice)
    assert "🏠" in home.text
    assert all(a.status == 200 for a in api.webhook_attempts)


async def test_wrong_or_missing_secret_is_refused_and_health_answers(
    webhook_duet: tuple[Duet, str],
) -> None:
    duet, url = webhook_duet
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1, "date": 0, "text": "/start",
            "chat": {"id": 5, "type": "private", "first_name": "Mallory"},
            "from": {"id": 5, "is_bot": False, "first_name": "Mallory"},
        },
    }  # fmt: skip
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 401
        health = url.replace("/telegram/webhook", "/healthz")
        async with http.get(health) as response:
            assert response.status == 200
            assert await response.json() == {"ok": True}
    async with duet.database.read() as uow:
        assert await uow.users.get_by_telegram_id(5) is None  # nothing was processed


async def test_fsm_state_and_isolation_live_in_redis(
    api: FakeBotApi, tmp_path: Path, database_url: str | None
) -> None:
    if not await redis_available():
        service_unavailable("Redis is not reachable on 127.0.0.1:6379 (.ci/run starts it)")
    duet, _ = await start_webhook_duet(
        api, tmp_path, redis_url=REDIS_URL, database_url=database_url
    )
    try:
        alice = duet.user(1001, "Alice")
        await open_home(duet, alice)
        await alice.press("👤 Profile")
        await alice.press("✏️ Change name")
        from redis.asyncio import Redis

        client = Redis.from_url(REDIS_URL)
        try:
            keys = [k.decode() async for k in client.scan_iter("fsm:*")]
        finally:
            await client.aclose()
        assert any(key.endswith(":state") for key in keys), keys
        profile = await say(duet, alice, "Alicia")
        assert "Alicia" in profile.text
        assert any("Your name is now Alicia." in m.text for m in alice.bot_messages)
    finally:
        await duet.stop()


async def test_only_one_worker_sets_the_webhook(tmp_path: Path, api: FakeBotApi) -> None:
    if not await redis_available():
        service_unavailable("Redis is not reachable on 127.0.0.1:6379 (.ci/run starts it)")
    settings = make_settings(
        tmp_path,
        api,
        webhook_url="http://127.0.0.1:1/x",
        webhook_secret=SECRET,
        redis_url=REDIS_URL,
    )
    claims = [await claim_webhook_setter(settings) for _ in range(3)]
    assert claims == [True, False, False]
