"""The last line of defence: an unexpected exception gets logged and a short, kind answer."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import ErrorEvent

from bot.i18n import _
from bot.ui import keyboards

logger = logging.getLogger(__name__)

TELEGRAM_OUTAGES = (TelegramServerError, TelegramNetworkError, TelegramRetryAfter)


async def on_error(event: ErrorEvent, bot: Bot) -> bool:
    update = event.update
    if isinstance(event.exception, TelegramForbiddenError):
        # The user blocked the bot while we were answering: expected, and already noted by
        # BlockedUsersMiddleware. There is nobody to tell.
        logger.info("update %s: the user is unreachable (%s)", update.update_id, event.exception)
        return True
    if isinstance(event.exception, TELEGRAM_OUTAGES):
        # Telegram failed even after our retries; telling the user would fail the same way.
        # (A 400 Bad Request is our bug, not an outage: it is logged as an error below.)
        logger.warning("update %s: Telegram unavailable: %s", update.update_id, event.exception)
        return True
    logger.error("update %s failed", update.update_id, exc_info=event.exception)
    text = _("⚠️ Something went wrong on my side. Please try again.")
    chat_id: int | None = None
    if update.callback_query is not None:
        # The press itself is answered by CallbackAnswerMiddleware (even on failure).
        chat_id = update.callback_query.from_user.id
    elif update.message is not None and update.message.chat.type == "private":
        chat_id = update.message.chat.id
    if chat_id is not None:
        try:
            await bot.send_message(chat_id, text, reply_markup=keyboards.only_home())
        except TelegramAPIError as error:  # Telegram may be what failed; never loop
            logger.warning("could not tell user %s about the failure: %s", chat_id, error)
    return True  # handled: the bot keeps serving everyone else


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
