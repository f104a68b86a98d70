"""Plain moves: a move that does not end the game is one read and one version-checked write,
without a transaction or the couple's locks (`GameService._plain_move`).

What keeps that safe is the version check, so these tests race such moves against each
other and against an unlink, which ends the game in a transaction: on SQLite the writes
take turns; on PostgreSQL (READ COMMITTED, each racer on its own pooled connection, like
two workers) a move really can land between the unlink's read and its write.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.clock import SystemClock
from bot.services.couples import CoupleService
from bot.services.gameplay import GameService, PlayError
from db import Database
from db.repositories.game_sessions import GameSession, Status
from games.errors import GameError
from games.registry import get_game
from tests.benchmarks.harness import SqlTrace
from tests.conftest import PostgresServer
from tests.db.test_service_races import _users, _warm


def _services(database: Database) -> tuple[GameService, CoupleService]:
    games = GameService(database, SystemClock(), idle_timeout=timedelta(minutes=10))
    couples = CoupleService(database, SystemClock(), timedelta(hours=1), games, 100)
    return games, couples


async def _live_game(games: GameService, inviter: int, invitee: int) -> int:
    """A live tic-tac-toe game; the invitee moves first."""
    record = next(r for r in await games.catalogue() if r.slug == "tictactoe")
    invited = await games.invite(inviter, record.id)
    await games.respond(invitee, invited.session.id, accept=True)
    return invited.session.id


async def test_a_plain_move_is_a_read_and_a_write_and_a_last_move_a_transaction(
    sqlite_database: Database,
) -> None:
    ann, bob = await _users(sqlite_database, 2)
    games, couples = _services(sqlite_database)
    await games.sync_catalogue()
    await couples.accept((await couples.create_invite(ann)).token, bob)
    session_id = await _live_game(games, ann, bob)
    trace = SqlTrace()
    await trace.attach(sqlite_database)
    try:
        trace.take()
        view = await games.act(bob, session_id, "c0", 0.0)
        plain = trace.take()
        for player, cell in [(ann, 3), (bob, 1), (ann, 4)]:
            await games.act(player, session_id, f"c{cell}", 0.0)
        trace.take()
        last = await games.act(bob, session_id, "c2", 0.0)  # the top row: Bob wins
        finishing = trace.take()
    finally:
        await trace.detach(sqlite_database)

    assert view.session.status is Status.LIVE and view.session.version == 2
    assert [p.user.id for p in view.players] == [ann, bob]
    assert [statement.split()[0] for statement in plain] == ["SELECT", "UPDATE"]
    assert last.session.status is Status.FINISHED
    # The plain try reads, sees the game end, and leaves the move to a transaction.
    assert finishing[0].startswith("SELECT") and finishing[1] == "BEGIN IMMEDIATE"
    assert finishing[-1] == "COMMIT"
    # The players come with the session, in the plain try and in the transaction: the
    # result's names and the view need no read of their own.
    assert [s.split()[0] for s in finishing if re.search(r"\busers\b", s)] == ["SELECT"] * 2
    # Both players' history rows, in one statement.
    assert sum(s.startswith("INSERT INTO history") for s in finishing) == 1
    async with sqlite_database.read() as uow:
        assert await uow.history.count_for_user(bob) == 1


async def test_simultaneous_plain_moves_are_each_applied_once(database: Database) -> None:
    """Both players, and a double press, at once: the outcome is that of the four presses
    handled one after another in some order, each on the game as the one before left it.

    Bob's turn: his double press of one cell, his press of another, and Ann's press. Ann's
    lands only if it is handled after one of Bob's; a second press of Bob's lands only
    after hers (a legal Bob, Ann, Bob: found in about 1 race in 30 on SQLite)."""
    ann, bob = await _users(database, 2)
    games, couples = _services(database)
    await games.sync_catalogue()
    await couples.accept((await couples.create_invite(ann)).token, bob)
    session_id = await _live_game(games, ann, bob)
    await _warm(database)
    async with database.read() as uow:
        before = await uow.game_sessions.get(session_id)
    assert before is not None and before.state is not None

    async def press(user_id: int, cell: int) -> bool:
        try:
            await games.act(user_id, session_id, f"c{cell}", 0.0)
        except (GameError, PlayError):
            return False
        return True

    presses = [(bob, 0), (bob, 0), (bob, 8), (ann, 4)]
    applied = await asyncio.gather(*(press(user_id, cell) for user_id, cell in presses))
    async with database.read() as uow:
        session = await uow.game_sessions.get(session_id)
    assert session is not None and session.state is not None
    moves = session.state["game"]["moves"]
    assert session.version == before.version + len(moves) == before.version + sum(applied)
    assert (list(applied), moves) in _sequential_outcomes(before, presses)
    assert sum(applied[:3]) >= 1  # Bob's turn: one of his presses lands, whatever the order


def _sequential_outcomes(
    session: GameSession, presses: list[tuple[int, int]]
) -> list[tuple[list[bool], list[int]]]:
    """What each order of handling `presses` one at a time gives: which landed, and the
    stored moves (the pure rules of games/tictactoe.py, from the session's state)."""
    assert session.state is not None
    game = get_game("tictactoe")
    outcomes = []
    for order in itertools.permutations(range(len(presses))):
        state = game.load(session.state["game"])
        landed = [False] * len(presses)
        for index in order:
            user_id, cell = presses[index]
            seat = session.seat_of(user_id)
            assert seat is not None
            try:
                state = game.apply(state, f"c{cell}", seat, 0.0)
            except GameError:
                continue
            landed[index] = True
        outcomes.append((landed, game.dump(state)["moves"]))
    return outcomes


async def test_moves_racing_an_unlink_never_revive_the_game(database: Database) -> None:
    ann, bob = await _users(database, 2)
    games, couples = _services(database)
    await games.sync_catalogue()
    await _warm(database)

    async def move(session_id: int, cell: int) -> None:
        with contextlib.suppress(GameError, PlayError):  # refused after the unlink
            await games.act(bob, session_id, f"c{cell}", 0.0)

    for _ in range(12):
        couple = await couples.accept((await couples.create_invite(ann)).token, bob)
        session_id = await _live_game(games, ann, bob)
        await asyncio.gather(
            move(session_id, 0),
            couples.unlink(ann, couple.partnership.id),
            move(session_id, 1),
            move(session_id, 2),
        )
        async with database.read() as uow:
            session = await uow.game_sessions.get(session_id)
            assert await uow.partnerships.active_for(ann) is None
        assert session is not None and session.status is Status.ABANDONED
        assert session.result is not None and session.result["reason"] == "unlinked"
    assert await database.check_integrity() == []


@pytest.fixture
async def postgres_database(postgres: PostgresServer) -> AsyncIterator[Database]:
    url = await postgres.create()
    database = Database.for_url(url)
    await database.open()
    try:
        yield database
    finally:
        await database.close()
        await postgres.drop(url)


async def test_a_move_landing_inside_an_unlink_is_read_and_the_game_still_ends(
    postgres_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race above, forced: the move commits after the unlink read the session and
    before it writes. Only PostgreSQL allows it (SQLite's write transaction holds off
    every other writer); the unlink's lost write is read again and retried."""
    database = postgres_database
    ann, bob = await _users(database, 2)
    games, couples = _services(database)
    await games.sync_catalogue()
    couple = await couples.accept((await couples.create_invite(ann)).token, bob)
    session_id = await _live_game(games, ann, bob)
    ending = GameService._end
    moved: list[int] = []

    async def end_after_a_move(self: GameService, *args: Any, **kwargs: Any) -> Any:
        if not moved:
            moved.append((await games.act(bob, session_id, "c4", 0.0)).session.version)
        return await ending(self, *args, **kwargs)

    monkeypatch.setattr(GameService, "_end", end_after_a_move)
    assert await couples.unlink(ann, couple.partnership.id) is not None

    assert moved == [2]  # the move really landed in between (accepted: 1)
    async with database.read() as uow:
        session = await uow.game_sessions.get(session_id)
    assert session is not None and session.status is Status.ABANDONED
    assert session.version == 3 and session.state is not None
    assert session.state["game"]["moves"] == [4]  # the move is kept, then the game ended
