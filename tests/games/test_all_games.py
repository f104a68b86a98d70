"""Properties every game must have, driven by random presses from both seats."""

from __future__ import annotations

import dataclasses
import json
import math
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.engine import CATEGORIES, Game, Outcome, Setup, View
from games.errors import CorruptState, GameError, NotAPlayer
from games.palette import DARK, LIGHT, palette_for
from games.registry import GAMES, get_game
from games.text import Text, to_english

VOCABULARY: dict[str, tuple[str, ...]] = {
    "tictactoe": tuple(f"c{cell}" for cell in range(9)),
    "rps": ("rock", "paper", "scissors"),
    "reaction": ("tap",),
    "quiz": ("a0", "a1", "a2", "a3"),
    "insync": ("a0", "a1", "a2", "a3"),
    "truthordare": ("truth", "dare", "done", "skip", "stop", "stopyes", "stopno"),
    "connect4": ("c00", "c35", "c63", "c66", "c70"),
    "seabattle": ("shuffle", "ready", "ready", *(f"s{r}{c}" for r in range(6) for c in range(6))),
}
JUNK = ("", "c9", "a4", "TAP", "x" * 13, "rock ")
FAST_REACTION = {
    "min_delay": 0.5,
    "max_delay": 2.0,
    "grace": 0.3,
    "round_timeout": 3.0,
    "cooldown": 0.2,
}

GAME_KEYS = [game.key for game in GAMES]


def make_setup(key: str, seed: int, first_player: int, now: float) -> Setup:
    options = FAST_REACTION if key == "reaction" else {}
    return Setup(first_player=first_player, seed=seed, now=now, options=options)


def view_text(view: View) -> str:
    """Everything a player could read, in English (formatting checks every placeholder)."""
    parts = [to_english(line, partner="PARTNER", me="ME") for line in view.lines]
    parts += [to_english(b.label, partner="PARTNER", me="ME") for row in view.keyboard for b in row]
    return "\n".join(parts)


def check_state(game: Game[Any], state: Any) -> None:
    data = game.dump(state)
    assert game.load(json.loads(json.dumps(data))) == state
    assert game.load(data) == state
    for seat in (0, 1):
        legal = game.legal_actions(state, seat)
        for palette in (LIGHT, DARK):
            view = game.view(state, seat, palette)
            view_text(view)
            for action in view.actions:
                assert len(action) <= 12
                if action in legal:
                    continue
                # a button that is not legal now must be inert: a domain error, no change
                with pytest.raises(GameError):
                    game.apply(state, action, seat, math.inf)
        if game.is_finished(state):
            assert legal == frozenset()
    if game.is_finished(state):
        assert game.deadline(state) is None
        check_outcome(game, game.result(state))
    else:
        with pytest.raises(ValueError, match="not finished"):
            game.result(state)


def check_outcome(game: Game[Any], outcome: Outcome) -> None:
    json.dumps(outcome.details)
    assert outcome.winner in (None, 0, 1)
    if game.cooperative:
        assert outcome.winner is None
        assert outcome.short[0] == outcome.short[1]
    if game.key == "truthordare":
        assert outcome.short[0] == "💬 {truths} · 🎯 {dares}".format_map(outcome.details)
        assert sum(outcome.scores) == outcome.details["truths"] + outcome.details["dares"]
        return
    if game.key in ("quiz", "insync"):
        total = game.questions_per_game
        if game.key == "quiz":
            assert outcome.short == tuple(f"{score}/{total}" for score in outcome.scores)
            assert all(0 <= score <= total for score in outcome.scores)
        else:
            assert outcome.winner is None
            assert outcome.scores[0] == outcome.scores[1]
            assert outcome.short == (f"{outcome.scores[0]}%",) * 2
        expected = None
        if outcome.scores[0] != outcome.scores[1]:
            expected = 0 if outcome.scores[0] > outcome.scores[1] else 1
        assert outcome.winner == expected
        return
    if outcome.winner is None:
        assert outcome.short == ("draw", "draw")
        assert outcome.scores[0] == outcome.scores[1]
    else:
        assert outcome.short[outcome.winner] == "win"
        assert outcome.short[1 - outcome.winner] == "loss"
        assert outcome.scores[outcome.winner] > outcome.scores[1 - outcome.winner]


presses = st.lists(
    st.tuples(
        st.sampled_from([0, 1, 0, 1, 2]),  # seat; 2 is not a player
        st.integers(min_value=0, max_value=20),  # which action
        st.floats(min_value=-0.5, max_value=2.5),  # time since the previous event
        st.booleans(),  # run the timer first?
    ),
    max_size=40,
)


@pytest.mark.parametrize("key", GAME_KEYS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), first=st.sampled_from([0, 1]), events=presses)
def test_random_presses_only_raise_domain_errors(
    key: str, seed: int, first: int, events: list[tuple[int, int, float, bool]]
) -> None:
    game = get_game(key)
    now = 1000.0
    state = game.new(make_setup(key, seed, first, now))
    check_state(game, state)
    actions = VOCABULARY[key] + JUNK
    for seat, which, delta, timer in events:
        now += delta
        if timer:
            due = game.deadline(state)
            if due is not None:
                now = max(now, due)
            timed = game.on_deadline(state, now)
            assert game.on_deadline(timed, now) == timed  # twice is a no-op
            state = timed
        action = actions[which % len(actions)]
        error: GameError | None = None
        try:
            after = game.apply(state, action, seat, now)
        except GameError as exc:
            error = exc
        if error is not None:
            assert seat != 2 or isinstance(error, NotAPlayer)
            continue
        assert seat in (0, 1)
        assert after != state
        state = after
        check_state(game, state)


