"""Rock-paper-scissors, best of three: both choose in secret, then the round is revealed.

A drawn round is replayed. The match ends when a player has two round wins, or after
nine rounds, when the one with more wins takes it (equal wins: a draw).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from games.codec import dump_dataclass, load_dataclass
from games.common import (
    duel_outcome,
    final_verdict,
    played_rounds,
    round_verdict,
    score_line,
    winner_by_score,
)
from games.engine import NO_QUESTIONS, Button, Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, Text, text

__all__ = ["CHOICES", "MAX_ROUNDS", "WINS_NEEDED", "Rps", "RpsState", "round_winner"]

CHOICES: tuple[str, ...] = ("rock", "paper", "scissors")
BEATS: Mapping[str, str] = {"rock": "scissors", "paper": "rock", "scissors": "paper"}
WINS_NEEDED = 2
MAX_ROUNDS = 9

_LABELS: Mapping[str, str] = {
    "rock": N_("{symbol} Rock"),
    "paper": N_("{symbol} Paper"),
    "scissors": N_("{symbol} Scissors"),
}


def round_winner(choices: tuple[str, str]) -> int | None:
    """The seat that wins a revealed round, or None for a draw."""
    first, second = choices
    if first == second:
        return None
    return 0 if BEATS[first] == second else 1


def symbol(choice: str, palette: Palette) -> str:
    return {"rock": palette.rock, "paper": palette.paper, "scissors": palette.scissors}[choice]


@dataclass(frozen=True)
class RpsState:
    rounds: tuple[tuple[str, str], ...] = ()
    """Revealed rounds: (seat 0's choice, seat 1's choice)."""
    pending: tuple[str | None, str | None] = (None, None)
    """Secret choices of the current round."""

    @property
    def wins(self) -> tuple[int, int]:
        winners = [round_winner(choices) for choices in self.rounds]
        return winners.count(0), winners.count(1)

    @property
    def finished(self) -> bool:
        return max(self.wins) >= WINS_NEEDED or len(self.rounds) >= MAX_ROUNDS

    @property
    def winner(self) -> int | None:
        return winner_by_score(self.wins)


class Rps:
    key = "rps"
    title = N_("Rock, paper, scissors")
    emoji = "✊"
    """Beside the title on buttons (optional for a game: its category's otherwise)."""
    description = N_("Choose in secret, reveal together. Best of three.")
    category = "duel"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = 0
    question_packs: Mapping[str, str] = NO_QUESTIONS

    def new(self, setup: Setup) -> RpsState:
        return RpsState()

    def legal_actions(self, state: RpsState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or state.pending[player] is not None:
            return frozenset()
        return frozenset(CHOICES)

    def apply(self, state: RpsState, action: str, player: int, now: float) -> RpsState:
        check_player(player)
        if action not in CHOICES:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if state.pending[player] is not None:
            raise NotYourTurn("already chose this round")
        mine, theirs = action, state.pending[other(player)]
        if theirs is None:
            pending = (mine, None) if player == 0 else (None, mine)
            return RpsState(state.rounds, pending)
        revealed = (mine, theirs) if player == 0 else (theirs, mine)
        return RpsState((*state.rounds, revealed), (None, None))

    def deadline(self, state: RpsState) -> float | None:
        return None

    def on_deadline(self, state: RpsState, now: float) -> RpsState:
        return state

    def view(self, state: RpsState, player: int, palette: Palette) -> View:
        check_player(player)
        partner = other(player)
        lines: list[Text | str] = [score_line(state.wins, player)]
        for number, choices in enumerate(state.rounds, start=1):
            lines.append(
                text(
                    N_("Round {n}: {mine} vs {theirs} — {verdict}"),
                    n=number,
                    mine=symbol(choices[player], palette),
                    theirs=symbol(choices[partner], palette),
                    verdict=round_verdict(round_winner(choices), player),
                )
            )
        if state.finished:
            lines += ["", final_verdict(state.winner, player), played_rounds(len(state.rounds))]
            return View(tuple(lines))
        lines.append("")
        lines.append(text(N_("<b>Round {n}</b>"), n=len(state.rounds) + 1))
        chosen = state.pending[player]
        if chosen is not None:
            lines.append(
                text(
                    N_("You chose {symbol}. Waiting for {partner} to choose…"),
                    symbol=symbol(chosen, palette),
                )
            )
            return View(tuple(lines))
        if state.pending[partner] is not None:
            lines.append(text(N_("{partner} has chosen. Your move!")))
        else:
            lines.append(text(N_("Make your choice — {partner} won't see it until you both pick.")))
        row = tuple(
            Button(text(_LABELS[choice], symbol=symbol(choice, palette)), choice)
            for choice in CHOICES
        )
        return View(tuple(lines), (row,))

    def is_finished(self, state: RpsState) -> bool:
        return state.finished

    def result(self, state: RpsState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        details = {"rounds": [list(choices) for choices in state.rounds]}
        return duel_outcome(state.winner, state.wins, details)

    def dump(self, state: RpsState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> RpsState:
        state = load_dataclass(RpsState, data)
        choices = [c for pair in state.rounds for c in pair] + [
            c for c in state.pending if c is not None
        ]
        if any(c not in CHOICES for c in choices):
            raise CorruptState("unknown choice")
        if any(RpsState(state.rounds[:count]).finished for count in range(len(state.rounds))):
            raise CorruptState("rounds continue after the end of the match")
        if any(c is not None for c in state.pending) and state.finished:
            raise CorruptState("pending choices in a finished game")
        if None not in state.pending:
            raise CorruptState("both pending choices set: the round should be revealed")
        return state
