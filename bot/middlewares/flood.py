"""Per-user flood control: a user who sends or presses too fast is ignored for a moment.

One short notice when the limit is hit, then silence until the window has passed; other
users are unaffected. The counters are `SharedState`: with several workers (REDIS_URL) one
user's updates are counted together wherever they land.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject, Update, User
from aiogram.utils.i18n import I18n

from bot.clock import Clock
from bot.coordination import FloodVerdict, SharedState
from bot.i18n import _, language_from_telegram

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class FloodControlMiddleware(BaseMiddleware):
    """Outer update middleware: at most `limit` updates per user in any `window`."""

    def __init__(
        self,
        shared: SharedState,
        clock: Clock,
        i18n: I18n,
        *,
        limit: int,
        window: timedelta,
        default_language: str,
    ) -> None:
        self._shared = shared
        self._clock = clock
        self._i18n = i18n
        self._limit = limit
        self._window = window
        self._default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        verdict = await self._shared.hit(
            f"flood:{user.id}", self._clock.now(), self._limit, self._window
        )
        if verdict is FloodVerdict.MUTED:
            await self._quietly_answer(event)
            return None
        if verdict is FloodVerdict.LIMIT_HIT:
            await self._notice(event, user)
            return None
        return await handler(event, data)

    async def _notice(self, event: TelegramObject, user: User) -> None:
        language = language_from_telegram(user.language_code, self._default_language)
        with self._i18n.context(), self._i18n.use_locale(language):
            text = _("🐢 Slow down a little — I'll listen again in a few seconds.")
        if isinstance(event, Update) and event.callback_query is not None:
            await event.callback_query.answer(text, show_alert=True)
        elif isinstance(event, Update) and event.message is not None:
            await event.message.answer(text)

    @staticmethod
    async def _quietly_answer(event: TelegramObject) -> None:
        """A button press still needs an answer, or Telegram keeps showing a spinner."""
        if isinstance(event, Update) and isinstance(event.callback_query, CallbackQuery):
            await event.callback_query.answer()
