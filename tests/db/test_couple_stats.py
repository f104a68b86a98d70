"""The couple statistics counted in the database (db/repositories/couple_stats.py) say what
the definition says game by game (`couple_stats` over `HistoryRepository.played_by`), on
both backends; and the SQLite queries find the couple's sessions through indexes only."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.progress.records import DAILY, GAME_KEYS, INSYNC, QUIZ, REACTION, TICTACTOE
from bot.progress.stats import CoupleStats, couple_stats
from bot.progress.summary import CoupleSummary, dump_summaries, load_summaries
from bot.services.progress import ProgressService, played_game
from db import Database, UnitOfWork
from db.connection import Connection, Params, Row
from db.repositories.couple_stats import CoupleStatsRepository
from db.repositories.game_sessions import GameSession, Status
from db.repositories.partnerships import StoredStats
from db.timestamps import to_db

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
TODAY = NOW.date()


class FixedClock:
    def now(self) -> datetime:
        return NOW


def rnd(outcome: str, ms: Any, winner: int | None = None) -> dict[str, Any]:
    return {"outcome": outcome, "winner": winner, "ms": ms}


@dataclass
class Seeder:
    """Writes ended sessions as the bot does: result_json, then one history row a player."""

    uow: UnitOfWork
    games: dict[str, int] = field(default_factory=dict)
    progress: ProgressService | None = None
    """Set: each session also advances the couple's kept statistics, as a finish does."""

    async def catalogue(self, slugs: Iterable[str]) -> None:
        for slug in slugs:
            await self.uow.games.upsert(slug, slug.title(), "", "test", None)
            record = await self.uow.games.get_by_slug(slug)
            assert record is not None
            self.games[slug] = record.id
        unnamed = await self.uow.games.create("Old game", "", "test", None)  # slug NULL
        self.games[""] = unnamed.id

    async def user(self, telegram_id: int) -> int:
        user = await self.uow.users.create(telegram_id, f"User {telegram_id}", NOW)
        assert user is not None
        return user.id

    async def play(
        self,
        slug: str,
        seats: tuple[int, int],
        at: datetime,
        shorts: Sequence[str] = ("win", "loss"),
        *,
        status: Status = Status.FINISHED,
        details: Any = None,
        given_up_by: int | None = None,
        rows: tuple[bool, bool] = (True, True),
    ) -> int:
        """A session with seats[0] sitting first; `rows` says which players get a history
        row (both do, unless the data was damaged)."""
        result: dict[str, Any] = {
            "game": slug,
            "status": status.value,
            "short": list(shorts),
            "details": {} if details is None else details,
        }
        if given_up_by is not None:
            result["given_up_by"] = given_up_by
        done = await self.ended(slug, seats, at - timedelta(minutes=3), at, status, result)
        session = done
        if self.progress is not None:  # as the bot finishes a game: rows, progress, stats
            assert rows == (True, True)
            await self.progress.record_finish(self.uow, done, slug, (shorts[0], shorts[1]))
            return session.id
        for user_id, short, written in zip(seats, shorts, rows, strict=True):
            if written:
                await self.uow.history.add(user_id, session.id, at, short)
        return session.id

    async def ended(
        self,
        slug: str,
        seats: tuple[int, int],
        started: datetime,
        ended: datetime | None,
        status: Status,
        result: dict[str, Any] | None = None,
    ) -> GameSession:
        """A session as played in the past: written as it was left, without the couple
        that played it (the bot's own writes check that its couple is together)."""
        session_id = await self.uow.conn.fetch_value(
            "INSERT INTO game_sessions (game_id, partner1_id, partner2_id, started_at,"
            " ended_at, status, result_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                self.games[slug],
                seats[0],
                seats[1],
                to_db(started),
                None if ended is None else to_db(ended),
                status.value,
                None if result is None else json.dumps(result),
            ),
        )
        session = await self.uow.game_sessions.get(int(session_id))
        assert session is not None
        return session

    async def raw_result(self, session_id: int, document: str) -> None:
        await self.uow.conn.execute(
            "UPDATE game_sessions SET result_json = ? WHERE id = ?", (document, session_id)
        )


