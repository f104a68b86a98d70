"""The command menu and bot descriptions, registered at startup in every language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeDefault
from aiogram.utils.i18n import I18n

from bot.i18n import LANGUAGES, _

logger = logging.getLogger(__name__)


def command_menu() -> list[BotCommand]:
    """The menu in the current locale (call inside `i18n.use_locale`)."""
    return [
        BotCommand(command="start", description=_("Home menu")),
        BotCommand(command="play", description=_("Play a game with your partner")),
        BotCommand(command="today", description=_("Question of the day")),
        BotCommand(command="invite", description=_("Invite your partner")),
        BotCommand(command="history", description=_("Games you played")),
        BotCommand(command="achievements", description=_("Your achievements")),
        BotCommand(command="settings", description=_("Theme, language, sound, notifications")),
        BotCommand(command="game", description=_("Bring the current game back down here")),
        BotCommand(command="export", description=_("Download everything Duet stores about you")),
        BotCommand(command="deleteme", description=_("Delete your data")),
        BotCommand(command="help", description=_("What Duet is and how to use it")),
    ]


def help_text() -> str:
    """/help: what Duet is, how to invite, every command of the menu (current locale)."""
    commands = "\n".join(f"/{c.command} — {c.description}" for c in command_menu())
    return _(
        "💞 <b>Duet</b> is a place for two: play live games with your partner right here in"
        " Telegram (tic-tac-toe, reaction duels, quizzes about each other and more) and answer"
        " a question of the day together.\n\n"
        "<b>How to start:</b> send /invite and pass the link to your partner. When they open"
        " it and accept, you are a couple in Duet, and /play starts a game.\n\n"
        "☀️ <b>Question of the day:</b> one question for the two of you every day, on your own"
        " clock (your time zone is in /settings). If you live in different time zones, the day"
        " follows the one of you for whom it is earliest, so neither of you misses a question.\n\n"
        "<b>Commands</b>\n{commands}"
    ).format(commands=commands)


def description() -> str:
    return _(
        "Duet is a place for two. Connect with your partner and play live games together: "
        "tic-tac-toe, reaction duels, quizzes about each other and more."
    )


def short_description() -> str:
    return _("Live games for couples, right in Telegram.")


async def register_menu(bot: Bot, i18n: I18n, default_language: str) -> None:
    """Commands and descriptions for each language; a failure is a warning, not a crash."""
    for language in LANGUAGES:
        # The default (no language_code) entry serves every language we do not have.
        codes: list[str | None] = [language] + ([None] if language == default_language else [])
        with i18n.context(), i18n.use_locale(language):
            commands, long_text, short_text = command_menu(), description(), short_description()
        for code in codes:
            try:
                await bot.set_my_commands(
                    commands, scope=BotCommandScopeDefault(), language_code=code
                )
                await bot.set_my_description(long_text, language_code=code)
                await bot.set_my_short_description(short_text, language_code=code)
            except TelegramAPIError as error:
                logger.warning(
                    "could not register the %s command menu: %s", code or "default", error
                )
