"""The database at scale: the queries behind each screen, timed through the real code.

Every operation is the real service or repository call the bot makes, on the real
`Database` (its pool, pragmas and units of work), so a figure includes aiosqlite's
round trips and the mapping to dataclasses, not just SQLite. Each runs once per sampled
user (a typical spread) and repeatedly for the busiest user (the worst case).

Plans: each operation runs once more with SQLite's trace hook on; every statement it
ran (parameters bound) goes through `EXPLAIN QUERY PLAN`, and so does every trigger body
(triggers run inside the writes). A `SCAN` of a table that is not a small catalogue
(games, achievements) is a full scan.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.dispatcher import Services, build_services
from bot.runtime import database_of, load_i18n
from db.repositories.history import HistoryKey
from tests.benchmarks.bigdb import BuiltDatabase, Probe
from tests.benchmarks.harness import SqlTrace, ThreadTime, bench_settings
from tests.benchmarks.stats import percentile

PAGE = 10  # /history shows ten games a page
CATALOGUE_TABLES = frozenset({"games", "achievements"})
_TRANSACTION = re.compile(r"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)
# "FROM history h", "JOIN games AS g": table names and their aliases in a statement.
_NOT_ALIAS = r"(?!(?:ON|WHERE|SET|JOIN|LEFT|INNER|ORDER|GROUP|LIMIT|VALUES|USING)\b)"
_ALIAS = re.compile(
    rf"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?{_NOT_ALIAS}(\w+))?", re.IGNORECASE
)

Run = Callable[[Probe], Awaitable[Any]]


class _Rollback(Exception):
    """Undo a timed write."""


@dataclass
class Operation:
    name: str
    behind: str
    run: Run
    prepare: Callable[[Probe], Awaitable[Any]] | None = None
    once: str | None = None
    """Set for a path a couple takes once, not on every visit (why): its figures are
    reported, and not judged against the per-query target."""
    sliced: bool = False
    """The run times a slice of itself (QueryBench.sliced_seconds), not its whole."""


def _ms(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(values, 0.5) * 1000, 3),
        "p95_ms": round(percentile(values, 0.95) * 1000, 3),
        "p99_ms": round(percentile(values, 0.99) * 1000, 3),
        "max_ms": round(max(values) * 1000, 3),
        "runs": len(values),
    }


class QueryBench:
    def __init__(self, built: BuiltDatabase, services: Services) -> None:
        self.built = built
        self.services = services
        self.db = services.database
        self.rng = random.Random(7)
        self._session_of: dict[int, int] = {}
        self._last_page: dict[int, tuple[int, HistoryKey | None]] = {}
        self._next_telegram_id = 9_000_000_000
        self.sliced_seconds = 0.0
        self.tictactoe = 0

    def operations(self) -> list[Operation]:
        return [
            Operation("history: first page", "/history", self.history_first),
            Operation(
                "history: last page", "/history, paging back", self.history_last, self.last_anchor
            ),
            Operation("stats", "couple stats (kept summary)", self.stats, self.stats_kept),
            Operation(
                "stats: counted",
                "couple stats, first look",
                self.stats,
                self.forget,
                once="a couple's first look, then its kept summary is read (stats)",
            ),
            Operation("achievements", "/achievements", self.achievements),
            Operation("invite lookup", "/start <token>", self.invite),
            Operation("partner lookup", "every game and partner screen", self.partner),
            Operation("open game of a user", "/play, /game", self.open_game),
            Operation("open game between partners", "inviting to a game", self.open_between),
            Operation("questions asked a couple", "a quiz, the question of the day", self.asked),
            Operation("finish a game", "the last move, give up", self.finish, self.start_game),
            Operation("link a couple", "accepting an invite", self.link_couple, sliced=True),
        ]

    # -- the operations ------------------------------------------------------------------------

    async def history_first(self, probe: Probe) -> Any:
        return await self.services.progress.history_page(probe.user_id, PAGE)

    async def last_anchor(self, probe: Probe) -> None:
        """Untimed: the deepest page's number and its anchor, the row just before it (what
        the "Older" button on the page before carries); None when there is one page.

        Found once per user: reading the whole history again before each timed run of the
        busiest user (11,000 rows) left the next statement slower than any real press of
        "Older" would be (6.0 ms against 1.2 ms with a pause between them)."""
        if probe.user_id in self._last_page:
            return
        async with self.db.read() as uow:
            entries = await uow.history.all_for_user(probe.user_id)
        last = max(0, (len(entries) - 1) // PAGE)
        before = entries[last * PAGE - 1] if last else None
        anchor = None if before is None else HistoryKey(before.played_at, before.id)
        self._last_page[probe.user_id] = (last, anchor)

    async def history_last(self, probe: Probe) -> Any:
        """The "Older" press that opens the deepest page: keyset, an index range."""
        page, anchor = self._last_page[probe.user_id]
        found = await self.services.progress.history_page(
            probe.user_id, PAGE, page=page, anchor=anchor, older=True
        )
        assert found.page == page and not found.older  # the real last page, not a fallback
        return found

    async def stats(self, probe: Probe) -> Any:
        return await self.services.progress.couple_stats(probe.user_id)

    async def stats_kept(self, probe: Probe) -> None:
        """Untimed: the couple's summary kept (a first look counts it and keeps it)."""
        await self.services.progress.couple_stats(probe.user_id)

    async def forget(self, probe: Probe) -> None:
        """Untimed: no kept summary, as after linking (or an unfollowable finish)."""
        async with self.db.transaction() as uow:
            partnership = await uow.partnerships.active_for(probe.user_id)
            assert partnership is not None
            await uow.partnerships.forget_stats(partnership.id)

    async def achievements(self, probe: Probe) -> Any:
        return await self.services.progress.achievements_of(probe.user_id)

    async def invite(self, probe: Probe) -> Any:
        token = self.built.invite_tokens[probe.user_id % len(self.built.invite_tokens)]
        async with self.db.read() as uow:
            found = await uow.invites.get_by_token(token)
        assert found is not None
        return found

    async def partner(self, probe: Probe) -> Any:
        async with self.db.read() as uow:
            return await uow.partnerships.active_for(probe.user_id)

    async def open_game(self, probe: Probe) -> Any:
        return await self.services.games.open_session(probe.user_id)

    async def open_between(self, probe: Probe) -> Any:
        async with self.db.read() as uow:
            return await uow.game_sessions.open_between(probe.user_id, probe.partner_id)

    async def asked(self, probe: Probe) -> Any:
        async with self.db.read() as uow:
            partnership = await uow.partnerships.active_for(probe.user_id)
            assert partnership is not None
            return await uow.asked_questions.so_far(partnership.id, "quiz", recent=10)

    async def start_game(self, probe: Probe) -> None:
        """Untimed: a live tic-tac-toe game for the couple, through the real service."""
        games = self.services.games
        already = await games.open_session(probe.user_id)
        if already is not None:  # a live game of the generated data: end it first
            await games.give_up(probe.user_id, already.session.id)
        view = await games.invite(probe.user_id, self.tictactoe)
        await games.respond(probe.partner_id, view.session.id, accept=True)
        self._session_of[probe.user_id] = view.session.id

    async def finish(self, probe: Probe) -> Any:
        """GameService.give_up: result, both history rows, both players' achievements."""
        session_id = self._session_of.pop(probe.user_id)
        return await self.services.games.give_up(probe.user_id, session_id)

    async def link_couple(self, probe: Probe) -> Any:
        """A partnership insert (its trigger checks both users), rolled back."""
        now = SystemClock().now()
        try:
            async with self.db.transaction() as uow:
                people = []
                for _ in range(2):
                    self._next_telegram_id += 1
                    user = await uow.users.create(self._next_telegram_id, "Newcomer", now)
                    assert user is not None
                    people.append(user.id)
                started = time.perf_counter()
                await uow.partnerships.create(people[0], people[1], now)
                self.sliced_seconds = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            return None

    # -- timing ----------------------------------------------------------------------------------

    async def timed(
        self, operation: Operation, probe: Probe, clock: ThreadTime | None = None
    ) -> float:
        """Seconds of one run (its prepare untimed); `clock`, if given, counts its hops."""
        if operation.prepare is not None:
            await operation.prepare(probe)
        if clock is not None:
            clock.attach(self.db)
        try:
            started = time.perf_counter()
            await operation.run(probe)
            elapsed = time.perf_counter() - started
        finally:
            if clock is not None:
                clock.detach()
        return self.sliced_seconds if operation.sliced else elapsed


