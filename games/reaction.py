"""Reaction duel, best of three: wait for GO, then tap faster than your partner.

Each round shows "wait…" until ``go_at`` (round start + a seeded random delay). A tap
before ``go_at`` is a false start and loses the round at once.

Fairness: each player's time runs from the moment GO appeared in *their own* chat (the
bot reports when Telegram acknowledged that chat's edit: `signal_shown`) to the moment
their tap was received. Telegram delivers the two chats' edits with different delays
(150 ms more for one of them is common), so timing both from the scheduled GO, or
comparing raw tap timestamps, hands the round to whoever's chat is faster. Without a
report for a seat (a lost edit) its time runs from ``go_at``. The shorter time wins; equal
times void the round.

After the first valid tap the round stays open while the partner could still beat that
time: until ``grace`` seconds after the later of that tap and the partner's GO plus the
first time (their GO may appear later). A tap later than that arrived after the round was
over and is dropped. If nobody taps within ``round_timeout`` after GO the round is void and
replayed. At most seven rounds are played; then the one with more round wins takes the
match, or it is a draw.

Every transition happens at its scheduled time, not at the time the timer fired: a late
`on_deadline` (or a tap that arrives after a missed deadline) catches up exactly as if
the timer had been punctual, so the state depends only on the timestamps.

Taps within ``cooldown`` seconds of a round's start (before its GO) are refused with
`TooEarly` rather than counted as false starts: they are double taps meant for the
round that just ended.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
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
from games.errors import CorruptState, GameOver, NotYourTurn, TooEarly, UnknownAction
from games.palette import Palette
from games.text import N_, Text, text

__all__ = [
    "MAX_ROUNDS",
    "TAP",
    "WINS_NEEDED",
    "Reaction",
    "ReactionConfig",
    "ReactionRound",
    "ReactionState",
]

TAP = "tap"
WINS_NEEDED = 2
MAX_ROUNDS = 7

OPEN = "open"
WIN = "win"
FALSE_START = "false_start"
TIMEOUT = "timeout"
TIE = "tie"
OUTCOMES = (OPEN, WIN, FALSE_START, TIMEOUT, TIE)


@dataclass(frozen=True)
class ReactionConfig:
    """Timing, in seconds; set through `Setup.options`."""

    min_delay: float = 2.0
    max_delay: float = 6.0
    grace: float = 0.3
    round_timeout: float = 10.0
    cooldown: float = 1.0

    @classmethod
    def from_options(cls, options: Mapping[str, float]) -> ReactionConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise ValueError(f"unknown reaction options: {sorted(unknown)}")
        config = cls(**{name: float(value) for name, value in options.items()})
        config.validate()
        return config

    def validate(self) -> None:
        values = (self.min_delay, self.max_delay, self.grace, self.round_timeout, self.cooldown)
        if not all(math.isfinite(value) and value >= 0 for value in values):
            raise ValueError("reaction options must be finite and non-negative")
        if self.min_delay > self.max_delay:
            raise ValueError("min_delay must not exceed max_delay")
        if self.round_timeout <= 0:
            raise ValueError("round_timeout must be positive")


@dataclass(frozen=True)
class ReactionRound:
    started_at: float
    go_at: float
    go_shown: bool = False
    """Whether the GO transition has happened (views show GO)."""
    presses: tuple[float | None, float | None] = (None, None)
    """Each seat's tap timestamp in this round."""
    shown: tuple[float | None, float | None] = (None, None)
    """When GO appeared in each seat's chat (Telegram acknowledged the edit), if reported."""
    outcome: str = OPEN
    winner: int | None = None
    ended_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self.outcome == OPEN

    def start_of(self, seat: int) -> float:
        """Where the seat's time runs from: GO in their chat, else the scheduled GO."""
        shown = self.shown[seat]
        press = self.presses[seat]
        if shown is None or (press is not None and shown > press):
            return self.go_at
        return shown

    def reaction_ms(self, seat: int) -> int | None:
        press = self.presses[seat]
        return None if press is None else round((press - self.start_of(seat)) * 1000)

    def window_end(self, config: ReactionConfig) -> float | None:
        """After the first valid tap: until when the partner may still beat it (None before
        any tap)."""
        taps = sorted((press, seat) for seat, press in enumerate(self.presses) if press is not None)
        if not taps:
            return None
        first, seat = taps[0]
        partner_go = self.start_of(other(seat))
        return max(first, partner_go + (first - self.start_of(seat))) + config.grace


