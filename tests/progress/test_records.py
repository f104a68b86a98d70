"""Reading one ended session: validation, UTC days, verdicts, scores and reaction times,
checked on crafted records and on the real outcomes of every game."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from bot.progress.records import GAME_KEYS, PlayedGame, Verdict
from games.insync import InSync
from games.quiz import Quiz
from games.registry import GAMES
from tests.progress.factories import (
    abandoned,
    daily,
    from_outcome,
    insync,
    played,
    quiz,
    reaction,
    reaction_round,
    real_answers,
    real_reaction,
    real_rps,
    real_tictactoe,
)

TTT_DRAW = (0, 1, 2, 4, 3, 5, 7, 6, 8)
TTT_X_WINS = (0, 3, 1, 4, 2)


def test_game_keys_follow_the_registry() -> None:
    assert tuple(game.key for game in GAMES) == GAME_KEYS
    assert "daily" not in GAME_KEYS


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ended_at", datetime(2024, 1, 1, 12)),  # naive
        ("seat", 2),
        ("seat", True),
        ("status", "live"),
    ],
)
def test_bad_records_are_rejected(field: str, value: Any) -> None:
    with pytest.raises(ValueError, match="session 1"):
        played(**{"at" if field == "ended_at" else field: value})


@pytest.mark.parametrize(
    ("ended_at", "day"),
    [
        (datetime(2024, 3, 1, 23, 59, 59, tzinfo=UTC), date(2024, 3, 1)),
        (datetime(2024, 3, 1, 20, 30, tzinfo=timezone(timedelta(hours=-5))), date(2024, 3, 2)),
        (datetime(2024, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=3))), date(2023, 12, 31)),
    ],
)
def test_days_are_utc(ended_at: datetime, day: date) -> None:
    assert played(at=ended_at).day == day


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        (played("tictactoe", "win"), Verdict.WIN),
        (played("rps", "loss"), Verdict.LOSS),
        (played("reaction", "draw"), Verdict.DRAW),
        (quiz(4, 3), Verdict.WIN),
        (quiz(2, 5), Verdict.LOSS),
        (quiz(3, 3), Verdict.DRAW),
        (played("quiz", "win", given_up=True), Verdict.WIN),
        (played("insync", "loss", given_up=True), Verdict.LOSS),
        (insync(86), None),  # cooperative: nobody wins
        (abandoned("tictactoe"), None),
        (played("tictactoe", "win", status="abandoned"), None),
        (daily(), None),
        (played("daily", "win"), None),
        (played("quiz", "x/5", partner_short="3/5"), None),
        (played("quiz", "6/5", partner_short="3/5"), None),
        (played("tictactoe", "WIN"), None),
    ],
)
def test_verdict(game: PlayedGame, expected: Verdict | None) -> None:
    assert game.verdict is expected


@pytest.mark.parametrize(
    ("game", "mine", "theirs", "perfect"),
    [
        (quiz(5, 2), 5, 2, True),
        (quiz(0, 5), 0, 5, False),
        (quiz(4, 4, status="abandoned"), None, None, False),
        (played("quiz", "win", given_up=True), None, None, False),
        (played("rps", "5/5"), None, None, False),
        (played("quiz", "0/0", partner_short="0/0"), 0, 0, False),
    ],
)
def test_quiz_scores(game: PlayedGame, mine: int | None, theirs: int | None, perfect: bool) -> None:
    assert (game.quiz_score(), game.partner_quiz_score(), game.quiz_perfect()) == (
        mine,
        theirs,
        perfect,
    )


@pytest.mark.parametrize(
    ("game", "percent"),
    [
        (insync(100), 100),
        (insync(0), 0),
        (played("insync", "?", partner_short="57%"), 57),
        (played("insync", "101%"), None),
        (insync(100, status="abandoned"), None),
        (played("insync", "win", given_up=True), None),
        (played("quiz", "100%"), None),
    ],
)
def test_sync_percent(game: PlayedGame, percent: int | None) -> None:
    assert game.sync_percent() == percent


def test_reaction_times_keep_only_valid_taps_of_the_seat() -> None:
    game = reaction(
        reaction_round("win", (249, 400), 0),
        reaction_round("false_start", (None, -120), 0),
        reaction_round("timeout", (None, None)),
        reaction_round("tie", (310, 310)),
        reaction_round("tie", (-5, -5)),  # a simultaneous tap before GO is no reaction
        reaction_round("win", (None, 180), 1),  # seat 0 tapped too late to be recorded
        reaction_round("false_start", (-90, None), 1),
    )
    assert game.reaction_times(0) == (249, 310)
    assert game.reaction_times(1) == (400, 310, 180)


@pytest.mark.parametrize(
    "details",
    [
        {},
        {"rounds": None},
        {"rounds": "win"},
        {"rounds": [None, 3, "x"]},
        {"rounds": [{"outcome": "win"}]},
        {"rounds": [{"outcome": "win", "ms": [100]}]},
        {"rounds": [{"outcome": "win", "ms": "100"}]},
        {"rounds": [{"outcome": "win", "ms": [True, 120.5]}]},
        {"rounds": [{"outcome": "open", "ms": [100, 100]}]},
    ],
)
def test_malformed_reaction_details_are_skipped(details: dict[str, Any]) -> None:
    game = played("reaction", details=details)
    assert game.reaction_times(0) == () and game.reaction_times(1) == ()


def test_reaction_times_only_come_from_finished_reaction_duels() -> None:
    rounds = {"rounds": [reaction_round("win", (100, 200), 0)]}
    gone = played("reaction", "abandoned", status="abandoned", details=rounds)
    assert gone.reaction_times(0) == ()
    assert played("rps", details=rounds).reaction_times(0) == ()


# -- the contract with the real games -------------------------------------------------------


def test_real_tictactoe_outcomes() -> None:
    draw = from_outcome("tictactoe", real_tictactoe(TTT_DRAW))
    assert draw.verdict is Verdict.DRAW
    won = real_tictactoe(TTT_X_WINS)
    assert from_outcome("tictactoe", won, seat=0).verdict is Verdict.WIN
    assert from_outcome("tictactoe", won, seat=1).verdict is Verdict.LOSS


def test_real_rps_outcome() -> None:
    outcome = real_rps([("rock", "scissors"), ("paper", "paper"), ("paper", "rock")])
    assert from_outcome("rps", outcome, seat=0).verdict is Verdict.WIN
    assert from_outcome("rps", outcome, seat=1).verdict is Verdict.LOSS


def test_real_quiz_outcomes() -> None:
    perfect = from_outcome("quiz", real_answers(Quiz(), [(0, 0)] * 10))
    assert perfect.quiz_perfect() and perfect.quiz_score() == 5
    assert perfect.verdict is Verdict.DRAW
    # Seat 1 guesses in round one (first_subject 0): miss one there; seat 0 guesses all.
    mixed = real_answers(Quiz(), [(0, 1), *[(0, 0)] * 9])
    mine, theirs = from_outcome("quiz", mixed, seat=0), from_outcome("quiz", mixed, seat=1)
    assert (mine.quiz_score(), mine.partner_quiz_score()) == (5, 4)
    assert mine.verdict is Verdict.WIN and theirs.verdict is Verdict.LOSS
    assert mine.quiz_perfect() and not theirs.quiz_perfect()


def test_real_insync_outcomes() -> None:
    perfect = from_outcome("insync", real_answers(InSync(), [(0, 0)] * 7))
    assert perfect.sync_percent() == 100 and perfect.verdict is None
    missed = from_outcome("insync", real_answers(InSync(), [(0, 1), *[(0, 0)] * 6]), seat=1)
    assert missed.sync_percent() == 86


def test_real_reaction_outcome() -> None:
    outcome = real_reaction([(0.249, 0.4), (0.5, -0.4)])
    mine, theirs = from_outcome("reaction", outcome), from_outcome("reaction", outcome, seat=1)
    assert mine.reaction_times(0) == (249,) and mine.reaction_times(1) == (400,)
    assert theirs.reaction_times(theirs.seat) == (400,)  # the false start is not a time
    assert mine.verdict is Verdict.WIN and theirs.verdict is Verdict.LOSS