def _free_couples(built: BuiltDatabase, count: int, rng: random.Random) -> list[Probe]:
    """Sampled couples without a live game (so a new one can start), either seat first."""
    busy = {min(pair) for pair in built.live_couples}
    probes: list[Probe] = []
    while len(probes) < count:
        couple = rng.randrange(built.scale.couples)
        first = 2 * couple + 1
        if first in busy or first in {built.heavy.user_id, built.heavy.partner_id}:
            continue
        busy.add(first)
        user, partner = (first, first + 1) if rng.random() < 0.5 else (first + 1, first)
        probes.append(Probe(user, partner, 0))
    return probes


async def run_queries(
    built: BuiltDatabase,
    *,
    samples: int = 200,
    heavy_runs: int = 10,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    settings = bench_settings(built.path)
    database = database_of(settings)  # as the bot opens it
    await database.open()
    try:
        services = build_services(settings, database, SystemClock(), load_i18n(settings))
        bench = QueryBench(built, services)
        bench.tictactoe = next(
            r.id for r in await services.games.catalogue() if r.slug == "tictactoe"
        )
        rng = random.Random(11)
        warmup = _free_couples(built, 20, rng)
        sampled = _free_couples(built, samples, rng)
        passes = max(5, samples // 4)  # users of the thread-time pass (fresh ones)
        results: dict[str, Any] = {}
        plans: dict[str, Any] = {}
        triggers = _trigger_plans(built.path)
        for operation in bench.operations():
            progress(f"database: {operation.name}")
            for probe in warmup[:5]:
                await bench.timed(operation, probe)
            typical = [await bench.timed(operation, probe) for probe in sampled]
            heavy = [await bench.timed(operation, built.heavy) for _ in range(heavy_runs)]
            plans[operation.name] = await _plans_of(bench, operation, built.typical, built.path)
            on_thread = await _thread_pass(bench, operation, _free_couples(built, passes, rng))
            results[operation.name] = {
                "behind": operation.behind,
                "typical": _ms(typical),
                "heaviest_user": _ms(heavy),
                "statements": len(plans[operation.name]),
                "full_scans": _scans(plans[operation.name], triggers),
                "once": operation.once,
                "on_sqlite_thread": on_thread,
            }
            warmup = warmup[5:] + warmup[:5]
        return {
            "operations": results,
            "plans": plans,
            "triggers": {name: trigger["plans"] for name, trigger in triggers.items()},
        }
    finally:
        await database.close()


async def _thread_pass(
    bench: QueryBench, operation: Operation, probes: list[Probe]
) -> dict[str, Any] | None:
    """Where an operation's time goes: a pass of its own over other users (ThreadTime
    wraps every hop), giving the time SQLite ran on the connections' threads, the whole
    run's time in the same pass, and the hops. None for a sliced operation: the clock
    would count its whole run against the slice."""
    if operation.sliced:
        return None
    clock = ThreadTime()
    on_thread, whole, hops = [], [], []
    for probe in probes:
        whole.append(await bench.timed(operation, probe, clock))
        seconds, count = clock.take()
        on_thread.append(seconds)
        hops.append(count)
    return {
        "thread_p50_ms": round(percentile(on_thread, 0.5) * 1000, 3),
        "whole_p50_ms": round(percentile(whole, 0.5) * 1000, 3),
        "hops_p50": percentile([float(count) for count in hops], 0.5),
        "runs": len(probes),
    }


# -- EXPLAIN QUERY PLAN ------------------------------------------------------------------------


async def _plans_of(
    bench: QueryBench, operation: Operation, probe: Probe, path: Path
) -> list[dict[str, Any]]:
    if operation.prepare is not None:
        await operation.prepare(probe)
    trace = SqlTrace()
    await trace.attach(bench.db)
    try:
        await operation.run(probe)
    finally:
        await trace.detach(bench.db)
    statements = [s for s in dict.fromkeys(trace.take()) if not _TRANSACTION.match(s.strip())]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [explain(conn, statement) for statement in statements]
    finally:
        conn.close()


def explain(conn: sqlite3.Connection, statement: str) -> dict[str, Any]:
    """The plan of one statement, and the non-catalogue tables it scans in full."""
    rows = conn.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
    details = [str(row[3]) for row in rows]
    aliases = {
        (alias or table).lower(): table.lower() for table, alias in _ALIAS.findall(statement)
    }
    # A subquery in FROM runs as a co-routine (or is materialized) and is then scanned:
    # its rows are the subquery's, found however its own plan lines say, not a table's.
    subqueries = {
        match.group(1).lower()
        for detail in details
        if (match := re.match(r"(?:CO-ROUTINE|MATERIALIZE) (\w+)", detail))
    }
    scans = []
    for detail in details:
        match = re.match(r"SCAN (\w+)", detail)
        # "SCAN CONSTANT ROW", "SCAN 28 CONSTANT ROWS": a VALUES list, not a table.
        if match is None or "CONSTANT ROW" in detail or match.group(1).lower() in subqueries:
            continue
        table = aliases.get(match.group(1).lower(), match.group(1).lower())
        if table not in CATALOGUE_TABLES:
            scans.append(table)
    return {"sql": " ".join(statement.split())[:300], "plan": details, "full_scans": scans}


_WRITES = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)", re.IGNORECASE)


def _scans(plans: list[dict[str, Any]], triggers: dict[str, Any]) -> list[str]:
    """Tables an operation scans in full: in its statements, or in triggers they fire."""
    scans = {scan for plan in plans for scan in plan["full_scans"]}
    for plan in plans:
        written = _WRITES.match(plan["sql"])
        for name, trigger in triggers.items():
            if written and trigger["table"] == written.group(1).lower():
                scans |= {
                    f"{t} (trigger {name})" for p in trigger["plans"] for t in p["full_scans"]
                }
    return sorted(scans)


def _trigger_plans(path: Path) -> dict[str, Any]:
    """Each trigger's table and statements, NEW/OLD values replaced by constants."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        triggers = conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
        plans = {}
        for name, table, sql in triggers:
            body = sql[sql.upper().index("BEGIN") + 5 : sql.upper().rindex("END")]
            body = re.sub(r"\b(NEW|OLD)\.\w+", "1", body)
            body = re.sub(r"RAISE\s*\([^)]*\)", "1", body, flags=re.IGNORECASE)
            statements = [part.strip() for part in body.split(";") if part.strip()]
            plans[name] = {
                "table": table.lower(),
                "plans": [explain(conn, statement) for statement in statements],
            }
        return plans
    finally:
        conn.close()
