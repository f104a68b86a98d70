"""Domain errors raised by `Game.apply` and friends; the handler turns them into alerts.

Checks run in this order, so the same press always gets the same answer:
`NotAPlayer`, `UnknownAction`, `GameOver`, `NotYourTurn`, `IllegalMove`.
"""

from __future__ import annotations

__all__ = [
    "CorruptState",
    "GameError",
    "GameOver",
    "IllegalMove",
    "NotAPlayer",
    "NotYourTurn",
    "TooEarly",
    "UnknownAction",
]


class GameError(Exception):
    """Base class of every rule violation. The message is for logs, not for users."""


class NotAPlayer(GameError):
    """The seat is not 0 or 1."""


class UnknownAction(GameError):
    """The action is not part of this game's vocabulary (stale or forged button)."""


class GameOver(GameError):
    """The game has already finished."""


class NotYourTurn(GameError):
    """The player must wait: it is the partner's turn, or they already acted this round."""


class IllegalMove(GameError):
    """A known action that the rules do not allow right now (occupied cell, missing option)."""


class TooEarly(IllegalMove):
    """A press that came before the game accepts one (a double tap right after a round of
    the reaction duel ended, before the next GO can come)."""


class CorruptState(ValueError):
    """Stored data that `Game.load` cannot turn into a valid state (not a rule violation)."""
