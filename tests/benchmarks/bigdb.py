"""A production-shaped database at scale, written fast.

The schema comes from the real migrations and the catalogues from the real services
(`Database.open`, `sync_catalogue`); the rows are then written with plain `sqlite3`,
`executemany` over generators in large transactions, with journaling off and the
secondary indexes and triggers dropped during the load and recreated afterwards (from
their own `sqlite_master` text, so the result has exactly the schema's indexes).

Rows honour the schema's rules: one active partnership per user, history unique per
(user, session), `result_json` and `state_json` as `GameService._end` writes them (the
results and states come from real games played by the pure engines), achievement
progress within its goal. Activity is skewed like real use: most couples played a few
dozen games, a few played thousands; the busiest couple is the "heavy" probe.
"""

from __future__ import annotations

import base64
import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.dispatcher import build_services
from bot.progress.achievements import ACHIEVEMENTS
from bot.runtime import load_i18n
from db import Database
from games.engine import Game, Setup
from games.errors import GameError
from games.registry import GAMES
from tests.benchmarks.harness import bench_settings

BATCH = 50_000
DAY = 86_400.0
GAME_MIX = {"tictactoe": 35, "rps": 25, "reaction": 15, "quiz": 15, "insync": 10}
TEMPLATES_PER_GAME = 12
LOADED_TABLES = ("users", "settings", "partnerships", "invites", "game_sessions", "history")


@dataclass(frozen=True)
class Scale:
    users: int
    couples: int
    sessions: int
    live_sessions: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        """factor 1.0: 100,000 users, 50,000 couples, 2,000,000 ended sessions (4,000,000
        history rows), plus one live game per hundred couples."""
        couples = max(2, round(50_000 * factor))
        return cls(
            users=2 * couples,
            couples=couples,
            sessions=max(10, round(2_000_000 * factor)),
            live_sessions=max(1, couples // 100),
        )


@dataclass(frozen=True)
class Probe:
    """A user (and their partner) whose queries are timed."""

    user_id: int
    partner_id: int
    sessions: int


@dataclass(frozen=True)
class BuiltDatabase:
    path: Path
    scale: Scale
    seconds: float
    rows: dict[str, int]
    size_mb: float
    heavy: Probe
    typical: Probe
    live_couples: list[tuple[int, int]]
    invite_tokens: list[str]

    def summary(self) -> dict[str, Any]:
        return {
            "scale": asdict(self.scale),
            "build_seconds": round(self.seconds, 1),
            "rows": self.rows,
            "size_mb": self.size_mb,
            "heavy_user": asdict(self.heavy),
            "typical_user": asdict(self.typical),
        }


def size_mb(path: Path) -> float:
    total = sum(
        candidate.stat().st_size
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )
    return round(total / 1e6, 1)


async def _prepare_schema(path: Path) -> dict[str, int]:
    """The real migrations and catalogues; returns game ids by slug."""
    settings = bench_settings(path)
    database = Database(path)
    await database.open()
    try:
        services = build_services(settings, database, SystemClock(), load_i18n(settings))
        await services.games.sync_catalogue()
        await services.daily.sync_catalogue()
        await services.progress.sync_catalogue()
        return {record.slug or "": record.id for record in await services.games.catalogue()}
    finally:
        await database.close()


def _stamp(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch))


# -- results and states as the bot writes them -------------------------------------------------

_PLACEHOLDERS = ("@U0@", "@U1@", "@N0@", "@N1@", "@W@", "@F@")


@dataclass(frozen=True)
class Template:
    """A finished game's result_json / state_json with the players left as placeholders."""

    result: str
    state: str
    short: tuple[str, str]
    moves: int
    winner: int | None


