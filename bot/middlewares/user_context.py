"""Loads (or registers) the Duet user behind every private update and records presence."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, Update, User
from aiogram.utils.i18n import I18n

from bot.i18n import _, language_from_telegram
from bot.services.presence import Presence
from bot.services.reachability import Reachability
from bot.services.users import UserService
from bot.ui.silence import current_listener
from bot.zones import set_zone
from db.repositories.settings import Language

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserContextMiddleware(BaseMiddleware):
    """Outer update middleware: puts `member`, `user`, `user_settings`, `is_new_user` in data.

    Runs after aiogram's own context middleware (which provides `event_from_user` and
    `event_chat`) and before the i18n middleware, so the language comes from the database.
    """

    def __init__(
        self,
        users: UserService,
        presence: Presence,
        reachability: Reachability,
        default_language: Language,
        i18n: I18n,
    ) -> None:
        self._users = users
        self._i18n = i18n
        self._presence = presence
        self._reachability = reachability
        self._default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if tg_user is not None and tg_user.is_bot:
            # Duet is for people; another bot writing to it gets nothing (no handler could
            # serve it: they all need a member).
            logger.debug("update from bot %s ignored", tg_user.id)
            return None
        # Only people talking to the bot privately become members; groups are refused later.
        if tg_user is not None and (chat is None or chat.type == "private"):
            language: Language = (
                "ru"
                if language_from_telegram(tg_user.language_code, self._default_language) == "ru"
                else "en"
            )
            with self._i18n.context(), self._i18n.use_locale(language):
                # A Telegram name with nothing visible in it: never shown as an id.
                fallback = _("Partner")
            member, created = await self._users.get_or_register(
                tg_user.id, tg_user.first_name, language, fallback
            )
            data["member"] = member
            data["user"] = member.user
            data["user_settings"] = member.settings
            set_zone(member.settings)  # the dates of this update's screens: the user's zone
            data["is_new_user"] = created
            current_listener.set((tg_user.id, member.settings.sound_enabled))
            await self._presence.seen(member.user.id)
            if member.user.blocked_at is not None and _writes(event):
                # Writing to a bot one blocked unblocks it, as on Telegram.
                await self._reachability.back(member.user.id)
        return await handler(event, data)


def _writes(event: TelegramObject) -> bool:
    return isinstance(event, Update) and event.message is not None
