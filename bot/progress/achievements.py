"""Achievements: what each one asks for, and a user's progress towards it.

A rule's `progress` reads *all* of one user's ended sessions (any partner, oldest
first) and returns the current value; `evaluate` clamps it to ``[0, goal]``. The caller
stores progress and never lets it go down. Every rule is monotonic: appending a later
session never lowers its value (tests check this).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from bot.progress.records import GAME_KEYS, TICTACTOE, PlayedGame, Verdict
from bot.progress.stats import longest_streak
from games.text import N_

__all__ = [
    "ACHIEVEMENTS",
    "FAST_REACTION_MS",
    "WIN_STREAK",
    "AchievementRule",
    "evaluate",
    "get_achievement",
]

Progress = Callable[[Sequence[PlayedGame]], int]

FAST_REACTION_MS = 250
"""A tap strictly faster than this earns "Lightning fast"."""
WIN_STREAK = 5


@dataclass(frozen=True)
class AchievementRule:
    key: str
    """Stable slug: the identity of the achievement in the database."""
    emoji: str
    title: str
    """N_ msgid."""
    description: str
    """N_ msgid: exactly what to do."""
    goal: int
    progress: Progress
    """The current value for one user's ended sessions (oldest first); may exceed `goal`."""

    def __post_init__(self) -> None:
        if self.goal < 1:
            raise ValueError(f"{self.key}: the goal must be positive")

    def evaluate(self, games: Sequence[PlayedGame]) -> int:
        """Progress clamped to ``[0, goal]``."""
        return min(max(self.progress(games), 0), self.goal)


def _games_played(games: Sequence[PlayedGame]) -> int:
    """Games played to the end (given up or not), questions of the day aside."""
    return sum(game.counts_as_game for game in games)


def _wins(games: Sequence[PlayedGame]) -> int:
    return sum(game.verdict is Verdict.WIN for game in games)


def _longest_win_run(games: Sequence[PlayedGame]) -> int:
    """The longest run of wins in a row among decided games (a draw or loss ends it)."""
    longest = run = 0
    for game in sorted(games, key=lambda game: game.ended_at):  # stable: ties keep order
        verdict = game.verdict
        if verdict is None:
            continue  # abandoned, cooperative or a question of the day: not decided
        run = run + 1 if verdict is Verdict.WIN else 0
        longest = max(longest, run)
    return longest


def _perfect_quizzes(games: Sequence[PlayedGame]) -> int:
    return sum(game.quiz_perfect() for game in games)


def _perfect_syncs(games: Sequence[PlayedGame]) -> int:
    return sum(game.sync_percent() == 100 for game in games)


def _games_tried(games: Sequence[PlayedGame]) -> int:
    return len({game.game for game in games if game.counts_as_game} & set(GAME_KEYS))


def _longest_day_streak(games: Sequence[PlayedGame]) -> int:
    return longest_streak(game.day for game in games if game.active_day)


def _fast_reactions(games: Sequence[PlayedGame]) -> int:
    return sum(ms < FAST_REACTION_MS for game in games for ms in game.reaction_times(game.seat))


def _rematches(games: Sequence[PlayedGame]) -> int:
    return sum(game.rematch and game.counts_as_game for game in games)


def _dailies(games: Sequence[PlayedGame]) -> int:
    return sum(game.answered_daily for game in games)


def _tictactoe_draws(games: Sequence[PlayedGame]) -> int:
    return sum(game.game == TICTACTOE and game.verdict is Verdict.DRAW for game in games)


ACHIEVEMENTS: tuple[AchievementRule, ...] = (
    AchievementRule(
        "first_game",
        "🎲",
        N_("Let's play!"),
        N_("Play your first game together."),
        1,
        _games_played,
    ),
    AchievementRule(
        "games_10",
        "🎮",
        N_("Getting into it"),
        N_("Play 10 games together."),
        10,
        _games_played,
    ),
    AchievementRule(
        "games_50",
        "🏅",
        N_("Game night regulars"),
        N_("Play 50 games together."),
        50,
        _games_played,
    ),
    AchievementRule(
        "games_100",
        "💯",
        N_("Inseparable"),
        N_("Play 100 games together."),
        100,
        _games_played,
    ),
    AchievementRule(
        "first_win",
        "🏆",
        N_("First victory"),
        N_("Win a game."),
        1,
        _wins,
    ),
    AchievementRule(
        "win_streak_5",
        "🔥",
        N_("On fire"),
        N_("Win 5 games in a row. A draw or a loss starts the count again."),
        WIN_STREAK,
        _longest_win_run,
    ),
    AchievementRule(
        "perfect_quiz",
        "🧠",
        N_("Mind reader"),
        N_("In “How well do you know me?”, guess all 5 of your partner's answers."),
        1,
        _perfect_quizzes,
    ),
    AchievementRule(
        "perfect_sync",
        "💞",
        N_("Two hearts, one mind"),
        N_("In “In sync”, give the same answers to all the questions."),
        1,
        _perfect_syncs,
    ),
    AchievementRule(
        "all_games",
        "🧭",
        N_("Tried them all"),
        N_("Play every game at least once."),
        len(GAME_KEYS),
        _games_tried,
    ),
    AchievementRule(
        "day_streak_7",
        "📅",
        N_("A week together"),
        N_("Play a game or answer the question of the day 7 days in a row."),
        7,
        _longest_day_streak,
    ),
    AchievementRule(
        "fast_reaction",
        "⚡",
        N_("Lightning fast"),
        N_("In “Reaction duel”, tap less than 250 ms after the signal."),
        1,
        _fast_reactions,
    ),
    AchievementRule(
        "rematch",
        "🔁",
        N_("One more time!"),
        N_("After a game, tap “Rematch” and play again."),
        1,
        _rematches,
    ),
    AchievementRule(
        "daily_7",
        "☀️",
        N_("Daily ritual"),
        N_("Answer the question of the day together 7 times."),
        7,
        _dailies,
    ),
    AchievementRule(
        "tictactoe_draw",
        "🤝",
        N_("Evenly matched"),
        N_("Play tic-tac-toe to a draw."),
        1,
        _tictactoe_draws,
    ),
)

_BY_KEY: Mapping[str, AchievementRule] = MappingProxyType({a.key: a for a in ACHIEVEMENTS})

if len(_BY_KEY) != len(ACHIEVEMENTS):
    raise RuntimeError("achievement keys must be unique")


def get_achievement(key: str) -> AchievementRule:
    """The rule with this key; raises `KeyError` for an unknown key."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown achievement {key!r}") from None


def evaluate(games: Sequence[PlayedGame]) -> dict[str, int]:
    """Every achievement's progress (key -> value clamped to ``[0, goal]``), in order."""
    return {rule.key: rule.evaluate(games) for rule in ACHIEVEMENTS}