async def by_game(database: Database, user_id: int, partner_id: int) -> CoupleStats:
    """The definition: every ended session of the user, one by one."""
    async with database.read() as uow:
        games = [played_game(row) for row in await uow.history.played_by(user_id)]
    return couple_stats(games, partner_id, TODAY)


async def both_ways(database: Database, alice: int, boris: int) -> CoupleStats:
    """Alice's statistics, after checking both partners' against the definition."""
    service = ProgressService(database, FixedClock())
    mine = None
    for user_id, partner_id in ((alice, boris), (boris, alice)):
        found = await service.couple_stats(user_id)
        assert found is not None
        partner, stats = found
        assert partner.id == partner_id
        assert stats == await by_game(database, user_id, partner_id)
        mine = mine or stats
    assert mine is not None
    return mine


async def test_a_couples_history_counted_in_the_database(database: Database) -> None:
    async with database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue([*GAME_KEYS, DAILY, "checkers"])
        alice, boris, carol = await seed.user(1), await seed.user(2), await seed.user(3)

        # Games with a previous partner never count, whatever they were.
        former = await uow.partnerships.create(alice, carol, NOW - timedelta(days=40))
        old = NOW - timedelta(days=30)
        await seed.play(TICTACTOE, (alice, carol), old)
        await seed.play(QUIZ, (carol, alice), old, ("5/5", "5/5"))
        await seed.play(INSYNC, (alice, carol), old, ("100%", "100%"))
        await seed.play(REACTION, (alice, carol), old, details={"rounds": [rnd("win", [1, 2])]})
        await seed.play(DAILY, (alice, carol), old, ("answered", "answered"))
        await uow.partnerships.end(former.id, old)
        await uow.partnerships.create(alice, boris, old)

        day = [NOW - timedelta(days=n) for n in range(8)]
        await seed.play(TICTACTOE, (alice, boris), day[0])
        await seed.play(TICTACTOE, (boris, alice), day[0] - timedelta(hours=17, minutes=59))
        await seed.play(TICTACTOE, (alice, boris), day[1], ("draw", "draw"))
        await seed.play(TICTACTOE, (boris, alice), day[1], given_up_by=alice)
        await seed.play("rps", (boris, alice), day[2], ("loss", "win"), given_up_by=boris)
        await seed.play("rps", (alice, boris), day[2], ("abandoned",) * 2, status=Status.ABANDONED)
        await seed.play(QUIZ, (alice, boris), day[3], ("4/5", "2/5"))
        await seed.play(QUIZ, (boris, alice), day[3], ("5/5", "3/5"))
        await seed.play(QUIZ, (alice, boris), day[3], ("3/5", "3/5"))
        await seed.play(QUIZ, (alice, boris), day[3], ("2/5", "1/5"), rows=(True, False))
        await seed.play(INSYNC, (alice, boris), day[6], ("71%", "71%"))
        await seed.play(INSYNC, (boris, alice), day[6], ("86%", "86%"))
        await seed.play(INSYNC, (alice, boris), day[6], ("loss", "win"), given_up_by=alice)
        await seed.play("checkers", (alice, boris), day[6], ("draw", "draw"))
        await seed.play("", (boris, alice), day[6])
        duels = [
            # Alice sits first in the 1st and 3rd: her times are the first of each pair.
            [rnd("false_start", [None, -50], 0), rnd("win", [231, 305], 0), rnd("tie", [250, 250])],
            [rnd("timeout", [None, None]), rnd("win", [None, 190], 1), rnd("win", [0, 999], 0)],
            # Malformed rounds are skipped, never raised on.
            [["win", 0, [1, 1]], rnd("win", [5, 6, 7]), rnd("win", ["7", 8.0]), rnd("win", 3)],
            [
                rnd("tie", [True, False]),
                rnd("WIN", [2, 2]),
                {"outcome": "win"},
                rnd("tie", [-1, 40]),
            ],
        ]
        for number, rounds in enumerate(duels):
            seats = (alice, boris) if number % 2 == 0 else (boris, alice)
            await seed.play(REACTION, seats, day[7], details={"rounds": rounds})
        await seed.play(REACTION, (boris, alice), day[7], details={"rounds": {"0": duels[0]}})
        await seed.play(REACTION, (alice, boris), day[7], ("win", "loss"), given_up_by=boris)
        await seed.play(
            REACTION,
            (alice, boris),
            day[7],
            ("abandoned",) * 2,
            status=Status.ABANDONED,
            details={"rounds": [rnd("win", [1, 1])]},
        )
        # A session Alice has no history row of (damaged data) does not count either.
        details = {"rounds": [rnd("win", [2, 3])]}
        await seed.play(REACTION, (boris, alice), day[7], details=details, rows=(True, False))

        for n in (1, 2, 4, 5):  # questions of the day, both answered
            await seed.play(DAILY, (alice, boris), day[n] + timedelta(hours=5), ("answered",) * 2)
        await seed.play(DAILY, (boris, alice), day[0], ("abandoned",) * 2, status=Status.ABANDONED)
        # Answered by one only: the day before the streak does not join it.
        for seats in ((alice, boris), (boris, alice)):
            await seed.play(DAILY, seats, NOW - timedelta(days=8), ("answered", "abandoned"))
        # Not ended: never counted, even with history rows (a row from before migration 3
        # is "finished" by default).
        for status in (Status.FINISHED, Status.LIVE):
            session = await seed.ended(TICTACTOE, (alice, boris), NOW, None, status)
            await uow.history.add(alice, session.id, NOW, "win")
            await uow.history.add(boris, session.id, NOW, "loss")

    stats = await both_ways(database, alice, boris)
    assert stats.games_played == 20
    assert (
        [(t.game, t.played, t.wins, t.partner_wins, t.draws) for t in stats.per_game]
        == [
            ("tictactoe", 4, 1, 2, 1),
            ("rps", 1, 1, 0, 0),
            ("reaction", 6, 3, 3, 0),
            ("quiz", 4, 1, 1, 2),  # a score against no score is no win
            ("insync", 3, 0, 1, 2),
            *((key, 0, 0, 0, 0) for key in GAME_KEYS[5:]),  # the newer games, unplayed here
            ("", 1, 0, 1, 0),
            ("checkers", 1, 0, 0, 1),
        ]
    )
    assert (stats.best_quiz, stats.partner_best_quiz, stats.best_sync) == (4, 5, 86)
    assert (stats.fastest_reaction_ms, stats.partner_fastest_reaction_ms) == (40, 0)
    assert (stats.current_streak, stats.longest_streak, stats.daily_answered) == (8, 8, 4)


