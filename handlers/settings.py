"""/settings: theme, language, sound and notifications as toggles edited in place."""

from __future__ import annotations

import logging
from typing import cast

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.commands import command_menu
from bot.services.users import UserService
from bot.ui import screens
from bot.ui.callbacks import FormCb, Nav, Preference, Screen, SettingsCb
from bot.ui.respond import show
from db.repositories.settings import GrammaticalForm, UserSettings
from db.repositories.users import User

logger = logging.getLogger(__name__)

_PREFERENCES = {
    Preference.THEME: "theme",
    Preference.LANGUAGE: "language",
    Preference.SOUND: "sound",
    Preference.NOTIFICATIONS: "notifications",
}


async def settings_screen(event: Message | CallbackQuery, user_settings: UserSettings) -> None:
    await show(event, screens.settings(user_settings))


async def toggle(
    query: CallbackQuery,
    callback_data: SettingsCb,
    bot: Bot,
    user: User,
    users: UserService,
    i18n: I18n,
) -> None:
    updated = await users.toggle(user.id, _PREFERENCES[callback_data.toggle])
    # Render in the (possibly new) language at once, not the one this update started with.
    with i18n.use_locale(updated.language):
        await show(query, screens.settings(updated))
        if callback_data.toggle is Preference.LANGUAGE:
            await _set_chat_menu(bot, user.telegram_id)


async def choose_form(
    query: CallbackQuery, callback_data: FormCb, user: User, users: UserService
) -> None:
    form = cast(GrammaticalForm, callback_data.form)  # the pattern admits only these three
    await show(query, screens.settings(await users.set_grammatical_form(user.id, form)))


async def _set_chat_menu(bot: Bot, chat_id: int) -> None:
    """The command menu of this chat follows the Duet language, not Telegram's."""
    try:
        await bot.set_my_commands(command_menu(), scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as error:
        logger.warning("could not set the command menu of chat %s: %s", chat_id, error)


def create_router() -> Router:
    router = Router(name="settings")
    router.message.register(settings_screen, Command("settings"))
    router.callback_query.register(settings_screen, Nav.filter(F.to == Screen.SETTINGS))
    router.callback_query.register(toggle, SettingsCb.filter())
    router.callback_query.register(choose_form, FormCb.filter())
    return router
