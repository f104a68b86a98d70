"""The daily push to many couples at one local hour: `python -m tests.benchmarks.daily_push
--couples 100000`.

Every person of N couples (all in Moscow, the default hour 19:00) is due at the same
moment. Two push workers share the SQLite database, each paced to half of the bulk limit
(`--rate`, 30 a second by default); midway the first one is killed (its task cancelled
wherever it is) and started afresh, as a restart would. Telegram is the in-process Bot API
of the other benchmarks; time is virtual (the pacers' waits move a shared clock), so the
run reports the send rate the pushes would have at Telegram without waiting for it, and
the real CPU time the pushes cost.

Reported: pushes sent, duplicates (must be 0), pushes lost to the kill (claimed, never
sent: at most one batch), the peak sends in any one second of virtual time, the virtual
duration against the bound N*2/rate, and CPU and wall milliseconds per couple.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import heapq
import itertools
import json
import sqlite3
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.daily_push import DailyPush
from bot.dispatcher import build_services
from bot.runtime import database_of, load_i18n
from db import Database
from tests.benchmarks.harness import bench_settings
from tests.benchmarks.telegram import TOKEN, InProcessSession

START = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # 19:00 in Moscow


class VirtualClock:
    """Discrete-event time: a pacer's wait ends when every running worker is waiting, and
    time moves to the earliest end (the work between sends takes no virtual time)."""

    def __init__(self, now: datetime) -> None:
        self.current = now
        self._waiting: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._workers = 0

    def now(self) -> datetime:
        return self.current

    async def sleep(self, seconds: float) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        end = self.current + timedelta(seconds=seconds)
        heapq.heappush(self._waiting, (end, next(self._order), done))
        self._advance()
        await done

    def join(self) -> None:
        self._workers += 1

    def leave(self) -> None:
        self._workers -= 1
        self._advance()

    def _advance(self) -> None:
        self._waiting = [entry for entry in self._waiting if not entry[2].done()]
        heapq.heapify(self._waiting)
        if self._waiting and len(self._waiting) >= self._workers:
            end, _, done = heapq.heappop(self._waiting)
            self.current = max(self.current, end)
            done.set_result(None)


class RecordingSession(InProcessSession):
    """Remembers when (virtual time) each question went to which chat."""

    def __init__(self, clock: VirtualClock) -> None:
        super().__init__()
        self.clock = clock
        self.sends: list[tuple[float, int]] = []
        self.halfway = asyncio.Event()
        self.half = 0

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> TelegramType:
        if method.__api_method__ == "sendMessage":
            chat = int(getattr(method, "chat_id"))  # noqa: B009 - any message method
            self.sends.append((self.clock.now().timestamp(), chat))
            if len(self.sends) >= self.half:
                self.halfway.set()
        return await super().make_request(bot, method, timeout)


def seed(path: Path, couples: int) -> None:
    stamp = (START - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    due = START.strftime("%Y-%m-%d %H:%M:%S")
    users = 2 * couples
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    with conn:
        conn.executemany(
            "INSERT INTO users (id, telegram_id, display_name, created_at, last_seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            ((u, str(5_000_000_000 + u), f"P{u}", stamp, stamp) for u in range(1, users + 1)),
        )
        conn.executemany(
            "INSERT INTO settings (user_id, language, time_zone, push_minute, next_push_at)"
            " VALUES (?, 'en', 'Europe/Moscow', 1140, ?)",
            ((u, due) for u in range(1, users + 1)),
        )
        conn.executemany(
            "INSERT INTO partnerships (id, user1_id, user2_id, connected_at, is_active,"
            " announced_at) VALUES (?, ?, ?, ?, 1, ?)",
            ((c, 2 * c - 1, 2 * c, stamp, stamp) for c in range(1, couples + 1)),
        )
    conn.close()


async def worker(path: Path, clock: VirtualClock, rate: float) -> tuple[DailyPush, Database]:
    settings = bench_settings(path)
    database = database_of(settings)
    await database.open()
    services = build_services(settings, database, clock, load_i18n(settings))
    push = DailyPush(
        database,
        clock,
        services.daily,
        services.game_display,
        services.notifier,
        rate=rate,
        pause_after=timedelta(days=7),
        sleep=clock.sleep,
    )
    return push, database


async def drain(push: DailyPush, bot: Bot, clock: VirtualClock) -> None:
    clock.join()
    try:
        while await push.run_once(bot):
            pass
    finally:
        clock.leave()


def peak_per_second(times: list[float]) -> int:
    times = sorted(times)
    return max((bisect_right(times, t + 1 - 1e-9) - i for i, t in enumerate(times)), default=0)


async def run(couples: int, rate: float, folder: Path) -> dict[str, Any]:
    path = folder / "push.sqlite3"
    settings = bench_settings(path)
    setup = database_of(settings)
    await setup.open()
    services = build_services(settings, setup, VirtualClock(START), load_i18n(settings))
    await services.daily.sync_catalogue()
    await setup.close()
    seed(path, couples)

    clock = VirtualClock(START)
    session = RecordingSession(clock)
    bot = Bot(TOKEN, session=session)
    share = rate / 2  # two workers, each its share of the bulk limit
    first, first_db = await worker(path, clock, share)
    second, second_db = await worker(path, clock, share)
    cpu, wall = time.process_time(), time.perf_counter()
    session.half = couples  # half of the 2N pushes: then the first worker is killed
    one = asyncio.create_task(drain(first, bot, clock))
    two = asyncio.create_task(drain(second, bot, clock))
    await session.halfway.wait()
    one.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await one
    await first_db.close()
    restarted, restarted_db = await worker(path, clock, share)
    await asyncio.gather(drain(restarted, bot, clock), two)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await restarted_db.close()
    await second_db.close()

    chats = Counter(chat for _, chat in session.sends)
    times = [t for t, _ in session.sends]
    pushes = 2 * couples
    duration = max(times) - min(times) if times else 0.0
    return {
        "couples": couples,
        "pushes_due": pushes,
        "pushes_sent": len(session.sends),
        "duplicates": sum(n - 1 for n in chats.values() if n > 1),
        "lost_to_the_kill": pushes - len(chats),
        "rate_limit_per_s": rate,
        "peak_per_s": peak_per_second(times),
        "virtual_duration_s": round(duration, 1),
        # The bulk limit's time, plus the one second each start waits (Pacer): two starts.
        "bound_s": round(pushes / rate + 2, 1),
        "cpu_ms_per_couple": round(cpu * 1000 / couples, 2),
        "wall_ms_per_couple": round(wall * 1000 / couples, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--couples", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = asyncio.run(run(args.couples, args.rate, Path(folder)))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
