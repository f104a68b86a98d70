"""/start: greeting a new or returning user."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.i18n import _
from bot.rendering import name_html
from db.repositories.users import User

router = Router(name="start")


@router.message(CommandStart())
async def start(message: Message, user: User, is_new_user: bool) -> None:
    if is_new_user:
        text = _(
            "👋 Hi, {name}! Welcome to <b>Duet</b> — live games for two.\n"
            "Invite your partner, then play together right here in the chat."
        )
    else:
        text = _("👋 Welcome back, {name}!")
    await message.answer(text.format(name=name_html(user)))