async def test_a_random_history_counted_in_the_database(database: Database) -> None:
    rng = random.Random(20260310)
    async with database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue([*GAME_KEYS, DAILY])
        alice, boris, carol = await seed.user(1), await seed.user(2), await seed.user(3)
        former = await uow.partnerships.create(alice, carol, NOW - timedelta(days=60))
        for number in range(160):
            if number == 40:
                await uow.partnerships.end(former.id, NOW - timedelta(days=45))
                await uow.partnerships.create(boris, alice, NOW - timedelta(days=45))
            partner = carol if number < 40 else boris
            seats = (alice, partner) if rng.random() < 0.5 else (partner, alice)
            at = NOW - timedelta(days=rng.randrange(50), minutes=rng.randrange(24 * 60))
            await _random_session(seed, rng, seats, at)
    await both_ways(database, alice, boris)


async def _random_session(
    seed: Seeder, rng: random.Random, seats: tuple[int, int], at: datetime
) -> None:
    slug = rng.choice([*GAME_KEYS, DAILY])
    if rng.random() < 0.1:
        await seed.play(slug, seats, at, ("abandoned",) * 2, status=Status.ABANDONED)
    elif slug == DAILY:
        shorts = ("answered", rng.choice(("answered", "answered", "abandoned")))
        await seed.play(slug, seats, at, shorts)
    elif rng.random() < 0.15:
        loser = rng.randrange(2)
        shorts = ("loss", "win") if loser == 0 else ("win", "loss")
        await seed.play(slug, seats, at, shorts, given_up_by=seats[loser])
    elif slug == QUIZ:
        await seed.play(slug, seats, at, (f"{rng.randrange(6)}/5", f"{rng.randrange(6)}/5"))
    elif slug == INSYNC:
        percent = f"{rng.randrange(101)}%"
        await seed.play(slug, seats, at, (percent, percent))
    elif slug == REACTION:
        rounds = [
            rnd(
                rng.choice(("win", "tie", "false_start", "timeout")),
                [rng.choice((None, rng.randrange(-300, 900))) for _ in range(2)],
            )
            for _ in range(rng.randrange(1, 5))
        ]
        shorts = rng.choice((("win", "loss"), ("loss", "win")))
        await seed.play(slug, seats, at, shorts, details={"rounds": rounds})
    else:
        await seed.play(
            slug, seats, at, rng.choice((("win", "loss"), ("loss", "win"), ("draw",) * 2))
        )


