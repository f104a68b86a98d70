"""One ended session from one user's side, and the facts the rules read from it.

All parsing of ``result_short`` and ``result_json["details"]`` lives here, so the
achievement and statistics rules only ask questions ("was it a win?", "which valid
reaction times?"). Malformed details are ignored, never raised on: they come from the
database and a bad row must not break the achievements screen.

A `SessionResult` holds what most questions read (game, status and both players'
``result_short``); a `PlayedGame` adds the session's time, partner, seat and details. The
couple statistics count sessions by `SessionResult` in the database and ask each distinct
one the questions once (`bot.progress.stats.couple_stats_from_counts`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any, Final

from games import reaction
from games.insync import InSync
from games.quiz import Quiz
from games.reaction import Reaction
from games.registry import GAMES
from games.sea_battle import SeaBattle
from games.tictactoe import TicTacToe
from games.truth_or_dare import CARDS_PER_GAME, TruthOrDare

__all__ = [
    "ABANDONED",
    "ANSWERED",
    "COOPERATIVE_GAMES",
    "DAILY",
    "FINISHED",
    "FRACTION",
    "GAME_KEYS",
    "GAVE_UP",
    "INSYNC",
    "PERCENT",
    "QUIZ",
    "REACTION",
    "SEABATTLE",
    "STATUSES",
    "TICTACTOE",
    "TRUTH_OR_DARE",
    "PlayedGame",
    "SessionResult",
    "Verdict",
    "details_of",
    "valid_reaction_times",
]

DAILY: Final = "daily"
"""The slug of the couple's question of the day (not in `games.registry.GAMES`)."""
TICTACTOE: Final = TicTacToe.key
REACTION: Final = Reaction.key
QUIZ: Final = Quiz.key
INSYNC: Final = InSync.key
TRUTH_OR_DARE: Final = TruthOrDare.key
SEABATTLE: Final = SeaBattle.key
GAME_KEYS: Final[tuple[str, ...]] = tuple(game.key for game in GAMES)
"""The playable (non-daily) games, in registry order."""
COOPERATIVE_GAMES: Final = frozenset(game.key for game in GAMES if game.cooperative)
"""Games without a winner: played to the end, they are neither won nor lost."""

FINISHED: Final = "finished"
ABANDONED: Final = "abandoned"
STATUSES: Final = frozenset({FINISHED, ABANDONED})
ANSWERED: Final = "answered"
"""``result_short`` of a question of the day that both partners answered."""
GAVE_UP: Final = "gave_up"
"""``result_short`` of the player who gave up a game (a loss; the partner's is "win", a
win not earned by playing: it counts for no win achievement)."""

FRACTION: Final = re.compile(r"(\d{1,4})/(\d{1,4})")
"""A quiz's ``result_short``: correct guesses of the questions ("4/5")."""
PERCENT: Final = re.compile(r"(\d{1,3})%")
"""An In sync game's ``result_short``: the share of the same answers ("86%")."""
_CARDS = re.compile(r"💬 (\d{1,2}) · 🎯 (\d{1,2})")
"""A Truth or dare's ``result_short``: truths answered and dares done (games.truth_or_dare)."""
_VALID_TAPS = frozenset({reaction.WIN, reaction.TIE})
"""Round outcomes whose recorded taps are real reactions (a false start records only the
early tap; a timeout records none)."""


class Verdict(StrEnum):
    """How a decided game ended for this user."""

    WIN = "win"
    LOSS = "loss"
    DRAW = "draw"


_VERDICTS = frozenset(verdict.value for verdict in Verdict)


def details_of(result: object) -> Mapping[str, Any]:
    """``result_json["details"]`` of a decoded ``result_json``: {} when the document, or its
    details, is missing or not an object."""
    details = result.get("details") if isinstance(result, Mapping) else None
    return details if isinstance(details, Mapping) else {}


def valid_reaction_times(details: Mapping[str, Any], seat: int) -> tuple[int, ...]:
    """A seat's valid reaction times in ms, round by round, in a reaction duel's details.

    Valid means a tap after the signal in a round that was won or tied: false starts
    (negative times), rounds nobody tapped and missing or malformed data are skipped.
    """
    rounds = details.get("rounds")
    if not isinstance(rounds, list):
        return ()
    times: list[int] = []
    for rnd in rounds:
        if not isinstance(rnd, Mapping) or rnd.get("outcome") not in _VALID_TAPS:
            continue
        ms = rnd.get("ms")
        if not isinstance(ms, list | tuple) or len(ms) != 2:
            continue
        value = ms[seat]
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            times.append(value)
    return tuple(times)


