"""Users who blocked the bot, as Telegram reports them: 403 answers and `my_chat_member`.

Every 403 of the Bot session passes `BlockedUsersMiddleware`; the partner is told once, in
their language, and the couple's live game ends as abandoned in both chats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from functools import partial
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from bot.services.reachability import Reachability
from bot.ui import screens
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier

if TYPE_CHECKING:
    from aiogram import Bot


class BlockedUsers:
    def __init__(
        self, reachability: Reachability, notifier: Notifier, display: GameDisplay
    ) -> None:
        self._reachability = reachability
        self._notifier = notifier
        self._display = display

    async def handle(self, bot: Bot, telegram_id: int) -> None:
        blocked = await self._reachability.blocked(telegram_id)
        if blocked is None:
            return  # already known: the partner was told before
        if blocked.partner is not None:
            await self._notifier.send(
                bot, blocked.partner, partial(screens.partner_blocked, blocked.user.user)
            )
        for session_id in blocked.ended_sessions:
            await self._display.refresh(bot, session_id)


class BlockedUsersMiddleware(BaseRequestMiddleware):
    """Bot session middleware: a 403 for a user's chat reports them as having blocked us."""

    def __init__(self, on_blocked: Callable[[Bot, int], Coroutine[Any, Any, None]]) -> None:
        self._on_blocked = on_blocked
        self._tasks: set[asyncio.Task[None]] = set()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramForbiddenError as error:
            chat_id = getattr(method, "chat_id", None)
            if isinstance(chat_id, int) and chat_id > 0 and _means_blocked(error):
                # Handled beside the failing call, which may hold a lock of its own.
                task = asyncio.create_task(self._on_blocked(bot, chat_id))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            raise


def _means_blocked(error: TelegramForbiddenError) -> bool:
    text = error.message.lower()
    return "blocked" in text or "deactivated" in text
