"""Reaction duel: timers, false starts, and timestamps (not apply order) decide."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engine import Setup
from games.errors import (
    CorruptState,
    GameOver,
    IllegalMove,
    NotYourTurn,
    TooEarly,
    UnknownAction,
)
from games.palette import DARK, LIGHT
from games.reaction import MAX_ROUNDS, Reaction, ReactionConfig, ReactionState
from games.text import to_english

GAME = Reaction()
START = 1000.0


def new(seed: int = 7, **options: float) -> ReactionState:
    return GAME.new(Setup(seed=seed, now=START, options=options))


def go_at(state: ReactionState) -> float:
    return state.rounds[-1].go_at


def text_of(state: ReactionState, seat: int) -> str:
    view = GAME.view(state, seat, LIGHT)
    parts = [to_english(line) for line in view.lines]
    parts += [to_english(b.label) for row in view.keyboard for b in row]
    return "\n".join(parts)


def test_defaults_and_the_go_timer() -> None:
    state = new()
    assert state.config == ReactionConfig(2.0, 6.0, 0.3, 10.0, 1.0)
    go = go_at(state)
    assert START + 2.0 <= go <= START + 6.0
    assert new().rounds == state.rounds  # the delay comes from the seed
    assert new(seed=8).rounds != state.rounds
    assert GAME.deadline(state) == go
    assert "🔴 <b>Wait for it…</b>" in text_of(state, 0)
    assert GAME.on_deadline(state, go - 0.01) == state  # early: no-op
    shown = GAME.on_deadline(state, go)
    assert shown.rounds[-1].go_shown
    assert GAME.on_deadline(shown, go + 0.1) == shown  # twice: no-op
    assert GAME.deadline(shown) == go + 10.0
    for seat in (0, 1):
        assert "🟢 <b>GO! Tap now!</b>" in text_of(shown, seat)
        assert GAME.view(shown, seat, DARK).actions == ("tap",)


def test_first_valid_tap_wins_after_the_grace_window() -> None:
    state = GAME.on_deadline(new(), go := go_at(new()))
    state = GAME.apply(state, "tap", 1, go + 0.25)
    assert GAME.deadline(state) == pytest.approx(go + 0.55)
    assert "You tapped in 250 ms!" in text_of(state, 1)
    assert "250" not in text_of(state, 0)  # the partner's time shows after the round
    assert GAME.legal_actions(state, 1) == frozenset()
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "tap", 1, go + 0.3)
    assert GAME.on_deadline(state, go + 0.5) == state
    state = GAME.on_deadline(state, go + 0.55)
    first = state.rounds[0]
    assert (first.outcome, first.winner) == ("win", 1)
    assert first.ended_at == pytest.approx(go + 0.55)
    assert state.wins == (0, 1)
    assert "Round 1: you 250 ms, Partner too slow — you take the round" in text_of(state, 1)
    assert "Round 1: you too slow, Partner 250 ms — Partner takes the round" in text_of(state, 0)
    # the next round starts when the previous one ended, with its own delay
    assert state.rounds[1].started_at == first.ended_at
    assert state.rounds[1].go_at > first.ended_at


def test_an_earlier_tap_applied_later_still_wins() -> None:
    go = go_at(new())
    state = GAME.on_deadline(new(), go)
    state = GAME.apply(state, "tap", 1, go + 0.20)  # received second, processed first
    state = GAME.apply(state, "tap", 0, go + 0.15)  # received first, processed second
    first = state.rounds[0]
    assert (first.outcome, first.winner) == ("win", 0)
    assert first.reaction_ms(0) == 150 and first.reaction_ms(1) == 200
    assert "Round 1: you 150 ms, Partner 200 ms — you take the round" in text_of(state, 0)


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    delays=st.lists(st.floats(0.0, 1.5), min_size=2, max_size=2, unique=True),
    timer_first=st.booleans(),
)
def test_apply_order_does_not_matter(seed: int, delays: list[float], timer_first: bool) -> None:
    start = new(seed, cooldown=5.0)
    go = go_at(start)
    if timer_first:
        start = GAME.on_deadline(start, go)
    taps = {0: go + delays[0], 1: go + delays[1]}
    finals = []
    for order in ((0, 1), (1, 0)):
        state = start
        for seat in order:
            try:
                state = GAME.apply(state, "tap", seat, taps[seat])
            except IllegalMove:  # arrived after the round ended: a double tap for the next one
                assert max(taps.values()) >= min(taps.values()) + 0.3
        finals.append(GAME.on_deadline(state, max(taps.values()) + 0.31))
    assert finals[0] == finals[1]
    first = finals[0].rounds[0]
    if taps[0] == taps[1]:  # different delays can round to the same timestamp
        assert (first.outcome, first.winner) == ("tie", None)
    else:
        assert (first.outcome, first.winner) == ("win", 0 if taps[0] < taps[1] else 1)


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    early=st.floats(0.0, 1.0, exclude_max=True),
    late=st.floats(0.0, 1.0),
    order=st.sampled_from([(0, 1), (1, 0)]),
)
def test_a_false_start_loses_the_round(
    seed: int, early: float, late: float, order: tuple[int, int]
) -> None:
    start = new(seed, cooldown=0.5)
    rnd = start.rounds[0]
    cheat = rnd.started_at + 0.5 + early * (rnd.go_at - rnd.started_at - 0.5)
    if cheat >= rnd.go_at:
        return
    taps = {0: cheat, 1: rnd.go_at + late}
    state = start
    for seat in order:
        try:
            state = GAME.apply(state, "tap", seat, taps[seat])
        except IllegalMove:  # the honest tap landed in the next round's cooldown
            assert seat == 1
    lost = state.rounds[0]
    assert (lost.outcome, lost.winner, lost.ended_at) == ("false_start", 1, cheat)
    assert lost.presses == (cheat, None)
    assert state.rounds[1].started_at == cheat
    assert "false start by you — Partner takes the round" in text_of(state, 0)
    assert "false start by Partner — you take the round" in text_of(state, 1)


def test_double_taps_during_the_cooldown_are_refused() -> None:
    state = new()
    with pytest.raises(IllegalMove):
        GAME.apply(state, "tap", 0, START + 0.5)
    with pytest.raises(IllegalMove):
        GAME.apply(state, "tap", 0, START - 3.0)  # older than the round
    with pytest.raises(UnknownAction):
        GAME.apply(state, "go", 0, START + 0.5)


def test_nobody_taps_the_round_is_void_and_replayed_up_to_seven_rounds() -> None:
    state = new()
    for number in range(1, MAX_ROUNDS + 1):
        assert not GAME.is_finished(state)
        assert len(state.rounds) == number
        state = GAME.on_deadline(state, go_at(state))
        timeout = go_at(state) + 10.0
        assert GAME.deadline(state) == timeout
        assert GAME.on_deadline(state, timeout - 0.001) == state
        state = GAME.on_deadline(state, timeout)
        assert state.rounds[number - 1].outcome == "timeout"
    assert GAME.is_finished(state)
    assert GAME.deadline(state) is None
    outcome = GAME.result(state)
    assert (outcome.winner, outcome.scores, outcome.short) == (None, (0, 0), ("draw", "draw"))
    assert len(outcome.details["rounds"]) == MAX_ROUNDS
    assert "Round 7: nobody tapped in time — no winner, replay" in text_of(state, 0)
    with pytest.raises(GameOver):
        GAME.apply(state, "tap", 0, timeout + 100)


def test_a_late_timer_catches_up_deterministically() -> None:
    state = new()
    step_by_step = state
    for _ in range(3):
        step_by_step = GAME.on_deadline(step_by_step, GAME.deadline(step_by_step) or 0.0)
    due = GAME.deadline(step_by_step)
    assert due is not None
    at_once = GAME.on_deadline(state, due - 0.001)
    assert at_once == step_by_step


def test_equal_timestamps_are_a_tie_and_replayed() -> None:
    state = new()
    go = go_at(state)
    state = GAME.apply(state, "tap", 0, go + 0.2)
    state = GAME.apply(state, "tap", 1, go + 0.2)
    assert (state.rounds[0].outcome, state.rounds[0].winner) == ("tie", None)
    assert "Round 1: a perfect tie — no winner, replay" in text_of(state, 0)


def test_best_of_three() -> None:
    state = new(seed=1)
    for winner in (0, 1, 0):
        go = go_at(state)
        state = GAME.apply(state, "tap", winner, go + 0.2)
        state = GAME.apply(state, "tap", 1 - winner, go + 0.3)
    assert GAME.is_finished(state)
    outcome = GAME.result(state)
    assert (outcome.winner, outcome.scores, outcome.short) == (0, (2, 1), ("win", "loss"))
    assert outcome.details["rounds"][0] == {"outcome": "win", "winner": 0, "ms": [200, 300]}
    assert GAME.view(state, 0, LIGHT).keyboard == ()
    assert "🎉 <b>You win!</b>" in text_of(state, 0)
    assert "🏆 <b>Partner wins this time!</b>" in text_of(state, 1)


def test_a_tap_after_the_timeout_belongs_to_the_next_round() -> None:
    state = new(cooldown=0.0)
    go = go_at(state)
    state = GAME.apply(state, "tap", 0, go + 10.5)  # the timeout timer has not run yet
    assert state.rounds[0].outcome == "timeout"
    assert state.rounds[1].outcome == "false_start"  # 0.5 s into a 2-6 s wait


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"min_delay": 3.0, "max_delay": 2.0}, "must not exceed"),
        ({"grace": -1.0}, "non-negative"),
        ({"cooldown": float("nan")}, "finite"),
        ({"speed": 1.0}, "unknown reaction options"),
        ({"round_timeout": 0}, "positive"),
    ],
)
def test_bad_options(options: dict[str, float], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        GAME.new(Setup(options=options))


def test_load_checks_rounds() -> None:
    state = new()
    data = GAME.dump(state)
    assert GAME.load(data) == state
    closed = dataclasses.replace(state.rounds[0], outcome="win", winner=0, ended_at=START + 5)
    for bad in (
        dataclasses.replace(state, rounds=()),
        dataclasses.replace(state, rounds=(state.rounds[0], state.rounds[0])),
        dataclasses.replace(state, rounds=(closed,) * (MAX_ROUNDS + 1)),
        dataclasses.replace(state, rounds=(dataclasses.replace(closed, outcome="won"),)),
    ):
        with pytest.raises(CorruptState):
            GAME.load(GAME.dump(bad))


def test_times_run_from_go_in_each_players_own_chat() -> None:
    """Seat 0's GO appears 150 ms after seat 1's (a slower chat): each time runs from its
    own GO, so the faster hand wins though its tap arrived later."""
    state = GAME.on_deadline(new(), go := go_at(new()))
    assert GAME.signal_pending(state, 0) and GAME.signal_pending(state, 1)
    state = GAME.signal_shown(state, 1, go + 0.01)
    assert not GAME.signal_pending(state, 1)
    assert GAME.signal_shown(state, 1, go + 0.5) == state  # recorded once
    state = GAME.apply(state, "tap", 1, go + 0.01 + 0.22)  # 220 ms after his GO
    # Seat 0's GO is not confirmed yet: the round waits for it rather than closing.
    state = GAME.signal_shown(state, 0, go + 0.16)
    assert GAME.deadline(state) == pytest.approx(go + 0.16 + 0.22 + 0.3)
    state = GAME.apply(state, "tap", 0, go + 0.16 + 0.2)  # 200 ms after hers
    first = state.rounds[0]
    assert (first.outcome, first.winner) == ("win", 0)
    assert (first.reaction_ms(0), first.reaction_ms(1)) == (200, 220)
    assert "Round 1: you 200 ms, Partner 220 ms — you take the round" in text_of(state, 0)


def test_a_signal_is_not_recorded_before_go_after_a_tap_or_when_a_timer_is_due() -> None:
    state = new()
    go = go_at(state)
    assert not GAME.signal_pending(state, 0)
    assert GAME.signal_shown(state, 0, go - 1) == state  # still "wait"
    shown = GAME.on_deadline(state, go)
    tapped = GAME.apply(shown, "tap", 0, go + 0.3)
    assert not GAME.signal_pending(tapped, 0)
    assert GAME.signal_shown(tapped, 0, go + 0.4) == tapped
    # The round's window closed by go + 0.6: a late report does not reopen it.
    assert GAME.signal_shown(tapped, 1, go + 0.7) == tapped
    assert GAME.on_deadline(tapped, go + 0.7).rounds[0].winner == 0


def test_a_double_tap_in_the_cooldown_is_too_early() -> None:
    state = GAME.on_deadline(new(), go := go_at(new()))
    state = GAME.apply(state, "tap", 0, go + 0.2)
    state = GAME.apply(state, "tap", 1, go + 0.3)
    with pytest.raises(TooEarly):
        GAME.apply(state, "tap", 0, go + 0.5)
