"""A couple's statistics from one partner's side: results per game, bests and streaks.

`couple_stats` defines them from every session; `couple_stats_from_counts` gives the same
from what the database counts (sessions per `SessionResult`, the days that count), and
`couple_stats_from_results` from what a couple's kept summary holds
(`bot.progress.summary`), so the screen never reads a busy couple's whole history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.progress.records import (
    COOPERATIVE_GAMES,
    GAME_KEYS,
    PlayedGame,
    SessionResult,
    Verdict,
    valid_reaction_times,
)

__all__ = [
    "CoupleStats",
    "GameTally",
    "couple_stats",
    "couple_stats_from_counts",
    "couple_stats_from_results",
    "longest_streak",
    "streaks",
]


@dataclass(frozen=True)
class GameTally:
    """How one game went between the two partners, from this user's side.

    ``played == wins + partner_wins + draws``: a game without a winner counts as a draw,
    which for a cooperative game (``cooperative``: In sync) is every game not given up.
    """

    game: str
    played: int
    wins: int
    partner_wins: int
    draws: int
    cooperative: bool = False


@dataclass(frozen=True)
class CoupleStats:
    games_played: int
    """Games played to the end together (given-up ones too; not questions of the day)."""
    per_game: tuple[GameTally, ...]
    """One tally per game in registry order (unplayed ones with zeros), then any slug the
    registry no longer has, sorted."""
    best_quiz: int | None
    """This user's best quiz score (correct guesses out of `games.quiz.QUESTIONS_PER_GAME`)."""
    partner_best_quiz: int | None
    best_sync: int | None
    """The best In sync percentage (shared by both)."""
    fastest_reaction_ms: int | None
    """This user's fastest valid tap in the reaction duel."""
    partner_fastest_reaction_ms: int | None
    current_streak: int
    """Consecutive days (the couple's, bot/zones.py) with a game or an answered question
    of the day, ending today (or yesterday, if nothing happened yet today)."""
    longest_streak: int
    daily_answered: int
    """Questions of the day both partners answered."""


def couple_stats(games: Sequence[PlayedGame], partner_user_id: int, today: date) -> CoupleStats:
    """Statistics of one user with one partner, from all of the user's ended sessions.

    The definition; the screen gets the same from `couple_stats_from_counts`."""
    ours = [game for game in games if game.partner_user_id == partner_user_id]
    played = [game for game in ours if game.counts_as_game]
    current, longest = streaks((game.day for game in ours if game.active_day), today)
    my_times = [ms for game in played for ms in game.reaction_times(game.seat)]
    their_times = [ms for game in played for ms in game.reaction_times(1 - game.seat)]
    return CoupleStats(
        games_played=len(played),
        per_game=_tallies(Counter((game.game, game.verdict) for game in played)),
        best_quiz=_best(game.quiz_score() for game in played),
        partner_best_quiz=_best(game.partner_quiz_score() for game in played),
        best_sync=_best(game.sync_percent() for game in played),
        fastest_reaction_ms=min(my_times, default=None),
        partner_fastest_reaction_ms=min(their_times, default=None),
        current_streak=current,
        longest_streak=longest,
        daily_answered=sum(game.answered_daily for game in ours),
    )


def couple_stats_from_counts(
    results: Iterable[tuple[SessionResult, int]],
    active_days: Iterable[date],
    reactions: Iterable[tuple[Mapping[str, Any], int]],
    today: date,
) -> CoupleStats:
    """What `couple_stats` says of one user's ended sessions with one partner, from:

    - ``results``: how many of those sessions ended each way (a result may come more than
      once: the counts add up);
    - ``active_days``: the couple's days of those that are an `active_day` (repeats are fine);
    - ``reactions``: the details and the user's seat of each reaction duel among them that
      `counts_as_game`.
    """
    duels = list(reactions)
    my_times = [ms for details, seat in duels for ms in valid_reaction_times(details, seat)]
    their_times = [ms for details, seat in duels for ms in valid_reaction_times(details, 1 - seat)]
    current, longest = streaks(active_days, today)
    return couple_stats_from_results(
        results,
        current_streak=current,
        longest_streak=longest,
        fastest_ms=min(my_times, default=None),
        partner_fastest_ms=min(their_times, default=None),
    )


def couple_stats_from_results(
    results: Iterable[tuple[SessionResult, int]],
    *,
    current_streak: int,
    longest_streak: int,
    fastest_ms: int | None,
    partner_fastest_ms: int | None,
) -> CoupleStats:
    """`couple_stats_from_counts` with the streaks and the fastest reactions already
    worked out (what `bot.progress.summary.CoupleSummary` keeps instead of days and duels)."""
    counts: Counter[SessionResult] = Counter()
    for result, sessions in results:
        counts[result] += sessions
    played = {result: n for result, n in counts.items() if n > 0 and result.counts_as_game}
    verdicts: Counter[tuple[str, Verdict | None]] = Counter()
    for result, n in played.items():
        verdicts[result.game, result.verdict] += n
    return CoupleStats(
        games_played=sum(played.values()),
        per_game=_tallies(verdicts),
        best_quiz=_best(result.quiz_score() for result in played),
        partner_best_quiz=_best(result.partner_quiz_score() for result in played),
        best_sync=_best(result.sync_percent() for result in played),
        fastest_reaction_ms=fastest_ms,
        partner_fastest_reaction_ms=partner_fastest_ms,
        current_streak=current_streak,
        longest_streak=longest_streak,
        daily_answered=sum(n for result, n in counts.items() if n > 0 and result.answered_daily),
    )


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days.

    The current run ends today, or yesterday when today is not (yet) among the days;
    days after today never count towards it. The longest run is over all the days.
    """
    active = {day.toordinal() for day in days}
    end = today.toordinal()
    if end not in active:
        end -= 1
    current = 0
    while end - current in active:
        current += 1
    return current, _longest(active)


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive days."""
    return _longest({day.toordinal() for day in days})


def _longest(ordinals: set[int]) -> int:
    longest = 0
    for start in ordinals:
        if start - 1 in ordinals:
            continue  # not the first day of a run
        length = 1
        while start + length in ordinals:
            length += 1
        longest = max(longest, length)
    return longest


def _tallies(results: Counter[tuple[str, Verdict | None]]) -> tuple[GameTally, ...]:
    """Per game, from the number of games played to the end by (slug, verdict)."""
    slugs = [*GAME_KEYS, *sorted({game for game, _ in results} - set(GAME_KEYS))]
    tallies = []
    for slug in slugs:
        wins, losses = results[slug, Verdict.WIN], results[slug, Verdict.LOSS]
        no_winner = results[slug, Verdict.DRAW] + results[slug, None]
        tallies.append(
            GameTally(
                game=slug,
                played=wins + losses + no_winner,
                wins=wins,
                partner_wins=losses,
                draws=no_winner,
                cooperative=slug in COOPERATIVE_GAMES,
            )
        )
    return tuple(tallies)


def _best(values: Iterable[int | None]) -> int | None:
    return max((value for value in values if value is not None), default=None)
