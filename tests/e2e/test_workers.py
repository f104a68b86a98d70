"""Two real workers (`python -m bot`, webhook mode) serving one bot, sharing one database and
one Redis, behind the fake Telegram, which delivers round-robin like a load balancer.

Every game is played to the end with consecutive moves landing on alternate workers;
simultaneous presses of both partners land on different workers and are applied exactly
once; a worker killed mid-game leaves the other to finish it, timers included.

Runs on SQLite (one WAL file shared by both processes) and on PostgreSQL. Starting a worker
costs seconds (importing aiogram alone takes over one on a small machine), so each backend
starts its two workers once for the whole module; every test brings a couple of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.coordination.isolation import LOCK_TTL
from bot.fake_bot_api import CallbackAnswer, FakeBotApi, FakeUser
from bot.fake_bot_api.webhook import WebhookAttempt
from db import Database, database_for
from games.registry import GAMES
from tests.conftest import BACKENDS, PostgresServer, service_unavailable
from tests.e2e.cluster import REDIS_URL, SECRET, cluster_api, free_port
from tests.e2e.flows import LINK_RE, game_message, move_buttons

# Short enough to keep the whole file well under a minute, long enough for a busy machine.
STEP = 10.0  # longest wait for one visible consequence of a press or a timer
REACTION_DELAY = 0.4  # the reaction duel's GO comes this long after a round starts
READY_TIMEOUT = 30.0
HANDLED_RE = re.compile(r"Update id=(\d+) is (?:not )?handled")
ROUND_OVER_RE = re.compile(r"Round \d+:")

# The workers (module-scoped fixtures) and the tests share one event loop.
pytestmark = pytest.mark.asyncio(loop_scope="module")


class Worker:
    """`python -m bot` serving the webhook on its own port; its log is kept for failures."""

    def __init__(self, name: str, env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram/webhook"
        self.env = {**env, "WEBHOOK_URL": self.url, "WEBHOOK_PORT": str(self.port)}
        self.workdir = workdir
        self.log: list[str] = []
        self.handled: set[int] = set()  # update ids aiogram logged as done
        self.proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env=self.env,
            cwd=self.workdir,  # no stray .env is read
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        ready = asyncio.get_running_loop().create_future()
        self._reader = asyncio.create_task(self._read(ready))
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                await ready
        except TimeoutError:
            raise AssertionError(f"{self.name} did not become ready\n{self.output()}") from None

    async def _read(self, ready: asyncio.Future[None]) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        while line := await self.proc.stderr.readline():
            self.log.append(line.decode(errors="replace").rstrip())
            if match := HANDLED_RE.search(self.log[-1]):
                self.handled.add(int(match.group(1)))
            if "Duet is ready" in self.log[-1] and not ready.done():
                ready.set_result(None)
        if not ready.done():
            ready.set_exception(AssertionError(f"{self.name} exited\n{self.output()}"))

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()
        self.log.append(f"--- {self.name} killed (SIGKILL) by the test ---")

    async def stop(self) -> None:
        if self.alive:
            assert self.proc is not None
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 15)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 5)

    def output(self, since: int = 0) -> str:
        lines = [line for line in self.log[since:] if "aiohttp.access" not in line]
        return f"===== {self.name} ({self.url}) =====\n" + "\n".join(lines)

    def errors(self, since: int = 0) -> list[str]:
        return [line for line in self.log[since:] if " ERROR " in line or "Traceback" in line]


@dataclass
class Cluster:
    api: FakeBotApi
    workers: list[Worker]
    database: Database  # the test's own connection to the workers' database
    couples: int = 0
    lost: set[int] = field(default_factory=set)  # updates that died with a killed worker

    async def kill(self, worker: Worker) -> None:
        """SIGKILL `worker`; what it acknowledged but did not finish is lost with it (the
        webhook answer comes before the handling, as with aiogram's default)."""
        await worker.kill()
        mine = {a.update_id for a in self.api.webhook_attempts if a.ok and a.url == worker.url}
        self.lost |= mine - worker.handled

    async def query(self, sql: str) -> list[tuple[Any, ...]]:
        async with self.database.read() as uow:
            return [tuple(row) for row in await uow.conn.fetch_all(sql)]

    def worker_of(self, attempts: list[WebhookAttempt]) -> list[str]:
        """Which worker handled each update among `attempts` (by their delivery)."""
        names = {worker.url: worker.name for worker in self.workers}
        return [names[a.url] for a in attempts if a.ok]

    async def settled(self) -> None:
        """Until every update delivered so far was handled to the end by its worker (the
        handlers' edits included): the workers' own log says so."""
        async with asyncio.timeout(STEP):
            while True:
                await self.api.settle(quiet=0.02, timeout=STEP)
                delivered = {a.update_id for a in self.api.webhook_attempts if a.ok}
                done = self.lost.union(*(worker.handled for worker in self.workers))
                if delivered <= done:
                    return
                await asyncio.sleep(0.02)  # the logs arrive through pipes, not the feed


@dataclass
class Couple:
    cluster: Cluster
    alice: FakeUser
    boris: FakeUser
    ids: tuple[int, int] = (0, 0)  # their Duet user ids

    async def session(self) -> dict[str, Any]:
        """The couple's newest game session."""
        a, b = self.ids
        ((sid, status, version, result),) = await self.cluster.query(
            "SELECT id, status, version, result_json FROM game_sessions "
            f"WHERE partner1_id IN ({a}, {b}) ORDER BY id DESC LIMIT 1"
        )
        return {
            "id": sid,
            "status": status,
            "version": version,
            "result": json.loads(result) if result else None,
        }


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, postgres_server: PostgresServer
) -> AsyncIterator[str | None]:
    """The workers' database for the whole module: the SQLite file, or PostgreSQL."""
    if request.param == "sqlite":
        yield None
        return
    if postgres_server.unavailable is not None:
        service_unavailable(postgres_server.unavailable)
    url = await postgres_server.create()
    try:
        yield url
    finally:
        await postgres_server.drop(url)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def workers(
    database_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Cluster]:
    async with cluster_api() as api:  # skips without Redis
        workdir = tmp_path_factory.mktemp("workers")
        database_path = workdir / "duet.sqlite3"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
        env.update(
            BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.base_url,
            DATABASE_PATH=str(database_path),
            REDIS_URL=REDIS_URL,
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_HOST="127.0.0.1",
            LOG_LEVEL="INFO",
            LOG_UPDATES="1",  # aiogram's line per update tells which worker handled it
            FLOOD_LIMIT="10000",
            GAME_TIMER_TICK="0.05",
            REACTION_MIN_DELAY=str(REACTION_DELAY),
            REACTION_MAX_DELAY=str(REACTION_DELAY),
            TELEGRAM_RETRY_MAX_WAIT="1",
        )
        if database_url is not None:
            env["DATABASE_URL"] = database_url
        workers = [Worker(f"worker{n}", env, workdir) for n in (1, 2)]
        database = database_for(database_url, database_path)
        try:
            # Started together, as a supervisor would: migrations and catalogue syncs race.
            await asyncio.gather(*(worker.start() for worker in workers))
            api.webhook_targets = [worker.url for worker in workers]
            assert len(api.calls_to("setWebhook")) == 1  # one worker registers it
            await database.open()
            yield Cluster(api, workers, database)
        finally:
            await database.close()
            await asyncio.gather(*(worker.stop() for worker in workers))


