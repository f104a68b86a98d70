"""Fixtures for end-to-end tests: a fake Telegram and the real bot polling it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.fake_bot_api import FakeBotApi
from bot.polling_log import PollingConflictFilter
from tests.e2e.harness import BOT_USERNAME, TOKEN, Duet, FakeClock, make_settings

StartDuet = Callable[..., Awaitable[Duet]]


@pytest.fixture(autouse=True)
def _fresh_polling_log_filter() -> Iterator[None]:
    """The 409 explanation is once per process (bot/polling_log.py); each test is a fresh
    bot, as if it were a new process (tests run twice now: on SQLite and on PostgreSQL)."""
    yield
    dispatcher_logger = logging.getLogger("aiogram.dispatcher")
    for installed in [f for f in dispatcher_logger.filters if isinstance(f, PollingConflictFilter)]:
        dispatcher_logger.removeFilter(installed)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN, bot_id=123456, bot_username=BOT_USERNAME) as server:
        yield server


@pytest.fixture
async def start_duet(
    api: FakeBotApi, tmp_path: Path, database_url: str | None
) -> AsyncIterator[StartDuet]:
    """Start the bot with settings overridden for one test (e.g. a short invite lifetime),
    on SQLite or PostgreSQL (`database_url`: every test using it runs on both)."""
    running: list[Duet] = []

    async def start(**overrides: Any) -> Duet:
        settings = make_settings(tmp_path, api, database_url=database_url, **overrides)
        duet = Duet(api, settings, FakeClock())
        await duet.start()
        running.append(duet)
        return duet

    yield start
    for duet in running:
        await duet.stop()


@pytest.fixture
async def duet(start_duet: StartDuet) -> Duet:
    return await start_duet()
