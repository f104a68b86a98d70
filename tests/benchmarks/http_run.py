"""One run over HTTP: the real runtime (long polling, aiohttp) against the fake Bot API server.

Couples play whole games (/play, pick, accept, moves), pausing between updates so that
together they offer `rate` updates per second.

`LocalDuet` runs `Runtime.run_polling` exactly as `python -m bot` does; the simulated users
press buttons through `bot.fake_bot_api`. Two latencies per update:

* dispatcher -- from `received_at` (stamped by the first outer middleware) to the update's
  last Bot API call, as in the in-process runs;
* end to end -- from the moment the user pressed to that last call (long polling and two
  HTTP hops included).

The fake server and the bot share this process, so CPU figures here include the server.
"""

from __future__ import annotations

import asyncio
import itertools
import operator
import random
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update

from bot.fake_bot_api import CallbackAnswer, ChatMessage, FakeBotApi, FakeUser
from bot.playground.runner import BOT_USERNAME, TOKEN, LocalDuet, local_settings
from bot.ui.callbacks import MoveCb, SessionCb, SessionOp
from tests.benchmarks.harness import BENCH_OVERRIDES
from tests.benchmarks.moves import SCRIPTS, BenchmarkError
from tests.benchmarks.stats import Span, measured, summary_ms

if TYPE_CHECKING:
    from aiogram import Bot

Key = tuple[int, str]
ANSWER_TIMEOUT = 120.0  # an overloaded bot is measured, not failed
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


@dataclass
class HttpTrace:
    entered: float  # epoch seconds, from ReceivedAtMiddleware
    last_call: float | None = None


_current: ContextVar[HttpTrace | None] = ContextVar("bench_http_update", default=None)


def _key(update: Update) -> Key | None:
    if update.callback_query is not None:
        return update.callback_query.from_user.id, update.callback_query.data or ""
    if update.message is not None and update.message.from_user is not None:
        return update.message.from_user.id, update.message.text or ""
    return None


class UpdateProbe(BaseMiddleware):
    """Outer update middleware (registered last): traces each update, reports its end."""

    def __init__(self) -> None:
        self._waiting: dict[Key, asyncio.Future[HttpTrace]] = {}

    def expect(self, key: Key) -> asyncio.Future[HttpTrace]:
        future: asyncio.Future[HttpTrace] = asyncio.get_running_loop().create_future()
        self._waiting[key] = future
        return future

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        trace = HttpTrace(float(data.get("received_at", time.time())))
        token = _current.set(trace)
        try:
            return await handler(event, data)
        finally:
            _current.reset(token)
            key = _key(event) if isinstance(event, Update) else None
            waiter = None if key is None else self._waiting.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(trace)