@pytest_asyncio.fixture(loop_scope="module")
async def cluster(workers: Cluster) -> AsyncIterator[Cluster]:
    """The module's workers, both running; their log is checked (and shown on failure)."""
    for worker in workers.workers:
        if not worker.alive:  # killed by an earlier test
            await worker.start()
    since = [len(worker.log) for worker in workers.workers]
    try:
        yield workers
        await workers.settled()
        for worker, start in zip(workers.workers, since, strict=True):
            assert worker.errors(start) == [], worker.output(start)
    finally:
        # pytest shows this only when the test failed.
        print("\n".join(w.output(n) for w, n in zip(workers.workers, since, strict=True)))


# -- journeys -------------------------------------------------------------------------------


async def make_couple(cluster: Cluster) -> Couple:
    """Two new people (English), linked through an invite link."""
    cluster.couples += 1
    base = 1000 + 10 * cluster.couples
    alice = cluster.api.add_user(base + 1, "Alice", language_code="en")
    boris = cluster.api.add_user(base + 2, "Boris", language_code="en")
    await alice.send("/invite")
    link = await alice.wait_for_text("t.me/", timeout=STEP)
    match = LINK_RE.search(link.text)
    assert match, link.text
    await boris.open_link(match.group(0))
    await boris.wait_for_text("invites you", timeout=STEP)
    await boris.press("💞 Accept", timeout=STEP)
    rows = await cluster.query(
        f"SELECT id FROM users WHERE telegram_id IN ('{alice.id}', '{boris.id}') ORDER BY id"
    )
    couple = Couple(cluster, alice, boris, (rows[0][0], rows[1][0]))
    await cluster.settled()
    return couple


