"""An update delivered twice (a webhook retry, a restart mid-batch) is handled once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.coordination import SharedState

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DuplicateUpdatesMiddleware(BaseMiddleware):
    """Outer update middleware: an update id already seen (by any worker, with REDIS_URL)
    is dropped.

    Game moves are also safe on their own (a repeated move is an illegal move), so this
    only keeps duplicates from producing a second alert or a second message.
    """

    def __init__(self, shared: SharedState) -> None:
        self._shared = shared

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update) and not await self._shared.first_delivery(event.update_id):
            return None
        return await handler(event, data)
