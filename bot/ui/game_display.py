"""Keeps each player's game message showing the session's latest state.

Renders are serialized per session in this process, and a render never shows an older
version than one already shown. The view a transition produced is rendered as it is (no
second read). With several workers, after editing, the stored version is checked once more:
when another process wrote a newer one meanwhile, this render shows that too, so whichever
edit lands last shows the newest state. One worker alone needs no such check (every write
and every render of a session happen in this process, renders in order under its lock),
and skips that read (a statement costs a thread round trip: a plain move is three without
it, tests/benchmarks).

An unchanged screen is not re-sent; a game message that was deleted (or cannot be edited)
is replaced by a fresh one.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from bot.progress.achievements import AchievementRule
from bot.services.gameplay import GameService, PlayError, SessionView
from bot.services.progress import RULES, AchievementUnlocked
from bot.telegram_retry import own_retry_after
from bot.ui import progress_screens
from bot.ui.game_screens import ScreenContent, session_screen
from bot.ui.notify import Notifier
from bot.ui.render_ledger import RenderLedger
from bot.ui.respond import is_not_modified
from bot.zones import use_zone
from games.engine import ShownSignals

logger = logging.getLogger(__name__)

RENDER_ROUNDS = 5  # renders per refresh: waits for a rate limit, catching up with writers
MAX_RATE_LIMIT_WAIT = 30.0
# Telegram failing (5xx) or out of reach after the retries: this chat keeps its older screen
# until the next render (a press on it, or the next start).
_TRANSIENT = (TelegramServerError, TelegramNetworkError)


class GameDisplay:
    def __init__(
        self,
        games: GameService,
        i18n: I18n,
        notifier: Notifier,
        *,
        other_workers: bool,
        ledger: RenderLedger | None = None,
    ) -> None:
        """`other_workers`: other processes may write these sessions (several workers).
        `ledger`: where completed renders are noted (see bot/ui/render_ledger.py)."""
        self._games = games
        self.ledger = ledger or RenderLedger(games)
        self._other_workers = other_workers
        self._i18n = i18n
        self._notifier = notifier
        self._locks: dict[int, asyncio.Lock] = {}
        # What each (session, seat) message shows now, to skip identical edits.
        # A fingerprint, not the screen: thousands of live games each keep two of these.
        self._shown: dict[tuple[int, int], tuple[int, int]] = {}
        # The newest version each session has been rendered at (in this process).
        self._rendered: dict[int, int] = {}

    def _lock(self, session_id: int) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    async def after(self, bot: Bot, view: SessionView) -> None:
        """After a transition: show it in both chats, then celebrate what it unlocked."""
        await self.refresh(bot, view.session.id, view)
        # One message per person, however many achievements the move unlocked.
        by_person: dict[int, list[AchievementRule]] = {}
        for event in view.events:
            if isinstance(event, AchievementUnlocked):
                by_person.setdefault(event.user_id, []).append(RULES[event.key])
        for user_id, rules in by_person.items():
            await self._celebrate(bot, view, user_id, rules)

    async def _celebrate(
        self, bot: Bot, view: SessionView, user_id: int, rules: list[AchievementRule]
    ) -> None:
        person = next(p for p in view.players if p.user.id == user_id)
        if not person.settings.notifications:
            return  # still visible in /achievements
        await self._notifier.send(bot, person, partial(progress_screens.unlocked, rules))

    async def refresh(
        self, bot: Bot, session_id: int, latest: SessionView | None = None
    ) -> SessionView | None:
        """Show the latest state in both players' chats (`latest`: a view just written).

        When Telegram says "retry after N", wait and render whatever is newest by then:
        a busy couple's intermediate states are skipped instead of queued.
        """
        async with self._lock(session_id):
            view = latest
            if view is not None and view.session.version < self._rendered.get(session_id, -1):
                return None  # a newer version is on screen already
            if view is not None and self._moved(view):
                view = None  # a game message was replaced since: read where it is now
            for _ in range(RENDER_ROUNDS):
                if view is None:
                    view = await self._games.view(session_id)
                    if view is None:
                        return None
                try:
                    with own_retry_after():
                        shown = await self._show_both(bot, view)
                except TelegramRetryAfter as error:
                    await asyncio.sleep(min(error.retry_after, MAX_RATE_LIMIT_WAIT))
                    view = None
                    continue
                self._rendered[session_id] = view.session.version
                if all(shown):
                    self.ledger.rendered(session_id, view.session.version)
                if (
                    self._other_workers
                    and await self._games.revision_of(session_id) != view.session.revision
                ):
                    # Moved on while we edited: another process's move, or a new message.
                    view = None
                    continue
                if not view.session.status.is_open:
                    self._forget(session_id)
                return view
            logger.warning("session %s: could not settle this refresh", session_id)
            return None

    async def _show_both(self, bot: Bot, view: SessionView) -> list[bool]:
        """Edit both chats at once: a signal (the reaction duel's GO) reaches both players
        as early as Telegram allows, not one chat after the other."""
        results = await asyncio.gather(
            *(self._show(bot, view, seat) for seat in (0, 1)), return_exceptions=True
        )
        shown: list[bool] = []
        for result in results:
            if isinstance(result, BaseException):
                raise result
            shown.append(result)
        return shown

    async def _signal(self, view: SessionView, seat: int) -> None:
        """The player's screen now shows what `view` shows: if that is a timed signal, its
        moment is recorded (games.engine.ShownSignals)."""
        if view.session.day is not None or view.session.state is None:
            return  # a question of the day, an invitation, or an ended game
        game = view.game
        if not view.session.status.is_open:
            return
        if isinstance(game, ShownSignals) and game.signal_pending(view.state, seat):
            try:
                await self._games.signal_shown(view.session.id, seat)
            except PlayError as error:  # the game moved on meanwhile: nothing to time
                logger.debug("session %s: signal not recorded: %s", view.session.id, error)

    async def show_one(
        self, bot: Bot, session_id: int, seat: int, *, confirm_give_up: bool = False
    ) -> None:
        """Re-render one player's message (e.g. the give-up confirmation).

        Always edits: such a screen changes no version, so another worker may have put
        something else on this message since this process last showed it.
        """
        async with self._lock(session_id):
            view = await self._games.view(session_id)
            if view is not None:
                self._shown.pop((session_id, seat), None)
                await self._show(bot, view, seat, confirm_give_up=confirm_give_up)

    async def show_ending(self, bot: Bot, refused: PlayError, user_id: int) -> None:
        """After a press refused because its session is over: show both players the end.

        Such a press comes from a screen still showing buttons: its last edit was lost (a
        Telegram error, or the process died right after saving the move), and the other
        chat may be behind too.
        """
        session = refused.session
        seat = None if session is None else session.seat_of(user_id)
        if refused.reason == PlayError.CLOSED and session is not None and seat is not None:
            await self.refresh(bot, session.id)

    async def redraw_unrendered(self, bot: Bot) -> None:
        """At startup: draw again every open session whose last render was not recorded
        (see bot/ui/render_ledger.py)."""
        session_ids = await self._games.unrendered()
        for session_id in session_ids:
            try:
                await self.refresh(bot, session_id)
            except Exception:
                logger.exception("could not redraw session %s", session_id)
        if session_ids:
            logger.info("redrew %s game(s) whose screens were behind", len(session_ids))

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

    def _moved(self, view: SessionView) -> bool:
        """True if this process sent or adopted a newer game message than `view` knows."""
        for seat in (0, 1):
            shown = self._shown.get((view.session.id, seat))
            if shown is not None and shown[0] != view.session.message_id(seat):
                return True
        return False

    def render(self, view: SessionView, seat: int) -> ScreenContent:
        """The player's screen of the session, in their language (also for /history)."""
        return self._render(view, seat)

    def _render(
        self, view: SessionView, seat: int, *, confirm_give_up: bool = False
    ) -> ScreenContent:
        person = view.players[seat]
        with (
            self._i18n.context(),
            self._i18n.use_locale(person.settings.language),
            use_zone(person.settings),
        ):
            return session_screen(view, seat, confirm_give_up=confirm_give_up)

    async def _show(
        self, bot: Bot, view: SessionView, seat: int, *, confirm_give_up: bool = False
    ) -> bool:
        """Show the player their screen; False when Telegram failed for now (the chat keeps
        an older screen), True when it shows this one or there is nobody to show it to."""
        user = view.players[seat].user
        if user.deleted_at is not None or user.blocked_at is not None:
            return True  # nobody to show it to (and Telegram would refuse)
        screen = self._render(view, seat, confirm_give_up=confirm_give_up)
        message_id = view.session.message_id(seat)
        key = (view.session.id, seat)
        if message_id is None:
            # A game invitation must reach the partner; a question of the day the partner
            # never opened is not pushed (they get one reminder instead).
            if view.session.day is None:
                return await self._send(bot, view, seat, screen)
            return True
        if self._shown.get(key) == (message_id, _fingerprint(screen)):
            return True
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
                return await self._send(bot, view, seat, screen)
        except TelegramForbiddenError as error:
            logger.info("player of session %s unreachable: %s", view.session.id, error.message)
            return True
        except _TRANSIENT as error:
            logger.warning(
                "session %s: edit failed, its chat is behind: %s", view.session.id, error
            )
            return False
        self._shown[key] = (message_id, _fingerprint(screen))
        if not confirm_give_up:
            await self._signal(view, seat)
        return True

    async def _send(self, bot: Bot, view: SessionView, seat: int, screen: ScreenContent) -> bool:
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
            return True
        except _TRANSIENT as error:
            logger.warning(
                "session %s: send failed, its chat is behind: %s", view.session.id, error
            )
            return False
        await self._signal(view, seat)
        await self._games.remember_message(view.session.id, seat, message.message_id)
        self._shown[(view.session.id, seat)] = (message.message_id, _fingerprint(screen))
        return True

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
        self._rendered.pop(session_id, None)
        for seat in (0, 1):
            self._shown.pop((session_id, seat), None)


def _fingerprint(screen: ScreenContent) -> int:
    """What Telegram would compare for "message is not modified": text and buttons."""
    text, markup = screen
    rows = (
        ()
        if markup is None
        else tuple(
            tuple((button.text, button.callback_data, button.url) for button in row)
            for row in markup.inline_keyboard
        )
    )
    return hash((text, rows))
