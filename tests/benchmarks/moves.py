"""Moves: N couples play tic-tac-toe through the real dispatcher, Telegram answering in process.

Every couple is registered through the repositories; everything after that is an update
fed to the production dispatcher, with the bot's real callback data, by the player whose
turn it is: the inviter picks the game on a /play menu message (`PickGameCb`), the partner
accepts on the invitation the bot sent (`SessionCb` ACCEPT), then both press cells
(`MoveCb`) on the game messages the bot sent and edits.

Three phases, all with every couple's game live at once:

* paced -- each couple moves after a random pause, so that all couples together offer
  a given rate of updates per second (people think between moves): the latency figures,
  at each rate asked for (one well below the bot's capacity shows its latency floor);
* saturated -- every couple presses again as soon as its last update was handled, so
  N updates are always in flight: the highest moves/s and the CPU cost per move
  (latency here is mostly queueing and is reported as such);
* echo -- the same number of updates, with the same concurrency and the same number of
  Bot API calls, through a bare aiogram bot: the floor. It runs interleaved with the
  saturated phase, a segment of echo after each segment of moves, so that both are
  measured in the same stretches of time (this machine's speed drifts by half within
  minutes, and a floor measured after the moves judged them against another machine).
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, F, Router, html
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.ui.callbacks import MoveCb, PickGameCb, SessionCb, SessionOp
from games.engine import Setup
from games.tictactoe import TicTacToe
from tests.benchmarks.harness import InProcessDuet, Player, SqlTrace, bench_settings, make_couples
from tests.benchmarks.stats import Span, current_rss_mb, measured, peak_rss_mb, summary_ms
from tests.benchmarks.telegram import (
    TOKEN,
    Delivery,
    InProcessSession,
    Trace,
    UpdateFactory,
    latency,
    latency_from_press,
)

# Cell orders of whole games (the invitee, who moves first, plays the even positions).
SCRIPTS: tuple[tuple[int, ...], ...] = (
    (0, 1, 2, 4, 3, 5, 7, 6, 8),  # a draw: all nine cells
    (0, 3, 1, 4, 2),  # the first player wins on the top row
    (4, 0, 2, 6, 3, 5, 8, 1, 7),  # another draw
    (0, 3, 1, 4, 8, 5),  # the second player wins on the middle row
)
FIRST_TELEGRAM_ID = 7_000_000_000
# The saturated moves are measured in this many segments, each followed by its echo floor:
# the ratio is the moves' CPU over the floor's, both summed over the same stretches of time.
ECHO_SEGMENTS = 6


class BenchmarkError(RuntimeError):
    """The simulated game went off script: a benchmark of a broken flow means nothing."""


def check_scripts() -> None:
    """Each script is a legal game that ends exactly on its last move."""
    game = TicTacToe()
    for script in SCRIPTS:
        state = game.new(Setup(first_player=1))
        for index, cell in enumerate(script):
            if game.is_finished(state):
                raise BenchmarkError(f"{script} ends before move {index}")
            state = game.apply(state, f"c{cell}", 1 - index % 2, 0.0)
        if not game.is_finished(state):
            raise BenchmarkError(f"{script} does not end")


@dataclass
class Meter:
    """Latencies by update kind (pick, accept, move)."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    from_press: dict[str, list[float]] = field(default_factory=dict)
    without_calls: int = 0

    def record(self, trace: Trace) -> None:
        value, felt = latency(trace), latency_from_press(trace)
        if value is None or felt is None:
            self.without_calls += 1
            return
        self.latencies.setdefault(trace.kind, []).append(value)
        self.from_press.setdefault(trace.kind, []).append(felt)

    def count(self, *kinds: str) -> int:
        return sum(len(self.latencies.get(kind, ())) for kind in kinds)

    def of(self, *kinds: str) -> list[float]:
        return [value for kind in kinds for value in self.latencies.get(kind, ())]

    def felt(self, *kinds: str) -> list[float]:
        return [value for kind in kinds for value in self.from_press.get(kind, ())]


