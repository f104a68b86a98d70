"""/start with a payload: someone opened an invite link."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.i18n import _
from bot.rendering import name_html
from bot.services.couples import CoupleService, InviteRefused, redact
from bot.ui import screens
from bot.ui.respond import show
from db.repositories.users import User

logger = logging.getLogger(__name__)


async def open_invite(
    message: Message, command: CommandObject, user: User, is_new_user: bool, couples: CoupleService
) -> None:
    token = (command.args or "").strip()
    if is_new_user:
        await message.answer(
            _("👋 Hi, {name}! Welcome to <b>Duet</b> — live games for two.").format(
                name=name_html(user)
            )
        )
    try:
        inviter = await couples.preview(token, user.id)
    except InviteRefused as refused:
        logger.info("invite %s refused for user %s: %s", redact(token), user.id, refused.reason)
        await show(message, screens.refusal(refused.reason, refused.inviter))
        return
    await show(message, screens.invitation(inviter, token))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(open_invite, CommandStart(deep_link=True))
    return router