async def test_result_documents_the_definition_cannot_read(database: Database) -> None:
    """Any JSON in result_json: the screen shows what it can, never an error."""
    async with database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue([REACTION])
        alice, boris = await seed.user(1), await seed.user(2)
        await uow.partnerships.create(alice, boris, NOW)
        good = {"rounds": [rnd("win", [300, 200], 1)]}
        await seed.play(REACTION, (alice, boris), NOW, ("loss", "win"), details=good)
        for document in (
            '["details"]',
            '"text"',
            "null",
            '{"details": [1, 2]}',
            '{"details": "x"}',
        ):
            session_id = await seed.play(REACTION, (boris, alice), NOW)
            await seed.raw_result(session_id, document)
    found = await ProgressService(database, FixedClock()).couple_stats(alice)
    assert found is not None
    stats = found[1]
    assert (stats.games_played, stats.fastest_reaction_ms) == (6, 300)
    assert stats.partner_fastest_reaction_ms == 200


# -- the kept summary (migration 8) ----------------------------------------------------------


async def kept_stats(database: Database, alice: int, boris: int) -> StoredStats:
    async with database.read() as uow:
        partnership = await uow.partnerships.active_for(alice)
        assert partnership is not None and partnership.partner_of(alice) == boris
        kept = await uow.partnerships.stats_of(partnership.id)
    assert kept is not None
    return kept


async def test_the_kept_summary_follows_finishes(database: Database) -> None:
    rng = random.Random(20261202)
    async with database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue([*GAME_KEYS, DAILY])
        alice, boris = await seed.user(1), await seed.user(2)
        await uow.partnerships.create(alice, boris, NOW - timedelta(days=60))
        for _ in range(60):
            at = NOW - timedelta(days=rng.randrange(20, 50), minutes=rng.randrange(24 * 60))
            await _random_session(seed, rng, (alice, boris)[:: rng.choice((1, -1))], at)
    assert (await kept_stats(database, alice, boris)).document is None  # not counted yet
    await both_ways(database, alice, boris)  # counts both partners' views and keeps them
    counted = await kept_stats(database, alice, boris)
    assert set(load_summaries(counted.document)) == {alice, boris}

    # Finishes in time order: each advances both summaries (a new version each).
    service = ProgressService(database, FixedClock())
    async with database.transaction() as uow:
        seed = Seeder(uow, progress=service)
        await seed.catalogue([*GAME_KEYS, DAILY])
        at = NOW - timedelta(days=19)
        for _ in range(80):
            at += timedelta(minutes=rng.randrange(8 * 60))
            await _random_session(seed, rng, (alice, boris)[:: rng.choice((1, -1))], at)
    advanced = await kept_stats(database, alice, boris)
    assert advanced.version == counted.version + 80
    assert set(load_summaries(advanced.document)) == {alice, boris}
    await both_ways(database, alice, boris)  # what the definition says, from the summary:
    assert await kept_stats(database, alice, boris) == advanced  # nothing counted again

    # A finish dated before the run of days cannot be followed: counted again, once.
    async with database.transaction() as uow:
        seed = Seeder(uow, progress=service)
        await seed.catalogue([*GAME_KEYS, DAILY])
        await seed.play(TICTACTOE, (alice, boris), NOW - timedelta(days=30))
    assert (await kept_stats(database, alice, boris)).document is None
    await both_ways(database, alice, boris)
    assert set(load_summaries((await kept_stats(database, alice, boris)).document)) == {
        alice,
        boris,
    }