class Couple:
    """Two players with a live game, pressing what the bot showed them."""

    def __init__(
        self, duet: InProcessDuet, inviter: Player, invitee: Player, game_id: int, index: int
    ) -> None:
        self._duet = duet
        self.inviter, self.invitee = inviter, invitee
        self._game_id = game_id
        self._scripts = itertools.cycle(SCRIPTS[index % 4 :] + SCRIPTS[: index % 4])
        self.stage = "idle"  # idle -> invited -> live -> idle
        self.session_id = 0
        self._invitation = 0
        self._script: tuple[int, ...] = ()
        self._played = 0
        self.games_finished = 0

    async def step(self, meter: Meter, pressed: float | None = None) -> str:
        """The couple's next update: pick a game, accept it, or the next move (`pressed`:
        when the user pressed, if the update waited at Telegram for a slot)."""
        if self.stage == "idle":
            await self._pick(meter, pressed)
            return "pick"
        if self.stage == "invited":
            await self._accept(meter, pressed)
            return "accept"
        await self._move(meter, pressed)
        return "move"

    async def _pick(self, meter: Meter, pressed: float | None) -> None:
        menu = self._duet.session.next_message_id()  # the /play menu the inviter presses on
        data = PickGameCb(game_id=self._game_id).pack()
        await self._press(self.inviter, menu, data, "pick", meter, pressed)
        screen = self._duet.session.screen(self.invitee.telegram_id, SessionCb.__prefix__)
        accept = None if screen is None else _find(screen.buttons, f":{SessionOp.ACCEPT.value}")
        if screen is None or accept is None:
            raise BenchmarkError(f"no invitation reached telegram id {self.invitee.telegram_id}")
        self.session_id = SessionCb.unpack(accept).session_id
        self._invitation = screen.message_id
        self.stage = "invited"

    async def _accept(self, meter: Meter, pressed: float | None) -> None:
        data = SessionCb(session_id=self.session_id, op=SessionOp.ACCEPT).pack()
        await self._press(self.invitee, self._invitation, data, "accept", meter, pressed)
        self.stage, self._script, self._played = "live", next(self._scripts), 0

    async def _move(self, meter: Meter, pressed: float | None) -> None:
        player = self.invitee if self._played % 2 == 0 else self.inviter
        data = MoveCb(session_id=self.session_id, action=f"c{self._script[self._played]}").pack()
        screen = self._duet.session.screen(player.telegram_id, MoveCb.__prefix__)
        if screen is None or not screen.has(data):
            raise BenchmarkError(f"session {self.session_id}: no button {data} to press")
        await self._press(player, screen.message_id, data, "move", meter, pressed)
        self._played += 1
        if self._played == len(self._script):
            self.stage = "idle"
            self.games_finished += 1

    async def _press(
        self,
        player: Player,
        message_id: int,
        data: str,
        kind: str,
        meter: Meter,
        pressed: float | None,
    ) -> None:
        duet = self._duet
        alerts = len(duet.session.stats.alerts)
        raw = duet.updates.callback_query(player.telegram_id, message_id, data)
        trace = await duet.delivery.feed(duet.dispatcher, duet.bot, raw, kind, pressed)
        if len(duet.session.stats.alerts) > alerts:
            raise BenchmarkError(f"{data} by {player.telegram_id}: {duet.session.stats.alerts[-1]}")
        meter.record(trace)


async def sql_per_update(duet: InProcessDuet, couple: Couple) -> dict[str, Any]:
    """SQL statements each kind of update runs: one game played alone with tracing on."""
    trace = SqlTrace()
    counts: dict[str, list[int]] = {}
    samples: dict[str, list[str]] = {}
    await trace.attach(duet.database)
    try:
        trace.take()
        while True:
            kind = await couple.step(Meter())
            if kind == "move" and couple.stage == "idle":
                kind = "finishing move"
            statements = _folded(_without_timer_loop(trace.take()))
            counts.setdefault(kind, []).append(len(statements))
            samples[kind] = statements
            if kind == "finishing move":
                break
    finally:
        await trace.detach(duet.database)
    return {
        "counts": {kind: round(sum(n) / len(n), 1) for kind, n in counts.items()},
        "move": [statement[:160] for statement in samples["move"]],
        "finishing move": [statement[:160] for statement in samples["finishing move"]],
    }


def _folded(statements: list[str]) -> list[str]:
    """One entry per statement: SQLite's trace repeats a statement as each trigger runs."""
    return [s for i, s in enumerate(statements) if i == 0 or s != statements[i - 1]]


