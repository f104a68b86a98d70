"""Injected failures surface as the aiogram exceptions a real outage would raise."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError

from bot.fake_bot_api import FakeBotApi, FakeUser


async def test_flood_limit(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    rule = api.inject("sendMessage", status=429, retry_after=3, times=2)
    for _ in range(2):
        with pytest.raises(TelegramRetryAfter) as error:
            await bot.send_message(alice.id, "x")
        assert error.value.retry_after == 3
        assert "Too Many Requests: retry after 3" in error.value.message
    assert rule.remaining == 0
    await bot.send_message(alice.id, "through")
    assert [m.text for m in alice.bot_messages] == ["through"]
    assert [c.error_code for c in api.calls_to("sendMessage")] == [429, 429, None]


@pytest.mark.parametrize(
    ("status", "description"), [(500, "Internal Server Error"), (502, "Bad Gateway")]
)
async def test_server_errors(
    api: FakeBotApi, bot: Bot, alice: FakeUser, status: int, description: str
) -> None:
    await alice.send("hi")
    api.inject("sendMessage", status=status)
    with pytest.raises(TelegramServerError, match=description):
        await bot.send_message(alice.id, "x")
    assert alice.bot_messages == []


async def test_dropped_connection(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    api.inject("sendMessage", drop_connection=True)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(alice.id, "x")
    await bot.send_message(alice.id, "x")


async def test_any_method_and_precedence(api: FakeBotApi, bot: Bot) -> None:
    api.inject(None, status=500)
    with pytest.raises(TelegramServerError):
        await bot.get_me()
    api.inject("sendMessage", status=429)
    with pytest.raises(TelegramRetryAfter):  # the fault wins over "chat not found"
        await bot.send_message(999, "x")
    assert (await bot.get_me()).id == 123456