def pin_apart(couple: Couple) -> None:
    """Alice's updates to worker 1, Boris's to worker 2, on every attempt (a sticky load
    balancer): two presses sent together then land on both workers for sure. Round-robin
    alone does not promise it: a retry of another delivery in between shifts its order
    (#31: seen once on a loaded machine)."""
    api, (first, second) = couple.cluster.api, couple.cluster.workers[:2]
    api.webhook_pins = {
        **api.webhook_pins,
        couple.alice.id: first.url,
        couple.boris.id: second.url,
    }


async def start_game(couple: Couple, title: str) -> int:
    alice, boris = couple.alice, couple.boris
    await alice.send("/play")
    menu = await alice.wait_for_text("Choose a game", timeout=STEP)
    label = next(label for label in menu.button_labels() if label.endswith(f" {title}"))
    await alice.press(label, message=menu, timeout=STEP)
    invitation = await boris.wait_for_text("invites you to play", timeout=STEP)
    await boris.press("✅ Play", message=invitation, timeout=STEP)
    return await game_started(couple)


async def rematch(couple: Couple) -> int:
    alice, boris = couple.alice, couple.boris
    await alice.press("🔁 Rematch", message=game_message(alice), timeout=STEP)
    invitation = await boris.wait_for_text(
        "invites you to play", timeout=STEP, after=game_message(boris)
    )
    await boris.press("✅ Play", message=invitation, timeout=STEP)
    return await game_started(couple)


async def game_started(couple: Couple) -> int:
    session = await couple.session()
    assert session["status"] == "live", session
    await couple.cluster.settled()
    await both_see(couple, lambda u: bool(move_buttons(u)))
    return int(session["id"])


def finished_screen(user: FakeUser) -> bool:
    """The game message shows the final screen (it offers a rematch)."""
    try:
        message = game_message(user)
    except LookupError:
        return False
    return "🔁 Rematch" in message.button_labels()


def marks(user: FakeUser) -> int:
    """Taken cells on the user's tic-tac-toe board (9 once the game is over)."""
    return 9 if finished_screen(user) else sum(text != "⬜" for text in labels(user))


def labels(user: FakeUser) -> list[str]:
    return [button.text for row in move_buttons(user) for button in row]


async def press_move(
    cluster: Cluster, user: FakeUser, button: str | int
) -> tuple[CallbackAnswer, str]:
    """Press a button of the game message (by label, or a tic-tac-toe cell by position);
    returns the answer and the worker that handled the press."""
    message = game_message(user)
    before = len(cluster.api.webhook_attempts)
    if isinstance(button, int):
        cells = [b for row in move_buttons(user) for b in row]
        answer = await user.press_data(message, cells[button].callback_data or "", timeout=STEP)
    else:
        answer = await user.press(button, message=message, timeout=STEP)
    (worker,) = cluster.worker_of(presses(cluster, before))
    return answer, worker


def presses(cluster: Cluster, since: int) -> list[WebhookAttempt]:
    return [a for a in cluster.api.webhook_attempts[since:] if a.kind == "callback_query"]


async def both_see(couple: Couple, predicate: Callable[[FakeUser], object]) -> None:
    """Wait until both chats show it (for what a timer brings, like the duel's GO)."""
    await asyncio.gather(
        couple.alice.wait_for(predicate, STEP), couple.boris.wait_for(predicate, STEP)
    )


