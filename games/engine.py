"""The contract between pure games and the bot: setup, views, outcome and the `Game` protocol.

Players are seats 0 and 1 (seat 0 is ``game_sessions.partner1``). Games are pure,
synchronous and deterministic: all randomness derives from `Setup.seed`, all time
comes in as arguments, and states are frozen dataclasses of plain data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, runtime_checkable

from games.errors import NotAPlayer
from games.palette import Palette
from games.text import Text

__all__ = [
    "CATEGORIES",
    "NO_QUESTIONS",
    "SEATS",
    "AsksPartnerQuestions",
    "Button",
    "Game",
    "Outcome",
    "PartnerQuestion",
    "Setup",
    "ShownSignals",
    "View",
    "check_player",
    "other",
]

S = TypeVar("S")

SEATS: tuple[int, int] = (0, 1)
CATEGORIES: tuple[str, ...] = ("classic", "duel", "reaction", "quiz", "romantic")
_ACTION = re.compile(r"[a-z0-9]{1,12}")
NO_QUESTIONS: Mapping[str, str] = MappingProxyType({})
"""`Game.question_packs` of a game that asks no questions."""


def check_player(player: int) -> int:
    """Return `player` if it is a seat, else raise `NotAPlayer`."""
    if player not in SEATS or isinstance(player, bool):
        raise NotAPlayer(f"seat must be 0 or 1, got {player!r}")
    return player


def other(player: int) -> int:
    """The partner's seat."""
    return 1 - player


@dataclass(frozen=True)
class PartnerQuestion:
    """A question one partner wrote for the couple, with 2-4 options: shown as written,
    never translated. A game that asks it keeps this copy in its state, so editing or
    deleting the question in the couple's list changes no game already holding it."""

    prompt: str
    options: tuple[str, ...]
    author: int
    """The author's seat."""


@dataclass(frozen=True)
class Setup:
    """How a new game starts; chosen by the caller."""

    first_player: int = 0
    """Who moves first (tic-tac-toe; the first subject in the quiz). Callers alternate it."""
    seed: int = 0
    """All randomness derives from it."""
    now: float = 0.0
    """Start time in seconds (same clock as the `now` given to `apply`)."""
    questions: tuple[str, ...] = ()
    """Question ids picked from the game's bank; empty means "pick from the seed"."""
    options: Mapping[str, float] = field(default_factory=dict)
    """Tunables, so tests never sleep (the reaction duel reads its timings here and rejects
    unknown keys; the other games take none)."""
    partner_questions: tuple[PartnerQuestion, ...] = ()
    """The couple's own questions to ask (games that are `AsksPartnerQuestions`)."""


@dataclass(frozen=True)
class Outcome:
    """The result of a finished game."""

    winner: int | None
    """The winning seat, or None for a draw or a cooperative game."""
    scores: tuple[int, int]
    short: tuple[str, str]
    """``history.result_short`` from each seat's side: "win", "loss", "draw", "4/5", "86%"."""
    details: Mapping[str, Any]
    """JSON-serializable details for ``game_sessions.result_json``."""


@dataclass(frozen=True)
class Button:
    """One inline button. A `str` label is a literal symbol; a `Text` label is translated."""

    label: Text | str
    action: str
    """1-12 characters of ``[a-z0-9]``, unique within a view."""

    def __post_init__(self) -> None:
        if not _ACTION.fullmatch(self.action):
            raise ValueError(f"bad action {self.action!r}: 1-12 characters of [a-z0-9]")


@dataclass(frozen=True)
class View:
    """What one player sees: message lines and an inline keyboard."""

    lines: tuple[Text | str, ...]
    """Message lines, joined with newlines; a `str` is literal (symbols), "" a blank line."""
    keyboard: tuple[tuple[Button, ...], ...] = ()
    stoppable: bool = False
    """The view offers the game's own way to end it early for both (a cooperative game's
    ⏹ Stop, where nobody loses): the bot then adds no Give up button."""

    def __post_init__(self) -> None:
        actions = self.actions
        if len(set(actions)) != len(actions):
            raise ValueError(f"duplicate actions in a view: {actions}")

    @property
    def actions(self) -> tuple[str, ...]:
        """Every button action, row by row."""
        return tuple(button.action for row in self.keyboard for button in row)


class Game(Protocol[S]):
    """A two-player game. Every method is pure; `apply` and timers return new states.

    Methods taking a `player` raise `NotAPlayer` for anything but 0 and 1.
    `apply` checks in the order documented in `games.errors`.
    """

    key: str
    """Stable slug, the database identity of the game."""
    title: str
    """N_ msgid."""
    description: str
    """N_ msgid."""
    category: str
    """One of `CATEGORIES`."""
    cooperative: bool
    """Nobody wins: a game played to the end counts for both, and the couple's statistics
    count such games instead of wins (In sync, Truth or dare). Leaving one stops it for both:
    nobody gives up, wins or loses."""
    animation_url: str | None
    questions_per_game: int
    """How many bank questions one game uses; 0 for games without a bank."""
    question_packs: Mapping[str, str]
    """The game's question bank: each question's id and pack (games.banks.PACKS), for the
    bot to pick a couple's questions from their packs; empty if the game asks none."""

    def new(self, setup: Setup) -> S:
        """A fresh game. Raises `ValueError` for a bad setup."""
        ...

    def legal_actions(self, state: S, player: int) -> frozenset[str]:
        """What `player` may do now; empty when they must wait or the game is over."""
        ...

    def apply(self, state: S, action: str, player: int, now: float) -> S:
        """The state after `player` does `action` at time `now`; raises domain errors."""
        ...

    def deadline(self, state: S) -> float | None:
        """Absolute time at which `on_deadline` must run, or None."""
        ...

    def on_deadline(self, state: S, now: float) -> S:
        """Timer-driven transitions due by `now`; a no-op if called early or twice."""
        ...

    def view(self, state: S, player: int, palette: Palette) -> View:
        """The game from `player`'s side; hidden information stays hidden."""
        ...

    def is_finished(self, state: S) -> bool: ...

    def result(self, state: S) -> Outcome:
        """The outcome; raises `ValueError` if the game is not finished."""
        ...

    def dump(self, state: S) -> dict[str, Any]:
        """A JSON-serializable snapshot; `load(dump(s)) == s`."""
        ...

    def load(self, data: Mapping[str, Any]) -> S:
        """Rebuild a state from `dump`; raises `CorruptState` for malformed data."""
        ...


@runtime_checkable
class AsksPartnerQuestions(Protocol):
    """A game that asks some of the couple's own questions (`Setup.partner_questions`)
    beside its bank's (the quiz)."""

    partner_questions_per_game: int
    """At most this many of the couple's questions in one game."""

    def bank_questions_beside(self, authors: tuple[int, ...]) -> int:
        """How many bank questions (`Setup.questions`) a game needs beside partner
        questions written by these seats."""
        ...


@runtime_checkable
class ShownSignals(Protocol[S]):
    """A game that times players from the moment a signal *appeared in their own chat*
    (the reaction duel's GO), not from when it was scheduled: Telegram delivers the two
    chats' edits with different delays, and only the bot's answer from Telegram says when
    a player's screen changed. The bot reports that moment for each seat."""

    def signal_pending(self, state: S, player: int) -> bool:
        """True while the player's screen shows a signal whose appearance is not recorded."""
        ...

    def signal_shown(self, state: S, player: int, at: float) -> S:
        """The state once the player's signal is known to have appeared at `at` (Telegram
        acknowledged the edit showing it); unchanged when nothing is pending for them or a
        timer is due by `at` (the timer's transition comes first)."""
        ...
