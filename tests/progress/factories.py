"""Builders of `PlayedGame` records for the progress tests: crafted ones, ones from real
game outcomes, and a hypothesis strategy covering every kind of ended session."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

from bot.progress.records import DAILY, GAME_KEYS, PlayedGame
from games.engine import Outcome, Setup
from games.insync import InSync
from games.quiz import Quiz
from games.reaction import Reaction, ReactionState
from games.rps import Rps
from games.tictactoe import TicTacToe

ME, PARTNER, OTHER_PARTNER = 1, 2, 3
START = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
_OPPOSITE = {"win": "loss", "loss": "win"}


def played(
    game: str = "tictactoe",
    short: str = "win",
    *,
    partner_short: str | None = None,
    status: str = "finished",
    at: datetime | date = START,
    partner: int = PARTNER,
    seat: int = 0,
    details: Mapping[str, Any] | None = None,
    given_up: bool = False,
    rematch: bool = False,
    session_id: int = 1,
) -> PlayedGame:
    """A crafted session; the partner's short mirrors ours unless given."""
    if isinstance(at, date) and not isinstance(at, datetime):
        at = datetime.combine(at, time(12), tzinfo=UTC)
    if partner_short is None:
        partner_short = _OPPOSITE.get(short, short)
    if given_up and short == "loss":
        short = "gave_up"  # what a give-up records (#25)
    elif given_up and short == "win":
        partner_short = "gave_up"
    return PlayedGame(
        session_id=session_id,
        game=game,
        ended_at=at,
        partner_user_id=partner,
        status=status,
        short=short,
        partner_short=partner_short,
        seat=seat,
        details={} if details is None else details,
        given_up=given_up,
        rematch=rematch,
    )


def abandoned(game: str = "tictactoe", **kwargs: Any) -> PlayedGame:
    return played(game, "abandoned", status="abandoned", **kwargs)


def daily(*, answered: bool = True, **kwargs: Any) -> PlayedGame:
    """A question of the day: both answered, or (``answered=False``) left unanswered."""
    if answered:
        return played(DAILY, "answered", **kwargs)
    return played(DAILY, "abandoned", status="abandoned", **kwargs)


def quiz(mine: int, theirs: int, **kwargs: Any) -> PlayedGame:
    return played("quiz", f"{mine}/5", partner_short=f"{theirs}/5", **kwargs)


def insync(percent: int, **kwargs: Any) -> PlayedGame:
    return played("insync", f"{percent}%", **kwargs)


def reaction_round(
    outcome: str, ms: tuple[int | None, int | None], winner: int | None = None
) -> dict[str, Any]:
    return {"outcome": outcome, "winner": winner, "ms": list(ms)}


def reaction(*rounds: Mapping[str, Any], short: str = "win", **kwargs: Any) -> PlayedGame:
    return played("reaction", short, details={"rounds": list(rounds)}, **kwargs)


