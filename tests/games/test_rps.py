"""Rock-paper-scissors: secret choices, reveal, best of three with replayed draws."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engine import Setup
from games.errors import GameOver, NotYourTurn, UnknownAction
from games.palette import LIGHT
from games.rps import CHOICES, Rps, RpsState, round_winner
from games.text import to_english

GAME = Rps()
BEATS = {("rock", "scissors"), ("scissors", "paper"), ("paper", "rock")}


def play_round(
    state: RpsState, first: str, second: str, order: tuple[int, int] = (0, 1)
) -> RpsState:
    choices = {0: first, 1: second}
    for seat in order:
        state = GAME.apply(state, choices[seat], seat, 0.0)
    return state


def lines(state: RpsState, seat: int) -> list[str]:
    return [to_english(line) for line in GAME.view(state, seat, LIGHT).lines]


@pytest.mark.parametrize("first", CHOICES)
@pytest.mark.parametrize("second", CHOICES)
def test_round_winner(first: str, second: str) -> None:
    expected = None if first == second else (0 if (first, second) in BEATS else 1)
    assert round_winner((first, second)) == expected


def test_choices_stay_secret_until_both_chose() -> None:
    state = GAME.apply(GAME.new(Setup()), "scissors", 1, 0.0)
    assert GAME.legal_actions(state, 1) == frozenset()
    assert GAME.legal_actions(state, 0) == frozenset(CHOICES)
    mine = "\n".join(lines(state, 1))
    assert "You chose ✌️. Waiting for Partner to choose…" in mine
    theirs = "\n".join(lines(state, 0))
    assert "✌️" not in theirs and "Scissors" not in theirs
    assert "Partner has chosen. Your move!" in theirs
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "rock", 1, 0.0)
    state = GAME.apply(state, "rock", 0, 0.0)
    assert state.rounds == (("rock", "scissors"),)
    assert state.pending == (None, None)
    assert "Round 1: ✌️ vs ✊ — Partner takes the round" in lines(state, 1)
    assert "Round 1: ✊ vs ✌️ — you take the round" in lines(state, 0)


def test_draws_are_replayed_and_two_wins_end_the_match() -> None:
    state = play_round(GAME.new(Setup()), "rock", "rock")
    state = play_round(state, "paper", "rock", order=(1, 0))
    assert not GAME.is_finished(state)
    state = play_round(state, "paper", "paper")
    state = play_round(state, "scissors", "paper")
    assert GAME.is_finished(state)
    outcome = GAME.result(state)
    assert (outcome.winner, outcome.scores, outcome.short) == (0, (2, 0), ("win", "loss"))
    assert outcome.details == {
        "rounds": [["rock", "rock"], ["paper", "rock"], ["paper", "paper"], ["scissors", "paper"]]
    }
    with pytest.raises(GameOver):
        GAME.apply(state, "rock", 1, 0.0)
    with pytest.raises(UnknownAction):
        GAME.apply(state, "lizard", 1, 0.0)
    view = GAME.view(state, 1, LIGHT)
    assert view.keyboard == ()
    assert "4 rounds played." in [to_english(line) for line in view.lines]


def test_nine_rounds_without_two_wins() -> None:
    state = GAME.new(Setup())
    for _ in range(8):
        state = play_round(state, "rock", "rock")
    state = play_round(state, "rock", "paper")
    assert GAME.is_finished(state)
    assert GAME.result(state).winner == 1
    assert GAME.result(state).short == ("loss", "win")


def test_nine_rounds_one_win_each_is_a_draw() -> None:
    state = play_round(GAME.new(Setup()), "rock", "paper")
    state = play_round(state, "paper", "rock")
    for _ in range(7):
        state = play_round(state, "rock", "rock")
    assert GAME.is_finished(state)
    outcome = GAME.result(state)
    assert (outcome.winner, outcome.scores, outcome.short) == (None, (1, 1), ("draw", "draw"))
    assert "🤝 <b>It's a draw!</b> Well played, both of you." in lines(state, 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CHOICES), st.sampled_from(CHOICES)), max_size=15))
def test_best_of_three_terminates(rounds: list[tuple[str, str]]) -> None:
    state = GAME.new(Setup())
    wins = [0, 0]
    played = 0
    for first, second in rounds:
        if max(wins) == 2 or played == 9:
            assert GAME.is_finished(state)
            break
        assert not GAME.is_finished(state)
        state = play_round(state, first, second, order=(1, 0) if played % 2 else (0, 1))
        played += 1
        winner = round_winner((first, second))
        if winner is not None:
            wins[winner] += 1
    assert state.rounds == tuple(rounds[:played])
    if GAME.is_finished(state):
        outcome = GAME.result(state)
        assert outcome.scores == tuple(wins)
        assert len(state.rounds) <= 9
        expected = None if wins[0] == wins[1] else (0 if wins[0] > wins[1] else 1)
        assert outcome.winner == expected
        assert max(wins) == 2 or played == 9
