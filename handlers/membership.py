"""Telegram tells the bot when a user blocks it, or starts it again."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.reachability import Reachability
from bot.ui.blocked import BlockedUsers
from db.repositories.users import User


async def user_blocked_bot(event: ChatMemberUpdated, bot: Bot, blocked_users: BlockedUsers) -> None:
    await blocked_users.handle(bot, event.from_user.id)


async def user_came_back(event: ChatMemberUpdated, user: User, reachability: Reachability) -> None:
    await reachability.back(user.id)


def create_router() -> Router:
    router = Router(name="membership")
    router.my_chat_member.register(
        user_blocked_bot, ChatMemberUpdatedFilter(member_status_changed=KICKED)
    )
    router.my_chat_member.register(
        user_came_back, ChatMemberUpdatedFilter(member_status_changed=MEMBER)
    )
    return router
