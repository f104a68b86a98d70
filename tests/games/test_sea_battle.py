"""Sea battle: legal fleets, turns, sinking, the end of every game and the hidden fleet."""

from __future__ import annotations

import dataclasses
import itertools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engine import Setup
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import DARK, LIGHT
from games.sea_battle import (
    FLEET,
    SIZE,
    Fleet,
    SeaBattle,
    SeaBattleState,
    neighbours,
    random_fleet,
    shot,
)
from games.text import to_english

GAME = SeaBattle()
CELLS = range(SIZE * SIZE)


def independent_check(fleet: Fleet) -> None:
    """Straight, on the board, the right sizes, and no two ships within a king's move."""
    assert sorted(len(ship) for ship in fleet) == sorted(FLEET)
    for ship in fleet:
        coords = [divmod(cell, SIZE) for cell in ship]
        assert all(0 <= r < SIZE and 0 <= c < SIZE for r, c in coords)
        rows, columns = {r for r, _ in coords}, {c for _, c in coords}
        assert len(rows) == 1 or len(columns) == 1, ship
        span = sorted(columns) if len(rows) == 1 else sorted(rows)
        assert span == list(range(span[0], span[0] + len(ship))), ship
    for a, b in itertools.combinations(fleet, 2):
        for x, y in itertools.product(a, b):
            (xr, xc), (yr, yc) = divmod(x, SIZE), divmod(y, SIZE)
            assert max(abs(xr - yr), abs(xc - yc)) >= 2, (a, b)


def battle(seed: int = 7, first: int = 0) -> SeaBattleState:
    state = GAME.new(Setup(first_player=first, seed=seed))
    state = GAME.apply(state, "ready", 0, 0.0)
    return GAME.apply(state, "ready", 1, 0.0)


def fire(state: SeaBattleState, cell: int) -> SeaBattleState:
    return GAME.apply(state, shot(cell), state.to_move, 0.0)


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**64))
def test_fleets_never_overlap_or_touch(seed: int) -> None:
    independent_check(random_fleet(random.Random(seed)))


def test_shuffles_give_new_legal_fleets_and_only_to_the_one_who_shuffles() -> None:
    state = GAME.new(Setup(seed=3))
    seen = {state.fleets[0]}
    for _ in range(20):
        after = GAME.apply(state, "shuffle", 0, 0.0)
        assert after.fleets[1] == state.fleets[1]
        independent_check(after.fleets[0])
        seen.add(after.fleets[0])
        state = after
    assert len(seen) > 15
    assert GAME.new(Setup(seed=3)) == GAME.new(Setup(seed=3))  # all from the seed


def test_placement_turns() -> None:
    state = GAME.new(Setup(seed=1))
    assert GAME.legal_actions(state, 0) == {"shuffle", "ready"}
    with pytest.raises(IllegalMove):
        GAME.apply(state, shot(0), 0, 0.0)
    state = GAME.apply(state, "ready", 1, 0.0)
    assert GAME.legal_actions(state, 1) == frozenset()
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "shuffle", 1, 0.0)
    lines = [to_english(line) for line in GAME.view(state, 0, LIGHT).lines]
    assert "Partner is ready and waiting for you." in lines
    assert GAME.view(state, 1, LIGHT).keyboard == ()
    state = GAME.apply(state, "ready", 0, 0.0)
    assert state.battle and state.to_move == 0
    with pytest.raises(IllegalMove):
        GAME.apply(state, "shuffle", 0, 0.0)
    with pytest.raises(UnknownAction):
        GAME.apply(state, "s66", 0, 0.0)


def test_a_hit_shoots_again_a_miss_passes_and_a_sunk_ship_is_fenced() -> None:
    state = battle(first=1)
    target = state.fleets[0]
    ships = {cell for ship in target for cell in ship}
    water = next(cell for cell in CELLS if cell not in ships)
    state = fire(state, water)
    assert state.to_move == 0  # a miss passes the turn
    with pytest.raises(NotYourTurn):
        GAME.apply(state, shot(0), 1, 0.0)
    with pytest.raises(IllegalMove):  # a cell shot before (after the partner misses too)
        spare = next(c for c in CELLS if c not in {x for s in state.fleets[1] for x in s})
        state = fire(state, spare)
        fire(state, water)
    big = target[0]
    for count, cell in enumerate(big, start=1):
        state = fire(state, cell)
        assert state.to_move == 1  # each hit shoots again
        assert len(state.sunk(0)) == (1 if count == len(big) else 0)
    fence = state.marked(0)
    assert fence and fence.isdisjoint(ships)
    assert fence == {n for cell in big for n in neighbours(cell)} - set(big)
    legal = GAME.legal_actions(state, 1)
    assert all(shot(cell) not in legal for cell in fence | set(big))
    with pytest.raises(IllegalMove):
        fire(state, min(fence))
    text = "\n".join(to_english(line) for line in GAME.view(state, 0, LIGHT).lines)
    assert "Partner's shot: 🔥 a ship is sunk!" in text
    assert "Ships afloat: you 4 · Partner 5" in text


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), first=st.sampled_from([0, 1]), order=st.randoms())
def test_every_game_ends_and_the_winner_sank_the_whole_fleet(
    seed: int, first: int, order: random.Random
) -> None:
    state = battle(seed, first)
    for _ in range(2 * SIZE * SIZE):
        if state.finished:
            break
        legal = sorted(GAME.legal_actions(state, state.to_move))
        assert legal and GAME.legal_actions(state, 1 - state.to_move) == frozenset()
        state = GAME.apply(state, order.choice(legal), state.to_move, 0.0)
    assert state.finished and state.winner is not None
    loser = 1 - state.winner
    assert state.afloat(loser) == 0 and state.afloat(state.winner) > 0
    outcome = GAME.result(state)
    assert outcome.scores[state.winner] == len(FLEET) > outcome.scores[loser]
    assert outcome.details["ships_lost"][loser] == len(FLEET)
    with pytest.raises(GameOver):
        GAME.apply(state, shot(0), state.to_move, 0.0)
    assert GAME.load(json.loads(json.dumps(GAME.dump(state)))) == state
    # The end shows the winner's surviving ships to the loser.
    shown = {b.label for row in GAME.view(state, loser, LIGHT).keyboard for b in row}
    assert LIGHT.sea_ship in shown


