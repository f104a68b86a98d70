"""Sound off means silent messages: every send to that user gets `disable_notification`.

The user context middleware records the current user's sound preference in a context
variable; this Bot session middleware applies it to any message sent to that user while
their update is handled, so no handler has to remember. Messages to other users (the
partner) pass their own preference explicitly.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import SendDocument, SendMessage, TelegramMethod
from aiogram.methods.base import Response, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

# (telegram id, sound enabled) of the user whose update is being handled.
current_listener: ContextVar[tuple[int, bool] | None] = ContextVar("current_listener", default=None)


class SilentSendsMiddleware(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        listener = current_listener.get()
        if (
            listener is not None
            and isinstance(method, SendMessage | SendDocument)
            and method.disable_notification is None
            and str(method.chat_id) == str(listener[0])
        ):
            method.disable_notification = not listener[1]
        return await make_request(bot, method)
