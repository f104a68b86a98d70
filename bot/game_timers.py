"""The background loop that fires game timers: reaction GO signals, idle timeouts.

Timers live in the database (`game_sessions.wake_at`), so they survive restarts; a fired
timer is a version-checked transition, so it takes effect once even if several loops see it.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from aiogram import Bot

from bot.clock import Clock
from bot.services.daily import answers_of, is_current
from bot.services.gameplay import GameService, SessionView
from bot.ui import daily_screens
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier

logger = logging.getLogger(__name__)


async def run_game_timers(
    games: GameService,
    display: GameDisplay,
    notifier: Notifier,
    bot: Bot,
    clock: Clock,
    tick: float,
) -> None:
    while True:
        try:
            for session_id in await games.due():
                view = await games.wake(session_id)
                if view is None:
                    continue
                if view.session.day is not None:
                    await remind_daily(notifier, bot, view, clock)
                else:
                    await display.after(bot, view)
            upcoming = await games.next_wake()
        except Exception:
            logger.exception("game timers failed; retrying")
            upcoming = None
        delay = tick
        if upcoming is not None:
            # Sleep exactly until the next timer when it is sooner than a tick.
            delay = max(0.005, min(tick, upcoming - clock.now().timestamp()))
        await asyncio.sleep(delay)


async def remind_daily(notifier: Notifier, bot: Bot, view: SessionView, clock: Clock) -> None:
    """One gentle nudge for the partner who has not answered today's question; never once
    the question's couple-day is over (its button would lead to another question)."""
    if not is_current(view.session, clock.now(), tuple(p.settings for p in view.players)):
        return
    answers = answers_of(view.session)
    for seat in (0, 1):
        if answers[seat] is None and answers[1 - seat] is not None:
            person, partner = view.players[seat], view.players[1 - seat]
            if person.settings.notifications:
                await notifier.send(
                    bot,
                    person,
                    partial(
                        daily_screens.reminder, partner.user, partner.settings.grammatical_form
                    ),
                )