def _without_timer_loop(statements: list[str]) -> list[str]:
    """Drop what the game-timer loop ran meanwhile (its reads mention wake_at)."""
    timer_reads = sum("wake_at <=" in s or "min(wake_at)" in s for s in statements)
    kept = [s for s in statements if "wake_at <=" not in s and "min(wake_at)" not in s]
    for _ in range(timer_reads):  # each read ran in its own BEGIN ... ROLLBACK
        for marker in ("BEGIN", "ROLLBACK"):
            if marker in kept:
                kept.remove(marker)
    return kept


def _find(buttons: Sequence[str], suffix: str) -> str | None:
    return next((data for data in buttons if data.endswith(suffix)), None)


async def _everyone_while(
    duet: InProcessDuet, couples: Sequence[Couple], meter: Meter, wants: Callable[[Couple], bool]
) -> None:
    """Every couple that `wants` to press presses, and again once answered, while it wants.
    Asked again right before each press: the crowd's `enough()` may turn while it waits."""

    async def press(couple: Couple, pressed: float) -> bool:
        if not wants(couple):
            return False
        await couple.step(meter, pressed)
        return wants(couple)

    await duet.delivery.crowd([c for c in couples if wants(c)], press)


def _without_a_game(couple: Couple) -> bool:
    return couple.stage != "live"


async def _paced(couples: Sequence[Couple], meter: Meter, rate: float, seconds: float) -> None:
    """Presses arrive as one Poisson stream of `rate` per second, each by a couple picked at
    random among those not waiting for the bot.

    That is every couple pausing an exponential time between moves (the sum of N such
    streams), held as one stream and the updates in flight rather than as a sleeping
    coroutine per couple: whatever the harness holds is counted in the bot's RSS.
    """
    loop = asyncio.get_running_loop()
    rng = random.Random(len(couples))
    deadline = loop.time() + seconds
    waiting: set[int] = set()  # couples whose last press the bot is still handling
    in_flight: set[asyncio.Task[None]] = set()
    failed: list[asyncio.Task[None]] = []

    async def press(index: int) -> None:
        try:
            await couples[index].step(meter)
        finally:
            waiting.discard(index)

    def done(task: asyncio.Task[None]) -> None:
        in_flight.discard(task)
        if not task.cancelled() and task.exception() is not None:
            failed.append(task)

    arrival = loop.time()
    while True:
        arrival += rng.expovariate(rate)
        if arrival >= deadline:
            break
        await asyncio.sleep(max(0.0, arrival - loop.time()))
        # A person does not press again before the bot answered: pick someone else.
        index = next(
            (i for i in (rng.randrange(len(couples)) for _ in range(8)) if i not in waiting), None
        )
        if index is None:
            continue  # (nearly) everyone is waiting: the bot is past what this rate offers
        waiting.add(index)
        task = asyncio.create_task(press(index))
        in_flight.add(task)
        task.add_done_callback(done)
    await asyncio.gather(*in_flight, *failed)  # raises what went off script


def _phase(meter: Meter, span: Span, kinds: tuple[str, ...], calls: int | None) -> dict[str, Any]:
    count = meter.count(*kinds)
    return {
        "updates": count,
        "wall_s": round(span.wall, 3),
        "per_s": round(count / span.wall, 1) if count and span.wall else None,
        "cpu_s_per_1000": round(span.cpu / count * 1000, 3) if count else None,
        # Only where every update counted is of `kinds` (a saturated move phase).
        "api_calls_per_update": round(calls / count, 3) if count and calls is not None else None,
        "latency": summary_ms(meter.of(*kinds)),
        # What the user waits: the update's wait at Telegram for a free slot included.
        "latency_from_press": summary_ms(meter.felt(*kinds)),
    }


