"""Tic-tac-toe: take turns on a 3x3 board; three in a row wins. The first player is X."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from games.codec import dump_dataclass, load_dataclass
from games.common import final_verdict, line_outcome
from games.engine import NO_QUESTIONS, Button, Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, Text, text

__all__ = ["ACTIONS", "LINES", "TicTacToe", "TicTacToeState"]

ACTIONS: tuple[str, ...] = tuple(f"c{cell}" for cell in range(9))
LINES: tuple[tuple[int, int, int], ...] = (
    (0, 1, 2),
    (3, 4, 5),
    (6, 7, 8),
    (0, 3, 6),
    (1, 4, 7),
    (2, 5, 8),
    (0, 4, 8),
    (2, 4, 6),
)


@dataclass(frozen=True)
class TicTacToeState:
    """The whole game is who started and the cells played, in order."""

    first_player: int
    moves: tuple[int, ...] = ()

    @cached_property
    def board(self) -> tuple[int | None, ...]:
        """The seat occupying each cell, or None."""
        cells: list[int | None] = [None] * 9
        for index, cell in enumerate(self.moves):
            cells[cell] = self.first_player if index % 2 == 0 else other(self.first_player)
        return tuple(cells)

    @property
    def to_move(self) -> int:
        return self.first_player if len(self.moves) % 2 == 0 else other(self.first_player)

    @cached_property
    def winning_cells(self) -> frozenset[int]:
        """Cells of every completed line (a last move can complete two)."""
        board = self.board
        return frozenset(
            cell
            for line in LINES
            if board[line[0]] is not None and board[line[0]] == board[line[1]] == board[line[2]]
            for cell in line
        )

    @property
    def winner(self) -> int | None:
        cells = self.winning_cells
        return self.board[min(cells)] if cells else None

    @property
    def finished(self) -> bool:
        return len(self.moves) == 9 or bool(self.winning_cells)


class TicTacToe:
    key = "tictactoe"
    title = N_("Tic-tac-toe")
    emoji = "⭕"
    """Beside the title on buttons (optional for a game: its category's otherwise)."""
    description = N_("The classic: take turns and get three in a row.")
    category = "classic"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = 0
    question_packs: Mapping[str, str] = NO_QUESTIONS

    def new(self, setup: Setup) -> TicTacToeState:
        return TicTacToeState(first_player=check_player(setup.first_player))

    def legal_actions(self, state: TicTacToeState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or player != state.to_move:
            return frozenset()
        return frozenset(ACTIONS[cell] for cell, seat in enumerate(state.board) if seat is None)

    def apply(self, state: TicTacToeState, action: str, player: int, now: float) -> TicTacToeState:
        check_player(player)
        if action not in ACTIONS:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if player != state.to_move:
            raise NotYourTurn(f"seat {state.to_move} moves")
        cell = ACTIONS.index(action)
        if state.board[cell] is not None:
            raise IllegalMove(f"cell {cell} is taken")
        return TicTacToeState(state.first_player, (*state.moves, cell))

    def deadline(self, state: TicTacToeState) -> float | None:
        return None

    def on_deadline(self, state: TicTacToeState, now: float) -> TicTacToeState:
        return state

    def view(self, state: TicTacToeState, player: int, palette: Palette) -> View:
        check_player(player)
        mine = palette.cell_x if player == state.first_player else palette.cell_o
        lines: list[Text | str]
        if state.finished:
            lines = [final_verdict(state.winner, player)]
        elif state.to_move == player:
            lines = [text(N_("Your move! You play {mark}."), mark=mine)]
        else:
            lines = [text(N_("{partner} is thinking… You play {mark}."), mark=mine)]
        board, winning = state.board, state.winning_cells
        keyboard = tuple(
            tuple(
                Button(self._symbol(board[cell], cell in winning, state, palette), ACTIONS[cell])
                for cell in range(row * 3, row * 3 + 3)
            )
            for row in range(3)
        )
        return View(tuple(lines), keyboard)

    @staticmethod
    def _symbol(seat: int | None, wins: bool, state: TicTacToeState, palette: Palette) -> str:
        if seat is None:
            return palette.cell_empty
        if seat == state.first_player:
            return palette.cell_x_win if wins else palette.cell_x
        return palette.cell_o_win if wins else palette.cell_o

    def is_finished(self, state: TicTacToeState) -> bool:
        return state.finished

    def result(self, state: TicTacToeState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        return line_outcome(
            winner=state.winner,
            first_player=state.first_player,
            moves=state.moves,
            winning_cells=state.winning_cells,
        )

    def dump(self, state: TicTacToeState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> TicTacToeState:
        state = load_dataclass(TicTacToeState, data)
        _validate(state)
        return state


def _validate(state: TicTacToeState) -> None:
    if state.first_player not in (0, 1):
        raise CorruptState("first_player must be 0 or 1")
    if len(set(state.moves)) != len(state.moves) or any(not 0 <= c < 9 for c in state.moves):
        raise CorruptState("moves must be distinct cells 0-8")
    for count in range(len(state.moves)):
        if TicTacToeState(state.first_player, state.moves[:count]).finished:
            raise CorruptState("moves continue after the end of the game")
