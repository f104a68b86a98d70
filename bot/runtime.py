"""Running the bot: build everything in one visible order, poll, stop cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

from bot import polling_log
from bot.clock import Clock, SystemClock
from bot.commands import register_menu
from bot.config import Settings
from bot.dispatcher import Services, build_services, create_dispatcher
from bot.game_timers import run_game_timers
from bot.i18n import load_catalogs
from bot.middlewares.in_flight import InFlightMiddleware
from bot.telegram_retry import RetryMiddleware
from bot.ui.blocked import BlockedUsersMiddleware
from bot.ui.silence import SilentSendsMiddleware
from db import Database

logger = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 10.0
PRESENCE_SWEEP_SECONDS = 30.0


def create_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(SilentSendsMiddleware())
    session.middleware(
        RetryMiddleware(
            attempts=settings.telegram_retry_attempts, max_wait=settings.telegram_retry_max_wait
        )
    )
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def load_i18n(settings: Settings) -> I18n:
    return load_catalogs(settings.locales_path, settings.default_language)


class Runtime:
    """One running Duet: database, dispatcher, bot session and background tasks."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.database = Database(settings.database_path)
        self.ready = asyncio.Event()
        self.bot: Bot | None = None
        self.dispatcher: Dispatcher | None = None
        self.services: Services | None = None
        self._background: list[asyncio.Task[None]] = []

    async def run_polling(self, *, handle_signals: bool = True, polling_timeout: int = 30) -> None:
        """Run until SIGINT/SIGTERM (or `stop()`); in-flight updates finish first."""
        polling_log.install()
        await self.database.open()
        try:
            self.services = build_services(
                self.settings, self.database, self.clock, load_i18n(self.settings)
            )
            self.dispatcher = create_dispatcher(self.services)
            self.bot = create_bot(self.settings)
            self.bot.session.middleware(BlockedUsersMiddleware(self.services.blocked_users.handle))
            self.dispatcher.startup.register(self._on_startup)
            self.dispatcher.shutdown.register(self._on_shutdown)
            await self.dispatcher.start_polling(
                self.bot, handle_signals=handle_signals, polling_timeout=polling_timeout
            )
        finally:
            await self.database.close()
            logger.info("Duet stopped")

    async def stop(self) -> None:
        if self.dispatcher is not None:
            await self.dispatcher.stop_polling()

    async def _on_startup(self, bot: Bot) -> None:
        assert self.services is not None
        me = await bot.get_me()
        await self.services.games.sync_catalogue()
        await self.services.daily.sync_catalogue()
        await self.services.progress.sync_catalogue()
        await register_menu(bot, self.services.i18n, self.settings.default_language)
        sweeper = self.services.presence.run_sweeper(self.sweep_period())
        timers = run_game_timers(
            self.services.games,
            self.services.game_display,
            self.services.notifier,
            bot,
            self.clock,
            self.settings.game_timer_tick,
        )
        self._background += [
            asyncio.create_task(sweeper, name="presence-sweeper"),
            asyncio.create_task(timers, name="game-timers"),
        ]
        logger.info("Duet is ready as @%s (id %s), polling for updates", me.username, me.id)
        self.ready.set()

    async def _on_shutdown(self, in_flight: InFlightMiddleware) -> None:
        for task in self._background:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE_SECONDS):
                await in_flight.wait_idle()
        except TimeoutError:
            logger.warning("stopping with updates still in progress")

    def sweep_period(self) -> float:
        # Sweep often enough that "offline" shows within a fraction of the idle timeout.
        idle = self.settings.presence_idle_timeout.total_seconds()
        return max(0.05, min(PRESENCE_SWEEP_SECONDS, idle / 4))