async def run_moves(
    couples: int,
    directory: Path,
    *,
    rates: Sequence[float] = (50.0, 500.0),
    paced_seconds: float = 20.0,
    min_moves: int = 20_000,
    profile_dir: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """One scenario: `couples` couples in one process; returns the figures as a dict. The
    echo floor runs between segments of the saturated moves ("segments": each one's CPU
    and the floor's after it); "echo" adds its runs up."""
    check_scripts()
    rss_imports = current_rss_mb()
    progress(f"moves, {couples} couples: registering")
    duet = InProcessDuet(bench_settings(directory / "moves.sqlite3"))
    await duet.start()
    try:
        game_id = await duet.game_id(TicTacToe.key)
        pairs = await make_couples(duet.database, couples, FIRST_TELEGRAM_ID)
        players = [Couple(duet, a, b, game_id, i) for i, (a, b) in enumerate(pairs)]
        rss_before = current_rss_mb()

        # Every couple starts a game: from here on, `couples` games are live at once.
        progress(f"moves, {couples} couples: every couple starts a game")
        opening, opening_span = Meter(), Span()
        with measured(opening_span):
            await _everyone_while(duet, players, opening, _without_a_game)
        rss_live = current_rss_mb()

        paced_results = []
        for rate in rates:
            paced, paced_span = Meter(), Span()
            progress(f"moves, {couples} couples: paced at {rate:g} updates/s, {paced_seconds:g} s")
            with measured(paced_span):
                await _paced(players, paced, rate, paced_seconds)
            paced_results.append(
                {
                    "offered_per_s": rate,
                    "moves": _phase(paced, paced_span, ("move",), None),
                    "starts": {"latency": summary_ms(paced.of("pick", "accept"))},
                }
            )

        # Saturated: rounds of "everyone finishes the game", then "everyone starts another".
        starts, start_span, start_calls = Meter(), Span(), 0
        moving, move_span, move_calls = Meter(), Span(), 0
        floor = Floor(couples, duet.settings.max_concurrent_updates)
        segments: list[dict[str, float]] = []
        segment_size = -(-min_moves // ECHO_SEGMENTS)
        profiler = _profiler(profile_dir)
        progress(f"moves, {couples} couples: saturated, interleaved with the echo floor")

        def enough() -> bool:
            return moving.count("move") >= min_moves

        # Rounds: everyone without a live game starts one, then everyone moves until the
        # game ends; the whole phase stops once `min_moves` moves were made (so with many
        # couples most games are still live at the end, as they should be). The moves go
        # in segments, each followed by the floor's run of the same size.
        while not enough():
            calls = duet.session.stats.calls
            with measured(start_span):
                await _everyone_while(duet, players, starts, _without_a_game)
            start_calls += duet.session.stats.calls - calls
            while not enough() and any(c.stage == "live" for c in players):
                goal = min(min_moves, moving.count("move") + segment_size)
                moves, calls, cpu = moving.count("move"), duet.session.stats.calls, move_span.cpu
                with profiler, measured(move_span):
                    await _everyone_while(
                        duet,
                        players,
                        moving,
                        lambda c, goal=goal: c.stage == "live" and moving.count("move") < goal,
                    )
                moves, calls = moving.count("move") - moves, duet.session.stats.calls - calls
                move_calls += calls
                echo_cpu = await floor.run(moves, calls)
                segments.append(
                    {
                        "moves": moves,
                        "cpu_s_per_1000": round((move_span.cpu - cpu) / moves * 1000, 3),
                        "echo_cpu_s_per_1000": round(echo_cpu / moves * 1000, 3),
                        "ratio": round((move_span.cpu - cpu) / echo_cpu, 2),
                    }
                )
        rss_peak = peak_rss_mb()
        extra = await make_couples(duet.database, 1, FIRST_TELEGRAM_ID + 2 * couples)
        sql = await sql_per_update(duet, Couple(duet, *extra[0], game_id, 0))
        finished = sum(couple.games_finished for couple in players) + 1
        async with duet.database.read() as uow:
            stored = await uow.conn.fetch_value(
                "SELECT count(*) FROM game_sessions WHERE status = 'finished'"
            )
        if stored != finished:
            raise BenchmarkError(f"{finished} games played but {stored} stored as finished")
    finally:
        await duet.stop()

    saturated = _phase(moving, move_span, ("move",), move_calls)
    echo = floor.phase()
    result: dict[str, Any] = {
        "couples": couples,
        "live_games": couples,
        "games_finished": finished,
        "paced": paced_results,
        "saturated": {
            "moves": saturated,
            "starts": _phase(starts, start_span, ("pick", "accept"), start_calls),
        },
        "opening": _phase(opening, opening_span, ("pick", "accept"), None),
        "echo": echo,
        "segments": segments,
        "sql_statements_per_update": sql,
        "overhead_vs_echo": round(saturated["cpu_s_per_1000"] / echo["cpu_s_per_1000"], 2),
        "rss_mb": {
            "after_imports": rss_imports,
            "before_games": rss_before,
            "all_games_live": rss_live,
            "peak": rss_peak,
        },
        "profile": None if profile_dir is None else str(profile_dir),
    }
    if profile_dir is not None:
        profiler.save(profile_dir / f"moves-{couples}")
    return result


class _NoProfiler:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None

    def save(self, stem: Path) -> None:
        return None


class _Pyinstrument:
    """pyinstrument over the saturated move phases (the `bench` extra)."""

    def __init__(self) -> None:
        from pyinstrument import Profiler  # optional: pip install -e '.[bench]'

        self._profiler = Profiler(interval=0.0005, async_mode="disabled")

    def __enter__(self) -> None:
        self._profiler.start()

    def __exit__(self, *exc: object) -> None:
        self._profiler.stop()

    def save(self, stem: Path) -> None:
        stem.parent.mkdir(parents=True, exist_ok=True)
        stem.with_suffix(".html").write_text(self._profiler.output_html(), encoding="utf-8")
        text = self._profiler.output_text(unicode=True, show_all=False)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        # Re-render later with other options: pyinstrument --load=<file> --show-all
        session = self._profiler.last_session
        if session is not None:
            session.save(str(stem.with_suffix(".pyisession")))


def _profiler(directory: Path | None) -> _NoProfiler | _Pyinstrument:
    return _NoProfiler() if directory is None else _Pyinstrument()


# -- the floor: a bare aiogram bot ------------------------------------------------------------

_ECHO_KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text="·", callback_data=f"e:{row}{col}") for col in range(3)]
        for row in range(3)
    ]
)