async def both_show(couple: Couple, predicate: Callable[[FakeUser], object], what: str) -> None:
    """Once every update was handled to the end (no edit of theirs can still come), both
    chats show `what`: a worker that rendered an older state and edited after the newest
    one was shown would leave a chat behind."""
    await couple.cluster.settled()
    behind = [user for user in (couple.alice, couple.boris) if not predicate(user)]
    assert not behind, (
        f"{what}: not in the chat of {', '.join(u.first_name for u in behind)} after both "
        "workers were done (a stale edit)\n" + "\n".join(u.transcript() for u in behind)
    )


async def assert_finished_for_both(
    couple: Couple, session_id: int, shorts: set[str]
) -> dict[str, Any]:
    """The session is finished, both chats show its final screen, one history row each."""
    await both_see(couple, finished_screen)
    session = await couple.session()
    assert (session["id"], session["status"]) == (session_id, "finished"), session
    rows = await couple.cluster.query(
        f"SELECT user_id, result_short FROM history WHERE game_session_id = {session_id}"
    )
    assert sorted(user for user, _ in rows) == sorted(couple.ids), rows  # one row each
    assert {short for _, short in rows} <= shorts, rows
    return session


def alternating(workers: list[str]) -> None:
    assert len(workers) >= 2 and set(workers) == {"worker1", "worker2"}, workers
    assert all(a != b for a, b in itertools.pairwise(workers)), workers


# -- the games ------------------------------------------------------------------------------


async def play_tictactoe(couple: Couple) -> None:
    cluster, alice, boris = couple.cluster, couple.alice, couple.boris
    sid = await start_game(couple, "Tic-tac-toe")
    handled = []
    # Boris (the invitee) starts; X down the middle column wins.
    for moves, (player, cell) in enumerate(
        [(boris, 1), (alice, 0), (boris, 4), (alice, 2), (boris, 7)], start=1
    ):
        answer, worker = await press_move(cluster, player, cell)
        assert answer.text is None, answer.text
        handled.append(worker)

        def shows(user: FakeUser, moves: int = moves) -> bool:
            if finished_screen(user):
                return moves == 5
            return sum(text != "⬜" for text in labels(user)) == moves

        await both_show(couple, shows, f"the board after move {moves}")
    alternating(handled)
    await assert_finished_for_both(couple, sid, {"win", "loss"})
    assert "Boris wins" in game_message(alice).text
    assert "🎉" in game_message(boris).text


async def play_rps(couple: Couple) -> None:
    cluster, alice, boris = couple.cluster, couple.alice, couple.boris
    sid = await start_game(couple, "Rock, paper, scissors")
    handled = []
    for round_number in (1, 2):
        for player, choice in ((alice, "✊ Rock"), (boris, "✌️ Scissors")):
            answer, worker = await press_move(cluster, player, choice)
            assert answer.text is None, answer.text
            handled.append(worker)
        await both_show(
            couple, lambda u, n=round_number: f"Round {n}:" in game_message(u).text, "the round"
        )
    alternating(handled)
    session = await assert_finished_for_both(couple, sid, {"win", "loss"})
    assert session["result"]["scores"] == [2, 0]
    assert "🎉" in game_message(alice).text


def closed_rounds(user: FakeUser) -> int:
    """How many duel rounds the user's screen lists as over ("Round 1: … — …")."""
    return sum(bool(ROUND_OVER_RE.match(line)) for line in game_message(user).text.splitlines())


@dataclass(frozen=True)
class GoScreen:
    """A game message seen showing GO: the TAP button's data, and the closed rounds it lists."""

    message_id: int
    data: str
    closed: int


def go_screen(user: FakeUser) -> GoScreen | None:
    """The user's game message as it shows GO, or None. Read in one go: with two workers a
    stale edit can briefly put an older screen ("Wait…") back, so the button is pressed by
    the data seen here (a tap is a tap whatever the label), not by a label read later."""
    message = game_message(user)
    if "GO!" not in message.text:
        return None
    data = [b.callback_data for row in move_buttons(user) for b in row if b.callback_data]
    closed = sum(bool(ROUND_OVER_RE.match(line)) for line in message.text.splitlines())
    return GoScreen(message.message_id, data[0], closed) if data else None


