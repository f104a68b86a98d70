"""Repositories on a real SQLite file: what each lookup and update promises."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial

from db import Database
from db.repositories.game_sessions import GameSession, Status
from db.repositories.games import GameRecord
from db.repositories.history import HistoryKey, HistoryLine
from db.repositories.user_achievements import ProgressTarget
from db.repositories.users import User
from db.unit_of_work import UnitOfWork
from tests.benchmarks.harness import SqlTrace

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


async def test_users_and_settings_round_trip(database: Database) -> None:
    async with database.transaction() as uow:
        user = await uow.users.create(777, "<b>Eve & Bob</b>", NOW)
        assert user is not None
        assert await uow.users.create(777, "Twice", NOW) is None  # no second registration
        settings = await uow.settings.create(user.id, "ru")
        await uow.users.set_avatar(user.id, 3)
        await uow.settings.set_theme(user.id, "dark")
        await uow.settings.set_sound(user.id, False)
    async with database.read() as uow:
        loaded = await uow.users.get_by_telegram_id(777)
        prefs = await uow.settings.get(user.id)
    assert loaded is not None and loaded.display_name == "<b>Eve & Bob</b>"
    assert loaded.avatar_id == 3 and loaded.created_at == NOW
    assert settings.theme == "light" and settings.notifications
    assert prefs is not None and prefs.theme == "dark" and not prefs.sound_enabled


async def test_presence_columns(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        await uow.users.mark_seen(a.id, NOW + timedelta(minutes=10))
        gone = await uow.users.mark_idle_offline(NOW + timedelta(minutes=5))
    assert gone == [b.id]
    async with database.read() as uow:
        still = await uow.users.get(a.id)
    assert still is not None and still.online_status


async def test_invites_lifecycle(database: Database) -> None:
    async with database.transaction() as uow:
        owner = await uow.users.create(1, "Owner", NOW)
        guest = await uow.users.create(2, "Guest", NOW)
        assert owner is not None and guest is not None
        first = await uow.invites.create("a" * 32, owner.id, NOW)
        second = await uow.invites.create("b" * 32, owner.id, NOW)
        assert await uow.invites.revoke_open_by(owner.id, NOW) == 2
        assert not await uow.invites.mark_used(first.id, guest.id, NOW)  # revoked
        third = await uow.invites.create("c" * 32, owner.id, NOW)
        assert await uow.invites.mark_used(third.id, guest.id, NOW)
        assert not await uow.invites.mark_used(third.id, guest.id, NOW)  # single use
        assert await uow.invites.count_created_since(owner.id, NOW) == 3
    async with database.read() as uow:
        used = await uow.invites.get_by_token("c" * 32)
        revoked = await uow.invites.get_by_token(second.token)
    assert used is not None and used.used_by == guest.id and used.used_at == NOW
    assert revoked is not None and revoked.revoked_at == NOW


async def test_partnership_lookup_from_either_side(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        created = await uow.partnerships.create(a.id, b.id, NOW)
    async with database.read() as uow:
        from_a = await uow.partnerships.active_for(a.id)
        from_b = await uow.partnerships.active_for(b.id)
    assert from_a == from_b == created
    assert created.partner_of(a.id) == b.id and created.partner_of(b.id) == a.id
    async with database.transaction() as uow:
        assert await uow.partnerships.end(created.id, NOW)
        assert not await uow.partnerships.end(created.id, NOW)
        assert await uow.partnerships.active_for(a.id) is None
        assert len(await uow.partnerships.all_for(b.id)) == 1


async def _couple_and_game(uow: UnitOfWork) -> tuple[User, User, GameRecord]:
    """Two users who are a couple and a game to play, for tests that write sessions and
    history."""
    a = await uow.users.create(1, "A", NOW)
    b = await uow.users.create(2, "B", NOW)
    assert a is not None and b is not None
    await uow.partnerships.create(a.id, b.id, NOW)
    return a, b, await uow.games.create("Tic-tac-toe", "Three in a row", "classic", None)


async def _new_session(
    uow: UnitOfWork, game: GameRecord, a: User, b: User, at: datetime
) -> GameSession:
    """An invitation between the couple of `_couple_and_game`."""
    couple = await uow.partnerships.active_for(a.id)
    assert couple is not None
    return await uow.game_sessions.create(game.id, a.id, b.id, at, partnership_id=couple.id)


async def test_sessions_history_and_achievement_progress(database: Database) -> None:
    async with database.transaction() as uow:
        a, b, game = await _couple_and_game(uow)
        achievement = await uow.achievements.create("🎮", "First game", "Play a game", 3)
        for minute in range(12):
            played = NOW + timedelta(minutes=minute)
            session = await _new_session(uow, game, a, b, played)
            done = await uow.game_sessions.finish(
                session, status=Status.FINISHED, now=played, result={"winner": 0}
            )
            assert done is not None and done.version == session.version + 1
            # A second writer holding the old version loses: no double finish.
            assert (
                await uow.game_sessions.finish(
                    session, status=Status.FINISHED, now=played, result={"winner": 1}
                )
                is None
            )
            await uow.history.add(a.id, session.id, played, "win")
        assert await uow.game_sessions.count_between(b.id, a.id) == 12
        page = await uow.history.page_for_user(a.id, limit=10, offset=10)
        assert [e.played_at for e in page] == [NOW + timedelta(minutes=m) for m in (1, 0)]
        assert await uow.history.count_for_user(a.id) == 12

        target = partial(ProgressTarget, a.id, achievement.id, goal=3)
        unlocked = [
            await uow.user_achievements.raise_progress([target(value)], NOW)
            for value in (1, 3, 2, 9)
        ]
        assert unlocked == [[], [target(3)], [], []]  # achieved exactly once
        (progress,) = await uow.user_achievements.for_user(a.id)
    assert progress.progress == 3 and progress.achieved_at == NOW  # never down, never past goal


async def test_both_players_results_are_written_by_one_call(database: Database) -> None:
    async with database.transaction() as uow:
        a, b, game = await _couple_and_game(uow)
        session = await _new_session(uow, game, a, b, NOW)
        await uow.history.add_results(session.id, NOW, [(a.id, "win"), (b.id, "loss")])
        await uow.history.add_results(session.id, NOW, [])  # nothing to write, nothing sent
    async with database.read() as uow:
        mine = await uow.history.all_for_user(a.id)
        theirs = await uow.history.all_for_user(b.id)
    assert [(e.game_session_id, e.played_at, e.result_short) for e in mine] == [
        (session.id, NOW, "win")
    ]
    assert [(e.game_session_id, e.result_short) for e in theirs] == [(session.id, "loss")]


async def test_achievement_progress_of_several_rows_is_raised_at_once(
    database: Database,
) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        one = await uow.achievements.create("🎮", "One game", "Play one", 1)
        five = await uow.achievements.create("🔥", "Five games", "Play five", 5)
        await uow.user_achievements.raise_progress([ProgressTarget(b.id, five.id, 4, 5)], NOW)
    targets = [
        ProgressTarget(a.id, one.id, 1, 1),  # a new row, achieved at once
        ProgressTarget(a.id, five.id, 2, 5),  # a new row on the way
        ProgressTarget(b.id, one.id, 0, 1),  # a new row at zero
        ProgressTarget(b.id, five.id, 9, 5),  # raised (capped at the goal) and achieved
    ]
    async with database.transaction() as uow:
        achieved = await uow.user_achievements.raise_progress(targets, NOW)
    assert achieved == [targets[0], targets[3]]
    async with database.read() as uow:
        rows = {
            (row.user_id, row.achievement_id): (row.progress, row.achieved_at)
            for row in await uow.user_achievements.for_users((a.id, b.id))
        }
    assert rows == {
        (a.id, one.id): (1, NOW),
        (a.id, five.id): (2, None),
        (b.id, one.id): (0, None),
        (b.id, five.id): (5, NOW),
    }
    async with database.transaction() as uow:  # nothing to raise: nothing achieved again
        assert await uow.user_achievements.raise_progress(targets, NOW) == []
        assert await uow.user_achievements.raise_progress([], NOW) == []


async def test_raising_many_rows_is_one_statement(sqlite_database: Database) -> None:
    async with sqlite_database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        assert a is not None
        rules = [await uow.achievements.create("🎮", f"R{n}", "-", 3) for n in range(14)]
    trace = SqlTrace()
    await trace.attach(sqlite_database)
    try:
        async with sqlite_database.transaction() as uow:
            trace.take()
            await uow.user_achievements.raise_progress(
                [ProgressTarget(a.id, rule.id, 1, 3) for rule in rules], NOW
            )
            statements = trace.take()
    finally:
        await trace.detach(sqlite_database)
    # SQLite's trace repeats a statement once for each trigger it fires.
    assert len({s for s in statements if s.startswith("INSERT")}) == 1


async def test_of_two_writers_racing_to_a_goal_exactly_one_achieves_it(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        assert a is not None
        goal = await uow.achievements.create("🏆", "Three wins", "Win three", 3)
        await uow.user_achievements.raise_progress([ProgressTarget(a.id, goal.id, 2, 3)], NOW)
    target = ProgressTarget(a.id, goal.id, 3, 3)

    async def finish() -> list[ProgressTarget]:
        async with database.transaction() as uow:
            return await uow.user_achievements.raise_progress([target], NOW)

    results = await asyncio.gather(*(finish() for _ in range(4)))
    assert sorted(len(result) for result in results) == [0, 0, 0, 1]


# -- /history pages: keyset pagination on (played_at, id) -------------------------------------

# Seconds after NOW of a user's games, in the order they are written (so ids do not follow
# time): ties in the same second are ordered by id.
PLAYED = [3, 0, 5, 3, 1, 3, 5, 2, 0, 3, 4]


async def _history_with_ties(database: Database) -> tuple[int, list[HistoryKey]]:
    """A user's history (and their partner's, the same games): the user's keys, newest
    first, as the /history screen orders them."""
    async with database.transaction() as uow:
        a, b, game = await _couple_and_game(uow)
        keys = []
        for second in PLAYED:
            played = NOW + timedelta(seconds=second)
            session = await _new_session(uow, game, a, b, played)
            await uow.game_sessions.finish(
                session, status=Status.FINISHED, now=played, result={"winner": 0}
            )
            await uow.history.add(b.id, session.id, played, "loss")  # ids of both interleave
            entry = await uow.history.add(a.id, session.id, played, "win")
            keys.append(HistoryKey(entry.played_at, entry.id))
    return a.id, sorted(keys, key=lambda k: (k.played_at, k.id), reverse=True)


async def test_each_players_newest_sessions_come_from_one_call(database: Database) -> None:
    user_id, newest_first = await _history_with_ties(database)
    async with database.read() as uow:
        partner_id = (await uow.history.played_by(user_id))[0].partner_user_id
        everything = {
            u: [replace(row, result={}) for row in await uow.history.played_by(u)]
            for u in (user_id, partner_id)
        }
        assert len(everything[user_id]) == len(newest_first) > 4
        tails = await uow.history.played_tails([user_id, partner_id], 4)
        assert tails == {u: rows[-4:] for u, rows in everything.items()}  # oldest first
        assert await uow.history.played_tails([user_id], 100) == {user_id: everything[user_id]}
        assert await uow.history.played_tails([], 4) == {}


def _keys(lines: list[HistoryLine]) -> list[HistoryKey]:
    return [HistoryKey(line.entry.played_at, line.entry.id) for line in lines]


async def test_history_pages_walk_older_to_the_end_and_newer_back(database: Database) -> None:
    user_id, newest_first = await _history_with_ties(database)
    pages: list[list[HistoryKey]] = []
    async with database.read() as uow:
        page = _keys(await uow.history.lines_for_user(user_id, 3))
        while page:  # "Older": from the last row shown
            pages.append(page)
            page = _keys(await uow.history.lines_for_user(user_id, 3, older_than=page[-1]))
        assert [key for page in pages for key in page] == newest_first  # no gap, no repeat
        assert [len(page) for page in pages] == [3, 3, 3, 2]
        back = [pages[-1]]
        while True:  # "Newer": from the first row shown, still newest first on each page
            page = _keys(await uow.history.lines_newer_than(user_id, back[-1][0], 3))
            if not page:
                break
            back.append(page)
    assert back[1:] == pages[-2::-1]  # the same pages, walked back to the first


async def test_history_pages_order_ties_in_one_second_by_id(database: Database) -> None:
    user_id, newest_first = await _history_with_ties(database)
    same_second = [k for k in newest_first if k.played_at == NOW + timedelta(seconds=3)]
    assert len(same_second) == 4
    middle = same_second[1]  # two rows of its second are older, one is newer
    at = newest_first.index(middle)
    async with database.read() as uow:
        older = _keys(await uow.history.lines_for_user(user_id, 4, older_than=middle))
        newer = _keys(await uow.history.lines_newer_than(user_id, middle, 2))
        lines = await uow.history.lines_for_user(user_id, 1, older_than=middle)
    assert older == newest_first[at + 1 : at + 5]  # the same second first: smaller ids
    assert older[:2] == same_second[2:]
    assert newer == newest_first[at - 2 : at]  # the tie with a bigger id, then the next second
    assert newer[-1] == same_second[0]
    (line,) = lines  # a whole line: the game and the user's seat come along
    assert line.game_title == "Tic-tac-toe" and line.seat == 0
    assert line.entry.user_id == user_id and line.entry.result_short == "win"


async def test_history_pages_at_the_ends_and_from_keys_of_no_row(database: Database) -> None:
    user_id, newest_first = await _history_with_ties(database)
    newest, oldest = newest_first[0], newest_first[-1]
    async with database.read() as uow:
        history = uow.history
        assert await history.lines_for_user(user_id, 5, older_than=oldest) == []
        assert await history.lines_newer_than(user_id, newest, 5) == []
        # Fewer rows than the limit: what there is.
        near_top = await history.lines_newer_than(user_id, newest_first[2], 5)
        near_end = await history.lines_for_user(user_id, 5, older_than=newest_first[-3])
        assert _keys(near_top) == newest_first[:2]
        assert _keys(near_end) == newest_first[-2:]
        # A key of no row (a deleted one, a forged button) still splits the order.
        between = HistoryKey(NOW + timedelta(seconds=3), 0)  # before every row of second 3
        assert _keys(await history.lines_for_user(user_id, 20, older_than=between)) == [
            k for k in newest_first if k.played_at < between.played_at
        ]
        assert _keys(await history.lines_newer_than(user_id, between, 20)) == [
            k for k in newest_first if k.played_at >= between.played_at
        ]
        future = HistoryKey(NOW + timedelta(days=1), 2**63 - 1)  # the largest id
        assert _keys(await history.lines_for_user(user_id, 20, older_than=future)) == newest_first
        past = HistoryKey(NOW - timedelta(days=1), 1)
        assert await history.lines_for_user(user_id, 20, older_than=past) == []
        assert _keys(await history.lines_newer_than(user_id, past, 20)) == newest_first
        # Only the user's own rows, though the partner's share every time.
        assert await history.lines_for_user(999, 5) == []


async def test_history_pages_are_index_ranges_without_sorting(
    sqlite_database: Database,
) -> None:
    """EXPLAIN QUERY PLAN of the statements the page methods really run (SQLite): a range
    of history_by_user_time bounded by played_at, read in index order (no temp B-tree)."""
    user_id, newest_first = await _history_with_ties(sqlite_database)
    trace = SqlTrace()
    await trace.attach(sqlite_database)
    try:
        async with sqlite_database.read() as uow:
            await uow.history.lines_for_user(user_id, 3, older_than=newest_first[4])
            await uow.history.lines_newer_than(user_id, newest_first[4], 3)
    finally:
        await trace.detach(sqlite_database)
    statements = [s for s in trace.take() if s.lstrip().upper().startswith("SELECT")]
    assert len(statements) == 2
    async with sqlite_database.read() as uow:
        plans = [
            [str(row[3]) for row in await uow.conn.fetch_all(f"EXPLAIN QUERY PLAN {statement}")]
            for statement in statements
        ]
    older, newer = plans
    assert "SEARCH h USING INDEX history_by_user_time (user_id=? AND played_at<?)" in older
    assert "SEARCH h USING INDEX history_by_user_time (user_id=? AND played_at>?)" in newer
    assert not any("TEMP B-TREE" in detail for plan in plans for detail in plan)


async def test_a_one_statement_query_sees_committed_rows_without_a_transaction(
    database: Database,
) -> None:
    """`query()` runs outside any transaction: it sees what was committed, and leaves no
    transaction open on the pooled connection (the next write can begin)."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with database.transaction() as uow:
        created = await uow.users.create(777, "Quincy", now)
        assert created is not None
        await uow.settings.create(created.id, "en")
    for _ in range(5):  # more than the pool: every connection is handed back clean
        async with database.query() as uow:
            found = await uow.users.with_settings_by_telegram_id(777)
        assert found is not None and found[0].display_name == "Quincy"
        assert found[1] is not None and found[1].language == "en"
    async with database.transaction() as uow:
        await uow.users.set_display_name(created.id, "Quinn")
    async with database.query() as uow:
        found = await uow.users.with_settings_by_telegram_id(777)
    assert found is not None and found[0].display_name == "Quinn"
