"""The finishing transaction's achievement step (`ProgressService.record_finish`): a player
whose open achievements all count the newest session alone is advanced without reading
their newest sessions back; one rule that looks back (a streak, trying every game) brings
the read back. Both advance from the stored rows exactly as the rules define."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.clock import SystemClock
from bot.progress.achievements import ACHIEVEMENTS, get_achievement
from bot.progress.records import GAME_KEYS
from bot.services.couples import CoupleService
from bot.services.gameplay import GameService
from bot.services.progress import ProgressService, played_game
from db import Database
from db.repositories.user_achievements import ProgressTarget
from tests.benchmarks.harness import SqlTrace
from tests.db.test_couple_stats import Seeder
from tests.db.test_service_races import NOW, _users

# Rows as a busy couple has them: every rule that looks back reached long ago.
STORED = {rule.key: rule.goal if rule.looks_back else 0 for rule in ACHIEVEMENTS} | {
    "games_10": 7,
    "games_50": 7,
    "games_100": 7,
    "first_game": 1,
}
TAIL_READ = "LEFT JOIN history p"  # the newest sessions with the partner's result


def _games(database: Database) -> GameService:
    clock = SystemClock()
    return GameService(
        database,
        clock,
        idle_timeout=timedelta(minutes=10),
        progress=ProgressService(database, clock),
    )


async def _couple_with_progress(database: Database, stored: dict[str, int]) -> tuple[int, ...]:
    games = _games(database)
    couples = CoupleService(database, SystemClock(), timedelta(hours=1), games, 100)
    await games.sync_catalogue()
    await ProgressService(database, SystemClock()).sync_catalogue()
    ann, bob = await _users(database, 2)
    await couples.accept((await couples.create_invite(ann)).token, bob)
    async with database.transaction() as uow:
        ids = await uow.achievements.ids_by_slug()
        await uow.user_achievements.raise_progress(
            [
                ProgressTarget(user, ids[key], value, get_achievement(key).goal)
                for user in (ann, bob)
                for key, value in stored.items()
                if value
            ],
            NOW,
        )
        zeros = [key for key, value in stored.items() if not value]
        for user in (ann, bob):  # a row for every rule, zeros too, as a finish leaves them
            for key in zeros:
                await uow.conn.execute(
                    "INSERT INTO user_achievements (user_id, achievement_id, progress)"
                    " VALUES (?, ?, 0)",
                    (user, ids[key]),
                )
    record = next(r for r in await games.catalogue() if r.slug == "tictactoe")
    invited = await games.invite(ann, record.id)
    await games.respond(bob, invited.session.id, accept=True)
    return ann, bob, invited.session.id


# Tic-tac-toe moves (the invitee, Bob, starts) after which the named player has won: a
# win by playing, as a give-up counts for no win achievement (#25).
_BOB_WINS = ("c0", "c3", "c1", "c4", "c2")
_ANN_WINS = ("c0", "c3", "c1", "c4", "c8", "c5")


async def _play(
    database: Database, players: tuple[int, int], session_id: int, moves: tuple[str, ...]
) -> None:
    """Play `moves`, alternating from Bob (`players` is (ann, bob))."""
    games = _games(database)
    ann, bob = players
    for index, move in enumerate(moves):
        await games.act(bob if index % 2 == 0 else ann, session_id, move, NOW.timestamp())


async def _traced_finish(
    database: Database, players: tuple[int, int], session_id: int, moves: tuple[str, ...]
) -> list[str]:
    """Play `moves`; the statements of the last one (the finish) are returned."""
    await _play(database, players, session_id, moves[:-1])
    trace = SqlTrace()
    await trace.attach(database)
    try:
        ann, bob = players
        mover = bob if (len(moves) - 1) % 2 == 0 else ann
        await _games(database).act(mover, session_id, moves[-1], NOW.timestamp())
    finally:
        await trace.detach(database)
    return trace.take()


async def _progress_of(database: Database, user: int) -> dict[str, int]:
    statuses = await ProgressService(database, SystemClock()).achievements_of(user)
    return {status.rule.key: status.progress for status in statuses}


@pytest.mark.parametrize(
    ("open_streak", "reads_tail"), [(False, False), (True, True)], ids=["none", "win streak"]
)
async def test_a_finish_reads_the_newest_sessions_only_for_a_rule_that_looks_back(
    sqlite_database: Database, open_streak: bool, reads_tail: bool
) -> None:
    stored = STORED | ({"win_streak_5": 2} if open_streak else {})
    ann, bob, session_id = await _couple_with_progress(sqlite_database, stored)

    statements = await _traced_finish(sqlite_database, (ann, bob), session_id, _BOB_WINS)

    assert any(TAIL_READ in statement for statement in statements) is reads_tail
    won = await _progress_of(sqlite_database, bob)
    lost = await _progress_of(sqlite_database, ann)
    for progress in (won, lost):
        assert progress["games_10"] == progress["games_50"] == progress["games_100"] == 8
        assert progress["first_game"] == 1 and progress["day_streak_7"] == 7
    assert won["first_win"] == 1 and lost["first_win"] == 0
    # The streak: the newest session of a tail that started with Ann's first game.
    assert won["win_streak_5"] == (2 if open_streak else 5)
    assert lost["win_streak_5"] == (2 if open_streak else 5)


async def test_without_a_tail_the_finish_counts_what_the_rules_count(database: Database) -> None:
    """On both engines: the stored values advance by the session that just ended."""
    ann, bob, session_id = await _couple_with_progress(database, STORED)
    await _play(database, (ann, bob), session_id, _ANN_WINS)
    won, lost = await _progress_of(database, ann), await _progress_of(database, bob)
    assert won["first_win"] == 1 and lost["first_win"] == 0
    assert won["games_100"] == lost["games_100"] == 8
    assert won["win_streak_5"] == lost["win_streak_5"] == 5


@pytest.mark.parametrize(
    ("newest", "limits"), [("tictactoe", [16]), ("rps", [16, 64])], ids=["short", "long"]
)
async def test_a_short_tail_first_and_a_longer_one_when_it_cannot_decide(
    sqlite_database: Database, newest: str, limits: list[int]
) -> None:
    """Thirty tic-tac-toe games after one rock-paper-scissors game, all on one day: the
    newest 16 decide a tic-tac-toe finish; for a rock-paper-scissors finish they cannot
    tell whether it is a new game tried (the explorer), and the newest 64 can."""
    database = sqlite_database
    service = ProgressService(database, SystemClock())
    await service.sync_catalogue()
    start = NOW - timedelta(hours=12)
    async with database.transaction() as uow:
        seed = Seeder(uow)
        await seed.catalogue(GAME_KEYS)
        ann, bob = await seed.user(1), await seed.user(2)
        await uow.partnerships.create(ann, bob, start)
        await seed.play("rps", (ann, bob), start, ("win", "loss"))
        for index in range(30):
            winner_first = index % 3 != 0
            shorts = ("win", "loss") if winner_first else ("loss", "win")
            await seed.play("tictactoe", (ann, bob), start + timedelta(minutes=index + 1), shorts)
        ids = await uow.achievements.ids_by_slug()
        for user in (ann, bob):  # what every finish so far has stored
            games = [played_game(row) for row in await uow.history.played_by(user)]
            await uow.user_achievements.raise_progress(
                [
                    ProgressTarget(user, ids[rule.key], rule.evaluate(games), rule.goal)
                    for rule in ACHIEVEMENTS
                ],
                NOW,
            )
    trace = SqlTrace()
    await trace.attach(database)
    try:
        async with database.transaction() as uow:
            await Seeder(uow, dict(seed.games), service).play(
                newest, (bob, ann), start + timedelta(hours=1), ("win", "loss")
            )
    finally:
        await trace.detach(database)

    tails = [s for s in trace.take() if TAIL_READ in s]
    assert [int(limit) for s in tails for limit in re.findall(r"LIMIT (\d+)", s)[:1]] == limits
    async with database.read() as uow:
        for user in (ann, bob):
            games = [played_game(row) for row in await uow.history.played_by(user)]
            assert await _progress_of(database, user) == {
                rule.key: rule.evaluate(games) for rule in ACHIEVEMENTS
            }