async def reaction_rounds(couple: Couple, limit: int = 7) -> list[str]:
    """Both tap as soon as both saw GO, for `limit` rounds or to the end of the match;
    returns the workers of the taps."""
    cluster, alice, boris = couple.cluster, couple.alice, couple.boris
    handled: list[str] = []
    for _ in range(limit):
        seen = await asyncio.gather(
            *(
                player.wait_for(lambda u: "over" if finished_screen(u) else go_screen(u), STEP)
                for player in (alice, boris)
            )
        )
        if "over" in seen:
            await both_see(couple, finished_screen)
            break
        screens = [screen for screen in seen if isinstance(screen, GoScreen)]
        before = len(cluster.api.webhook_attempts)
        answers = await asyncio.gather(
            *(
                player.press_data(screen.message_id, screen.data, timeout=STEP)
                for player, screen in zip((alice, boris), screens, strict=True)
            )
        )
        assert [a.text for a in answers] == [None, None], answers
        handled += cluster.worker_of(presses(cluster, before))
        over = screens[0].closed
        await both_see(couple, lambda u, n=over: finished_screen(u) or closed_rounds(u) > n)
    return handled


async def play_reaction(couple: Couple) -> list[str]:
    sid = await start_game(couple, "Reaction duel")
    handled = await reaction_rounds(couple)
    await assert_finished_for_both(couple, sid, {"win", "loss", "draw"})
    return handled


async def play_reaction_on_both(couple: Couple) -> None:
    pin_apart(couple)
    handled = await play_reaction(couple)
    # The two taps of a round are sent together: they went to different workers.
    rounds = [handled[i : i + 2] for i in range(0, len(handled), 2)]
    assert all(sorted(taps) == ["worker1", "worker2"] for taps in rounds), handled


async def answer_until_finished(couple: Couple, sid: int) -> list[str]:
    """Whoever has options picks the first, one press at a time, to the end; returns the
    workers of the applied presses."""
    cluster = couple.cluster
    handled: list[str] = []
    for _ in range(40):
        if (await couple.session())["status"] != "live":
            return handled
        for player in (couple.alice, couple.boris):
            options = labels(player)
            if options:
                answer, worker = await press_move(cluster, player, options[0])
                assert answer.text is None, answer.text
                handled.append(worker)
            # Both chats are up to date (the handler edits them before it ends).
            await cluster.settled()
    raise AssertionError("the game did not end")


async def play_quiz(couple: Couple) -> None:
    sid = await start_game(couple, "How well do you know me?")
    alternating(await answer_until_finished(couple, sid))
    await assert_finished_for_both(couple, sid, {"5/5"})


async def play_insync(couple: Couple) -> None:
    sid = await start_game(couple, "In sync")
    alternating(await answer_until_finished(couple, sid))
    await assert_finished_for_both(couple, sid, {"100%"})
    assert "100%" in game_message(couple.alice).text
    assert "100%" in game_message(couple.boris).text


async def play_truth_or_dare(couple: Couple) -> None:
    """Whoever has a move picks the first one (a truth) or confirms it; nobody skips or
    stops. Ten cards, each a pick and a confirmation."""
    sid = await start_game(couple, "Truth or dare")
    cluster = couple.cluster
    handled: list[str] = []
    for _ in range(40):
        if (await couple.session())["status"] != "live":
            break
        for player in (couple.alice, couple.boris):
            moves = [label for label in labels(player) if not label.startswith(("⏹", "⏭"))]
            if moves:
                answer, worker = await press_move(cluster, player, moves[0])
                assert answer.text is None, answer.text
                handled.append(worker)
            await cluster.settled()
    alternating(handled)
    await assert_finished_for_both(couple, sid, {"💬 10 · 🎯 0"})
    assert "That was the last card." in game_message(couple.alice).text


async def play_connect4(couple: Couple) -> None:
    cluster, alice, boris = couple.cluster, couple.alice, couple.boris
    sid = await start_game(couple, "Connect Four")
    handled = []
    # Boris (the invitee) starts: four down the first column. A top-row tap drops a piece.
    for moves, (player, column) in enumerate(
        [(boris, 0), (alice, 6), (boris, 0), (alice, 6), (boris, 0), (alice, 6), (boris, 0)],
        start=1,
    ):
        answer, worker = await press_move(cluster, player, column)
        assert answer.text is None, answer.text
        handled.append(worker)

        def shows(user: FakeUser, moves: int = moves) -> bool:
            return sum(text not in {"⚪", "⚫"} for text in labels(user)) == moves

        await both_show(couple, shows, f"the board after move {moves}")
    alternating(handled)
    await assert_finished_for_both(couple, sid, {"win", "loss"})
    assert "🎉" in game_message(boris).text


