"""Couple statistics from one partner's side (game by game, and from counts: the same), and
the day-streak helper against brute force."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.progress.records import GAME_KEYS, REACTION, PlayedGame, SessionResult
from bot.progress.stats import (
    CoupleStats,
    GameTally,
    couple_stats,
    couple_stats_from_counts,
    longest_streak,
    streaks,
)
from tests.progress.factories import (
    ME,
    OTHER_PARTNER,
    PARTNER,
    abandoned,
    daily,
    days_from,
    histories,
    insync,
    played,
    quiz,
    reaction,
    reaction_round,
)

TODAY = date(2024, 3, 10)
YESTERDAY = TODAY - timedelta(days=1)


def tally(stats: CoupleStats, game: str) -> GameTally:
    return next(item for item in stats.per_game if item.game == game)


def mirrored(game: PlayedGame) -> PlayedGame:
    """The same session from the partner's side."""
    return replace(
        game,
        partner_user_id=ME,
        short=game.partner_short,
        partner_short=game.short,
        seat=1 - game.seat,
    )


# -- couple_stats ---------------------------------------------------------------------------


def test_no_games_yet() -> None:
    stats = couple_stats([], PARTNER, TODAY)
    assert stats == CoupleStats(
        games_played=0,
        per_game=tuple(
            GameTally(key, 0, 0, 0, 0, cooperative=key == "insync") for key in GAME_KEYS
        ),
        best_quiz=None,
        partner_best_quiz=None,
        best_sync=None,
        fastest_reaction_ms=None,
        partner_fastest_reaction_ms=None,
        current_streak=0,
        longest_streak=0,
        daily_answered=0,
    )


def test_a_couples_history() -> None:
    games = [
        played("tictactoe", "win", at=TODAY),
        played("tictactoe", "draw", at=TODAY),
        played("tictactoe", "loss", given_up=True, at=YESTERDAY),
        abandoned("tictactoe", at=YESTERDAY),
        played("rps", "loss", seat=1, at=YESTERDAY),
        quiz(4, 2, at=YESTERDAY),
        quiz(3, 5, at=YESTERDAY),
        quiz(3, 3, at=YESTERDAY),
        insync(71, at=YESTERDAY),
        insync(86, at=YESTERDAY),
        played("insync", "win", given_up=True, at=YESTERDAY),
        reaction(
            reaction_round("win", (231, 305), 0),
            reaction_round("false_start", (None, -50), 0),
            reaction_round("win", (280, 264), 1),
            at=YESTERDAY,
        ),
        daily(at=TODAY - timedelta(days=2)),
        daily(answered=False, at=TODAY - timedelta(days=3)),
        # Sessions with someone else never count.
        played("rps", "win", partner=OTHER_PARTNER),
        quiz(5, 5, partner=OTHER_PARTNER),
        insync(100, partner=OTHER_PARTNER),
        reaction(reaction_round("win", (100, 90), 1), partner=OTHER_PARTNER),
        daily(partner=OTHER_PARTNER, at=TODAY - timedelta(days=3)),
    ]
    stats = couple_stats(games, PARTNER, TODAY)
    assert stats.games_played == 11
    assert [(t.game, t.played, t.wins, t.partner_wins, t.draws) for t in stats.per_game] == [
        ("tictactoe", 3, 1, 1, 1),
        ("rps", 1, 0, 1, 0),
        ("reaction", 1, 1, 0, 0),
        ("quiz", 3, 1, 1, 1),
        ("insync", 3, 1, 0, 2),
        *unplayed(GAME_KEYS[5:]),  # every later game in the registry, with zeros
    ]
    assert (stats.best_quiz, stats.partner_best_quiz, stats.best_sync) == (4, 5, 86)
    assert (stats.fastest_reaction_ms, stats.partner_fastest_reaction_ms) == (231, 264)
    assert (stats.current_streak, stats.longest_streak, stats.daily_answered) == (3, 3, 1)