class CallProbe(BaseRequestMiddleware):
    """Bot session middleware: stamps the traced update's latest Bot API call."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        response = await make_request(bot, method)
        trace = _current.get()
        if trace is not None:
            trace.last_call = time.time()
        return response


@dataclass
class HttpMeter:
    dispatcher: list[float] = field(default_factory=list)
    end_to_end: list[float] = field(default_factory=list)
    updates: int = 0


def _newest(user: FakeUser, predicate: Callable[[str], bool]) -> tuple[ChatMessage, str]:
    for message in reversed(user.bot_messages):
        for row in message.buttons:
            for button in row:
                if button.callback_data and predicate(button.callback_data):
                    return message, button.callback_data
    raise BenchmarkError(f"no such button for {user.first_name}:\n{user.transcript()}")


class HttpCouple:
    def __init__(
        self,
        probe: UpdateProbe,
        meter: HttpMeter,
        inviter: FakeUser,
        invitee: FakeUser,
        index: int,
        mean_pause: float,
    ) -> None:
        self._probe, self._meter = probe, meter
        self._rng = random.Random(index)
        self._mean_pause = mean_pause
        self.inviter, self.invitee = inviter, invitee
        self._scripts = itertools.cycle(SCRIPTS[index % 4 :] + SCRIPTS[: index % 4])

    async def _await(self, user: FakeUser, data: str, act: Awaitable[Any], move: bool) -> None:
        """Do `act` (a press or a message) and wait until the bot has handled it."""
        await asyncio.sleep(self._rng.expovariate(1 / self._mean_pause))
        waiter = self._probe.expect((user.id, data))
        pressed = time.time()
        answer = await act
        if isinstance(answer, CallbackAnswer) and answer.show_alert:
            raise BenchmarkError(f"{data} by {user.first_name}: {answer.text}")
        trace = await asyncio.wait_for(waiter, ANSWER_TIMEOUT)
        self._meter.updates += 1
        if trace.last_call is None:
            raise BenchmarkError(f"{data} by {user.first_name} made no Bot API call")
        if move:
            self._meter.dispatcher.append(trace.last_call - trace.entered)
            self._meter.end_to_end.append(trace.last_call - pressed)

    async def _press(self, user: FakeUser, message: ChatMessage, data: str, move: bool) -> None:
        press = user.press_data(message, data, timeout=ANSWER_TIMEOUT)
        await self._await(user, data, press, move)

    async def play_game(self) -> None:
        await self._await(self.inviter, "/play", self.inviter.send("/play"), move=False)
        menu, pick = _newest(self.inviter, lambda data: data.startswith("pg:"))
        await self._press(self.inviter, menu, pick, move=False)
        invitation, accept = _newest(
            self.invitee,
            lambda data: data.startswith("s:") and data.endswith(f":{SessionOp.ACCEPT}"),
        )
        session_id = SessionCb.unpack(accept).session_id
        await self._press(self.invitee, invitation, accept, move=False)
        for index, cell in enumerate(next(self._scripts)):
            player = self.invitee if index % 2 == 0 else self.inviter
            data = MoveCb(session_id=session_id, action=f"c{cell}").pack()
            board, _ = _newest(player, partial(operator.eq, data))
            await self._press(player, board, data, move=True)


async def run_http(
    couples: int,
    directory: Path,
    *,
    games_per_couple: int = 2,
    rate: float = 50.0,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    async with FakeBotApi(TOKEN, bot_id=int(TOKEN.split(":")[0]), bot_username=BOT_USERNAME) as api:
        settings = local_settings(directory / "http.sqlite3", api, **BENCH_OVERRIDES)
        duet = LocalDuet(api, settings)
        progress(f"http: starting the bot and {couples} couples")
        await duet.start()
        try:
            runtime = duet.runtime
            assert runtime.dispatcher is not None and runtime.bot is not None
            probe = UpdateProbe()
            runtime.dispatcher.update.outer_middleware(probe)
            runtime.bot.session.middleware(CallProbe())
            players = [
                duet.user(8_000_000_000 + n, f"Player {n}", "en") for n in range(2 * couples)
            ]
            await asyncio.gather(*(player.send("/start") for player in players))
            await duet.settle(timeout=120)
            now = duet.clock.now()
            async with duet.database.transaction() as uow:
                for first, second in zip(players[::2], players[1::2], strict=True):
                    a = await uow.users.get_by_telegram_id(first.id)
                    b = await uow.users.get_by_telegram_id(second.id)
                    assert a is not None and b is not None
                    await uow.partnerships.create(a.id, b.id, now)
            meter, span = HttpMeter(), Span()
            pairs = [
                HttpCouple(probe, meter, players[2 * i], players[2 * i + 1], i, couples / rate)
                for i in range(couples)
            ]

            async def play(couple: HttpCouple) -> None:
                for _ in range(games_per_couple):
                    await couple.play_game()

            progress(f"http: {couples} couples play {games_per_couple} games each")
            with measured(span):
                await asyncio.gather(*(play(couple) for couple in pairs))
        finally:
            await duet.stop()
    moves = len(meter.dispatcher)
    return {
        "couples": couples,
        "offered_per_s": rate,
        "games": couples * games_per_couple,
        "updates": meter.updates,
        "moves": moves,
        "wall_s": round(span.wall, 3),
        "updates_per_s": round(meter.updates / span.wall, 1),
        "moves_per_s": round(moves / span.wall, 1),
        "cpu_s_per_1000_updates_incl_fake_server": round(span.cpu / meter.updates * 1000, 3),
        "move_latency_dispatcher": summary_ms(meter.dispatcher),
        "move_latency_end_to_end": summary_ms(meter.end_to_end),
    }
