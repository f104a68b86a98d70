"""Keep aiogram's per-method response models alive between Bot API calls.

aiogram parses every reply with ``Response[method.__returning__]``, a pydantic generic model
that pydantic caches only weakly. Nothing else holds it, so each garbage collection threw the
class away and the next call built it again (schema generation: about 4% of a move in the
benchmark profile). This session middleware holds one per return type; there are a few
dozen in the whole Bot API, and only those Duet calls are ever built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot


class PinResponseModelsMiddleware(BaseRequestMiddleware):
    def __init__(self) -> None:
        self._pinned: dict[Any, type[Response[Any]]] = {}

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in self._pinned:
            self._pinned[returning] = Response[returning]  # type: ignore[valid-type]
        return await make_request(bot, method)
