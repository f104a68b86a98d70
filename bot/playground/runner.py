"""Start the real bot (the same Runtime as `python -m bot`) against a FakeBotApi."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.fake_bot_api import FakeBotApi, FakeUser
from bot.middlewares.in_flight import InFlightMiddleware
from bot.runtime import Runtime
from db import Database

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
BOT_USERNAME = "duet_test_bot"
START = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    """A clock that only moves when told to (tests never sleep for real minutes)."""

    current: datetime = START

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


class AdvancingClock:
    """The real time plus however far a playground script moved it (`advance 1d`), so the
    daily ritual (a push at 19:00, the next day's question) can be shown offline."""

    def __init__(self) -> None:
        self._ahead = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._ahead

    def advance(self, delta: timedelta) -> None:
        self._ahead += delta


def local_settings(database_path: Path, api: FakeBotApi, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": api.token,
        "database_path": database_path,
        "telegram_api_url": api.base_url,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class LocalDuet:
    """A running bot plus the fake Telegram it talks to."""

    api: FakeBotApi
    settings: Settings
    clock: Clock = field(default_factory=SystemClock)
    runtime: Runtime = field(init=False)
    _task: asyncio.Task[None] | None = field(default=None, init=False)

    async def start(self) -> None:
        self.runtime = Runtime(self.settings, self.clock)
        self._task = asyncio.create_task(self.runtime.run(handle_signals=False, polling_timeout=1))
        ready = asyncio.create_task(self.runtime.ready.wait())
        done, _ = await asyncio.wait({ready, self._task}, timeout=10, return_when="FIRST_COMPLETED")
        if self._task in done:
            ready.cancel()
            self._task.result()  # raises what stopped the bot
        if ready not in done:
            raise TimeoutError("the bot did not become ready")

    async def stop(self) -> None:
        if self._task is not None:
            await self.runtime.stop()
            await asyncio.wait_for(self._task, 15)
            self._task = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def database(self) -> Database:
        return self.runtime.database

    def user(self, user_id: int, first_name: str, language_code: str | None = "en") -> FakeUser:
        return self.api.add_user(user_id, first_name, language_code=language_code)

    async def settle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 - a harness helper
        """Until every update sent so far was fetched and fully handled by the bot.

        Quiet Bot API traffic alone is not proof on a busy machine; the dispatcher's own
        in-flight counter is. (Timer-driven changes are awaited with `wait_for` instead.)
        """
        assert self.runtime.dispatcher is not None
        in_flight: InFlightMiddleware = self.runtime.dispatcher["in_flight"]
        async with asyncio.timeout(timeout):
            while True:
                await self.api.settle(quiet=0.03, timeout=timeout)
                if in_flight.busy == 0 and self.api.pending_updates == 0:
                    await asyncio.sleep(0.01)
                    if in_flight.busy == 0 and self.api.pending_updates == 0:
                        return
                await asyncio.sleep(0.01)
