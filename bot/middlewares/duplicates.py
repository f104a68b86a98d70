"""An update delivered twice (a webhook retry, a restart mid-batch) is handled once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DuplicateUpdatesMiddleware(BaseMiddleware):
    """Outer update middleware remembering the last `size` update ids (per process).

    Game moves are also safe on their own (a repeated move is an illegal move), so this
    only keeps duplicates from producing a second alert or a second message.
    """

    def __init__(self, size: int = 10_000) -> None:
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._size = size

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            if event.update_id in self._seen:
                return None
            self._seen[event.update_id] = None
            if len(self._seen) > self._size:
                self._seen.popitem(last=False)
        return await handler(event, data)
