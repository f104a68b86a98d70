"""A couple's kept summary (bot/progress/summary.py) says what the definition says game by
game, whether it was counted at once or advanced one session at a time, and survives
being stored; the day run agrees with `streaks` whenever it answers."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.progress.records import REACTION, PlayedGame, SessionResult
from bot.progress.stats import couple_stats, streaks
from bot.progress.summary import CoupleSummary, DayRun, dump_summaries, load_summaries
from tests.progress.factories import ME, PARTNER, daily, histories, played, reaction_round
from tests.progress.test_stats import as_counted, varied_histories

TODAY = date(2024, 3, 10)
WINDOW = date(2024, 2, 20)
dates = st.integers(0, 40).map(lambda n: WINDOW + timedelta(days=n))


def counted(games: list[PlayedGame]) -> CoupleSummary:
    """What counting the database gives for these sessions (with PARTNER)."""
    return CoupleSummary.counted(*as_counted(games, PARTNER, grouped=True))


def advanced(games: list[PlayedGame]) -> CoupleSummary:
    """What finishing them one by one keeps, recounting whenever a summary cannot follow
    (as `ProgressService.record_finish` drops it and the next screen counts again)."""
    summary = CoupleSummary()
    seen: list[PlayedGame] = []
    for game in games:
        seen.append(game)
        if game.partner_user_id != PARTNER:
            continue
        result = SessionResult(game.game, game.status, game.short, game.partner_short)
        summary_now = summary.with_session(result, game.day, game.details, game.seat)
        summary = counted(seen) if summary_now is None else summary_now
    return summary


@given(varied_histories())
def test_sessions_in_order_advance_to_what_counting_says(games: list[PlayedGame]) -> None:
    summary = CoupleSummary()
    for game in games:  # oldest first: every day is on or after the last one
        if game.partner_user_id == PARTNER:
            result = SessionResult(game.game, game.status, game.short, game.partner_short)
            summary_now = summary.with_session(result, game.day, game.details, game.seat)
            assert summary_now is not None
            summary = summary_now
    assert summary == counted(games)
    last = max((game.day for game in games), default=TODAY)
    assert summary.stats(last) == couple_stats(games, PARTNER, last)
    assert summary.stats(last + timedelta(days=2)) == couple_stats(
        games, PARTNER, last + timedelta(days=2)
    )


@given(varied_histories(), st.randoms(use_true_random=False), dates)
def test_sessions_in_any_order_say_what_the_games_say(
    games: list[PlayedGame], rng: random.Random, today: date
) -> None:
    rng.shuffle(games)
    summary = advanced(games)
    stats = summary.stats(today)
    active = {game.day for game in games if game.partner_user_id == PARTNER and game.active_day}
    if stats is None:  # only when days after today hide whether today counts
        assert max(active) > today
        return
    assert stats == couple_stats(games, PARTNER, today)


def test_a_day_before_the_run_cannot_be_followed() -> None:
    result = SessionResult("rps", "finished", "win", "loss")
    summary = CoupleSummary()
    for day in (TODAY - timedelta(days=1), TODAY):
        summary_now = summary.with_session(
            SessionResult("rps", "finished", "win", "loss"), day, {}, 0
        )
        assert summary_now is not None
        summary = summary_now
    # Inside the run: nothing new to know.
    assert summary.with_session(result, TODAY - timedelta(days=1), {}, 0) is not None
    # Before it: it may join an older run.
    assert summary.with_session(result, TODAY - timedelta(days=2), {}, 0) is None
    # A session that is no active day never needs its day.
    abandoned = SessionResult("rps", "abandoned", "abandoned", "abandoned")
    assert summary.with_session(abandoned, TODAY - timedelta(days=9), {}, 0) is not None


def test_reaction_times_by_seat_and_only_from_duels_played_to_the_end() -> None:
    duel = {"rounds": [reaction_round("win", (231, 305), 0)]}
    summary = CoupleSummary()
    for result, seat in (
        (SessionResult(REACTION, "finished", "win", "loss"), 1),  # I sat second
        (SessionResult(REACTION, "abandoned", "abandoned", "abandoned"), 0),
        (SessionResult("tictactoe", "finished", "win", "loss"), 0),
    ):
        summary_now = summary.with_session(result, TODAY, duel, seat)
        assert summary_now is not None
        summary = summary_now
    assert (summary.fastest_ms, summary.partner_fastest_ms) == (305, 231)


@given(st.sets(dates, min_size=1, max_size=30), dates)
def test_a_day_run_agrees_with_streaks(days: set[date], today: date) -> None:
    run = DayRun.of(days)
    assert run is not None
    current = run.current(today)
    expected = streaks(days, today)
    assert run.longest == expected[1]
    if current is None:
        assert max(days) > today
    else:
        assert current == expected[0]
    if max(days) <= today:
        assert current is not None


@given(st.lists(dates, min_size=1, max_size=30))
def test_a_day_run_built_day_by_day(days: list[date]) -> None:
    run: DayRun | None = DayRun(days[0], 1, 1)
    for number, day in enumerate(days[1:], start=1):
        assert run is not None
        run = run.with_day(day)
        if run is None:
            assert day < max(days[:number])
            return
        assert run == DayRun.of(days[: number + 1])


def test_a_day_run_at_the_ends_of_the_calendar() -> None:
    assert DayRun(date.max, 1, 1).current(date.max) == 1
    assert DayRun(date.max - timedelta(days=1), 1, 1).with_day(date.max) == DayRun(date.max, 2, 2)
    assert DayRun(date.min, 1, 1).with_day(date.min) == DayRun(date.min, 1, 1)
    assert DayRun(date.min + timedelta(days=1), 2, 2).current(date.min) == 1


@given(histories(40))
def test_both_partners_summaries_survive_storing(games: list[PlayedGame]) -> None:
    mine, theirs = counted(games), counted([])
    document = dump_summaries({ME: mine, PARTNER: theirs})
    assert load_summaries(document) == {ME: mine, PARTNER: theirs}
    assert dump_summaries({}) is None and load_summaries(None) == {}


def test_stats_of_an_empty_summary_are_zeros() -> None:
    assert CoupleSummary().stats(TODAY) == couple_stats([], PARTNER, TODAY)


def test_a_summary_on_its_first_active_day() -> None:
    summary = CoupleSummary().with_session(
        SessionResult("daily", "finished", "answered", "answered"), TODAY, {}, 0
    )
    assert summary is not None
    assert summary.stats(TODAY) == couple_stats([daily(at=TODAY)], PARTNER, TODAY)


GOOD = json.loads(dump_summaries({ME: counted([played(at=TODAY)])}) or "{}")


@pytest.mark.parametrize(
    "document",
    [
        "not json",
        "[]",
        "null",
        json.dumps({**GOOD, "format": 2}),
        json.dumps({"format": 1}),
        json.dumps({"format": 1, "by_user": {"x": GOOD["by_user"][str(ME)]}}),
        json.dumps({"format": 1, "by_user": []}),
        *(
            json.dumps({"format": 1, "by_user": {str(ME): {**GOOD["by_user"][str(ME)], **bad}}})
            for bad in (
                {"results": [["rps", "finished", "win", "loss", 0]]},  # no sessions
                {"results": [["rps", "finished", "win", "loss", True]]},
                {"results": [["rps", "finished", "win", 3, 1]]},
                {"results": [["rps", "finished", "win", 1]]},
                {"results": "x"},
                {"days": ["2024-13-01", 1, 1]},
                {"days": ["2024-03-01", 2, 1]},  # a run longer than the longest
                {"days": ["2024-03-01", 0, 0]},
                {"days": [20240301, 1, 1]},
                {"fastest_ms": [-1, None]},
                {"fastest_ms": [1.5, None]},
                {"fastest_ms": [None]},
            )
        ),
    ],
)
def test_a_document_it_did_not_write_is_counted_again(document: str) -> None:
    assert load_summaries(document) == {}
