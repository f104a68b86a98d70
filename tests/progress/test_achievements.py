"""Achievement rules: the catalogue, each rule on crafted histories, and properties that
hold for any history (monotonic when a session is appended, clamped, order-independent)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.progress.achievements import (
    ACHIEVEMENTS,
    FAST_REACTION_MS,
    SHARED,
    AchievementRule,
    Tail,
    advance_progress,
    evaluate,
    get_achievement,
)
from bot.progress.records import PlayedGame
from games.engine import Setup
from games.registry import GAMES
from games.sea_battle import SeaBattle, shot
from tests.progress.factories import (
    OTHER_PARTNER,
    START,
    abandoned,
    any_game,
    chronological,
    daily,
    days_from,
    from_outcome,
    histories,
    insync,
    played,
    quiz,
    reaction,
    reaction_round,
    real_reaction,
)

REQUIRED = {
    "first_game": 1,
    "games_10": 10,
    "games_50": 50,
    "games_100": 100,
    "first_win": 1,
    "win_streak_5": 5,
    "perfect_quiz": 1,
    "perfect_sync": 1,
    "all_games": len(GAMES),
    "day_streak_7": 7,
    "fast_reaction": 1,
    "rematch": 1,
    "daily_7": 7,
    "tictactoe_draw": 1,
    "tod_full_deck": 1,
    "sea_no_scratch": 1,
}
ORDER_DEPENDENT = {"win_streak_5"}


def progress(key: str, games: Sequence[PlayedGame]) -> int:
    return get_achievement(key).progress(games)


# -- the catalogue --------------------------------------------------------------------------


def test_catalogue_has_every_required_achievement_with_its_goal() -> None:
    assert {rule.key: rule.goal for rule in ACHIEVEMENTS} == REQUIRED
    assert len({rule.key for rule in ACHIEVEMENTS}) == len(ACHIEVEMENTS)


@pytest.mark.parametrize("rule", ACHIEVEMENTS, ids=lambda rule: rule.key)
def test_rule_is_well_formed(rule: AchievementRule) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]{1,31}", rule.key)
    assert rule.emoji and not rule.emoji.isascii()
    assert rule.title and len(rule.title) <= 24 and rule.title == rule.title.strip()
    assert rule.description.endswith(".") and "{" not in rule.description + rule.title
    assert rule.goal >= 1
    assert rule.evaluate([]) == 0


def test_every_game_counts_for_the_explorer_goal() -> None:
    assert get_achievement("all_games").goal == len(GAMES)


def test_unknown_key_and_bad_goal() -> None:
    with pytest.raises(KeyError, match="nope"):
        get_achievement("nope")
    with pytest.raises(ValueError, match="goal"):
        replace(ACHIEVEMENTS[0], goal=0)


# -- each rule on crafted histories -----------------------------------------------------------


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([], 0),
        ([played()], 1),
        ([played("rps", "loss"), played("quiz", "2/5"), insync(40)], 3),
        ([played("tictactoe", "loss", given_up=True)], 1),  # given up still counts
        ([abandoned("tictactoe"), abandoned("reaction")], 0),
        ([daily(), daily(answered=False)], 0),
        ([played(partner=OTHER_PARTNER), played()], 2),  # any partner
    ],
)
def test_games_played(games: list[PlayedGame], expected: int) -> None:
    for key in ("first_game", "games_10", "games_50", "games_100"):
        assert progress(key, games) == expected


@pytest.mark.parametrize(("count", "first", "ten", "fifty", "hundred"), [
    (0, 0, 0, 0, 0),
    (1, 1, 1, 1, 1),
    (9, 1, 9, 9, 9),
    (10, 1, 10, 10, 10),
    (49, 1, 10, 49, 49),
    (50, 1, 10, 50, 50),
    (99, 1, 10, 50, 99),
    (100, 1, 10, 50, 100),
    (130, 1, 10, 50, 100),
])  # fmt: skip
def test_game_count_goals_are_clamped(
    count: int, first: int, ten: int, fifty: int, hundred: int
) -> None:
    values = evaluate([played("rps", "draw")] * count + [abandoned()] * 5)
    assert (values["first_game"], values["games_10"]) == (first, ten)
    assert (values["games_50"], values["games_100"]) == (fifty, hundred)


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([played("rps", "loss"), played("tictactoe", "draw")], 0),
        ([played("reaction", "win")], 1),
        ([quiz(4, 3)], 1),
        ([quiz(3, 3), quiz(1, 4)], 0),
        ([played("tictactoe", "win", given_up=True)], 0),  # the partner gave up: not earned
        ([played("tictactoe", "win", given_up=True), played("rps", "win")], 1),
        ([played("tictactoe", "win", status="abandoned")], 0),
    ],
)
def test_first_win(games: list[PlayedGame], expected: int) -> None:
    assert get_achievement("first_win").evaluate(games) == expected


W, L, D = played("rps", "win"), played("tictactoe", "loss"), played("tictactoe", "draw")


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([], 0),
        ([W] * 5, 5),
        ([W] * 7, 7),
        ([W, W, W, D, W, W], 3),  # a draw breaks the run
        ([W, W, L, W, W, W, W], 4),
        ([W, W, quiz(3, 3), W], 2),  # a tied quiz is a draw
        ([W, W, quiz(5, 1), W, W], 5),  # a quiz won on score
        ([W, insync(70), W, daily(), W, abandoned(), W, W], 5),  # undecided: ignored
        ([L, D, L], 0),
        ([W, W, played("tictactoe", "loss", given_up=True), W], 2),
        # A win because the partner gave up neither extends a run nor breaks it.
        ([W, W, played("tictactoe", "win", given_up=True), W, W], 4),
        ([played("rps", "win", given_up=True)] * 5, 0),
    ],
)
def test_win_streak(games: list[PlayedGame], expected: int) -> None:
    assert progress("win_streak_5", chronological(games)) == expected


def test_win_streak_follows_end_times_not_list_order() -> None:
    games = chronological([W, W, D, W, W])
    shuffled = [games[4], games[0], games[2], games[1], games[3]]
    assert progress("win_streak_5", shuffled) == 2
    tied = [replace(game, ended_at=games[0].ended_at) for game in games]
    assert progress("win_streak_5", tied) == 2  # same time: the given order decides


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([quiz(5, 0)], 1),
        ([quiz(4, 5), quiz(0, 5)], 0),  # the partner's perfect score is not mine
        ([quiz(5, 5, status="abandoned")], 0),
        ([played("quiz", "win", given_up=True)], 0),
        ([quiz(5, 5), quiz(5, 2)], 2),
    ],
)
def test_perfect_quiz(games: list[PlayedGame], expected: int) -> None:
    assert progress("perfect_quiz", games) == expected


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([insync(100)], 1),
        ([insync(99), insync(86)], 0),
        ([insync(100, status="abandoned")], 0),
        ([played("insync", "win", given_up=True)], 0),
        ([played("quiz", "100%")], 0),
    ],
)
def test_perfect_sync(games: list[PlayedGame], expected: int) -> None:
    assert progress("perfect_sync", games) == expected


def test_every_game_tried() -> None:
    games = [played("tictactoe"), played("tictactoe", "loss"), quiz(1, 2), daily()]
    assert progress("all_games", games) == 2
    games += [abandoned("reaction"), played("oldgame")]  # neither counts
    assert progress("all_games", games) == 2
    games += [played("rps", "draw", given_up=False), played("reaction", "loss", given_up=True)]
    assert progress("all_games", games) == 4
    games.append(insync(14, partner=OTHER_PARTNER))
    assert progress("all_games", games) == 5
    games += [played(game.key) for game in GAMES]  # every game the registry holds
    assert get_achievement("all_games").evaluate(games) == len(GAMES)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], 0),
        ([date(2024, 3, 1)], 1),
        (days_from(date(2024, 3, 1), 7), 7),
        (days_from(date(2024, 1, 28), 7), 7),  # across a month
        (days_from(date(2023, 12, 28), 7), 7),  # across a year
        (days_from(date(2024, 2, 25), 7), 7),  # through 29 February
        (days_from(date(2023, 2, 25), 3) + days_from(date(2023, 3, 1), 4), 4),  # no 29 Feb
        (days_from(date(2024, 3, 1), 3) + days_from(date(2024, 3, 5), 5), 5),
        (days_from(date(2024, 3, 1), 12), 12),
    ],
)
def test_day_streak(days: list[date], expected: int) -> None:
    games = [played("rps", at=day) for day in days]
    assert progress("day_streak_7", games) == expected


def test_day_streak_counts_answered_questions_and_utc_days() -> None:
    monday = date(2024, 12, 30)
    minus_two = timezone(timedelta(hours=-2))
    games = [
        played(at=monday),
        daily(at=monday + timedelta(days=1)),
        played("quiz", "loss", at=monday + timedelta(days=2), given_up=True),
        daily(at=monday + timedelta(days=3), partner=OTHER_PARTNER),
        # 3 January 23:30 at UTC-2 is 4 January in UTC: 3 January stays empty.
        played(at=datetime(2025, 1, 3, 23, 30, tzinfo=minus_two)),
        played(at=monday + timedelta(days=6)),
    ]
    assert progress("day_streak_7", games) == 4
    assert progress("day_streak_7", [*games, played(at=date(2025, 1, 3))]) == 7


@pytest.mark.parametrize(
    "breaker",
    [
        abandoned("tictactoe", at=date(2024, 3, 4)),
        daily(answered=False, at=date(2024, 3, 4)),
        played("daily", "answered", partner_short="abandoned", at=date(2024, 3, 4)),
    ],
)
def test_day_streak_gaps(breaker: PlayedGame) -> None:
    games = [played(at=day) for day in days_from(date(2024, 3, 1), 7) if day.day != 4]
    assert progress("day_streak_7", [*games, breaker]) == 3


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (0, 1),
        (120, 1),
        (FAST_REACTION_MS - 1, 1),
        (FAST_REACTION_MS, 0),
        (FAST_REACTION_MS + 1, 0),
        (900, 0),
    ],
)
def test_fast_reaction_boundary(ms: int, expected: int) -> None:
    game = reaction(reaction_round("win", (ms, ms + 50), 0))
    assert get_achievement("fast_reaction").evaluate([game]) == expected


@pytest.mark.parametrize(
    ("rounds", "seat", "expected"),
    [
        ([reaction_round("false_start", (-400, None), 1)], 0, 0),
        ([reaction_round("false_start", (None, 100), 0)], 1, 0),
        ([reaction_round("win", (400, 120), 1)], 0, 0),  # the partner was fast, not me
        ([reaction_round("win", (400, 120), 1)], 1, 1),
        ([reaction_round("tie", (200, 200))], 0, 1),
        ([reaction_round("timeout", (None, None))], 0, 0),
    ],
)
def test_fast_reaction_only_valid_taps_of_mine(
    rounds: list[dict[str, object]], seat: int, expected: int
) -> None:
    assert progress("fast_reaction", [reaction(*rounds, seat=seat)]) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(FAST_REACTION_MS / 1000 - 0.001, 1), (FAST_REACTION_MS / 1000, 0), (-0.1, 0)],
)
def test_fast_reaction_on_a_real_duel(offset: float, expected: int) -> None:
    # Seat 0 taps `offset` after GO in round one (a false start if negative), 0.4 s later in
    # round two; seat 1 taps 0.6 s after GO.
    outcome = real_reaction([(offset, 0.6), (0.4, 0.6), (0.4, 0.6)])
    assert progress("fast_reaction", [from_outcome("reaction", outcome)]) == expected


def test_fast_reaction_ignores_abandoned_duels() -> None:
    game = reaction(reaction_round("win", (100, 300), 0), status="abandoned", short="abandoned")
    assert progress("fast_reaction", [game]) == 0


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        (played(rematch=True), 1),
        (played("quiz", "loss", rematch=True, given_up=True), 1),
        (abandoned(rematch=True), 0),
        (played(rematch=False), 0),
    ],
)
def test_rematch(game: PlayedGame, expected: int) -> None:
    assert progress("rematch", [game]) == expected


def test_daily_questions() -> None:
    answered = [daily(at=day) for day in days_from(date(2024, 3, 1), 6)]
    unanswered = [
        daily(answered=False),
        played("daily", "answered", partner_short="abandoned"),
        played("daily", "answered", status="abandoned"),
    ]
    assert progress("daily_7", answered + unanswered) == 6
    games = [*answered, *unanswered, daily(partner=OTHER_PARTNER)]
    assert get_achievement("daily_7").evaluate(games) == 7


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        (played("tictactoe", "draw"), 1),
        (played("tictactoe", "win"), 0),
        (played("rps", "draw"), 0),
        (quiz(2, 2), 0),
        (played("tictactoe", "draw", status="abandoned"), 0),
    ],
)
def test_tictactoe_draw(game: PlayedGame, expected: int) -> None:
    assert progress("tictactoe_draw", [game]) == expected


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        (played("truthordare", "💬 4 · 🎯 6"), 1),  # ten cards, none skipped
        (played("truthordare", "💬 10 · 🎯 0"), 1),
        (played("truthordare", "💬 4 · 🎯 5"), 0),  # a skip, or stopped before the end
        (played("truthordare", "💬 9 · 🎯 9"), 0),  # more than a deck: not a real result
        (played("truthordare", "💬 4 · 🎯 6", status="abandoned"), 0),
        (played("insync", "💬 4 · 🎯 6"), 0),
        (played("truthordare", "win", given_up=True), 0),
    ],
)
def test_a_full_deck_of_truth_or_dare(game: PlayedGame, expected: int) -> None:
    assert progress("tod_full_deck", [game]) == expected


def sea(short: str, lost: object, seat: int = 0, **kwargs: Any) -> PlayedGame:
    return played("seabattle", short, seat=seat, details={"ships_lost": lost}, **kwargs)


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        (sea("win", [0, 5]), 1),
        (sea("win", [5, 0], seat=1), 1),
        (sea("win", [1, 5]), 0),  # a ship lost
        (sea("win", [5, 0]), 0),  # the other seat's losses
        (sea("loss", [5, 0]), 0),
        (sea("win", [0, 5], given_up=True), 0),  # the partner gave up: no battle won
        (sea("win", [0, 5], status="abandoned"), 0),
        (sea("win", "none"), 0),
        (sea("win", [False, 5]), 0),
        (played("seabattle", "win"), 0),  # no details
        (played("tictactoe", "win", details={"ships_lost": [0, 5]}), 0),
    ],
)
def test_not_a_scratch(game: PlayedGame, expected: int) -> None:
    assert progress("sea_no_scratch", [game]) == expected


def test_not_a_scratch_from_a_real_sea_battle() -> None:
    game = SeaBattle()
    state = game.new(Setup(first_player=0, seed=4))
    state = game.apply(game.apply(state, "ready", 0, 0.0), "ready", 1, 0.0)
    for cell in sorted(c for ship in state.fleets[1] for c in ship):  # every shot hits
        state = game.apply(state, shot(cell), 0, 0.0)
    outcome = game.result(state)
    won = from_outcome("seabattle", outcome, seat=0)
    lost = from_outcome("seabattle", outcome, seat=1)
    assert progress("sea_no_scratch", [won]) == 1
    assert progress("sea_no_scratch", [lost]) == 0


def test_evaluate_a_full_history() -> None:
    week = days_from(date(2024, 12, 27), 7)
    games = chronological(
        [
            *[played("rps", "win", at=day) for day in week],
            quiz(5, 3),
            insync(100),
            played("tictactoe", "draw", rematch=True),
            reaction(reaction_round("win", (233, 260), 0)),
            played("truthordare", "💬 4 · 🎯 6"),
            *[daily(at=day) for day in week],
        ]
    )
    values = evaluate(games)
    assert values == {
        "first_game": 1,
        "games_10": 10,
        "games_50": 12,
        "games_100": 12,
        "first_win": 1,
        "win_streak_5": 5,
        "perfect_quiz": 1,
        "perfect_sync": 1,
        "all_games": 6,
        "day_streak_7": 1,  # chronological() put every session on one day
        "fast_reaction": 1,
        "rematch": 1,
        "daily_7": 7,
        "tictactoe_draw": 1,
        "tod_full_deck": 1,
        "sea_no_scratch": 0,
    }
    assert list(values) == [rule.key for rule in ACHIEVEMENTS]


# -- properties -----------------------------------------------------------------------------


@given(histories(), st.data())
def test_appending_a_session_never_lowers_progress(
    games: list[PlayedGame], data: st.DataObject
) -> None:
    last = max((game.ended_at for game in games), default=datetime(2024, 3, 1, tzinfo=UTC))
    extra = data.draw(any_game(after=last))
    longer = [*games, extra]
    for rule in ACHIEVEMENTS:
        assert rule.progress(longer) >= rule.progress(games), rule.key
        assert rule.evaluate(longer) >= rule.evaluate(games), rule.key


@given(histories())
def test_progress_stays_within_the_goal(games: list[PlayedGame]) -> None:
    values = evaluate(games)
    for rule in ACHIEVEMENTS:
        assert 0 <= values[rule.key] <= rule.goal
        assert values[rule.key] == min(rule.progress(games), rule.goal)


@given(histories(), st.randoms(use_true_random=False))
def test_only_the_win_streak_depends_on_order(games: list[PlayedGame], rnd: object) -> None:
    shuffled = list(games)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    for rule in ACHIEVEMENTS:
        if rule.key not in ORDER_DEPENDENT:
            assert rule.progress(shuffled) == rule.progress(games), rule.key


@given(histories())
def test_win_streak_never_exceeds_the_wins(games: list[PlayedGame]) -> None:
    assert progress("win_streak_5", games) <= progress("first_win", games)


@given(histories())
def test_counted_games_bound_the_game_rules(games: list[PlayedGame]) -> None:
    played_count = progress("games_100", games)
    for key in ("first_win", "win_streak_5", "rematch", "tictactoe_draw", "all_games"):
        assert progress(key, games) <= played_count, key


# -- incremental progress (what a finishing transaction computes) -------------------------------


def _advanced_step_by_step(
    games: Sequence[PlayedGame], tail_size: int
) -> list[tuple[dict[str, int] | None, dict[str, int]]]:
    """For each session in turn: (advance_progress from the previous values and the last
    `tail_size` sessions, evaluate on the whole history so far). As the finishing
    transaction reads it, only the newest session of a tail has its details."""
    steps = []
    stored = evaluate([])
    for index in range(len(games)):
        history = games[: index + 1]
        older = [replace(game, details={}, given_up=False) for game in history[-tail_size:-1]]
        tail = Tail([*older, history[-1]], history[-1], complete=tail_size >= len(history))
        expected = evaluate(history)
        advanced = advance_progress(ACHIEVEMENTS, stored, tail)
        steps.append((advanced, expected))
        stored = expected  # what the database holds after this session, either way
    return steps


@given(histories(max_size=40), st.integers(1, 12))
def test_advancing_from_the_tail_equals_evaluating_everything(
    games: list[PlayedGame], tail_size: int
) -> None:
    for advanced, expected in _advanced_step_by_step(games, tail_size):
        assert advanced is None or advanced == expected


@given(histories(max_size=40))
def test_a_whole_history_tail_always_decides(games: list[PlayedGame]) -> None:
    for advanced, expected in _advanced_step_by_step(games, len(games) + 1):
        assert advanced == expected


@given(histories(max_size=40))
def test_a_rule_that_does_not_look_back_needs_only_the_newest_session(
    games: list[PlayedGame],
) -> None:
    """What a finish computes without reading a tail: such a rule's progress is advanced
    from the stored value and the session that just ended, whatever came before."""
    blind = [rule for rule in ACHIEVEMENTS if not rule.looks_back]
    stored = {rule.key: 0 for rule in blind}
    for index, newest in enumerate(games):
        advanced = advance_progress(blind, stored, Tail([newest], newest, complete=False))
        expected = {rule.key: rule.evaluate(games[: index + 1]) for rule in blind}
        assert advanced == expected
        stored = expected


def test_only_streaks_and_the_explorer_look_back() -> None:
    looking = {rule.key for rule in ACHIEVEMENTS if rule.looks_back}
    assert looking == {"win_streak_5", "all_games", "day_streak_7"}


@pytest.mark.parametrize("hours_apart", [0.01, 5, 30])
def test_a_busy_history_is_decided_by_its_tail(hours_apart: float) -> None:
    """Every kind of game, many a day, a few a day or one every other day: the newest 64
    sessions decide every rule, so a busy couple never reads its whole history."""
    kinds = [played(game.key) for game in GAMES] * 40
    games = [
        replace(game, session_id=index, ended_at=START + timedelta(hours=hours_apart * index))
        for index, game in enumerate(kinds)
    ]
    steps = _advanced_step_by_step(games, 64)
    assert all(advanced == expected for advanced, expected in steps[64:])


# -- goals the couple shares ---------------------------------------------------------------


def other_side(game: PlayedGame) -> PlayedGame:
    """The same session as the partner's history holds it: the other seat and shorts."""
    return replace(game, seat=1 - game.seat, short=game.partner_short, partner_short=game.short)


