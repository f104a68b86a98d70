"""Keeps each player's game message showing the session's latest state.

Renders are serialized per session and always read the newest version from the database,
so a slow render can never overwrite a newer one, and an unchanged screen is not re-sent.
A game message that was deleted (or cannot be edited any more) is replaced by a fresh one.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from bot.services.gameplay import GameService, SessionView
from bot.services.progress import RULES, AchievementUnlocked
from bot.telegram_retry import own_retry_after
from bot.ui import progress_screens
from bot.ui.game_screens import ScreenContent, session_screen
from bot.ui.notify import Notifier
from bot.ui.respond import is_not_modified

logger = logging.getLogger(__name__)

RATE_LIMIT_ROUNDS = 5
MAX_RATE_LIMIT_WAIT = 30.0


class GameDisplay:
    def __init__(self, games: GameService, i18n: I18n, notifier: Notifier) -> None:
        self._games = games
        self._i18n = i18n
        self._notifier = notifier
        self._locks: dict[int, asyncio.Lock] = {}
        # What each (session, seat) message shows now, to skip identical edits.
        self._shown: dict[tuple[int, int], tuple[int, ScreenContent]] = {}

    def _lock(self, session_id: int) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    async def after(self, bot: Bot, view: SessionView) -> None:
        """After a transition: show it in both chats, then celebrate what it unlocked."""
        await self.refresh(bot, view.session.id)
        for event in view.events:
            if isinstance(event, AchievementUnlocked):
                await self._celebrate(bot, view, event)

    async def _celebrate(self, bot: Bot, view: SessionView, event: AchievementUnlocked) -> None:
        person = next(p for p in view.players if p.user.id == event.user_id)
        if not person.settings.notifications:
            return  # still visible in /achievements
        rule = RULES[event.key]
        await self._notifier.send(bot, person, partial(progress_screens.unlocked, rule))

    async def refresh(self, bot: Bot, session_id: int) -> SessionView | None:
        """Show the latest state in both players' chats.

        When Telegram says "retry after N", wait and render whatever is newest by then:
        a busy couple's intermediate states are skipped instead of queued.
        """
        async with self._lock(session_id):
            for _ in range(RATE_LIMIT_ROUNDS):
                view = await self._games.view(session_id)
                if view is None:
                    return None
                try:
                    with own_retry_after():
                        for seat in (0, 1):
                            await self._show(bot, view, seat)
                except TelegramRetryAfter as error:
                    await asyncio.sleep(min(error.retry_after, MAX_RATE_LIMIT_WAIT))
                    continue
                if not view.session.status.is_open:
                    self._forget(session_id)
                return view
            logger.warning("session %s: still rate limited, giving up this refresh", session_id)
            return None

    async def show_one(
        self, bot: Bot, session_id: int, seat: int, *, confirm_give_up: bool = False
    ) -> None:
        """Re-render one player's message (e.g. the give-up confirmation)."""
        async with self._lock(session_id):
            view = await self._games.view(session_id)
            if view is not None:
                await self._show(bot, view, seat, confirm_give_up=confirm_give_up)

    async def bring_back(self, bot: Bot, session_id: int, seat: int) -> None:
        """Send the game as a fresh message at the bottom; retire the old one."""
        async with self._lock(session_id):
            view = await self._games.view(session_id)
            if view is None:
                return
            old = view.session.message_id(seat)
            await self._send(bot, view, seat, self._render(view, seat))
            if old is not None:
                await self._retire(bot, view, seat, old)

    async def adopt(self, bot: Bot, session_id: int, seat: int, message_id: int) -> None:
        """Make `message_id` (a screen the player pressed a button on) their session message;
        the previous one is retired."""
        async with self._lock(session_id):
            view = await self._games.view(session_id)
            if view is None:
                return
            old = view.session.message_id(seat)
            await self._games.remember_message(session_id, seat, message_id)
            view = await self._games.view(session_id)
            assert view is not None
            self._shown.pop((session_id, seat), None)
            await self._show(bot, view, seat)
            if old is not None and old != message_id:
                await self._retire(bot, view, seat, old)

    def _render(
        self, view: SessionView, seat: int, *, confirm_give_up: bool = False
    ) -> ScreenContent:
        with self._i18n.context(), self._i18n.use_locale(view.players[seat].settings.language):
            return session_screen(view, seat, confirm_give_up=confirm_give_up)

    async def _show(
        self, bot: Bot, view: SessionView, seat: int, *, confirm_give_up: bool = False
    ) -> None:
        user = view.players[seat].user
        if user.deleted_at is not None or user.blocked_at is not None:
            return  # nobody to show it to (and Telegram would refuse)
        screen = self._render(view, seat, confirm_give_up=confirm_give_up)
        message_id = view.session.message_id(seat)
        key = (view.session.id, seat)
        if message_id is None:
            # A game invitation must reach the partner; a question of the day the partner
            # never opened is not pushed (they get one reminder instead).
            if view.session.day is None:
                await self._send(bot, view, seat, screen)
            return
        if self._shown.get(key) == (message_id, screen):
            return
        chat_id = view.players[seat].user.telegram_id
        text, markup = screen
        try:
            await bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
        except TelegramBadRequest as error:
            if not is_not_modified(error):
                logger.info(
                    "game message %s of session %s lost: %s",
                    message_id,
                    view.session.id,
                    error.message,
                )
                await self._send(bot, view, seat, screen)
                return
        except TelegramForbiddenError as error:
            logger.info("player of session %s unreachable: %s", view.session.id, error.message)
            return
        self._shown[key] = (message_id, screen)

    async def _send(self, bot: Bot, view: SessionView, seat: int, screen: ScreenContent) -> None:
        person = view.players[seat]
        text, markup = screen
        try:
            message = await bot.send_message(
                person.user.telegram_id,
                text,
                reply_markup=markup,
                disable_notification=not person.settings.sound_enabled,
            )
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            logger.info("player of session %s unreachable: %s", view.session.id, error.message)
            return
        await self._games.remember_message(view.session.id, seat, message.message_id)
        self._shown[(view.session.id, seat)] = (message.message_id, screen)

    async def _retire(self, bot: Bot, view: SessionView, seat: int, message_id: int) -> None:
        try:
            await bot.edit_message_reply_markup(
                chat_id=view.players[seat].user.telegram_id,
                message_id=message_id,
                reply_markup=InlineKeyboardMarkup(inline_keyboard=[]),
            )
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            logger.debug("could not retire message %s: %s", message_id, error.message)

    def _forget(self, session_id: int) -> None:
        self._locks.pop(session_id, None)
        for seat in (0, 1):
            self._shown.pop((session_id, seat), None)
