"""Connect Four: win detection against an independent checker, drops, turns and snapshots."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.connect_four import (
    COLUMNS,
    LINES,
    ROWS,
    ConnectFour,
    ConnectFourState,
    action,
    cell,
)
from games.engine import Setup
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import DARK, LIGHT
from games.text import to_english

GAME = ConnectFour()


def brute_force(board: tuple[int | None, ...]) -> tuple[set[int | None], set[int]]:
    """Winners and winning cells, by walking from every cell in 8 directions."""
    winners: set[int | None] = set()
    cells: set[int] = set()
    for row in range(ROWS):
        for column in range(COLUMNS):
            seat = board[cell(column, row)]
            if seat is None:
                continue
            for dc, dr in ((1, 0), (0, 1), (1, 1), (1, -1), (-1, 0), (0, -1), (-1, -1), (-1, 1)):
                run = []
                c, r = column, row
                while 0 <= c < COLUMNS and 0 <= r < ROWS and board[cell(c, r)] == seat:
                    run.append(cell(c, r))
                    c, r = c + dc, r + dr
                if len(run) >= 4:
                    winners.add(seat)
                    cells.update(run)
    return winners, cells


def play(columns: list[int], first: int = 0) -> ConnectFourState:
    state = GAME.new(Setup(first_player=first))
    for column in columns:
        state = GAME.apply(state, action(column, 0), state.to_move, 0.0)
    return state


def test_sixty_nine_lines() -> None:
    assert len(LINES) == 69 == len(set(LINES))
    assert all(len(line) == 4 for line in LINES)


@pytest.mark.parametrize(
    ("columns", "winner", "line"),
    [
        ([0, 0, 1, 1, 2, 2, 3], 0, [cell(c, 0) for c in range(4)]),  # across
        ([6, 0, 6, 0, 6, 0, 6], 0, [cell(6, r) for r in range(4)]),  # down
        ([0, 1, 1, 2, 2, 3, 2, 3, 3, 6, 3], 0, [cell(k, k) for k in range(4)]),  # diagonal /
        ([6, 5, 5, 4, 4, 3, 4, 3, 3, 0, 3], 0, [cell(6 - k, k) for k in range(4)]),  # diagonal \
        ([0, 1, 0, 1, 0, 1, 6, 1], 1, [cell(1, r) for r in range(4)]),  # the second player
    ],
)
def test_each_direction_wins(columns: list[int], winner: int, line: list[int]) -> None:
    state = play(columns)
    assert state.finished and state.winner == winner
    assert state.winning_cells == frozenset(line)
    assert GAME.result(state).short == (("win", "loss") if winner == 0 else ("loss", "win"))
    with pytest.raises(GameOver):
        GAME.apply(state, action(5, 5), state.to_move, 0.0)


def test_full_board_without_four_is_a_draw() -> None:
    columns = [4, 4, 0, 2, 5, 5, 4, 3, 5, 3, 6, 5, 2, 5, 1, 3, 1, 5, 1, 4, 6]
    columns += [1, 6, 4, 4, 6, 6, 0, 1, 0, 3, 0, 6, 2, 2, 3, 0, 1, 3, 0, 2, 2]
    state = play(columns)
    assert brute_force(state.board) == (set(), set())
    assert state.finished and state.winner is None and len(state.moves) == 42
    assert GAME.result(state).short == ("draw", "draw")


@settings(max_examples=400, deadline=None)
@given(seed=st.integers(0, 2**32), first=st.sampled_from([0, 1]))
def test_win_detection_matches_brute_force_on_random_games(seed: int, first: int) -> None:
    rng = random.Random(seed)
    state = GAME.new(Setup(first_player=first))
    while True:
        winners, cells = brute_force(state.board)
        assert state.winning_cells == frozenset(cells)
        assert state.winner == (next(iter(winners)) if winners else None)
        assert len(winners) <= 1  # the game stops at the first four
        assert state.finished == (bool(winners) or len(state.moves) == 42)
        if state.finished:
            break
        legal = sorted(GAME.legal_actions(state, state.to_move))
        state = GAME.apply(state, rng.choice(legal), state.to_move, 0.0)
    assert GAME.load(json.loads(json.dumps(GAME.dump(state)))) == state


def test_any_cell_of_a_column_drops_to_the_bottom() -> None:
    state = GAME.new(Setup(first_player=1))
    state = GAME.apply(state, action(3, 5), 1, 0.0)  # the top cell of column 3
    assert state.board[cell(3, 0)] == 1 and state.last_cell == cell(3, 0)
    state = GAME.apply(state, action(3, 0), 0, 0.0)
    assert state.board[cell(3, 1)] == 0
    with pytest.raises(NotYourTurn):
        GAME.apply(state, action(0, 0), 0, 0.0)
    with pytest.raises(UnknownAction):
        GAME.apply(state, "c70", 1, 0.0)


def test_a_full_column_is_refused_everywhere() -> None:
    state = play([2, 2, 2, 2, 2, 2])
    assert not state.finished
    legal = GAME.legal_actions(state, state.to_move)
    assert all(action(2, row) not in legal for row in range(ROWS))
    assert len(legal) == 36
    for row in range(ROWS):
        with pytest.raises(IllegalMove):
            GAME.apply(state, action(2, row), state.to_move, 0.0)


def test_view_shows_the_board_the_last_move_and_the_win() -> None:
    state = play([0, 0, 1, 1, 2])
    view = GAME.view(state, 0, LIGHT)
    assert len(view.keyboard) == ROWS and all(len(row) == COLUMNS for row in view.keyboard)
    bottom = [button.label for button in view.keyboard[-1]]
    assert bottom[:4] == ["🔴", "🔴", "🟥", "⚪"]  # the last move stands out
    assert [to_english(line) for line in view.lines] == [
        "You dropped into column 3.",
        "Partner is thinking… You play 🔴.",
    ]
    their = [to_english(line) for line in GAME.view(state, 1, DARK).lines]
    assert their[0] == "Partner dropped into column 3." and "You play 🟡" in their[1]
    won = play([0, 0, 1, 1, 2, 2, 3])
    bottom = [button.label for button in GAME.view(won, 1, LIGHT).keyboard[-1]]
    assert bottom[:5] == ["❤️"] * 4 + ["⚪"]
    assert "wins this time" in to_english(GAME.view(won, 1, LIGHT).lines[-1])


def test_load_rejects_impossible_games() -> None:
    for bad in (
        {"first_player": 0, "moves": [7]},
        {"first_player": 0, "moves": [1] * 7},
        {"first_player": 2, "moves": []},
        {"first_player": 0, "moves": [0, 0, 1, 1, 2, 2, 3, 3]},  # a move after the win
    ):
        with pytest.raises(CorruptState):
            GAME.load(bad)