def test_seat_decides_whose_reaction_time_is_whose() -> None:
    game = reaction(reaction_round("win", (150, 210), 0), seat=1, short="loss")
    stats = couple_stats([game], PARTNER, TODAY)
    assert (stats.fastest_reaction_ms, stats.partner_fastest_reaction_ms) == (210, 150)


def test_unknown_games_are_listed_after_the_registry() -> None:
    games = [played("zgame", "win"), played("checkers", "draw"), abandoned("chess")]
    stats = couple_stats(games, PARTNER, TODAY)
    assert [t.game for t in stats.per_game] == [*GAME_KEYS, "checkers", "zgame"]
    assert tally(stats, "zgame") == GameTally("zgame", 1, 1, 0, 0)


@pytest.mark.parametrize(
    ("days", "current", "longest"),
    [
        ([TODAY], 1, 1),
        ([YESTERDAY], 1, 1),  # nothing yet today: the streak is still alive
        ([TODAY - timedelta(days=2)], 0, 1),
        (days_from(TODAY - timedelta(days=4), 5), 5, 5),
        (days_from(TODAY - timedelta(days=4), 4), 4, 4),
        ([*days_from(TODAY - timedelta(days=20), 9), TODAY], 1, 9),
    ],
)
def test_days_together(days: list[date], current: int, longest: int) -> None:
    stats = couple_stats([played("rps", "draw", at=day) for day in days], PARTNER, TODAY)
    assert (stats.current_streak, stats.longest_streak) == (current, longest)


@pytest.mark.parametrize(
    ("game", "counts"),
    [
        (daily(at=TODAY), True),
        (played("tictactoe", "loss", given_up=True, at=TODAY), True),
        (daily(answered=False, at=TODAY), False),
        (abandoned("quiz", at=TODAY), False),
        (played("rps", "win", partner=OTHER_PARTNER, at=TODAY), False),
    ],
)
def test_which_sessions_make_a_day_together(game: PlayedGame, counts: bool) -> None:
    stats = couple_stats([played(at=YESTERDAY), game], PARTNER, TODAY)
    assert stats.current_streak == (2 if counts else 1)


def test_streak_across_the_new_year() -> None:
    today = date(2025, 1, 2)
    games = [daily(at=day) for day in days_from(date(2024, 12, 27), 6)]
    stats = couple_stats(games, PARTNER, today)
    assert (stats.current_streak, stats.longest_streak, stats.daily_answered) == (6, 6, 6)
    assert couple_stats(games, PARTNER, today + timedelta(days=1)).current_streak == 0


@given(histories())
def test_per_game_tallies_add_up(games: list[PlayedGame]) -> None:
    stats = couple_stats(games, PARTNER, TODAY)
    assert [t.game for t in stats.per_game][: len(GAME_KEYS)] == list(GAME_KEYS)
    assert sum(t.played for t in stats.per_game) == stats.games_played
    for item in stats.per_game:
        assert item.wins + item.partner_wins + item.draws == item.played
    with_partner = [g for g in games if g.partner_user_id == PARTNER]
    assert stats.games_played == sum(g.counts_as_game for g in with_partner)
    assert stats.current_streak <= stats.longest_streak


@given(histories(consistent=True))
def test_the_partner_sees_the_mirror_image(games: list[PlayedGame]) -> None:
    mine = couple_stats(games, PARTNER, TODAY)
    ours = [mirrored(game) for game in games if game.partner_user_id == PARTNER]
    theirs = couple_stats(ours, ME, TODAY)
    assert theirs.per_game == tuple(
        replace(t, wins=t.partner_wins, partner_wins=t.wins) for t in mine.per_game
    )
    assert (theirs.best_quiz, theirs.partner_best_quiz) == (
        mine.partner_best_quiz,
        mine.best_quiz,
    )
    assert (theirs.fastest_reaction_ms, theirs.partner_fastest_reaction_ms) == (
        mine.partner_fastest_reaction_ms,
        mine.fastest_reaction_ms,
    )
    shared = ("games_played", "current_streak", "longest_streak", "daily_answered")
    assert [getattr(theirs, name) for name in shared] == [getattr(mine, name) for name in shared]


