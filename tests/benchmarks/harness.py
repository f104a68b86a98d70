"""The production bot, in process, with Telegram replaced by `InProcessSession`.

Built in the order of `bot.runtime.Runtime`: database, i18n, services, catalogues,
dispatcher, then a Bot carrying the same request middlewares and defaults as
`bot.runtime.create_bot` (only the HTTP transport differs), and the background loops that
`Runtime` starts (game timers, presence sweeper). Updates go through
`Dispatcher.feed_update`, as polling delivers them.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.dispatcher import Services, build_services, create_dispatcher
from bot.game_timers import run_game_timers
from bot.gc_tuning import settle_startup_heap
from bot.runtime import Runtime, create_bot, database_of, load_i18n
from bot.ui.blocked import BlockedUsersMiddleware
from db import Database
from tests.benchmarks.telegram import TOKEN, Delivery, InProcessSession, UpdateFactory

# Simulated players press far faster than people; flood control stays in the chain (its
# cost is measured) but must not mute them.
BENCH_OVERRIDES: dict[str, Any] = {"flood_limit": 1_000_000_000}


def bench_settings(database_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "database_path": database_path,
        "telegram_api_url": "http://127.0.0.1:9",
        **BENCH_OVERRIDES,
        **overrides,
    }
    known = {name: value for name, value in values.items() if name in Settings.model_fields}
    return Settings(_env_file=None, **known)


def production_bot(settings: Settings, services: Services, session: InProcessSession) -> Bot:
    """`create_bot(settings)` with its transport swapped, plus what `Runtime` adds to it."""
    template = create_bot(settings)
    for middleware in template.session.middleware:
        session.middleware(middleware)
    session.middleware(BlockedUsersMiddleware(services.blocked_users.handle))
    return Bot(settings.bot_token.get_secret_value(), session=session, default=template.default)


@dataclass
class InProcessDuet:
    """A running Duet fed updates directly; `session` is its zero-latency Telegram."""

    settings: Settings
    clock: Clock = field(default_factory=SystemClock)
    database: Database = field(init=False)
    services: Services = field(init=False)
    dispatcher: Dispatcher = field(init=False)
    bot: Bot = field(init=False)
    session: InProcessSession = field(init=False)
    updates: UpdateFactory = field(init=False, default_factory=UpdateFactory)
    delivery: Delivery = field(init=False)
    _background: list[asyncio.Task[None]] = field(init=False, default_factory=list)

    async def start(self) -> None:
        self.database = database_of(self.settings)  # as the bot opens it
        await self.database.open()
        self.services = build_services(
            self.settings, self.database, self.clock, load_i18n(self.settings)
        )
        await self.services.games.sync_catalogue()
        await self.services.daily.sync_catalogue()
        await self.services.progress.sync_catalogue()
        self.dispatcher = create_dispatcher(self.services)
        self.session = InProcessSession()
        self.delivery = Delivery(self.settings.max_concurrent_updates)
        self.bot = production_bot(self.settings, self.services, self.session)
        runtime = Runtime(self.settings, self.clock)
        settle_startup_heap()  # as `python -m bot` does (bot/cli.py)
        self._background = [
            asyncio.create_task(self.services.presence.run_sweeper(runtime.sweep_period())),
            asyncio.create_task(
                run_game_timers(
                    self.services.games,
                    self.services.game_display,
                    self.services.notifier,
                    self.bot,
                    self.clock,
                    self.settings.game_timer_tick,
                )
            ),
        ]

    async def stop(self) -> None:
        for task in self._background:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._background.clear()
        await self.database.close()

    async def game_id(self, slug: str) -> int:
        for record in await self.services.games.catalogue():
            if record.slug == slug:
                return record.id
        raise LookupError(slug)


class SqlTrace:
    """Every SQL statement the pool's connections run while attached (SQLite's trace hook).

    A diagnostic, never on while timing: the hook runs in the connections' threads.
    """

    def __init__(self) -> None:
        self.statements: list[str] = []

    async def attach(self, database: Database) -> None:
        for conn in database._all:  # the pool's connections (read-only use of the list)
            await conn.raw.set_trace_callback(self.statements.append)

    async def detach(self, database: Database) -> None:
        for conn in database._all:
            await conn.raw.set_trace_callback(None)  # type: ignore[arg-type]  # None: off

    def take(self) -> list[str]:
        taken = self.statements[:]
        del self.statements[: len(taken)]
        return taken


class ThreadTime:
    """How long the pool's connection threads ran what they were handed (SQLite's own
    work: statements, fetching rows, commits), and how many hand-offs (hops) that took.

    The rest of an operation's time is Python and the hops themselves (queueing the work,
    the thread waking, the loop waking for the answer). A diagnostic, on only for a pass
    of its own: every hop runs two more clock reads on the thread. It wraps each
    connection's aiosqlite `_execute`, the one door to its thread that a caller waits on
    (every aiosqlite method goes through it; a private name, wrapped by this diagnostic
    only, never by the bot). The checkpointing connection is left out:
    its work is the background task's, not an operation's.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self.hops = 0
        self._lock = threading.Lock()
        self._wrapped: list[Any] = []

    def attach(self, database: Database) -> None:
        checkpointer = getattr(database, "_checkpointer", None)
        for conn in database._all:  # the pool's connections (read-only use of the list)
            if conn is not checkpointer:
                raw = conn.raw
                raw._execute = self._timed(raw._execute)  # an instance attribute: detachable
                self._wrapped.append(raw)

    def detach(self) -> None:
        for raw in self._wrapped:
            del raw._execute  # the class's method again
        self._wrapped.clear()

    def take(self) -> tuple[float, int]:
        """Thread seconds and hops since the last take."""
        taken = self.seconds, self.hops
        self.seconds, self.hops = 0.0, 0
        return taken

    def _timed(self, execute: Any) -> Any:
        async def timed_execute(fn: Any, *args: Any, **kwargs: Any) -> Any:
            def on_thread() -> Any:
                started = time.perf_counter()
                try:
                    return fn(*args, **kwargs)
                finally:
                    # One thread per connection; an operation's hops may overlap on
                    # several (UnitOfWork.together), so += from two threads is possible:
                    # a lock keeps the sum exact.
                    with self._lock:
                        self.seconds += time.perf_counter() - started

            self.hops += 1
            return await execute(on_thread)

        return timed_execute


@dataclass(frozen=True)
class Player:
    user_id: int
    telegram_id: int


async def make_couples(
    database: Database, count: int, first_telegram_id: int
) -> list[tuple[Player, Player]]:
    """`count` registered couples, written through the repositories in one transaction."""
    now = datetime.now(UTC)
    couples = []
    async with database.transaction() as uow:
        for index in range(count):
            pair = []
            for seat in (0, 1):
                telegram_id = first_telegram_id + 2 * index + seat
                user = await uow.users.create(telegram_id, f"Player {telegram_id}", now)
                assert user is not None, f"telegram id {telegram_id} is taken"
                await uow.settings.create(user.id, "en")
                pair.append(Player(user.id, telegram_id))
            await uow.partnerships.create(pair[0].user_id, pair[1].user_id, now)
            couples.append((pair[0], pair[1]))
    return couples