@dataclass(frozen=True)
class ReactionState:
    seed: int
    config: ReactionConfig
    rounds: tuple[ReactionRound, ...]
    """Every round so far; the last one is open unless the match is over."""

    @property
    def wins(self) -> tuple[int, int]:
        winners = [rnd.winner for rnd in self.rounds]
        return winners.count(0), winners.count(1)

    @property
    def finished(self) -> bool:
        return not self.rounds[-1].is_open

    @property
    def winner(self) -> int | None:
        return winner_by_score(self.wins)


def _start_round(seed: int, config: ReactionConfig, index: int, started_at: float) -> ReactionRound:
    delay = random.Random(f"{seed}:{index}").uniform(config.min_delay, config.max_delay)
    return ReactionRound(started_at=started_at, go_at=started_at + delay)


def _settle(rnd: ReactionRound, config: ReactionConfig, now: float) -> ReactionRound:
    """The round as it stands once time `now` has passed (a fixpoint if nothing is due)."""
    taps = sorted((press, seat) for seat, press in enumerate(rnd.presses) if press is not None)
    known = max([now, *(press for press, _ in taps)])
    go_shown = rnd.go_shown or known >= rnd.go_at
    if taps:
        first, seat = taps[0]
        only_first = (first, None) if seat == 0 else (None, first)
        if first < rnd.go_at:
            return replace(
                rnd,
                presses=only_first,
                outcome=FALSE_START,
                winner=other(seat),
                ended_at=first,
            )
        window_end = rnd.window_end(config)
        assert window_end is not None  # a tap
        if len(taps) == 2 and taps[1][0] < window_end:
            times = [press - rnd.start_of(seat) for press, seat in sorted(taps, key=_seat)]
            if times[0] == times[1]:
                return replace(rnd, go_shown=True, outcome=TIE, ended_at=taps[1][0])
            winner = 0 if times[0] < times[1] else 1
            return replace(rnd, go_shown=True, outcome=WIN, winner=winner, ended_at=taps[1][0])
        if known >= window_end:
            return replace(
                rnd,
                go_shown=True,
                presses=only_first,
                outcome=WIN,
                winner=seat,
                ended_at=window_end,
            )
        return replace(rnd, go_shown=True)
    timeout_at = rnd.go_at + config.round_timeout
    if known >= timeout_at:
        return replace(rnd, go_shown=True, outcome=TIMEOUT, ended_at=timeout_at)
    return replace(rnd, go_shown=go_shown)


def _seat(tap: tuple[float, int]) -> int:
    return tap[1]


def _advance(state: ReactionState, now: float) -> ReactionState:
    """Run every transition due by `now`, starting new rounds as old ones end."""
    while not state.finished:
        current = state.rounds[-1]
        settled = _settle(current, state.config, now)
        if settled == current:
            return state
        rounds = (*state.rounds[:-1], settled)
        state = replace(state, rounds=rounds)
        if settled.is_open:
            return state
        if max(state.wins) < WINS_NEEDED and len(rounds) < MAX_ROUNDS:
            assert settled.ended_at is not None
            following = _start_round(state.seed, state.config, len(rounds), settled.ended_at)
            state = replace(state, rounds=(*rounds, following))
    return state


