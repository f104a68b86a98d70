"""Connect Four: take turns dropping a piece into one of 7 columns of a 6-row board; four
in a row (across, down or diagonal) wins, a full board is a draw. The first player is red.

The board is the keyboard: 6 rows of 7 buttons (42, under Telegram's 8 per row and 100 in
all), top row first. A tap on any cell of a column drops the piece into that column, so a
player never has to aim for the lowest free cell. Cell ``c{column}{row}`` is column 0-6
from the left and row 0-5 from the bottom.
"""

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

__all__ = ["COLUMNS", "LINES", "ROWS", "ConnectFour", "ConnectFourState", "action", "cell"]

COLUMNS = 7
ROWS = 6
IN_A_ROW = 4


def cell(column: int, row: int) -> int:
    """The index of a cell: row-major from the bottom-left corner."""
    return row * COLUMNS + column


def action(column: int, row: int) -> str:
    return f"c{column}{row}"


ACTIONS: Mapping[str, int] = {
    action(column, row): column for column in range(COLUMNS) for row in range(ROWS)
}
"""Every button's action and the column it drops into."""


def _lines() -> tuple[tuple[int, ...], ...]:
    found = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            for dc, dr in ((1, 0), (0, 1), (1, 1), (1, -1)):
                end_c, end_r = column + dc * (IN_A_ROW - 1), row + dr * (IN_A_ROW - 1)
                if 0 <= end_c < COLUMNS and 0 <= end_r < ROWS:
                    found.append(
                        tuple(cell(column + dc * k, row + dr * k) for k in range(IN_A_ROW))
                    )
    return tuple(found)


LINES: tuple[tuple[int, ...], ...] = _lines()
"""Every four cells in a row (69 of them)."""


@dataclass(frozen=True)
class ConnectFourState:
    """The whole game is who started and the columns played, in order."""

    first_player: int
    moves: tuple[int, ...] = ()

    @cached_property
    def board(self) -> tuple[int | None, ...]:
        """The seat occupying each cell (`cell(column, row)`), or None."""
        cells: list[int | None] = [None] * (COLUMNS * ROWS)
        heights = [0] * COLUMNS
        for index, column in enumerate(self.moves):
            cells[cell(column, heights[column])] = self._seat_of(index)
            heights[column] += 1
        return tuple(cells)

    @cached_property
    def heights(self) -> tuple[int, ...]:
        return tuple(self.moves.count(column) for column in range(COLUMNS))

    def _seat_of(self, move_index: int) -> int:
        return self.first_player if move_index % 2 == 0 else other(self.first_player)

    @property
    def to_move(self) -> int:
        return self._seat_of(len(self.moves))

    @property
    def last_cell(self) -> int | None:
        if not self.moves:
            return None
        column = self.moves[-1]
        return cell(column, self.heights[column] - 1)

    @cached_property
    def winning_cells(self) -> frozenset[int]:
        """Cells of every completed line (a last move can complete several)."""
        board = self.board
        return frozenset(
            index
            for line in LINES
            if board[line[0]] is not None and all(board[i] == board[line[0]] for i in line)
            for index in line
        )

    @property
    def winner(self) -> int | None:
        cells = self.winning_cells
        return self.board[min(cells)] if cells else None

    @property
    def finished(self) -> bool:
        return len(self.moves) == COLUMNS * ROWS or bool(self.winning_cells)


class ConnectFour:
    key = "connect4"
    emoji = "🔴"
    title = N_("Connect Four")
    description = N_("Drop your pieces in turn and line up four before your partner does.")
    category = "classic"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = 0
    question_packs: Mapping[str, str] = NO_QUESTIONS

    def new(self, setup: Setup) -> ConnectFourState:
        return ConnectFourState(first_player=check_player(setup.first_player))

    def legal_actions(self, state: ConnectFourState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or player != state.to_move:
            return frozenset()
        return frozenset(name for name, column in ACTIONS.items() if state.heights[column] < ROWS)

    def apply(
        self, state: ConnectFourState, action: str, player: int, now: float
    ) -> ConnectFourState:
        check_player(player)
        if action not in ACTIONS:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if player != state.to_move:
            raise NotYourTurn(f"seat {state.to_move} moves")
        column = ACTIONS[action]
        if state.heights[column] >= ROWS:
            raise IllegalMove(f"column {column} is full")
        return ConnectFourState(state.first_player, (*state.moves, column))

    def deadline(self, state: ConnectFourState) -> float | None:
        return None

    def on_deadline(self, state: ConnectFourState, now: float) -> ConnectFourState:
        return state

    def view(self, state: ConnectFourState, player: int, palette: Palette) -> View:
        check_player(player)
        mine = palette.c4_first if player == state.first_player else palette.c4_second
        lines: list[Text | str] = []
        if state.moves:
            mover = other(state.to_move)
            column = state.moves[-1] + 1
            if mover == player:
                lines.append(text(N_("You dropped into column {column}."), column=column))
            else:
                lines.append(text(N_("{partner} dropped into column {column}."), column=column))
        if state.finished:
            lines.append(final_verdict(state.winner, player))
        elif state.to_move == player:
            lines.append(text(N_("Your move! You play {mark}."), mark=mine))
            lines.append(text(N_("Tap any cell of a column to drop your piece into it.")))
        else:
            lines.append(text(N_("{partner} is thinking… You play {mark}."), mark=mine))
        keyboard = tuple(
            tuple(
                Button(self._symbol(state, cell(column, row), palette), action(column, row))
                for column in range(COLUMNS)
            )
            for row in reversed(range(ROWS))
        )
        return View(tuple(lines), keyboard)

    @staticmethod
    def _symbol(state: ConnectFourState, index: int, palette: Palette) -> str:
        seat = state.board[index]
        if seat is None:
            return palette.c4_empty
        first = seat == state.first_player
        if index in state.winning_cells:
            return palette.c4_first_win if first else palette.c4_second_win
        if index == state.last_cell:
            return palette.c4_first_last if first else palette.c4_second_last
        return palette.c4_first if first else palette.c4_second

    def is_finished(self, state: ConnectFourState) -> bool:
        return state.finished

    def result(self, state: ConnectFourState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        return line_outcome(
            winner=state.winner,
            first_player=state.first_player,
            moves=state.moves,
            winning_cells=state.winning_cells,
        )

    def dump(self, state: ConnectFourState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> ConnectFourState:
        state = load_dataclass(ConnectFourState, data)
        _validate(state)
        return state


def _validate(state: ConnectFourState) -> None:
    if state.first_player not in (0, 1):
        raise CorruptState("first_player must be 0 or 1")
    if any(not 0 <= column < COLUMNS for column in state.moves):
        raise CorruptState("moves must be columns 0-6")
    if any(state.moves.count(column) > ROWS for column in range(COLUMNS)):
        raise CorruptState("a column holds at most 6 pieces")
    for count in range(len(state.moves)):
        if ConnectFourState(state.first_player, state.moves[:count]).finished:
            raise CorruptState("moves continue after the end of the game")
