"""The last line of defence: an unexpected exception gets logged and a short, kind answer."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.i18n import _
from bot.ui import keyboards

logger = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, bot: Bot) -> bool:
    update = event.update
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