@pytest.mark.parametrize("key", GAME_KEYS)
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), first=st.sampled_from([0, 1]))
def test_legal_play_always_finishes(key: str, seed: int, first: int) -> None:
    """Random legal moves (and timers) reach the end with a consistent outcome."""
    game = get_game(key)
    rng = random.Random(seed)
    now = 0.0
    state = game.new(make_setup(key, seed, first, now))
    for _ in range(500):
        if game.is_finished(state):
            break
        moves = [(seat, a) for seat in (0, 1) for a in sorted(game.legal_actions(state, seat))]
        due = game.deadline(state)
        if due is not None and (not moves or rng.random() < 0.4):
            now = max(now, due)
            state = game.on_deadline(state, now)
            continue
        seat, action = rng.choice(moves)
        now += rng.uniform(0.0, 1.5)
        try:
            state = game.apply(state, action, seat, now)
        except GameError:
            assert key == "reaction"  # a tap during the cooldown
    assert game.is_finished(state)
    check_state(game, state)


@pytest.mark.parametrize("key", ["rps", "quiz", "insync"])
@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    script=st.lists(st.tuples(st.sampled_from([0, 1]), st.integers(0, 3)), max_size=30),
)
def test_pending_choice_never_shows_in_the_partner_view(
    key: str, seed: int, script: list[tuple[int, int]]
) -> None:
    """Before the reveal, the partner's view is the same whatever the pending choice is."""
    game = get_game(key)
    state = game.new(make_setup(key, seed, 0, 0.0))
    for seat, which in script:
        legal = sorted(game.legal_actions(state, seat))
        if legal:
            state = game.apply(state, legal[which % len(legal)], seat, 0.0)
        for chooser in (0, 1):
            choice = state.pending[chooser]
            if choice is None:
                continue
            alternatives = choices_for(key, state)
            watcher = 1 - chooser
            for palette in (LIGHT, DARK):
                seen = {
                    repr(game.view(with_pending(state, chooser, alt), watcher, palette))
                    for alt in alternatives
                }
                assert len(seen) == 1


def choices_for(key: str, state: Any) -> list[Any]:
    if key == "rps":
        return ["rock", "paper", "scissors"]
    return list(range(len(state.question(state.step).options)))


def with_pending(state: Any, seat: int, choice: Any) -> Any:
    pending = list(state.pending)
    pending[seat] = choice
    return dataclasses.replace(state, pending=tuple(pending))


def test_registry() -> None:
    assert GAME_KEYS[:5] == ["tictactoe", "rps", "reaction", "quiz", "insync"]  # the first five
    assert set(VOCABULARY) == set(GAME_KEYS), "every game needs a press vocabulary here"
    assert len(set(GAME_KEYS)) == len(GAME_KEYS)
    for game in GAMES:
        assert get_game(game.key) is game
        assert game.category in CATEGORIES
        assert game.title and game.description
        assert "{" not in game.title and "{" not in game.description
        assert game.animation_url is None or game.animation_url.startswith("https://")
        assert 0 <= game.questions_per_game <= len(game.question_packs)
        assert (game.questions_per_game == 0) == (not game.question_packs)
        assert isinstance(game.cooperative, bool)
    assert {game.category for game in GAMES} == set(CATEGORIES)
    with pytest.raises(KeyError):
        get_game("chess")


@pytest.mark.parametrize("key", GAME_KEYS)
def test_not_a_player(key: str) -> None:
    game = get_game(key)
    state = game.new(make_setup(key, 1, 0, 0.0))
    for seat in (2, -1):
        with pytest.raises(NotAPlayer):
            game.legal_actions(state, seat)
        with pytest.raises(NotAPlayer):
            game.view(state, seat, LIGHT)
        with pytest.raises(NotAPlayer):
            game.apply(state, VOCABULARY[key][0], seat, 0.0)


@pytest.mark.parametrize("key", GAME_KEYS)
def test_load_rejects_garbage(key: str) -> None:
    game = get_game(key)
    good = game.dump(game.new(make_setup(key, 1, 0, 0.0)))
    bad: Any
    for bad in ({**good, "extra": 1}, dict.fromkeys(good, "x"), [], "state"):
        with pytest.raises(CorruptState):
            game.load(bad)


def test_palettes() -> None:
    assert palette_for("dark") is DARK
    assert palette_for("light") is LIGHT
    assert palette_for("unknown") is LIGHT
    assert LIGHT.bar_filled != DARK.bar_filled
    assert LIGHT.bar(2, 5) == "▰▰▱▱▱"
    assert DARK.bar(9, 3) == DARK.bar_filled * 3
    for palette in (LIGHT, DARK):
        symbols = [palette.cell_empty, palette.cell_x, palette.cell_o]
        symbols += [palette.cell_x_win, palette.cell_o_win]
        assert len(set(symbols)) == len(symbols)
        assert len({palette.rock, palette.paper, palette.scissors}) == 3
        assert palette.wait != palette.go
        assert palette.correct != palette.wrong
        assert palette.match != palette.mismatch
        pieces = [palette.c4_empty, palette.c4_first, palette.c4_second]
        pieces += [palette.c4_first_last, palette.c4_second_last]
        pieces += [palette.c4_first_win, palette.c4_second_win]
        assert len(set(pieces)) == len(pieces)
        sea = [palette.sea_water, palette.sea_ship, palette.sea_miss, palette.sea_hit]
        sea += [palette.sea_sunk, palette.sea_near]
        assert len(set(sea)) == len(sea)


def test_text_values() -> None:
    nested = Text("{a} and {b}", {"a": 1, "b": Text("{partner}!")})
    assert to_english(nested, partner="P") == "1 and P!"
    with pytest.raises(ValueError, match="plural"):
        Text("x", plural="xs")