def days_from(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def chronological(games: Sequence[PlayedGame]) -> list[PlayedGame]:
    """The same sessions one minute apart, in the given order."""
    return [
        replace(game, ended_at=START + timedelta(minutes=n), session_id=n + 1)
        for n, game in enumerate(games)
    ]


# -- sessions from real game outcomes -------------------------------------------------------


def from_outcome(
    game: str, outcome: Outcome, *, seat: int = 0, at: datetime = START, given_up: bool = False
) -> PlayedGame:
    """A session from a game's real `Outcome`, with details through a JSON round trip
    (as the database stores them)."""
    return PlayedGame(
        session_id=1,
        game=game,
        ended_at=at,
        partner_user_id=PARTNER,
        status="finished",
        short=outcome.short[seat],
        partner_short=outcome.short[1 - seat],
        seat=seat,
        details=json.loads(json.dumps(dict(outcome.details))),
        given_up=given_up,
        rematch=False,
    )


def real_tictactoe(moves: Sequence[int]) -> Outcome:
    game = TicTacToe()
    state = game.new(Setup(first_player=0))
    for turn, cell in enumerate(moves):
        state = game.apply(state, f"c{cell}", turn % 2, 0.0)
    return game.result(state)


def real_rps(rounds: Sequence[tuple[str, str]]) -> Outcome:
    game = Rps()
    state = game.new(Setup())
    for first, second in rounds:
        state = game.apply(game.apply(state, first, 0, 0.0), second, 1, 0.0)
    return game.result(state)


def real_answers(game: Quiz | InSync, pairs: Sequence[tuple[int, int]]) -> Outcome:
    """Play a questionnaire: at each step seat 0 picks option ``a``, seat 1 option ``b``
    (the quiz has 10 steps, In sync 7)."""
    if isinstance(game, Quiz):
        state_q = game.new(Setup(seed=7))
        for first, second in pairs:
            state_q = game.apply(state_q, f"a{first}", 0, 0.0)
            state_q = game.apply(state_q, f"a{second}", 1, 0.0)
        return game.result(state_q)
    state_s = game.new(Setup(seed=7))
    for first, second in pairs:
        state_s = game.apply(state_s, f"a{first}", 0, 0.0)
        state_s = game.apply(state_s, f"a{second}", 1, 0.0)
    return game.result(state_s)


REACTION_OPTIONS = {"min_delay": 2.0, "max_delay": 2.0, "grace": 0.3, "cooldown": 1.0}


def real_reaction(taps: Sequence[tuple[float | None, float | None]]) -> Outcome:
    """Play a reaction duel; each pair is the seats' tap offsets in seconds from GO
    (negative: a false start; None: no tap). GO always comes 2 s after a round starts."""
    game = Reaction()
    state: ReactionState = game.new(Setup(options=REACTION_OPTIONS))
    for offsets in taps:
        go_at = state.rounds[-1].go_at
        presses = sorted(
            (go_at + offset, seat) for seat, offset in enumerate(offsets) if offset is not None
        )
        number = len(state.rounds)
        for at, seat in presses:
            state = game.on_deadline(state, at)  # a tap after the round closed is dropped
            if len(state.rounds) == number and not game.is_finished(state):
                state = game.apply(state, "tap", seat, at)
        while len(state.rounds) == number and not game.is_finished(state):
            deadline = game.deadline(state)
            assert deadline is not None
            state = game.on_deadline(state, deadline)
    return game.result(state)


# -- a strategy for any ended session -------------------------------------------------------

SLUGS = (*GAME_KEYS, DAILY)
SHORTS = (
    *("win", "loss", "draw", "0/5", "3/5", "5/5", "0%", "60%", "100%", "answered"),
    *("💬 0 · 🎯 0", "💬 4 · 🎯 6", "💬 9 · 🎯 0", "💬 9 · 🎯 9"),  # Truth or dare
)


@st.composite
def reaction_details(draw: st.DrawFn) -> dict[str, Any]:
    times = st.one_of(st.none(), st.integers(-3000, 3000))
    rounds = st.fixed_dictionaries(
        {
            "outcome": st.sampled_from(("win", "tie", "false_start", "timeout")),
            "winner": st.sampled_from((None, 0, 1)),
            "ms": st.lists(times, min_size=2, max_size=2),
        }
    )
    return {"rounds": draw(st.lists(rounds, max_size=4))}


@st.composite
def any_game(draw: st.DrawFn, *, after: datetime = START, consistent: bool = False) -> PlayedGame:
    """Any ended session, well-formed or odd (unknown shorts, games with another game's
    shorts). ``consistent`` makes the two sides agree (a win faces a loss, a percentage
    is shared), as they always do in the database."""
    slug = draw(st.sampled_from(SLUGS))
    status = draw(st.sampled_from(("finished", "finished", "abandoned")))
    short = "abandoned" if status == "abandoned" else draw(st.sampled_from(SHORTS))
    if status == "abandoned":
        partner_short = "abandoned"
    elif not consistent:
        partner_short = draw(st.sampled_from((*SHORTS, short)))
    elif "/" in short:
        partner_short = draw(st.sampled_from([s for s in SHORTS if "/" in s]))
    else:
        partner_short = _OPPOSITE.get(short, short)
    details = draw(reaction_details()) if slug == "reaction" else {}
    return PlayedGame(
        session_id=draw(st.integers(1, 10_000)),
        game=slug,
        ended_at=after + timedelta(minutes=draw(st.integers(0, 60 * 24 * 20))),
        partner_user_id=draw(st.sampled_from((PARTNER, OTHER_PARTNER))),
        status=status,
        short=short,
        partner_short=partner_short,
        seat=draw(st.sampled_from((0, 1))),
        details=details,
        given_up=draw(st.booleans()),
        rematch=draw(st.booleans()),
    )


def histories(
    max_size: int = 25, *, consistent: bool = False
) -> st.SearchStrategy[list[PlayedGame]]:
    """A user's sessions, oldest first."""
    return st.lists(any_game(consistent=consistent), max_size=max_size).map(
        lambda games: sorted(games, key=lambda game: game.ended_at)
    )
