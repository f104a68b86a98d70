"""Fixtures for end-to-end tests: a fake Telegram and the real bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.fake_bot_api import FakeBotApi
from tests.e2e.harness import BOT_USERNAME, TOKEN, Duet, FakeClock, make_settings

StartDuet = Callable[..., Awaitable[Duet]]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN, bot_id=123456, bot_username=BOT_USERNAME) as server:
        yield server


@pytest.fixture
async def start_duet(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[StartDuet]:
    """Start the bot with settings overridden for one test (e.g. a short invite lifetime)."""
    running: list[Duet] = []

    async def start(**overrides: Any) -> Duet:
        duet = Duet(api, make_settings(tmp_path, api, **overrides), FakeClock())
        await duet.start()
        running.append(duet)
        return duet

    yield start
    for duet in running:
        await duet.stop()


@pytest.fixture
async def duet(start_duet: StartDuet) -> Duet:
    return await start_duet()