def other_fleet(fleet: Fleet, rng: random.Random) -> Fleet:
    for _ in range(200):
        candidate = random_fleet(rng)
        if candidate != fleet:
            return candidate
    raise AssertionError("no other fleet")


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), viewer=st.sampled_from([0, 1]), plan=st.randoms())
def test_the_hidden_fleet_never_shows_in_the_view(
    seed: int, viewer: int, plan: random.Random
) -> None:
    """Two games that differ only in the partner's fleet look the same to the viewer, as long
    as the viewer's shots found the same things (water) in both."""
    hider = 1 - viewer
    one = GAME.new(Setup(first_player=plan.choice([0, 1]), seed=seed))
    two = with_fleet(one, hider, other_fleet(one.fleets[hider], random.Random(seed + 1)))

    def same_view() -> None:
        if one.finished:  # the game is over: the survivors are shown, and may differ
            return
        for palette in (LIGHT, DARK):
            assert GAME.view(one, viewer, palette) == GAME.view(two, viewer, palette)
        assert GAME.legal_actions(one, viewer) == GAME.legal_actions(two, viewer)

    same_view()
    for _ in range(plan.randint(0, 3)):  # the hider shuffles: still nothing to see
        one, two = (GAME.apply(state, "shuffle", hider, 0.0) for state in (one, two))
        two = with_fleet(two, hider, other_fleet(one.fleets[hider], plan))
        same_view()
    one, two = battle_from(one), battle_from(two)
    same_view()
    hidden = {c for state in (one, two) for ship in state.fleets[hider] for c in ship}
    open_water = [c for c in CELLS if c not in hidden]
    for _ in range(60):
        if one.finished:
            break
        if one.to_move == viewer:
            legal = GAME.legal_actions(one, viewer)
            choices = [c for c in open_water if shot(c) in legal]
            if not choices:
                break
            cell = plan.choice(choices)
        else:
            action = plan.choice(sorted(GAME.legal_actions(one, hider)))
            cell = int(action[1]) * SIZE + int(action[2])
        one, two = fire(one, cell), fire(two, cell)
        same_view()


def with_fleet(state: SeaBattleState, seat: int, fleet: Fleet) -> SeaBattleState:
    fleets = (fleet, state.fleets[1]) if seat == 0 else (state.fleets[0], fleet)
    return dataclasses.replace(state, fleets=fleets)


def battle_from(state: SeaBattleState) -> SeaBattleState:
    state = GAME.apply(state, "ready", 0, 0.0)
    return GAME.apply(state, "ready", 1, 0.0)


def test_a_view_during_the_battle() -> None:
    state = battle(seed=11, first=0)
    mine = {c for ship in state.fleets[0] for c in ship}
    theirs = {c for ship in state.fleets[1] for c in ship}
    water = next(c for c in CELLS if c not in theirs)
    state = fire(state, water)
    view = GAME.view(state, 0, LIGHT)
    assert len(view.keyboard) == SIZE and all(len(row) == SIZE for row in view.keyboard)
    labels = [b.label for row in view.keyboard for b in row]
    assert labels.count(LIGHT.sea_miss) == 1 and labels.count(LIGHT.sea_water) == 35
    assert LIGHT.sea_ship not in labels  # the partner's ships stay hidden
    sea = [line for line in view.lines if isinstance(line, str) and line]
    assert len(sea) == SIZE and "".join(sea).count(LIGHT.sea_ship) == len(mine)
    text = [to_english(line) for line in view.lines]
    assert "Your shot: 💦 a miss." in text and "Partner is aiming at your sea…" in text
    their_text = [to_english(line) for line in GAME.view(state, 1, DARK).lines]
    assert "Partner's shot: 💦 a miss." in their_text
    assert "🎯 Your turn: fire at Partner's sea below." in their_text


def test_load_rejects_impossible_states() -> None:
    good = GAME.dump(battle(seed=5))
    touching = [[0, 1, 2], [8, 9], [30, 31], [34], [24]]  # 8 touches 2 at a corner
    for bad in (
        {**good, "fleets": [touching, good["fleets"][1]]},
        {**good, "fleets": [[[0, 1, 2]], good["fleets"][1]]},
        {**good, "fleets": [[[0, 7, 14], *good["fleets"][0][1:]], good["fleets"][1]]},
        {**good, "ready": [True, False], "shots": [[0, 0]]},
        {**good, "shots": [[1, 0]]},  # seat 0 shoots first
        {**good, "shots": [[0, 36]]},
        {**good, "first_player": 3},
    ):
        with pytest.raises(CorruptState):
            GAME.load(bad)
