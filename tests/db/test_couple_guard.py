"""The write that changes an open session checks, in its own statement, that the session's
couple is still together (migration 9): even a session that somehow stayed open after its
partnership ended can never be moved in, answered or completed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import SystemClock
from bot.services.couples import CoupleService
from bot.services.daily import DailyAnswer, DailyService, question_of
from bot.services.gameplay import GameService, PlayError
from db import Database
from db.repositories.game_sessions import Status
from tests.db.test_plain_moves import _live_game
from tests.db.test_service_races import _users


async def _couple(database: Database) -> tuple[int, int, GameService, DailyService, int]:
    ann, bob = await _users(database, 2)
    games = GameService(database, SystemClock(), idle_timeout=timedelta(minutes=10))
    couples = CoupleService(database, SystemClock(), timedelta(hours=1), games, 100)
    daily = DailyService(database, SystemClock(), games, timedelta(hours=1))
    await games.sync_catalogue()
    await daily.sync_catalogue()
    couple = await couples.accept((await couples.create_invite(ann)).token, bob)
    return ann, bob, games, daily, couple.partnership.id


async def _end_partnership_only(database: Database, partnership_id: int) -> None:
    """As if the couple had ended without ending its sessions (what every way of ending a
    couple must never do)."""
    async with database.transaction() as uow:
        await uow.conn.execute(
            "UPDATE partnerships SET is_active = 0 WHERE id = ?", (partnership_id,)
        )


async def test_moves_and_answers_of_an_ended_couple_are_refused_by_the_write(
    database: Database,
) -> None:
    ann, bob, games, daily, partnership_id = await _couple(database)
    session_id = await _live_game(games, ann, bob)
    question = await daily.today(ann)
    await _end_partnership_only(database, partnership_id)

    with pytest.raises(PlayError) as refused:
        await games.act(bob, session_id, "c0", 0.0)  # the plain path, then a transaction
    assert refused.value.reason == PlayError.EARLIER_COUPLE
    with pytest.raises(PlayError) as refused:
        await games.give_up(bob, session_id)  # a finishing write
    assert refused.value.reason == PlayError.EARLIER_COUPLE
    options = question_of(question.session).options
    answer = DailyAnswer(option=0) if options else DailyAnswer(text="words for the couple")
    with pytest.raises(PlayError) as refused:
        await daily.answer(ann, question.session.id, answer)
    assert refused.value.reason == PlayError.EARLIER_COUPLE

    async with database.transaction() as uow:
        game = await uow.game_sessions.get(session_id)
        asked = await uow.game_sessions.get(question.session.id)
        assert game is not None and asked is not None
        assert game.status is Status.LIVE and game.version == 1  # nothing was written
        assert asked.state == question.session.state
        assert await uow.history.count_for_user(ann) == 0
        # The repository's writes themselves refuse, whatever the caller checked.
        assert await uow.game_sessions.update(game, state=game.state) is None
        assert (
            await uow.game_sessions.finish(
                game, status=Status.FINISHED, now=game.started_at, result={}
            )
            is None
        )