@given(histories(consistent=True))
def test_a_shared_goal_advances_alike_for_both_partners(games: list[PlayedGame]) -> None:
    partner = [other_side(game) for game in games]
    for rule in ACHIEVEMENTS:
        if rule.shared:
            assert rule.evaluate(games) == rule.evaluate(partner), rule.key


@pytest.mark.parametrize(
    ("key", "games"),
    [
        ("first_win", [played("rps", "win")]),
        ("win_streak_5", chronological([played("rps", "win")] * 5)),
        ("perfect_quiz", [quiz(5, 2)]),
        ("fast_reaction", [reaction(reaction_round("win", (200, 900), 0))]),
        ("sea_no_scratch", [sea("win", [0, 4])]),
    ],
)
def test_a_personal_goal_can_differ_between_partners(key: str, games: list[PlayedGame]) -> None:
    rule = get_achievement(key)
    assert not rule.shared
    assert rule.evaluate(games) != rule.evaluate([other_side(game) for game in games])


def test_every_goal_is_shared_or_shown_as_personal_on_purpose() -> None:
    personal = {"first_win", "win_streak_5", "perfect_quiz", "fast_reaction", "sea_no_scratch"}
    assert {rule.key for rule in ACHIEVEMENTS if not rule.shared} == personal
    assert set(REQUIRED) - personal == SHARED
