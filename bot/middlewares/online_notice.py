"""'Your partner is online': a proactive message when a partner comes back after idling.

Sent only to partners who allow notifications, and at most once per `cooldown` for the
same user, so it reads as a small nudge rather than a stream of pings. The cooldown is a
`SharedState` claim: of several workers seeing the partner come back, one announces it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.enums import ChatMemberStatus
from aiogram.types import TelegramObject, Update

from bot.clock import Clock
from bot.coordination import SharedState
from bot.services.couples import CoupleService
from bot.ui import screens
from bot.ui.notify import Notifier
from db.repositories.users import User

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class PartnerOnlineMiddleware(BaseMiddleware):
    """Outer update middleware, after the user was loaded (with their previous presence)."""

    def __init__(
        self,
        couples: CoupleService,
        notifier: Notifier,
        shared: SharedState,
        clock: Clock,
        cooldown: timedelta,
    ) -> None:
        self._couples = couples
        self._notifier = notifier
        self._shared = shared
        self._clock = clock
        self._cooldown = cooldown

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("user")
        bot: Bot | None = data.get("bot")
        if (
            user is not None
            and bot is not None
            and not user.online_status
            and not _blocks_the_bot(event)
        ):
            await self._announce(bot, user)
        return await handler(event, data)

    async def _announce(self, bot: Bot, user: User) -> None:
        partner = await self._couples.partner_person(user.id)
        if partner is None or not partner.settings.notifications:
            return  # nothing sent, so nothing starts the cooldown
        if not await self._shared.claim(
            f"online-notice:{user.id}", self._clock.now(), self._cooldown
        ):
            return
        await self._notifier.send(bot, partner, partial(screens.partner_online, user))


def _blocks_the_bot(event: TelegramObject) -> bool:
    """The update says the user blocked the bot: they are leaving, not coming online."""
    if not isinstance(event, Update) or event.my_chat_member is None:
        return False
    return event.my_chat_member.new_chat_member.status == ChatMemberStatus.KICKED