def _dumps(value: dict[str, Any]) -> str:
    # As db.repositories.game_sessions._json writes it.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _playout(game: Game[Any], rng: random.Random) -> tuple[Any, int]:
    """Random legal play to the end, timers included; returns (final state, actions)."""
    options = {"min_delay": 2.0, "max_delay": 6.0, "round_timeout": 10.0}
    setup = Setup(
        first_player=rng.randrange(2),
        seed=rng.randrange(2**31),
        options=options if game.key == "reaction" else {},
    )
    state, now, actions = game.new(setup), 0.0, 0
    while not game.is_finished(state):
        legal = [(seat, a) for seat in (0, 1) for a in sorted(game.legal_actions(state, seat))]
        deadline = game.deadline(state)
        if legal and (deadline is None or rng.random() < 0.7):
            seat, action = rng.choice(legal)
            now += rng.uniform(0.2, 2.0)
            if deadline is not None and now >= deadline:
                now = deadline - 0.01
            try:
                state = game.apply(state, action, seat, now)
                actions += 1
            except GameError:
                now += 0.5
        elif deadline is not None:
            now = deadline
            state = game.on_deadline(state, now)
        else:  # pragma: no cover - every registered game ends
            raise RuntimeError(f"{game.key}: random play got stuck")
    return state, actions


def _players() -> list[dict[str, Any]]:
    return [
        {"avatar_id": 3, "name": "@N0@", "user_id": "@U0@"},
        {"avatar_id": 5, "name": "@N1@", "user_id": "@U1@"},
    ]


def _templates(rng: random.Random) -> dict[str, list[Template]]:
    """Finished and abandoned games of every kind, shaped exactly like GameService._end."""
    templates: dict[str, list[Template]] = {}
    for game in GAMES:
        made = []
        for _ in range(TEMPLATES_PER_GAME):
            state, actions = _playout(game, rng)
            outcome = game.result(state)
            result = {
                "game": game.key,
                "status": "finished",
                "winner": outcome.winner,
                "winner_user_id": None if outcome.winner is None else "@W@",
                "scores": list(outcome.scores),
                "short": list(outcome.short),
                "players": _players(),
                "details": dict(outcome.details),
            }
            wrapper = {"game": game.dump(state), "first_user_id": "@F@"}
            made.append(
                Template(_dumps(result), _dumps(wrapper), outcome.short, actions, outcome.winner)
            )
        state, actions = _playout(game, rng)
        abandoned: dict[str, Any] = {
            "game": game.key,
            "status": "abandoned",
            "winner": None,
            "winner_user_id": None,
            "scores": None,
            "short": ["abandoned", "abandoned"],
            "players": _players(),
            "details": {},
            "reason": "idle",
            "idle_seconds": 600.0,
        }
        wrapper = {"game": game.dump(state), "first_user_id": "@F@"}
        made.append(
            Template(_dumps(abandoned), _dumps(wrapper), ("abandoned", "abandoned"), actions, None)
        )
        templates[game.key] = made
    return templates


def _fill(text: str, values: dict[str, str]) -> str:
    for key in _PLACEHOLDERS:
        text = text.replace(f'"{key}"', values[key])
    return text


# -- the load ----------------------------------------------------------------------------------


