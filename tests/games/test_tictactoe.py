"""Tic-tac-toe, checked on every reachable position against an independent checker."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

from games.engine import Setup
from games.errors import (
    CorruptState,
    GameError,
    GameOver,
    IllegalMove,
    NotAPlayer,
    NotYourTurn,
    UnknownAction,
)
from games.palette import DARK, LIGHT
from games.text import to_english
from games.tictactoe import TicTacToe, TicTacToeState

GAME = TicTacToe()
CELLS = [f"c{cell}" for cell in range(9)]


def brute_force_lines() -> list[tuple[int, int, int]]:
    """Every set of three collinear cells, found from coordinates (not from LINES)."""
    found = []
    for a, b, c in itertools.combinations(range(9), 3):
        (ax, ay), (bx, by), (cx, cy) = divmod(a, 3), divmod(b, 3), divmod(c, 3)
        if (bx - ax) * (cy - ay) == (cx - ax) * (by - ay):
            found.append((a, b, c))
    return found


COLLINEAR = brute_force_lines()


def brute_force_winner(board: tuple[int | None, ...]) -> tuple[int | None, set[int]]:
    winners = {
        board[a]
        for a, b, c in COLLINEAR
        if board[a] is not None and board[a] == board[b] == board[c]
    }
    assert len(winners) <= 1
    cells = {
        cell
        for line in COLLINEAR
        if board[line[0]] is not None and len({board[cell] for cell in line}) == 1
        for cell in line
    }
    return (winners.pop() if winners else None), cells


def error_of(state: TicTacToeState, action: str, seat: int) -> type[GameError] | None:
    """The domain error `apply` raises (pytest.raises is too slow for 300k calls)."""
    try:
        GAME.apply(state, action, seat, 0.0)
    except GameError as exc:
        return type(exc)
    return None


def reachable(first_player: int) -> Iterator[TicTacToeState]:
    """One state per reachable board, by breadth-first search through `apply`."""
    start = GAME.new(Setup(first_player=first_player))
    seen = {start.board}
    frontier = [start]
    while frontier:
        yield from frontier
        following = []
        for state in frontier:
            for action in sorted(GAME.legal_actions(state, state.to_move)):
                child = GAME.apply(state, action, state.to_move, 0.0)
                if child.board not in seen:
                    seen.add(child.board)
                    following.append(child)
        frontier = following


STATES = {first: list(reachable(first)) for first in (0, 1)}


def test_known_counts_of_positions() -> None:
    for states in STATES.values():
        assert len(states) == 5478
        finished = [s for s in states if GAME.is_finished(s)]
        assert len(finished) == 958
        first = states[0].first_player
        results = [GAME.result(s).winner for s in finished]
        assert results.count(first) == 626
        assert results.count(1 - first) == 316
        assert results.count(None) == 16


@pytest.mark.parametrize("first_player", [0, 1])
def test_every_reachable_position(first_player: int) -> None:
    for state in STATES[first_player]:
        board = state.board
        # the board alternates marks, starting with the first player
        counts = [board.count(first_player), board.count(1 - first_player)]
        assert counts[0] - counts[1] in (0, 1)
        to_move = first_player if counts[0] == counts[1] else 1 - first_player
        winner, winning_cells = brute_force_winner(board)
        finished = winner is not None or None not in board
        assert GAME.is_finished(state) == finished
        empty = {f"c{cell}" for cell in range(9) if board[cell] is None}
        waiting = 1 - to_move
        if finished:
            assert GAME.legal_actions(state, to_move) == frozenset()
            outcome = GAME.result(state)
            assert outcome.winner == winner
            assert sorted(outcome.details["winning_cells"]) == sorted(winning_cells)
            for seat, action in itertools.product((0, 1), CELLS):
                assert error_of(state, action, seat) is GameOver
        else:
            assert GAME.deadline(state) is None
            assert GAME.legal_actions(state, to_move) == empty
            assert GAME.legal_actions(state, waiting) == frozenset()
            for action in CELLS:
                assert error_of(state, action, waiting) is NotYourTurn
                if action in empty:
                    child = GAME.apply(state, action, to_move, 0.0)
                    assert child.board[int(action[1:])] == to_move
                    assert child.to_move == waiting
                else:
                    assert error_of(state, action, to_move) is IllegalMove
        for bad in ("c9", "c", "tap", ""):
            assert error_of(state, bad, to_move) is UnknownAction
        for seat in (2, -1):
            assert error_of(state, "c0", seat) is NotAPlayer
            with pytest.raises(NotAPlayer):
                GAME.legal_actions(state, seat)
            with pytest.raises(NotAPlayer):
                GAME.view(state, seat, LIGHT)
        assert GAME.load(json.loads(json.dumps(GAME.dump(state)))) == state
        check_views(state, winning_cells if winner is not None else set())


def check_views(state: TicTacToeState, winning_cells: set[int]) -> None:
    for seat, palette in itertools.product((0, 1), (LIGHT, DARK)):
        view = GAME.view(state, seat, palette)
        assert [len(row) for row in view.keyboard] == [3, 3, 3]
        assert view.actions == tuple(CELLS)
        buttons = [button for row in view.keyboard for button in row]
        for cell, button in enumerate(buttons):
            seat_there = state.board[cell]
            if seat_there is None:
                expected = palette.cell_empty
            elif seat_there == state.first_player:
                expected = palette.cell_x_win if cell in winning_cells else palette.cell_x
            else:
                expected = palette.cell_o_win if cell in winning_cells else palette.cell_o
            assert button.label == expected
        for line in view.lines:
            to_english(line)


def test_nobody_wins_twice_and_the_last_mover_wins() -> None:
    for state in STATES[0]:
        if GAME.is_finished(state) and GAME.result(state).winner is not None:
            assert GAME.result(state).winner == state.board[state.moves[-1]]


def test_outcome_short_and_scores() -> None:
    state = GAME.new(Setup(first_player=1))
    for cell, seat in [(0, 1), (3, 0), (1, 1), (4, 0), (2, 1)]:
        state = GAME.apply(state, f"c{cell}", seat, 0.0)
    outcome = GAME.result(state)
    assert outcome.winner == 1
    assert outcome.scores == (0, 1)
    assert outcome.short == ("loss", "win")
    assert outcome.details == {
        "first_player": 1,
        "moves": [0, 3, 1, 4, 2],
        "winning_cells": [0, 1, 2],
    }
    assert to_english(GAME.view(state, 1, LIGHT).lines[0]) == "🎉 <b>You win!</b>"


def test_draw() -> None:
    state = GAME.new(Setup())
    for index, cell in enumerate([0, 1, 2, 4, 3, 5, 7, 6, 8]):
        state = GAME.apply(state, f"c{cell}", index % 2, 0.0)
    assert GAME.result(state).short == ("draw", "draw")
    assert GAME.result(state).winner is None


def test_result_of_unfinished_game_is_an_error() -> None:
    with pytest.raises(ValueError, match="not finished"):
        GAME.result(GAME.new(Setup()))


def test_new_rejects_a_bad_first_player() -> None:
    with pytest.raises(NotAPlayer):
        GAME.new(Setup(first_player=2))


@pytest.mark.parametrize(
    "data",
    [
        {"first_player": 0, "moves": [0, 0]},
        {"first_player": 3, "moves": []},
        {"first_player": 0, "moves": [9]},
        {"first_player": 0, "moves": [0, 3, 1, 4, 2, 5]},  # a move after the win
        {"first_player": 0, "moves": "012"},
        {"moves": []},
    ],
)
def test_load_rejects_impossible_states(data: dict[str, object]) -> None:
    with pytest.raises(CorruptState):
        GAME.load(data)