def echo_dispatcher() -> Dispatcher:
    """A callback handler that answers the press, then edits its message `n - 1` times."""
    router = Router()

    @router.callback_query(F.data.startswith("e:"))
    async def echo(query: CallbackQuery, bot: Bot) -> None:
        calls = int((query.data or "e:1").split(":")[1])
        await query.answer()
        if not isinstance(query.message, Message):
            return
        for _ in range(calls - 1):
            await bot.edit_message_text(
                text=f"You pressed {html.bold(html.quote(query.data or ''))}",
                chat_id=query.from_user.id,
                message_id=query.message.message_id,
                reply_markup=_ECHO_KEYBOARD,
            )

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


class Floor:
    """The echo floor, run a segment at a time between the moves: `clients` concurrent
    users, each update making its share of the Bot API calls, delivered `slots` at a
    time as Duet's are. Its figures add up over the segments."""

    def __init__(self, clients: int, slots: int) -> None:
        self._clients = clients
        self._slots = slots
        self._meter, self._span, self._calls = Meter(), Span(), 0

    async def run(self, updates: int, api_calls: int) -> float:
        """One segment: `updates` presses making `api_calls` calls in all; its CPU seconds."""
        session = InProcessSession()
        delivery = Delivery(self._slots)
        bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        dispatcher = echo_dispatcher()
        factory = UpdateFactory()
        base, extra = divmod(api_calls, updates) if updates else (1, 0)
        # Calls per update, taken by whichever client presses next (a shared plan: a plan
        # per client would be the harness's memory, counted in the bot's RSS).
        plan = deque(base + (1 if index < extra else 0) for index in range(updates))

        async def press(client: tuple[int, int], pressed: float) -> bool:
            if not plan:
                return False
            telegram_id, message_id = client
            raw = factory.callback_query(telegram_id, message_id, f"e:{plan.popleft()}")
            self._meter.record(await delivery.feed(dispatcher, bot, raw, "echo", pressed))
            return bool(plan)

        # Delivered as Duet's updates are (Delivery.crowd), so the harness costs both the same.
        crowd = [
            (FIRST_TELEGRAM_ID + index, session.next_message_id())
            for index in range(min(self._clients, updates))
        ]
        span = Span()
        with measured(span):
            await delivery.crowd(crowd, press)
        await bot.session.close()
        self._span.add(span)
        self._calls += session.stats.calls
        return span.cpu

    def phase(self) -> dict[str, Any]:
        return _phase(self._meter, self._span, ("echo",), self._calls)


def timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
