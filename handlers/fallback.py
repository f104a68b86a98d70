"""Catch-alls, registered last: anything no feature handled gets a short, polite answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import MagicData
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import _
from bot.ui.respond import alert


async def unknown_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Forged, garbled or outdated callback data."""
    alert(callback_answer, _("This button is no longer valid."))


async def unknown_command(message: Message) -> None:
    await message.answer(_("I don't know that command. Send /start for the menu."))


async def plain_text(message: Message) -> None:
    await message.answer(_("I answer to buttons and commands. Send /start for the menu."))


async def unsupported_content(message: Message) -> None:
    await message.answer(
        _("I can only read text and buttons — stickers, photos and voice messages are lost on me.")
    )


def create_router() -> Router:
    router = Router(name="fallback")
    router.callback_query.register(unknown_button)
    router.message.register(unknown_command, MagicData(F.event.text.startswith("/")))
    router.message.register(plain_text, MagicData(F.event.text))
    router.message.register(unsupported_content)
    return router