@dataclass(frozen=True)
class SessionResult:
    """How an ended session went from one user's side, as far as its game, its status and
    both players' ``result_short`` tell: every fact but its day and reaction times."""

    game: str
    """Slug: a key of `games.registry.GAMES`, or `DAILY`."""
    status: str
    """`FINISHED` or `ABANDONED` (`PlayedGame` refuses anything else)."""
    short: str
    """This user's ``history.result_short``: "win", "loss", "draw", "4/5", "86%",
    "abandoned" or "answered"."""
    partner_short: str
    """The partner's ``result_short`` for the same session."""

    @property
    def is_daily(self) -> bool:
        return self.game == DAILY

    @property
    def counts_as_game(self) -> bool:
        """A game played to the end: finished (given up or not), not a question of the day."""
        return self.status == FINISHED and not self.is_daily

    @property
    def won_by_give_up(self) -> bool:
        """A win because the partner gave up (told by the partner's short, so a history
        row read without its result tells it too)."""
        return self.counts_as_game and self.partner_short == GAVE_UP

    @property
    def answered_daily(self) -> bool:
        """A question of the day that both partners answered."""
        return (
            self.is_daily
            and self.status == FINISHED
            and self.short == ANSWERED
            and self.partner_short == ANSWERED
        )

    @property
    def active_day(self) -> bool:
        """Whether this session makes its day count for a streak."""
        return self.counts_as_game or self.answered_daily

    @property
    def verdict(self) -> Verdict | None:
        """Win, loss or draw for this user; None for sessions that were not decided
        (abandoned, questions of the day, cooperative games played to the end, bad data).

        Duels record "win"/"loss"/"draw"; the quiz records each side's score, so the
        higher score wins; a give-up records "win"/"gave_up" in every game (before #25:
        "win"/"loss").
        """
        if not self.counts_as_game:
            return None
        if self.short in _VERDICTS:
            return Verdict(self.short)
        if self.short == GAVE_UP:
            return Verdict.LOSS
        mine, theirs = self.quiz_score(), self.partner_quiz_score()
        if mine is None or theirs is None:
            return None
        if mine == theirs:
            return Verdict.DRAW
        return Verdict.WIN if mine > theirs else Verdict.LOSS

    def quiz_score(self) -> int | None:
        """This user's correct guesses in a finished quiz ("4/5" -> 4), else None."""
        return self._quiz(self.short)

    def partner_quiz_score(self) -> int | None:
        return self._quiz(self.partner_short)

    def quiz_perfect(self) -> bool:
        """This user guessed every answer of a finished quiz ("5/5")."""
        if self.game != QUIZ or not self.counts_as_game:
            return False
        match = FRACTION.fullmatch(self.short)
        return match is not None and 0 < int(match[1]) == int(match[2])

    def sync_percent(self) -> int | None:
        """The shared score of a finished in-sync game ("86%" -> 86), else None."""
        if self.game != INSYNC or not self.counts_as_game:
            return None
        match = PERCENT.fullmatch(self.short) or PERCENT.fullmatch(self.partner_short)
        if match is None or int(match[1]) > 100:
            return None
        return int(match[1])

    def cards_done(self) -> int | None:
        """Truths answered plus dares done in a finished Truth or dare ("💬 4 · 🎯 6" -> 10),
        else None."""
        if self.game != TRUTH_OR_DARE or not self.counts_as_game:
            return None
        match = _CARDS.fullmatch(self.short)
        if match is None or int(match[1]) + int(match[2]) > CARDS_PER_GAME:
            return None
        return int(match[1]) + int(match[2])

    def _quiz(self, short: str) -> int | None:
        if self.game != QUIZ or not self.counts_as_game:
            return None
        match = FRACTION.fullmatch(short)
        if match is None or int(match[1]) > int(match[2]):
            return None
        return int(match[1])


@dataclass(frozen=True)
class PlayedGame(SessionResult):
    """One ended session from one user's side, built from ``history`` and
    ``game_sessions.result_json``."""

    session_id: int
    ended_at: datetime
    """Timezone-aware; its day is counted in `day_zone`."""
    partner_user_id: int
    seat: int
    """This user's seat (0 or 1) in the session."""
    details: Mapping[str, Any]
    """``result_json["details"]``: the game's `Outcome.details`; {} for give-ups and
    abandoned sessions."""
    given_up: bool
    """The game ended because someone gave up (the shorts are then "win"/"gave_up")."""
    rematch: bool
    """The session was a rematch of the previous one."""
    day_zone: tzinfo = UTC
    """Where its day is counted (the user's time zone, bot/zones.py): "7 days in a row"
    counts the person's own days, not UTC's."""

    def __post_init__(self) -> None:
        if self.ended_at.utcoffset() is None:
            raise ValueError(f"session {self.session_id}: ended_at must be timezone-aware")
        if self.seat not in (0, 1) or isinstance(self.seat, bool):
            raise ValueError(f"session {self.session_id}: seat must be 0 or 1")
        if self.status not in STATUSES:
            raise ValueError(f"session {self.session_id}: unknown status {self.status!r}")

    @property
    def day(self) -> date:
        """The day the session ended, in `day_zone`."""
        return self.ended_at.astimezone(self.day_zone).date()

    def reaction_times(self, seat: int) -> tuple[int, ...]:
        """A seat's valid reaction times in ms in a finished reaction duel
        (`valid_reaction_times`); () for any other session."""
        if self.game != REACTION or not self.counts_as_game:
            return ()
        return valid_reaction_times(self.details, seat)