def sea_hits(user: FakeUser) -> int:
    """Hit and sunk cells on the user's two seas (the board rows of the text and the keys)."""
    sea = set("🟦🚢⚪💥❌▫\ufe0f")
    rows = [line for line in game_message(user).text.splitlines() if line and set(line) <= sea]
    cells = "".join(rows) + "".join(labels(user))
    return cells.count("💥") + cells.count("❌")


async def play_seabattle(couple: Couple) -> None:
    cluster, alice, boris = couple.cluster, couple.alice, couple.boris
    sid = await start_game(couple, "Sea battle")
    handled = []
    for player in (alice, boris):
        answer, worker = await press_move(cluster, player, "✅ Ready")
        assert answer.text is None, answer.text
        handled.append(worker)
    await both_show(couple, lambda u: "Ships afloat" in game_message(u).text, "the battle")
    ((raw,),) = await cluster.query(f"SELECT state_json FROM game_sessions WHERE id = {sid}")
    state = json.loads(raw)["game"]
    assert state["first_player"] == 1  # Boris, the invitee
    # Boris knows where Alice's ships are: every shot hits, and a hit shoots again.
    for shots, cell in enumerate(sorted(c for ship in state["fleets"][0] for c in ship), 1):
        answer, worker = await press_move(cluster, boris, cell)
        assert answer.text is None, answer.text
        handled.append(worker)
        await both_show(couple, lambda u, n=shots: sea_hits(u) == n, f"the sea after {shots}")
    alternating(handled)
    await assert_finished_for_both(couple, sid, {"win", "loss"})
    assert "🎉" in game_message(boris).text


PLAYERS = {
    "tictactoe": play_tictactoe,
    "rps": play_rps,
    "reaction": play_reaction_on_both,
    "quiz": play_quiz,
    "insync": play_insync,
    "truthordare": play_truth_or_dare,
    "connect4": play_connect4,
    "seabattle": play_seabattle,
}
"""How to play each game to its end; the test below takes the games from the registry, so a
new game fails here until it has its player."""


# -- the tests (the kill comes last: it leaves one worker for the rest of the module) --------


@pytest.mark.parametrize("game", [game.key for game in GAMES])
async def test_every_game_to_the_end_across_two_workers(cluster: Cluster, game: str) -> None:
    await PLAYERS[game](await make_couple(cluster))


async def test_simultaneous_presses_land_on_both_workers_and_apply_once(
    cluster: Cluster,
) -> None:
    couple = await make_couple(cluster)
    pin_apart(couple)
    alice, boris = couple.alice, couple.boris
    for game_number in range(3):
        sid = await (
            start_game(couple, "Rock, paper, scissors") if game_number == 0 else rematch(couple)
        )
        for round_number in (1, 2):
            before = await couple.session()
            start = len(cluster.api.webhook_attempts)
            answers = await asyncio.gather(
                alice.press("✊ Rock", message=game_message(alice), timeout=STEP),
                boris.press("✌️ Scissors", message=game_message(boris), timeout=STEP),
            )
            # A failure says everything needed to find its cause.
            attempts = cluster.api.webhook_attempts[start:]
            context = f"{answers}\n{attempts}\n" + "\n".join(w.output() for w in cluster.workers)
            assert [a.text for a in answers] == [None, None], context
            assert sorted(cluster.worker_of(presses(cluster, start))) == [
                "worker1",
                "worker2",
            ], context
            after = await couple.session()
            # Each press applied once.
            assert after["version"] == before["version"] + 2, f"{before}\n{after}\n{context}"
            # Both workers edit both chats at once: each must end up showing the result.
            await both_show(
                couple,
                lambda u, n=round_number: f"Round {n}:" in game_message(u).text,
                f"the result of round {round_number} of game {game_number + 1}",
            )
        session = await assert_finished_for_both(couple, sid, {"win", "loss"})
        assert session["result"]["scores"] == [2, 0]
        assert "🎉" in game_message(alice).text
    a, b = couple.ids
    assert await cluster.query(f"SELECT count(*) FROM history WHERE user_id IN ({a}, {b})") == [
        (6,)
    ]


