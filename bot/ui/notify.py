"""Messages to a user other than the one whose update is being handled (e.g. the partner)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n

from bot.services.people import Person
from bot.zones import use_zone

logger = logging.getLogger(__name__)

Render = Callable[[], tuple[str, InlineKeyboardMarkup | None]]


class Notifier:
    """Renders in the recipient's language and respects their sound setting."""

    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n

    async def send(self, bot: Bot, to: Person, render: Render) -> Message | None:
        """Send; None when Telegram refuses (the user blocked the bot, or never started it)."""
        # context(): also usable from background tasks, outside any update.
        with (
            self._i18n.context(),
            self._i18n.use_locale(to.settings.language),
            use_zone(to.settings),
        ):
            text, markup = render()
        try:
            return await bot.send_message(
                int(to.user.telegram_id),
                text,
                reply_markup=markup,
                disable_notification=not to.settings.sound_enabled,
            )
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            logger.info("could not message user %s: %s", to.user.id, error.message)
            return None

    async def replace_buttons(
        self,
        bot: Bot,
        to: Person,
        message_id: int,
        markup: Callable[[], InlineKeyboardMarkup | None],
    ) -> None:
        """Give one of the user's messages other buttons, rendered in their language; a
        message Telegram no longer lets us edit keeps its own."""
        with self._i18n.context(), self._i18n.use_locale(to.settings.language):
            buttons = markup()
        try:
            await bot.edit_message_reply_markup(
                chat_id=int(to.user.telegram_id), message_id=message_id, reply_markup=buttons
            )
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            logger.debug(
                "message %s of user %s kept its buttons: %s", message_id, to.user.id, error.message
            )
