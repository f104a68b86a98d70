"""The background loop that fires game timers: reaction GO signals, idle timeouts.

Timers live in the database (`game_sessions.wake_at`), so they survive restarts; a fired
timer is a version-checked transition, so it takes effect once even if several loops see it.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot

from bot.clock import Clock
from bot.services.gameplay import GameService
from bot.ui.game_display import GameDisplay

logger = logging.getLogger(__name__)


async def run_game_timers(
    games: GameService, display: GameDisplay, bot: Bot, clock: Clock, tick: float
) -> None:
    while True:
        try:
            for session_id in await games.due():
                if await games.wake(session_id) is not None:
                    await display.refresh(bot, session_id)
            upcoming = await games.next_wake()
        except Exception:
            logger.exception("game timers failed; retrying")
            upcoming = None
        delay = tick
        if upcoming is not None:
            # Sleep exactly until the next timer when it is sooner than a tick.
            delay = max(0.005, min(tick, upcoming - clock.now().timestamp()))
        await asyncio.sleep(delay)