class _Loader:
    def __init__(self, conn: sqlite3.Connection, scale: Scale, game_ids: dict[str, int]) -> None:
        self.conn = conn
        self.scale = scale
        self.game_ids = game_ids
        self.rng = random.Random(20261124)
        self.now = time.time()
        self.start = self.now - 730 * DAY  # two years of history
        self.sessions_of = [0] * scale.couples
        self.tokens: list[str] = []
        self.live: list[tuple[int, int]] = []

    def user_ids(self, couple: int) -> tuple[int, int]:
        return 2 * couple + 1, 2 * couple + 2

    def name(self, user_id: int) -> str:
        return f"Player {user_id}" if user_id % 5 else f"Игрок {user_id}"

    def load_people(self) -> None:
        rng, scale = self.rng, self.scale
        joined = [self.start + rng.random() * 30 * DAY for _ in range(scale.couples)]
        self.conn.executemany(
            "INSERT INTO users (id, telegram_id, display_name, avatar_id, online_status,"
            " created_at, last_seen_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
            (
                (
                    user_id,
                    str(5_000_000_000 + user_id),
                    self.name(user_id),
                    user_id % 12,
                    _stamp(joined[(user_id - 1) // 2]),
                    _stamp(self.now - rng.random() * 30 * DAY),
                )
                for user_id in range(1, scale.users + 1)
            ),
        )
        self.conn.executemany(
            "INSERT INTO settings (user_id, theme, language, sound_enabled, notifications)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                (
                    user_id,
                    "dark" if user_id % 3 == 0 else "light",
                    "ru" if user_id % 5 == 0 else "en",
                    int(user_id % 7 != 0),
                    int(user_id % 11 != 0),
                )
                for user_id in range(1, scale.users + 1)
            ),
        )
        self.conn.executemany(
            "INSERT INTO partnerships (id, user1_id, user2_id, connected_at, is_active)"
            " VALUES (?, ?, ?, ?, 1)",
            (
                (couple + 1, *self.user_ids(couple), _stamp(joined[couple] + 3600))
                for couple in range(scale.couples)
            ),
        )

        def invites() -> Iterator[tuple[Any, ...]]:
            for couple in range(scale.couples):
                inviter, invitee = self.user_ids(couple)
                created = joined[couple]
                token = self.token()
                yield token, inviter, _stamp(created), invitee, _stamp(created + 3600), None
                if couple % 5 == 0:  # an older link, replaced by the one that was used
                    yield self.token(), inviter, _stamp(created - DAY), None, None, _stamp(created)

        self.conn.executemany(
            "INSERT INTO invites (token, created_by, created_at, used_by, used_at, revoked_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            invites(),
        )

    def token(self) -> str:
        token = base64.urlsafe_b64encode(self.rng.randbytes(24)).decode().rstrip("=")
        if len(self.tokens) < 1000:
            self.tokens.append(token)
        return token

    def activity(self) -> list[float]:
        """Cumulative weights of the couples' share of all sessions: heavy-tailed."""
        rng, couples, sessions = self.rng, self.scale.couples, self.scale.sessions
        weights = [rng.paretovariate(1.2) for _ in range(couples)]
        total = sum(weights)
        cap = max(1.0, min(10_000, sessions / 200) / sessions * total)
        weights = [min(w, cap) for w in weights]
        weights[0] = cap  # the heaviest couple, on purpose
        cumulative, running = [], 0.0
        for weight in weights:
            running += weight
            cumulative.append(running)
        return cumulative

    def load_sessions(self) -> None:
        rng, scale = self.rng, self.scale
        templates = _templates(rng)
        keys = list(GAME_MIX)
        mix = list(GAME_MIX.values())
        cumulative = self.activity()
        clock = self.start + 30 * DAY
        # Sessions end by yesterday: the bot's finishes (timed below) must be the newest.
        gap = (self.now - 2 * DAY - clock) / scale.sessions
        last_of = [0] * scale.couples

        def sessions_and_history() -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
            nonlocal clock
            session_id = 0
            while session_id < scale.sessions:
                count = min(BATCH, scale.sessions - session_id)
                couples = rng.choices(range(scale.couples), cum_weights=cumulative, k=count)
                games = rng.choices(keys, weights=mix, k=count)
                for couple, key in zip(couples, games, strict=True):
                    session_id += 1
                    clock += rng.expovariate(1 / gap)
                    self.sessions_of[couple] += 1
                    a, b = self.user_ids(couple)
                    first, second = (a, b) if rng.random() < 0.5 else (b, a)
                    options = templates[key]
                    template = options[-1] if rng.random() < 0.08 else rng.choice(options[:-1])
                    status = "abandoned" if template.short[0] == "abandoned" else "finished"
                    started = clock - 30 - template.moves * rng.uniform(2, 8)
                    values = {
                        "@U0@": str(first),
                        "@U1@": str(second),
                        "@N0@": json.dumps(self.name(first), ensure_ascii=False),
                        "@N1@": json.dumps(self.name(second), ensure_ascii=False),
                        "@W@": str(first if template.winner == 0 else second),
                        "@F@": str(second),
                    }
                    rematch = last_of[couple] if last_of[couple] and rng.random() < 0.15 else None
                    last_of[couple] = session_id
                    ended = _stamp(clock)
                    yield (
                        (
                            session_id,
                            self.game_ids[key],
                            first,
                            second,
                            _stamp(started),
                            ended,
                            _fill(template.result, values),
                            status,
                            _fill(template.state, values),
                            template.moves + 2,
                            clock,
                            1000 + session_id % 5000,
                            2000 + session_id % 5000,
                            rematch,
                        ),
                        (first, second, session_id, ended, template.short),
                    )

        history: list[tuple[Any, ...]] = []

        def sessions() -> Iterator[tuple[Any, ...]]:
            for row, (first, second, session_id, ended, short) in sessions_and_history():
                history.append((first, session_id, ended, short[0]))
                history.append((second, session_id, ended, short[1]))
                if len(history) >= 2 * BATCH:
                    self.write_history(history)
                    history.clear()
                yield row

        self.conn.executemany(
            "INSERT INTO game_sessions (id, game_id, partner1_id, partner2_id, started_at,"
            " ended_at, result_json, status, state_json, version, last_action_at,"
            " partner1_message_id, partner2_message_id, rematch_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions(),
        )
        self.write_history(history)
        self.live = self.load_live(scale.sessions, templates)

    def write_history(self, rows: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(
            "INSERT INTO history (user_id, game_session_id, played_at, result_short)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )

    def load_live(self, after: int, templates: dict[str, list[Template]]) -> list[tuple[int, int]]:
        """A live tic-tac-toe game for one couple in a hundred (the couple's open game)."""
        step = max(1, self.scale.couples // self.scale.live_sessions)
        live = [self.user_ids(couple) for couple in range(1, self.scale.couples, step)]
        live = live[: self.scale.live_sessions]
        now = self.now
        state = _dumps({"game": {"first_player": 1, "moves": [4, 0]}, "first_user_id": 0})
        self.conn.executemany(
            "INSERT INTO game_sessions (id, game_id, partner1_id, partner2_id, started_at,"
            " status, state_json, version, wake_at, last_action_at, partner1_message_id,"
            " partner2_message_id) VALUES (?, ?, ?, ?, ?, 'live', ?, 3, ?, ?, 10, 11)",
            (
                (after + 1 + index, self.game_ids["tictactoe"], a, b, _stamp(now - 60), state,
                 now + 540, now - 60)
                for index, (a, b) in enumerate(live)
            ),
        )  # fmt: skip
        return live

    def load_achievements(self) -> None:
        rows = self.conn.execute("SELECT id, slug, goal FROM achievements").fetchall()
        goals = {slug: (achievement_id, goal) for achievement_id, slug, goal in rows}
        factors = {rule.key: 0.25 + (index % 4) * 0.25 for index, rule in enumerate(ACHIEVEMENTS)}
        moment = _stamp(self.now - 10 * DAY)

        def progress() -> Iterator[tuple[Any, ...]]:
            for couple, played in enumerate(self.sessions_of):
                if not played:
                    continue
                for user_id in self.user_ids(couple):
                    for key, factor in factors.items():
                        if key not in goals:
                            continue
                        achievement_id, goal = goals[key]
                        value = min(goal, int(played * factor) % (2 * goal + 1))
                        reached = moment if value >= goal else None
                        yield user_id, achievement_id, value, reached

        self.conn.executemany(
            "INSERT INTO user_achievements (user_id, achievement_id, progress, achieved_at)"
            " VALUES (?, ?, ?, ?)",
            progress(),
        )

    def probes(self) -> tuple[Probe, Probe]:
        ranked = sorted(range(self.scale.couples), key=self.sessions_of.__getitem__)
        heavy, typical = ranked[-1], ranked[len(ranked) // 2]
        return (
            Probe(*self.user_ids(heavy), self.sessions_of[heavy]),
            Probe(*self.user_ids(typical), self.sessions_of[typical]),
        )


def describe(path: Path) -> BuiltDatabase:
    """An existing database built by `build` (to time queries again without rebuilding)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in (*LOADED_TABLES, "user_achievements")
        }
        played = conn.execute(
            "SELECT p.user1_id, p.user2_id, count(h.id) FROM partnerships p"
            " LEFT JOIN history h ON h.user_id = p.user1_id"
            " WHERE p.is_active = 1 GROUP BY p.id ORDER BY 3, p.id"
        ).fetchall()
        live = conn.execute(
            "SELECT partner1_id, partner2_id FROM game_sessions WHERE status = 'live'"
        ).fetchall()
        tokens = [row[0] for row in conn.execute("SELECT token FROM invites LIMIT 1000")]
    finally:
        conn.close()
    heavy, typical = played[-1], played[len(played) // 2]
    return BuiltDatabase(
        path=path,
        scale=Scale(
            users=rows["users"],
            couples=rows["partnerships"],
            sessions=rows["game_sessions"] - len(live),
            live_sessions=len(live),
        ),
        seconds=0.0,
        rows=rows,
        size_mb=size_mb(path),
        heavy=Probe(heavy[0], heavy[1], heavy[2]),
        typical=Probe(typical[0], typical[1], typical[2]),
        live_couples=[(a, b) for a, b in live],
        invite_tokens=tokens,
    )


def _drop_secondary(conn: sqlite3.Connection) -> list[str]:
    """Drop the loaded tables' explicit indexes and triggers; returns their SQL to recreate."""
    placeholders = ", ".join("?" for _ in (*LOADED_TABLES, "user_achievements"))
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        f" AND sql IS NOT NULL AND tbl_name IN ({placeholders}) ORDER BY rowid",
        (*LOADED_TABLES, "user_achievements"),
    ).fetchall()
    for kind, name, _ in rows:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in rows]


def build(
    path: Path, scale: Scale, progress: Callable[[str], None] = lambda message: None
) -> BuiltDatabase:
    """Create `path` (replacing it) at `scale`; returns what the query benchmark needs."""
    import asyncio

    started = time.perf_counter()
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    game_ids = asyncio.run(_prepare_schema(path))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in (
            "PRAGMA journal_mode = OFF",  # the load only: nothing to recover from
            "PRAGMA synchronous = OFF",
            "PRAGMA cache_size = -1000000",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA locking_mode = EXCLUSIVE",
        ):
            conn.execute(pragma)
        conn.execute("BEGIN")
        recreate = _drop_secondary(conn)
        loader = _Loader(conn, scale, game_ids)
        progress(f"database: {scale.users:,} users, {scale.couples:,} couples")
        loader.load_people()
        progress(f"database: {scale.sessions:,} sessions and their history")
        loader.load_sessions()
        progress("database: achievements, then indexes")
        loader.load_achievements()
        for sql in recreate:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA locking_mode = NORMAL")
        conn.execute("PRAGMA journal_mode = WAL")
        rows = {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in (*LOADED_TABLES, "user_achievements")
        }
        problems = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
        if problems:
            raise RuntimeError(f"foreign key problems in the generated data: {problems}")
        heavy, typical = loader.probes()
        live, tokens = loader.live, loader.tokens
    finally:
        conn.close()
    return BuiltDatabase(
        path=path,
        scale=scale,
        seconds=time.perf_counter() - started,
        rows=rows,
        size_mb=size_mb(path),
        heavy=heavy,
        typical=typical,
        live_couples=live,
        invite_tokens=tokens,
    )
