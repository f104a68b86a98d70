"""Webhook mode: delivery, the secret header, retries, round-robin targets, webhook replies."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.fake_bot_api import SECRET_HEADER, FakeBotApi, FakeUser

SECRET = "s3cret-Token_1"


class Receiver:
    """A stand-in bot worker: records every POST and answers with scripted statuses."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[str | None, dict[str, Any]]] = []
        self.app = web.Application()
        self.app.router.add_post("/hook", self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((request.headers.get(SECRET_HEADER), await request.json()))
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


ServeApp = Callable[[web.Application], Awaitable[str]]


@pytest.fixture
async def serve() -> AsyncIterator[ServeApp]:
    """Serve aiohttp apps on free local ports; returns their base URL."""
    runners: list[web.AppRunner] = []

    async def start(app: web.Application) -> str:
        runner = web.AppRunner(app, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        return f"http://127.0.0.1:{runner.addresses[0][1]}"

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture(autouse=True)
def fast_retries(api: FakeBotApi) -> None:
    api.webhook.retry_delay = 0.01


async def test_delivery_with_secret_and_retry_until_2xx(
    api: FakeBotApi, bot: Bot, alice: FakeUser, serve: ServeApp
) -> None:
    receiver = Receiver(statuses=[500, 502])
    url = await serve(receiver.app) + "/hook"
    assert await bot.set_webhook(url, secret_token=SECRET)
    await alice.send("hi")
    await api.settle(quiet=0.05, timeout=2)

    assert [secret for secret, _ in receiver.requests] == [SECRET] * 3
    bodies = [body for _, body in receiver.requests]
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["message"]["text"] == "hi"
    assert [attempt.status for attempt in api.webhook_attempts] == [500, 502, 200]
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (url, 0)
    assert info.last_error_message == "Wrong response from the webhook: 502 Bad Gateway"


async def test_round_robin_targets(
    api: FakeBotApi, bot: Bot, alice: FakeUser, bob: FakeUser, serve: ServeApp
) -> None:
    workers = [Receiver([]), Receiver([])]
    api.webhook_targets = [await serve(worker.app) + "/hook" for worker in workers]
    await bot.set_webhook("https://duet.example.com/webhook")
    for text in ("1", "2"):
        await alice.send(text)
        await bob.send(text)
    await api.settle(quiet=0.05, timeout=2)
    assert [len(worker.requests) for worker in workers] == [2, 2]
    delivered = sorted(body["update_id"] for worker in workers for _, body in worker.requests)
    assert delivered == sorted({attempt.update_id for attempt in api.webhook_attempts})


async def test_a_pinned_user_sticks_to_their_target_through_retries(
    api: FakeBotApi, bot: Bot, alice: FakeUser, bob: FakeUser, serve: ServeApp
) -> None:
    """Pins hold on every attempt: a retry elsewhere does not move anyone (#31)."""
    flaky, steady = Receiver([500, 502]), Receiver([])
    urls = [await serve(flaky.app) + "/hook", await serve(steady.app) + "/hook"]
    api.webhook_targets = urls
    api.webhook_pins = {alice.id: urls[0], bob.id: urls[1]}
    api.webhook.retry_delay = 0.01
    await bot.set_webhook("https://duet.example.com/webhook")
    for text in ("1", "2", "3"):
        await alice.send(text)
        await bob.send(text)
    await api.settle(quiet=0.05, timeout=3)
    senders = [
        {body["message"]["from"]["id"] for _, body in worker.requests} for worker in (flaky, steady)
    ]
    assert senders == [{alice.id}, {bob.id}]
    assert [len(flaky.requests), len(steady.requests)] == [5, 3]  # Alice's first one, thrice


def dead_url() -> str:
    """A local URL nothing listens on (connection refused), like a killed worker."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


async def test_an_unreachable_target_fails_over_to_the_next_at_once(
    api: FakeBotApi, bot: Bot, alice: FakeUser, bob: FakeUser, serve: ServeApp
) -> None:
    live = Receiver([])
    dead, alive = dead_url(), await serve(live.app) + "/hook"
    api.webhook_targets = [dead, alive]
    api.webhook.retry_delay = 30.0  # a backoff would not fit in the settle timeout below
    await bot.set_webhook("https://duet.example.com/webhook")
    for text in ("1", "2"):
        await alice.send(text)
        await bob.send(text)
    await api.settle(quiet=0.05, timeout=2)

    assert len(live.requests) == 4
    attempts = api.webhook_attempts
    refused = [a for a in attempts if a.url == dead]
    assert refused and all(a.status is None and "Connection" in (a.error or "") for a in refused)
    for failed in refused:  # each refused attempt went straight on to the live worker
        (passed_on,) = [a for a in attempts if a.update_id == failed.update_id and a.ok]
        assert passed_on.url == alive and passed_on.timestamp - failed.timestamp < 1
    assert {a.kind for a in attempts} == {"message"}


async def test_a_target_that_answered_an_error_is_not_failed_over(
    api: FakeBotApi, bot: Bot, alice: FakeUser, serve: ServeApp
) -> None:
    """The worker got the update and may have handled it: retried after the backoff only."""
    failing, other = Receiver([500]), Receiver([])
    api.webhook_targets = [await serve(failing.app) + "/hook", await serve(other.app) + "/hook"]
    api.webhook.retry_delay = 0.3
    await bot.set_webhook("https://duet.example.com/webhook")
    await alice.send("hi")
    await api.settle(quiet=0.05, timeout=3)
    first, second = api.webhook_attempts
    assert (first.status, second.status) == (500, 200)
    assert second.timestamp - first.timestamp >= 0.3
    assert [len(failing.requests), len(other.requests)] == [1, 1]


async def test_all_targets_down_waits_for_the_backoff_then_delivers(
    api: FakeBotApi, bot: Bot, alice: FakeUser, serve: ServeApp
) -> None:
    api.webhook_targets = [dead_url(), dead_url()]
    await bot.set_webhook("https://duet.example.com/webhook")
    await alice.send("hi")
    async with asyncio.timeout(2):
        async for _ in api.on_change:
            if len(api.webhook_attempts) >= 4:
                break
    assert api.pending_updates == 1  # both refused, twice: still queued
    late = Receiver([])
    api.webhook_targets = [await serve(late.app) + "/hook"]
    await api.settle(quiet=0.05, timeout=2)
    assert len(late.requests) == 1 and api.pending_updates == 0


async def test_aiogram_webhook_handler_and_reply_in_response(
    api: FakeBotApi, bot: Bot, alice: FakeUser, serve: ServeApp
) -> None:
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> SendMessage:
        return message.answer(f"pong: {message.text}")  # executed from the webhook response

    app = web.Application()
    SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, secret_token=SECRET, handle_in_background=False
    ).register(app, path="/webhook")
    await bot.set_webhook(await serve(app) + "/webhook", secret_token=SECRET)
    await alice.send("ping")
    reply = await alice.wait_for_text("pong", timeout=2)
    assert reply.text == "pong: ping"
    assert api.calls_to("sendMessage")[0].ok


async def test_delete_webhook_and_bad_urls(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="bad webhook"):
        await bot.set_webhook("ftp://example.com/hook")
    await bot.set_webhook("http://127.0.0.1:9/hook")
    await alice.send("never delivered")
    assert await bot.delete_webhook(drop_pending_updates=True)
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("", 0)
    assert await bot.get_updates() == []