async def test_an_edit_delayed_on_one_worker_never_leaves_a_chat_behind(cluster: Cluster) -> None:
    """Worker A renders Alice's move; its first edit fails (a 502) and is retried after a
    backoff. Meanwhile Boris's move, on worker B, finishes the round and B shows it. A's
    late edit must not put the older state back (one process orders renders with a lock)."""
    couple = await make_couple(cluster)
    await start_game(couple, "Rock, paper, scissors")
    cluster.api.inject(method="editMessageText", status=502, times=1)
    _, first = await press_move(cluster, couple.alice, "✊ Rock")
    _, second = await press_move(cluster, couple.boris, "✌️ Scissors")
    assert first != second
    await both_show(couple, lambda u: "Round 1:" in game_message(u).text, "the round's result")


async def test_the_give_up_question_shows_on_whichever_worker_asks(cluster: Cluster) -> None:
    """Give up (worker A asks), keep playing (B), give up again (A): each screen is shown
    although the worker showing it may have put that very screen there before."""
    couple = await make_couple(cluster)
    boris = couple.boris
    await start_game(couple, "Tic-tac-toe")
    handled = []
    for label, asking in (
        ("🏳️ Give up", True),
        ("▶️ Keep playing", False),
        ("🏳️ Give up", True),
    ):
        _, worker = await press_move(cluster, boris, label)
        handled.append(worker)
        await cluster.settled()
        shown = "Give up this game?" in game_message(boris).text
        assert shown == asking, f"after {label!r} on {worker}:\n{boris.transcript()}"
    alternating(handled)


async def test_a_worker_killed_mid_game_leaves_the_other_to_finish(cluster: Cluster) -> None:
    """Two couples mid-game: a reaction duel waiting for taps after GO, and a tic-tac-toe
    board. The worker handling Boris's board move is killed in the middle of that update
    (its edit failed and waits for a retry); the survivor finishes both games, and the
    duel's timers (GO, void rounds) fire there."""
    board, duel = await make_couple(cluster), await make_couple(cluster)
    board_sid = await start_game(board, "Tic-tac-toe")
    for moves, (player, cell) in enumerate([(board.boris, 1), (board.alice, 0)], start=1):
        await press_move(cluster, player, cell)
        await both_show(board, lambda u, n=moves: marks(u) == n, f"move {moves}")
    duel_sid = await start_game(duel, "Reaction duel")
    await reaction_rounds(duel, limit=1)
    # Round 2's GO: nothing else is due until its 10-second timeout.
    await both_see(duel, go_screen)

    cluster.api.inject(method="editMessageText", status=502, times=1)
    _, name = await press_move(cluster, board.boris, 4)
    victim = next(w for w in cluster.workers if w.name == name)
    survivor = next(w for w in cluster.workers if w is not victim)
    await cluster.kill(victim)  # while it waits to retry its first edit of move 3
    assert cluster.lost, "the victim was not in the middle of the update"
    killed_at = len(cluster.api.webhook_attempts)

    # Move 3 is stored; the dead worker never showed it. The next move, on the survivor,
    # shows everything (Alice presses on the board she sees).
    _, worker = await press_move(cluster, board.alice, 2)
    assert worker == survivor.name
    await both_show(board, lambda u: marks(u) == 4, "moves 3 and 4")
    # Boris's updates wait for the dead worker's lock on him: seconds, not a minute.
    started = time.monotonic()
    _, worker = await press_move(cluster, board.boris, 7)
    assert worker == survivor.name and time.monotonic() - started < LOCK_TTL + 2
    await assert_finished_for_both(board, board_sid, {"win", "loss"})
    assert "🎉" in game_message(board.boris).text

    # The duel goes on: its GO (or void-round) timers now fire on the survivor.
    assert set(await reaction_rounds(duel)) == {survivor.name}
    await assert_finished_for_both(duel, duel_sid, {"win", "loss", "draw"})

    after = cluster.api.webhook_attempts[killed_at:]
    assert all(a.url == survivor.url for a in after if a.ok)
    assert any(a.url == victim.url for a in after)  # round-robin still tried it: failed over
