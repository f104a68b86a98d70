"""Stamps each update with the time the bot received it (who tapped first, in the duel)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.clock import Clock

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ReceivedAtMiddleware(BaseMiddleware):
    """Outer update middleware: `received_at` (epoch seconds) for handlers."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["received_at"] = self._clock.now().timestamp()
        return await handler(event, data)
