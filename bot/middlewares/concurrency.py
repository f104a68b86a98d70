"""At most N updates are worked on at once in this process; the rest wait their turn.

Without a bound, a burst (a webhook backlog, a restart with many pending updates) starts
every update at once: each holds its parsed objects, rendered screens and pending database
work, so memory peaks with the burst's size, and every update of the burst finishes late
instead of the first ones finishing early. Registered after aiogram's FSM middleware, so an
update waits here only once it holds its user's isolation lock: a waiting update never
holds a slot that the update it waits for needs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ConcurrencyLimitMiddleware(BaseMiddleware):
    """Outer update middleware: a semaphore of `limit` slots around the rest of the chain."""

    def __init__(self, limit: int) -> None:
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self._slots:
            return await handler(event, data)
