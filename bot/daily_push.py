"""The daily push: the question of the day arrives at the time each person chose.

Each person's next push is a row field (`settings.next_push_at`, UTC). A loop reads the due
rows and claims them in one transaction, each by a compare-and-set that moves it on to the
next day's local time: two workers (or a restarted one) sharing the database never push one
person twice. A push claimed by a process that dies before sending is lost for that day,
never repeated (at most one batch, `rate` pushes). Sends are paced to `rate` a second per
process (Telegram's bulk limit is about 30 a second per bot: with N workers, give each
1/N of it).

Seven couple-days without an answer pause a couple's pushes (partnerships.pushes_paused_at)
and both are told how to resume; their next answer resumes them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage, StorageKey

from bot.clock import Clock
from bot.services.daily import DailyService, answers_of, question_of
from bot.services.gameplay import PlayError
from bot.services.people import Person
from bot.ui import daily_screens
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier
from bot.zones import DEFAULT_ZONES, FALLBACK_ZONE, next_local_time, zone
from db import Database
from db.repositories.game_sessions import Status
from db.repositories.settings import DuePush

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class Pacer:
    """At most `rate` sends a second, spaced evenly, by the clock (tests and the benchmark
    move a fake one)."""

    def __init__(self, rate: float, clock: Clock, sleep: Sleep = asyncio.sleep) -> None:
        self._gap = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        # A process's first send waits out one second: a worker that died the moment
        # before (a restart) may have used this second's share already.
        self._next = clock.now().timestamp() + 1.0

    async def wait(self) -> None:
        now = self._clock.now().timestamp()
        if self._next > now:
            await self._sleep(self._next - now)
        # Spaced from when this send really goes (a late wake must not bunch two sends).
        self._next = max(self._next, self._clock.now().timestamp()) + self._gap


class DailyPush:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        daily: DailyService,
        display: GameDisplay,
        notifier: Notifier,
        *,
        rate: float,
        pause_after: timedelta,
        storage: BaseStorage | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._db = database
        self._clock = clock
        self._daily = daily
        self._display = display
        self._notifier = notifier
        self._storage = storage
        self._pause_after = pause_after
        self._batch = max(1, int(rate))
        self.pacer = Pacer(rate, clock, sleep)

    async def run(self, bot: Bot, tick: float) -> None:
        """Push whatever is due, forever; a pause of at most `tick` seconds when nothing is."""
        while True:
            try:
                pushed = await self.run_once(bot)
            except Exception:
                logger.exception("daily push failed; retrying")
                pushed = 0
            if not pushed:
                await asyncio.sleep(tick)

    async def run_once(self, bot: Bot) -> int:
        """Claim one batch of due pushes and send them; how many were claimed."""
        now = self._clock.now()
        async with self._db.read() as uow:
            due = await uow.settings.due_pushes(now, self._batch)
        if not due:
            return 0
        claimed: list[int] = []
        async with self._db.transaction() as uow:
            for push in due:
                if await uow.settings.claim_push(push.user_id, push.due_at, _next(push, now)):
                    claimed.append(push.user_id)
        for user_id in claimed:
            try:
                await self.push(bot, user_id)
            except PlayError:
                continue  # the couple ended meanwhile
        return len(due)

    async def push(self, bot: Bot, user_id: int) -> bool:
        """Send the user today's question, unless there is nothing to send; True if sent."""
        now = self._clock.now()
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            me = await uow.users.with_settings((user_id,))
            paused = partnership is not None and await uow.partnerships.pushes_paused(
                partnership.id
            )
            last = (
                None
                if partnership is None
                else await uow.game_sessions.last_answered(partnership.id)
            )
        user, settings = me.get(user_id, (None, None))
        if partnership is None or user is None or settings is None:
            async with self._db.transaction() as uow:  # alone: no pushes until a partner
                await uow.settings.plan_push(user_id, None)
            return False
        if paused or not settings.notifications or user.blocked_at is not None:
            return False
        if now - (last or partnership.connected_at) >= self._pause_after:
            await self._pause(bot, partnership.id, now)
            return False
        view = await self._daily.today(user_id)
        seat = view.seat_of(user_id)
        assert seat is not None
        if view.session.status is not Status.LIVE or answers_of(view.session)[seat] is not None:
            return False  # answered already: nothing to ask
        await self.pacer.wait()
        if self._storage is not None and not question_of(view.session).options:
            # The next message the person types is their answer, as after /today (set
            # before the question is sent: the answer may come at once).
            chat = int(user.telegram_id)
            context = FSMContext(self._storage, StorageKey(bot.id, chat, chat))
            await context.set_state(daily_screens.DailyAnswering.waiting_for_text)
            await context.update_data(daily_session=view.session.id)
        await self._display.bring_back(bot, view.session.id, seat)
        return True

    async def _pause(self, bot: Bot, partnership_id: int, now: datetime) -> None:
        async with self._db.transaction() as uow:
            paused = await uow.partnerships.pause_pushes(partnership_id, now)
            partnership = await uow.partnerships.get(partnership_id)
            people = (
                await uow.users.with_settings((partnership.user1_id, partnership.user2_id))
                if paused and partnership is not None
                else {}
            )
        for user, settings in people.values():
            if settings is not None and settings.notifications and user.blocked_at is None:
                await self.pacer.wait()
                await self._notifier.send(
                    bot, Person(user, settings), partial(daily_screens.pushes_paused)
                )


def _next(push: DuePush, now: datetime) -> datetime | None:
    if push.push_minute is None:
        return None
    where = zone(push.time_zone or DEFAULT_ZONES.get(push.language, FALLBACK_ZONE))
    return next_local_time(now, push.push_minute, where)
