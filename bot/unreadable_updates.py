"""An update this aiogram cannot read (a field an older or newer Bot API server sends
differently) is skipped, not retried forever.

aiogram reads a whole `getUpdates` batch as one list: a single update that fails validation
fails the batch, and polling asks for the same batch again, for everyone, with a growing
pause. This session middleware reads such a batch one update at a time instead, hands on
the readable ones, logs each unreadable one once (its id and type), and asks from past it
from then on.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import ClientDecodeError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import Update
from pydantic import ValidationError

if TYPE_CHECKING:
    from aiogram import Bot

logger = logging.getLogger(__name__)


class SkipUnreadableUpdatesMiddleware(BaseRequestMiddleware):
    def __init__(self) -> None:
        self._skip_to = 0  # the next getUpdates starts at least here

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        polling = method if isinstance(method, GetUpdates) else None
        if polling is None:
            return await make_request(bot, method)
        if self._skip_to and (polling.offset is None or polling.offset < self._skip_to):
            polling.offset = self._skip_to  # aiogram reuses this call: the skip sticks
        try:
            return await make_request(bot, method)
        except ClientDecodeError as error:
            batch = _batch(error.data)
            if batch is None:
                raise
            readable = self._read(bot, batch)
        # What the chain hands back is the method's result itself (aiogram's session returns
        # `response.result`), whatever its annotation says.
        return cast(Response[TelegramType], readable)

    def _read(self, bot: Bot, batch: list[Any]) -> list[Update]:
        readable: list[Update] = []
        for raw in batch:
            try:
                readable.append(Update.model_validate(raw, context={"bot": bot}))
            except ValidationError as error:
                update_id = raw.get("update_id") if isinstance(raw, Mapping) else None
                kinds = (
                    [key for key in raw if key != "update_id"] if isinstance(raw, Mapping) else []
                )
                logger.warning(
                    "skipped update %s (%s): this aiogram cannot read it: %s",
                    update_id,
                    ", ".join(kinds) or "unknown type",
                    error.errors(include_url=False, include_input=False)[:1],
                )
                if isinstance(update_id, int):
                    self._skip_to = max(self._skip_to, update_id + 1)
        return readable


def _batch(data: object) -> list[Any] | None:
    """The raw updates of a successful getUpdates answer, or None for anything else."""
    if isinstance(data, Mapping) and data.get("ok") is True:
        result = data.get("result")
        if isinstance(result, list):
            return result
    return None