class Reaction:
    key = "reaction"
    title = N_("Reaction duel")
    emoji = "⚡"
    """Beside the title on buttons (optional for a game: its category's otherwise)."""
    description = N_(
        "Wait for the signal, then tap faster than your partner. Your time runs from the"
        " moment the signal appears in your own chat, so a slower connection costs you"
        " nothing. Tap too early and you lose the round!"
    )
    category = "reaction"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = 0
    question_packs: Mapping[str, str] = NO_QUESTIONS

    def new(self, setup: Setup) -> ReactionState:
        config = ReactionConfig.from_options(setup.options)
        first = _start_round(setup.seed, config, 0, float(setup.now))
        return ReactionState(seed=setup.seed, config=config, rounds=(first,))

    def legal_actions(self, state: ReactionState, player: int) -> frozenset[str]:
        """``tap`` while the player has not tapped this round (it may still be refused as
        a double tap during the cooldown, which depends on the time)."""
        check_player(player)
        if state.finished or state.rounds[-1].presses[player] is not None:
            return frozenset()
        return frozenset({TAP})

    def apply(self, state: ReactionState, action: str, player: int, now: float) -> ReactionState:
        check_player(player)
        if action != TAP:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        now = float(now)
        state = _advance(state, now)
        if state.finished:
            raise GameOver(f"{self.key}: the match ended before this tap")
        current = state.rounds[-1]
        if current.presses[player] is not None:
            raise NotYourTurn("already tapped this round")
        if now < current.go_at and now < current.started_at + state.config.cooldown:
            raise TooEarly("tap too soon after the previous round")
        presses = (now, current.presses[1]) if player == 0 else (current.presses[0], now)
        tapped = replace(current, presses=presses)
        return _advance(replace(state, rounds=(*state.rounds[:-1], tapped)), now)

    def deadline(self, state: ReactionState) -> float | None:
        if state.finished:
            return None
        current = state.rounds[-1]
        if not current.go_shown:
            return current.go_at
        window_end = current.window_end(state.config)
        if window_end is not None:
            return window_end
        return current.go_at + state.config.round_timeout

    def on_deadline(self, state: ReactionState, now: float) -> ReactionState:
        return _advance(state, float(now))

    def signal_pending(self, state: ReactionState, player: int) -> bool:
        check_player(player)
        if state.finished:
            return False
        current = state.rounds[-1]
        return (
            current.go_shown and current.shown[player] is None and current.presses[player] is None
        )

    def signal_shown(self, state: ReactionState, player: int, at: float) -> ReactionState:
        at = float(at)
        if not self.signal_pending(state, player) or _advance(state, at) != state:
            return state
        current = state.rounds[-1]
        if at < current.go_at:
            return state
        shown = (at, current.shown[1]) if player == 0 else (current.shown[0], at)
        return replace(state, rounds=(*state.rounds[:-1], replace(current, shown=shown)))

    def view(self, state: ReactionState, player: int, palette: Palette) -> View:
        check_player(player)
        lines: list[Text | str] = []
        if not state.finished:
            lines.append(
                text(
                    N_("Tap as soon as you see {go}. Tapping early is a false start!"),
                    go=palette.go,
                )
            )
        lines.append(score_line(state.wins, player))
        closed = [rnd for rnd in state.rounds if not rnd.is_open]
        for number, rnd in enumerate(closed, start=1):
            lines.append(
                text(
                    N_("Round {n}: {detail} — {verdict}"),
                    n=number,
                    detail=_round_detail(rnd, player),
                    verdict=round_verdict(rnd.winner, player),
                )
            )
        lines.append("")
        if state.finished:
            lines += [final_verdict(state.winner, player), played_rounds(len(state.rounds))]
            return View(tuple(lines))
        current = state.rounds[-1]
        lines.append(text(N_("<b>Round {n}</b>"), n=len(state.rounds)))
        mine = current.reaction_ms(player)
        if mine is not None:
            lines.append(text(N_("You tapped in {ms} ms! Let's see how {partner} does…"), ms=mine))
            return View(tuple(lines))
        if current.go_shown:
            lines.append(text(N_("{go} <b>GO! Tap now!</b>"), go=palette.go))
            label = text(N_("{go} TAP!"), go=palette.go)
        else:
            lines.append(text(N_("{wait} <b>Wait for it…</b>"), wait=palette.wait))
            label = text(N_("{wait} Wait…"), wait=palette.wait)
        return View(tuple(lines), ((Button(label, TAP),),))

    def is_finished(self, state: ReactionState) -> bool:
        return state.finished

    def result(self, state: ReactionState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        rounds = [
            {
                "outcome": rnd.outcome,
                "winner": rnd.winner,
                "ms": [rnd.reaction_ms(0), rnd.reaction_ms(1)],
            }
            for rnd in state.rounds
        ]
        return duel_outcome(state.winner, state.wins, {"rounds": rounds})

    def dump(self, state: ReactionState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> ReactionState:
        state = load_dataclass(ReactionState, data)
        try:
            state.config.validate()
        except ValueError as exc:
            raise CorruptState(str(exc)) from exc
        if not state.rounds or len(state.rounds) > MAX_ROUNDS:
            raise CorruptState(f"a match has 1 to {MAX_ROUNDS} rounds")
        for index, rnd in enumerate(state.rounds):
            if rnd.outcome not in OUTCOMES or rnd.winner not in (None, 0, 1):
                raise CorruptState("bad round outcome")
            if rnd.is_open != (rnd.ended_at is None):
                raise CorruptState("an open round has no end time")
            if rnd.is_open and index < len(state.rounds) - 1:
                raise CorruptState("only the last round may be open")
        return state


def _round_detail(rnd: ReactionRound, player: int) -> Text:
    partner = other(player)
    if rnd.outcome == FALSE_START:
        if rnd.winner == partner:
            return text(N_("false start by you"))
        return text(N_("false start by {partner}"))
    if rnd.outcome == TIMEOUT:
        return text(N_("nobody tapped in time"))
    if rnd.outcome == TIE:
        return text(N_("a perfect tie"))
    return text(
        N_("you {mine}, {partner} {theirs}"),
        mine=_time(rnd.reaction_ms(player)),
        theirs=_time(rnd.reaction_ms(partner)),
    )


def _time(ms: int | None) -> Text:
    if ms is None:
        return text(N_("too slow"))
    return text(N_("{ms} ms"), ms=ms)