# -- couple_stats_from_counts: what the database counts says the same ---------------------

ODD_SHORTS = ("7/5", "5/0", "150%", "86%", "", "abandoned", "answered", "win", "loss")
ODD_ROUNDS: tuple[Any, ...] = (
    ["win", 0, [100, 200]],  # a round that is not an object
    {"outcome": "win", "ms": [100, 200, 300]},  # three times
    {"outcome": "win", "ms": ["100", 200.0]},  # not ints
    {"outcome": "tie", "ms": [True, 0]},  # a bool is not a time; 0 ms is one
    {"outcome": "WIN", "ms": [5, 5]},  # unknown outcome
    {"outcome": "win"},  # no times
    {"ms": [1, 2]},  # no outcome
)


@st.composite
def varied(draw: st.DrawFn, game: PlayedGame) -> PlayedGame:
    """The session, or one with an unknown or empty slug, odd shorts or odd rounds."""
    change = draw(st.sampled_from(("none", "none", "slug", "short", "partner", "rounds")))
    if change == "slug":
        return replace(game, game=draw(st.sampled_from(("checkers", ""))))
    if change == "short":
        return replace(game, short=draw(st.sampled_from(ODD_SHORTS)))
    if change == "partner":
        return replace(game, partner_short=draw(st.sampled_from(ODD_SHORTS)))
    if change == "rounds" and game.game == REACTION:
        rounds = [*game.details.get("rounds", []), *draw(st.lists(st.sampled_from(ODD_ROUNDS)))]
        details: Any = draw(st.sampled_from(({"rounds": rounds}, {"rounds": {"0": rounds}}, {})))
        return replace(game, details=details)
    return game


@st.composite
def varied_histories(draw: st.DrawFn) -> list[PlayedGame]:
    return [draw(varied(game)) for game in draw(histories(40))]


def as_counted(
    games: list[PlayedGame], partner: int, *, grouped: bool
) -> tuple[list[tuple[SessionResult, int]], list[date], list[tuple[Mapping[str, Any], int]]]:
    """What the database hands over for these sessions (db/repositories/couple_stats.py):
    sessions counted by result (or one by one: counts add up), the days that count, the
    details and seats of the reaction duels played to the end."""
    ours = [game for game in games if game.partner_user_id == partner]
    results = [(SessionResult(g.game, g.status, g.short, g.partner_short), 1) for g in ours]
    if grouped:
        results = list(Counter(result for result, _ in results).items())
    days = [game.day for game in ours if game.active_day]
    duels = [
        (game.details, game.seat) for game in ours if game.game == REACTION and game.counts_as_game
    ]
    return results, days, duels


@given(varied_histories(), st.booleans())
def test_counts_say_what_the_games_say(games: list[PlayedGame], grouped: bool) -> None:
    results, days, duels = as_counted(games, PARTNER, grouped=grouped)
    expected = couple_stats(games, PARTNER, TODAY)
    assert couple_stats_from_counts(results, days, duels, TODAY) == expected
    # Any iterables, read once.
    again = couple_stats_from_counts(iter(results), iter(days), iter(duels), TODAY)
    assert again == expected


