"""Duet is for private chats: in a group it says so once, then leaves."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import MagicData
from aiogram.types import Message

from bot.i18n import _

logger = logging.getLogger(__name__)


async def refuse_group(message: Message, bot: Bot) -> None:
    me = await bot.me()
    text = _(
        "👋 Duet is for two people in private chats, not for groups. "
        "Open a chat with me instead: @{username}"
    ).format(username=me.username)
    try:
        await message.answer(text)
        # Leaving is what guarantees silence: the bot gets no more updates from the group.
        await bot.leave_chat(message.chat.id)
    except TelegramAPIError as error:
        logger.info("could not leave group %s: %s", message.chat.id, error)


def create_router() -> Router:
    router = Router(name="groups")
    router.message.register(
        refuse_group, MagicData(F.event_chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP}))
    )
    return router
