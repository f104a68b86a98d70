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
from bot.services.couples import CoupleService
from bot.services.daily import DailyService
from bot.services.gameplay import GameService
from bot.services.progress import ProgressService
from bot.services.users import UserService
from bot.ui import screens
from bot.ui.callbacks import FormCb, LanguageCb, Nav, Preference, Screen, SettingsCb
from bot.ui.respond import show
from db.repositories.settings import GrammaticalForm, Language, UserSettings
from db.repositories.users import User
from handlers.home import home_screen

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
    query: CallbackQuery,
    callback_data: FormCb,
    user: User,
    users: UserService,
    couples: CoupleService,
    games: GameService,
    daily: DailyService,
    progress: ProgressService,
) -> None:
    form = cast(GrammaticalForm, callback_data.form)  # the pattern admits only these three
    updated = await users.set_grammatical_form(user.id, form)
    if callback_data.home:  # the first home screen asked: home again, without the question
        await show(query, await home_screen(user, couples, games, daily, progress))
    else:
        await show(query, screens.settings(updated))


async def choose_language(
    query: CallbackQuery,
    callback_data: LanguageCb,
    bot: Bot,
    user: User,
    users: UserService,
    i18n: I18n,
    couples: CoupleService,
    games: GameService,
    daily: DailyService,
    progress: ProgressService,
) -> None:
    """The one-tap choice on first contact: the home screen again, in that language."""
    language = cast(Language, callback_data.language)  # the pattern admits only en and ru
    await users.set_language(user.id, language)
    with i18n.use_locale(language):
        await show(query, await home_screen(user, couples, games, daily, progress))
        await _set_chat_menu(bot, user.telegram_id)


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
    router.callback_query.register(choose_language, LanguageCb.filter())
    return router