def unplayed(keys: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    return [(key, 0, 0, 0, 0) for key in keys]


def test_counts_of_a_couples_history() -> None:
    today = TODAY
    results = [
        (SessionResult("tictactoe", "finished", "win", "loss"), 3),
        (SessionResult("tictactoe", "finished", "loss", "win"), 1),
        (SessionResult("tictactoe", "abandoned", "abandoned", "abandoned"), 4),
        (SessionResult("quiz", "finished", "4/5", "2/5"), 2),
        (SessionResult("quiz", "finished", "3/5", "5/5"), 1),
        (SessionResult("insync", "finished", "86%", "86%"), 1),
        (SessionResult("daily", "finished", "answered", "answered"), 5),
        (SessionResult("daily", "abandoned", "abandoned", "abandoned"), 2),
        (SessionResult("checkers", "finished", "draw", "draw"), 1),
        (SessionResult("checkers", "finished", "draw", "draw"), 1),  # repeated: adds up
    ]
    duels = [
        ({"rounds": [reaction_round("win", (231, 305), 0)]}, 0),
        ({"rounds": [reaction_round("win", (280, 264), 1)]}, 1),
        ({"rounds": [reaction_round("false_start", (-40, 300), 1)]}, 0),
    ]
    days = [today, today, YESTERDAY, today - timedelta(days=5)]
    stats = couple_stats_from_counts(results, days, duels, today)
    assert stats.games_played == 10
    assert (
        [(t.game, t.played, t.wins, t.partner_wins, t.draws) for t in stats.per_game]
        == [
            ("tictactoe", 4, 3, 1, 0),
            ("rps", 0, 0, 0, 0),
            ("reaction", 0, 0, 0, 0),  # the duels' tallies come with their results
            ("quiz", 3, 2, 1, 0),
            ("insync", 1, 0, 0, 1),
            *unplayed(GAME_KEYS[5:]),
            ("checkers", 2, 0, 0, 2),
        ]
    )
    assert (stats.best_quiz, stats.partner_best_quiz, stats.best_sync) == (4, 5, 86)
    assert (stats.fastest_reaction_ms, stats.partner_fastest_reaction_ms) == (231, 280)
    assert (stats.current_streak, stats.longest_streak, stats.daily_answered) == (2, 2, 5)


# -- streaks --------------------------------------------------------------------------------


def brute_force(days: set[date], today: date) -> tuple[int, int]:
    """Try every run: the longest [start, start + n) fully inside `days`; the current one
    is the longest such run ending today or, failing that, yesterday."""

    def run(first: date, length: int) -> bool:
        return all(first + timedelta(days=n) in days for n in range(length))

    longest = max(
        (n for first in days for n in range(1, len(days) + 1) if run(first, n)), default=0
    )
    current = 0
    for end in (today, today - timedelta(days=1)):
        for n in range(1, len(days) + 1):
            if run(end - timedelta(days=n - 1), n):
                current = max(current, n)
        if current:
            break
    return current, longest


WINDOW = date(2023, 12, 20)
dates = st.integers(0, 40).map(lambda n: WINDOW + timedelta(days=n))


@given(st.sets(dates, max_size=30), dates)
def test_streaks_match_brute_force(days: set[date], today: date) -> None:
    assert streaks(days, today) == brute_force(days, today)
    assert streaks(iter(sorted(days)), today) == brute_force(days, today)  # any iterable
    assert longest_streak(days) == brute_force(days, today)[1]


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([], TODAY, (0, 0)),
        ([TODAY, TODAY, TODAY], TODAY, (1, 1)),  # duplicates
        ([TODAY + timedelta(days=1)], TODAY, (0, 1)),  # a future day is not current
        ([YESTERDAY, TODAY, TODAY + timedelta(days=1)], TODAY, (2, 3)),
        ([date(2023, 12, 31), date(2024, 1, 1)], date(2024, 1, 1), (2, 2)),
        ([date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)], date(2024, 3, 1), (3, 3)),
        ([date(2023, 2, 28), date(2023, 3, 1)], date(2023, 3, 2), (2, 2)),
        ([date.min, date.min + timedelta(days=1)], date.min, (1, 2)),
        ([date.max], date.max, (1, 1)),
        ([date.max - timedelta(days=1)], date.max, (1, 1)),
    ],
)
def test_streak_edges(days: list[date], today: date, expected: tuple[int, int]) -> None:
    assert streaks(days, today) == expected
