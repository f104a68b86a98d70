"""Fixtures for the fake Bot API's own tests: a started server and a real aiogram Bot."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.fake_bot_api import FakeBotApi, FakeUser

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(
        token=TOKEN, bot_id=123456, bot_username="duet_test_bot", bot_first_name="Duet"
    )
    await server.start()
    yield server
    await server.stop()


class LocalSession(AiohttpSession):
    """aiogram's session without the 250 ms pause on close (it waits for SSL; we have none)."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def local_bot(api: FakeBotApi, token: str = TOKEN) -> Bot:
    return Bot(token, session=LocalSession(api=TelegramAPIServer.from_base(api.base_url)))


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    telegram_bot = local_bot(api)
    yield telegram_bot
    await telegram_bot.session.close()


@pytest.fixture
def alice(api: FakeBotApi) -> FakeUser:
    return api.add_user(1001, "Alice", language_code="en")


@pytest.fixture
def bob(api: FakeBotApi) -> FakeUser:
    return api.add_user(1002, "Bob", language_code="ru", username="bob")


@pytest.fixture
async def make_bot(api: FakeBotApi) -> AsyncIterator[Callable[[str], Bot]]:
    """A factory of extra Bots (e.g. with another token); all are closed afterwards."""
    made: list[Bot] = []

    def factory(token: str) -> Bot:
        made.append(local_bot(api, token))
        return made[-1]

    yield factory
    for extra in made:
        await extra.session.close()


PollingRunner = Callable[[Dispatcher], contextlib.AbstractAsyncContextManager[None]]


@pytest.fixture
def run_polling(bot: Bot) -> PollingRunner:
    """``async with run_polling(dispatcher):`` runs long polling against the fake server."""

    @contextlib.asynccontextmanager
    async def polling(dispatcher: Dispatcher) -> AsyncIterator[None]:
        task = asyncio.create_task(
            dispatcher.start_polling(
                bot, polling_timeout=5, handle_signals=False, close_bot_session=False
            )
        )
        try:
            yield
        finally:
            await dispatcher.stop_polling()
            await task

    return polling
