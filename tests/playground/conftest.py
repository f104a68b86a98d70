"""Fixtures for the playground's tests: a running playground session (real bot, fake Telegram)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.playground.app import open_session
from bot.playground.session import PlaygroundSession


@pytest.fixture
async def session() -> AsyncIterator[PlaygroundSession]:
    """Alice (en) focused, Boris (ru); both chats empty."""
    async with open_session(("en", "ru")) as playground:
        yield playground


async def settle(session: PlaygroundSession) -> None:
    """Until background presses were answered and the bot handled everything."""
    await session.idle()
    await session.duet.settle()  # unlike session.settle(), fails the test on a timeout
