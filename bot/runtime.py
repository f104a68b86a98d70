"""Running the bot: build everything in one visible order, poll, stop cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.types import User
from aiogram.utils.i18n import I18n
from aiohttp import web

from bot import polling_log, webhook
from bot.clock import Clock, SystemClock
from bot.commands import register_menu
from bot.config import Settings
from bot.coordination import MemorySharedState, SharedState, key_prefix
from bot.daily_push import DailyPush
from bot.dispatcher import Services, build_services, create_dispatcher
from bot.game_timers import run_game_timers
from bot.i18n import load_catalogs
from bot.metrics import Metrics
from bot.middlewares.in_flight import InFlightMiddleware
from bot.response_models import PinResponseModelsMiddleware
from bot.telegram_retry import RetryMiddleware
from bot.ui.blocked import BlockedUsersMiddleware
from bot.ui.couple_news import announce_missed
from bot.ui.silence import SilentSendsMiddleware
from bot.unreadable_updates import SkipUnreadableUpdatesMiddleware
from db import Database, database_for

logger = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 10.0
PRESENCE_SWEEP_SECONDS = 30.0


async def _logged(job: Awaitable[None], what: str) -> None:
    """A one-off start-up job: its failure is logged, never a reason to stop serving."""
    try:
        await job
    except Exception:
        logger.exception("start-up job failed: %s", what)


def create_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(PinResponseModelsMiddleware())
    session.middleware(SkipUnreadableUpdatesMiddleware())
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


def database_of(settings: Settings) -> Database:
    """The database the settings name (opened by the caller)."""
    url = settings.database_url
    return database_for(
        None if url is None else url.get_secret_value(),
        settings.database_path,
        sqlite_checkpoint_interval=settings.sqlite_checkpoint_interval,
    )


def load_i18n(settings: Settings) -> I18n:
    return load_catalogs(settings.locales_path, settings.default_language)


class Runtime:
    """One running Duet: database, dispatcher, bot session and background tasks.

    The background tasks started here are the presence sweeper and the game timers. The
    SQLite checkpointer is the database's own (SqliteDatabase.open/close): it exists with
    SQLite only, and every Database a test opens gets it too.
    """

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.database = database_of(settings)
        self.ready = asyncio.Event()
        self.bot: Bot | None = None
        self.dispatcher: Dispatcher | None = None
        self.services: Services | None = None
        self._background: list[asyncio.Task[None]] = []
        self._stopping: asyncio.Event | None = None
        self._me: User | None = None
        # Served at /metrics: on the webhook port, or on METRICS_PORT when polling.
        self.metrics = Metrics()
        self._metrics_runner: web.AppRunner | None = None

    async def run(self, *, handle_signals: bool = True, polling_timeout: int = 30) -> None:
        """Long polling, or a webhook server when WEBHOOK_URL is set; until SIGINT/SIGTERM."""
        if self.settings.webhook_url is None:
            await self.run_polling(handle_signals=handle_signals, polling_timeout=polling_timeout)
        else:
            await self.run_webhook(handle_signals=handle_signals)

    async def _prepare(self) -> tuple[Dispatcher, Bot]:
        polling_log.install()
        await self.database.open()
        # The path in full: a bot started from the wrong folder shows it at once.
        logger.info(
            "database: %s (%s)%s",
            self.database.location,
            self.database.dialect,
            ", new and empty: created now" if self.database.created else "",
        )
        storage, isolation, shared = self._shared_state()
        self.services = build_services(
            self.settings,
            self.database,
            self.clock,
            load_i18n(self.settings),
            shared,
            metrics=self.metrics,
        )
        self.dispatcher = create_dispatcher(self.services, storage, isolation)
        self.dispatcher.update.outer_middleware(self.metrics.update_middleware)
        self.bot = create_bot(self.settings)
        self.bot.session.middleware(self.metrics.request_middleware())
        self.bot.session.middleware(BlockedUsersMiddleware(self.services.blocked_users.handle))
        self.dispatcher.startup.register(self._on_startup)
        self.dispatcher.shutdown.register(self._on_shutdown)
        return self.dispatcher, self.bot

    def _shared_state(self) -> tuple[BaseStorage | None, BaseEventIsolation | None, SharedState]:
        """With REDIS_URL, FSM state, per-user isolation, flood counters, duplicate update
        ids, cooldowns and throttles are shared by all workers (one Redis connection pool)."""
        if self.settings.redis_url is None:
            return None, None, MemorySharedState()
        # Imported here: the redis client costs a single-process start about 40 ms.
        from aiogram.fsm.storage.redis import RedisStorage

        from bot.coordination.isolation import RenewedRedisEventIsolation
        from bot.coordination.redis_state import RedisSharedState

        # Keys carry the bot id (aiogram leaves it out by default): bots may share a Redis.
        storage = RedisStorage.from_url(
            self.settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True)
        )
        shared = RedisSharedState(storage.redis, key_prefix(self.settings))
        # aiogram's own isolation would leave a dead worker's lock for a minute.
        isolation = RenewedRedisEventIsolation(storage.redis, storage.key_builder)
        return storage, isolation, shared

    async def run_polling(self, *, handle_signals: bool = True, polling_timeout: int = 30) -> None:
        """Run until SIGINT/SIGTERM (or `stop()`); in-flight updates finish first."""
        try:
            dispatcher, bot = await self._prepare()
            if self.settings.metrics_port is not None:
                await self._serve_metrics(self.settings.metrics_host, self.settings.metrics_port)
            # A backlog (a restart, a burst) stays at Telegram until a slot is free, instead
            # of becoming thousands of parsed updates waiting in this process's memory.
            await dispatcher.start_polling(
                bot,
                handle_signals=handle_signals,
                polling_timeout=polling_timeout,
                tasks_concurrency_limit=self.settings.max_concurrent_updates,
            )
        finally:
            if self._metrics_runner is not None:
                await self._metrics_runner.cleanup()
                self._metrics_runner = None
            if self.bot is not None:  # a failed startup (a refused token) leaves it open
                await self.bot.session.close()
            await self.database.close()
            logger.info("Duet stopped")

    async def _serve_metrics(self, host: str, port: int) -> None:
        app = web.Application()
        self.metrics.add_route(app)
        self._metrics_runner = web.AppRunner(app, access_log=None)
        await self._metrics_runner.setup()
        await web.TCPSite(self._metrics_runner, host, port).start()
        logger.info("metrics: http://%s:%s/metrics", host, port)

    async def run_webhook(self, *, handle_signals: bool = True) -> None:
        """Serve Telegram's webhook (and /healthz) until SIGINT/SIGTERM (or `stop()`)."""
        self._stopping = asyncio.Event()
        runner: web.AppRunner | None = None
        try:
            dispatcher, bot = await self._prepare()
            if handle_signals:
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(signum, self._stopping.set)
            app = webhook.build_app(dispatcher, bot, self.settings)
            self.metrics.add_route(app)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, self.settings.webhook_host, self.settings.webhook_port)
            await site.start()
            # Only now that it listens: updates sent at once would be refused before.
            await self._webhook_ready(bot)
            await self._stopping.wait()
        finally:
            if runner is not None:
                await runner.cleanup()  # runs the shutdown hooks: in-flight updates finish
            if self.bot is not None:
                await self.bot.session.close()
            await self.database.close()
            logger.info("Duet stopped")

    async def stop(self) -> None:
        if self.settings.webhook_url is not None:
            if self._stopping is not None:
                self._stopping.set()
        elif self.dispatcher is not None:
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
        display = self.services.game_display
        self._background += [
            asyncio.create_task(sweeper, name="presence-sweeper"),
            asyncio.create_task(timers, name="game-timers"),
            asyncio.create_task(
                display.ledger.run(self.settings.render_record_interval), name="render-ledger"
            ),
            # What a crash may have kept from the chats, sent beside the updates being
            # served: game screens behind their saved moves, news of a couple just made.
            asyncio.create_task(_logged(display.redraw_unrendered(bot), "redraw")),
            asyncio.create_task(
                _logged(
                    announce_missed(bot, self.services.couples, self.services.notifier),
                    "couple news",
                )
            ),
        ]
        if self.settings.daily_push_enabled:
            assert self.dispatcher is not None
            push = DailyPush(
                self.database,
                self.clock,
                self.services.daily,
                display,
                self.services.notifier,
                rate=self.settings.daily_push_rate,
                pause_after=self.settings.daily_push_pause_after,
                storage=self.dispatcher.fsm.storage,
            )
            self._background.append(
                asyncio.create_task(push.run(bot, self.settings.daily_push_tick), name="daily-push")
            )
        self._me = me
        if self.settings.webhook_url is None:
            logger.info("Duet is ready as @%s (id %s), polling for updates", me.username, me.id)
            self.ready.set()

    async def _webhook_ready(self, bot: Bot) -> None:
        assert self.dispatcher is not None
        assert self._me is not None
        await webhook.set_webhook(bot, self.settings, self.dispatcher.resolve_used_update_types())
        me = self._me
        logger.info("Duet is ready as @%s (id %s), serving the webhook", me.username, me.id)
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