async def test_a_count_that_missed_a_finish_is_never_kept(database: Database) -> None:
    service = ProgressService(database, FixedClock())
    async with database.transaction() as uow:
        seed = Seeder(uow, progress=service)
        await seed.catalogue([TICTACTOE])
        alice, boris = await seed.user(1), await seed.user(2)
        await uow.partnerships.create(alice, boris, NOW)
        await seed.play(TICTACTOE, (alice, boris), NOW)
    before = await kept_stats(database, alice, boris)
    summary = dump_summaries({alice: CoupleSummary()})
    assert summary is not None
    async with database.transaction() as uow:  # a finish between the count and its store
        await Seeder(uow, dict(seed.games), service).play(TICTACTOE, (boris, alice), NOW)
    async with database.transaction() as uow:
        assert not await uow.partnerships.store_stats(before, summary)
    assert (await kept_stats(database, alice, boris)).document is None

    # A finish that read the summary before someone else stored one drops it.
    read = await kept_stats(database, alice, boris)
    async with database.transaction() as uow:
        assert await uow.partnerships.store_stats(read, summary)
        await uow.partnerships.advance_stats(read, summary)
    after = await kept_stats(database, alice, boris)
    assert (after.document, after.version) == (None, read.version + 2)

    # An ended partnership keeps nothing.
    async with database.transaction() as uow:
        assert await uow.partnerships.store_stats(after, summary)
        await uow.partnerships.end(after.partnership_id, NOW)
        assert not await uow.partnerships.store_stats(
            await uow.partnerships.stats_of(after.partnership_id),
            summary,  # type: ignore[arg-type]
        )
        ended = await uow.partnerships.stats_of(after.partnership_id)
    assert ended is not None and ended.document is None


# -- query plans (SQLite) -------------------------------------------------------------------


class Recording(Connection):
    """A connection that remembers the statements it ran."""

    dialect = "sqlite"

    def __init__(self, inner: Connection) -> None:
        self.inner = inner
        self.statements: list[tuple[str, Params]] = []

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        self.statements.append((sql, params))
        return await self.inner.fetch_one(sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        self.statements.append((sql, params))
        return await self.inner.fetch_all(sql, params)

    async def execute(self, sql: str, params: Params = ()) -> int:
        self.statements.append((sql, params))
        return await self.inner.execute(sql, params)

    async def lock_users(self, user_ids: Iterable[int]) -> bool:
        return await self.inner.lock_users(user_ids)


async def test_the_statistics_read_a_couple_through_indexes(sqlite_database: Database) -> None:
    async with sqlite_database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue([*GAME_KEYS, DAILY])
        alice, boris = await seed.user(1), await seed.user(2)
        await seed.play(REACTION, (alice, boris), NOW, details={"rounds": [rnd("win", [1, 2])]})
    async with sqlite_database.read() as uow:
        recording = Recording(uow.conn)
        repository = CoupleStatsRepository(recording)
        counts = await repository.counts(alice, boris, daily_slug=DAILY, answered="answered")
        assert len(counts.results) == 1 and [m.date() for m in counts.active_moments] == [
            date(2026, 3, 10)
        ]
        assert len(await repository.finished_results(alice, boris, REACTION)) == 1
        plans = []
        for sql, params in recording.statements:
            rows = await uow.conn.fetch_all(f"EXPLAIN QUERY PLAN {sql}", params)
            plans.append([row["detail"] for row in rows])
    assert len(plans) == 3  # counts, days, duels
    for plan in plans:
        assert any(
            step.startswith("SEARCH s USING INDEX game_sessions_by_couple_game_end (<expr>=?")
            for step in plan
        ), plan
        assert any(step.startswith("SEARCH h USING") for step in plan), plan
        assert not [step for step in plan if step.startswith("SCAN")], plan
