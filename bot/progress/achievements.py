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

from bot.progress.records import GAME_KEYS, SEABATTLE, TICTACTOE, PlayedGame, Verdict
from bot.progress.stats import longest_streak
from games.text import N_
from games.truth_or_dare import CARDS_PER_GAME

__all__ = [
    "ACHIEVEMENTS",
    "DAY_STREAK",
    "FAST_REACTION_MS",
    "SHARED",
    "WIN_STREAK",
    "AchievementRule",
    "Tail",
    "advance_progress",
    "evaluate",
    "get_achievement",
]

Progress = Callable[[Sequence[PlayedGame]], int]
Advance = Callable[[int, "Tail"], "int | None"]

FAST_REACTION_MS = 350
"""A tap strictly faster than this earns "Lightning fast".

Set from the corrected measurement (#25): a time now runs from the moment Telegram
acknowledged the edit showing GO in the player's own chat to the moment the bot received
the tap. On real Telegram that includes, besides the hand, the tap's way from the phone
through Telegram to the bot (about 50-150 ms by polling or webhook), while the GO edit is
acknowledged about when it appears. A fast human reacts to a visual signal in about
200-250 ms, so they measure about 250-350 ms here: at the old 250 ms only the network's
luck could earn it. 350 ms is reachable by a fast hand and not by an average one
(a typical 280-300 ms reaction measures 350 ms and more)."""
WIN_STREAK = 5
DAY_STREAK = 7


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
    advance: Advance
    """The value after one more session, from the stored value and the newest sessions
    only (see `advance_progress`); None when those cannot decide it."""
    looks_back: bool = True
    """Whether `advance` reads sessions before the newest (False: the stored value and the
    newest session decide it, and a finish reads no other session for this rule)."""
    shared: bool = False
    """A goal the couple reaches together (/achievements shows it once, as theirs): see
    `SHARED`."""

    def __post_init__(self) -> None:
        if self.goal < 1:
            raise ValueError(f"{self.key}: the goal must be positive")

    def evaluate(self, games: Sequence[PlayedGame]) -> int:
        """Progress clamped to ``[0, goal]``."""
        return min(max(self.progress(games), 0), self.goal)


@dataclass(frozen=True)
class Tail:
    """A user's newest ended sessions (oldest first) right after `newest` ended.

    Only `newest` need carry its details: a step never reads an older game's (the finishing
    transaction reads the others without them).
    """

    games: Sequence[PlayedGame]
    newest: PlayedGame
    complete: bool
    """True when `games` is the user's whole history."""


def _counted(step: Callable[[PlayedGame], int]) -> tuple[Progress, Advance, bool]:
    """A rule that counts something per session: the total is the old one plus the newest
    (so it does not look back)."""

    def progress(games: Sequence[PlayedGame]) -> int:
        return sum(step(game) for game in games)

    def advance(stored: int, tail: Tail) -> int:
        return stored + step(tail.newest)

    return progress, advance, False


def _game_played(game: PlayedGame) -> int:
    """Games played to the end (given up or not), questions of the day aside."""
    return int(game.counts_as_game)


def _earned(game: PlayedGame) -> Verdict | None:
    """The verdict as wins count it: a win because the partner gave up was not earned by
    playing (#25), so it neither counts as a win nor breaks a run; None for those and for
    sessions that were not decided."""
    if game.won_by_give_up:
        return None
    return game.verdict


def _won(game: PlayedGame) -> int:
    return int(_earned(game) is Verdict.WIN)


def _longest_win_run(games: Sequence[PlayedGame]) -> int:
    """The longest run of wins in a row among decided games (a draw or loss ends it)."""
    longest = run = 0
    for game in sorted(games, key=lambda game: game.ended_at):  # stable: ties keep order
        verdict = _earned(game)
        if verdict is None:
            continue  # abandoned, cooperative, given up to me or a question of the day
        run = run + 1 if verdict is Verdict.WIN else 0
        longest = max(longest, run)
    return longest


def _advance_win_run(stored: int, tail: Tail) -> int | None:
    """Only a run ending with the newest game can be new; it needs the last WIN_STREAK
    decided games at most."""
    decided = [g for g in sorted(tail.games, key=lambda g: g.ended_at) if _earned(g) is not None]
    run = 0
    for game in reversed(decided):
        if _earned(game) is not Verdict.WIN:
            break
        run += 1
    if run == len(decided) and run < WIN_STREAK and not tail.complete:
        return None  # the run may go on before the tail
    return max(stored, run)


def _perfect_quiz(game: PlayedGame) -> int:
    return int(game.quiz_perfect())


def _perfect_sync(game: PlayedGame) -> int:
    return int(game.sync_percent() == 100)


def _games_tried(games: Sequence[PlayedGame]) -> int:
    return len({game.game for game in games if game.counts_as_game} & set(GAME_KEYS))


def _advance_games_tried(stored: int, tail: Tail) -> int | None:
    newest = tail.newest
    if tail.complete:
        return _games_tried(tail.games)
    if not newest.counts_as_game or newest.game not in GAME_KEYS:
        return stored
    if any(
        game.game == newest.game and game.counts_as_game and game is not newest
        for game in tail.games
    ):
        return stored  # played before: nothing new tried
    return None  # new to the tail: perhaps played long before


def _longest_day_streak(games: Sequence[PlayedGame]) -> int:
    return longest_streak(game.day for game in games if game.active_day)


def _advance_day_run(stored: int, tail: Tail) -> int | None:
    """Only the run of days ending on the newest game's day can be new."""
    newest = tail.newest
    if not newest.active_day:
        return stored
    if any(g.active_day and g.day == newest.day and g is not newest for g in tail.games):
        return stored  # the day was active already: no run changed
    days = {game.day.toordinal() for game in tail.games if game.active_day}
    covered_from = min(game.day.toordinal() for game in tail.games)
    last = newest.day.toordinal()
    run = 0
    while last - run in days:
        run += 1
    # The tail's first day may have earlier sessions outside it: only later days are whole.
    if last - run <= covered_from and run < DAY_STREAK and not tail.complete:
        return None  # the run may go on before the tail
    return max(stored, run)


def _fast_taps(game: PlayedGame) -> int:
    return sum(ms < FAST_REACTION_MS for ms in game.reaction_times(game.seat))


def _rematch(game: PlayedGame) -> int:
    return int(game.rematch and game.counts_as_game)


def _daily_answered(game: PlayedGame) -> int:
    return int(game.answered_daily)


def _tictactoe_draw(game: PlayedGame) -> int:
    return int(game.game == TICTACTOE and game.verdict is Verdict.DRAW)


def _full_deck(game: PlayedGame) -> int:
    return int(game.cards_done() == CARDS_PER_GAME)


def _sea_no_scratch(game: PlayedGame) -> int:
    """A sea battle won by sinking the whole fleet (not by a give-up) with no ship lost."""
    if game.game != SEABATTLE or game.verdict is not Verdict.WIN or game.given_up:
        return 0
    lost = game.details.get("ships_lost")
    if not isinstance(lost, list) or len(lost) != 2:
        return 0
    mine = lost[game.seat]
    return int(isinstance(mine, int) and not isinstance(mine, bool) and mine == 0)


_GAMES_PLAYED = _counted(_game_played)


ACHIEVEMENTS: tuple[AchievementRule, ...] = (
    AchievementRule(
        "first_game",
        "🎲",
        N_("Let's play!"),
        N_("Play your first game together."),
        1,
        *_GAMES_PLAYED,
        shared=True,
    ),
    AchievementRule(
        "games_10",
        "🎮",
        N_("Getting into it"),
        N_("Play 10 games together."),
        10,
        *_GAMES_PLAYED,
        shared=True,
    ),
    AchievementRule(
        "games_50",
        "🏅",
        N_("Game night regulars"),
        N_("Play 50 games together."),
        50,
        *_GAMES_PLAYED,
        shared=True,
    ),
    AchievementRule(
        "games_100",
        "💯",
        N_("Inseparable"),
        N_("Play 100 games together."),
        100,
        *_GAMES_PLAYED,
        shared=True,
    ),
    AchievementRule(
        "first_win",
        "🏆",
        N_("First victory"),
        N_("Win a game."),
        1,
        *_counted(_won),
    ),
    AchievementRule(
        "win_streak_5",
        "🔥",
        N_("On fire"),
        N_("Win 5 games in a row. A draw or a loss starts the count again."),
        WIN_STREAK,
        _longest_win_run,
        _advance_win_run,
    ),
    AchievementRule(
        "perfect_quiz",
        "🧠",
        N_("Mind reader"),
        N_("In “How well do you know me?”, guess all 5 of your partner's answers."),
        1,
        *_counted(_perfect_quiz),
    ),
    AchievementRule(
        "perfect_sync",
        "💞",
        N_("Two hearts, one mind"),
        N_("In “In sync”, give the same answers to all the questions."),
        1,
        *_counted(_perfect_sync),
        shared=True,
    ),
    AchievementRule(
        "all_games",
        "🧭",
        N_("Tried them all"),
        N_("Play every game at least once."),
        len(GAME_KEYS),
        _games_tried,
        _advance_games_tried,
        shared=True,
    ),
    AchievementRule(
        "day_streak_7",
        "📅",
        N_("A week together"),
        N_("Play a game or answer the question of the day 7 days in a row."),
        DAY_STREAK,
        _longest_day_streak,
        _advance_day_run,
        shared=True,
    ),
    AchievementRule(
        "fast_reaction",
        "⚡",
        N_("Lightning fast"),
        N_("In “Reaction duel”, tap less than 350 ms after the signal appears."),
        1,
        *_counted(_fast_taps),
    ),
    AchievementRule(
        "rematch",
        "🔁",
        N_("One more time!"),
        N_("After a game, tap “Rematch” and play again."),
        1,
        *_counted(_rematch),
        shared=True,
    ),
    AchievementRule(
        "daily_7",
        "☀️",
        N_("Daily ritual"),
        N_("Answer the question of the day together 7 times."),
        7,
        *_counted(_daily_answered),
        shared=True,
    ),
    AchievementRule(
        "tictactoe_draw",
        "🤝",
        N_("Evenly matched"),
        N_("Play tic-tac-toe to a draw."),
        1,
        *_counted(_tictactoe_draw),
        shared=True,
    ),
    AchievementRule(
        "tod_full_deck",
        "🃏",
        N_("Nothing to hide"),
        N_("In “Truth or dare”, play all ten cards without a skip or a stop."),
        1,
        *_counted(_full_deck),
        shared=True,
    ),
    AchievementRule(
        "sea_no_scratch",
        "🛡",
        N_("Not a scratch"),
        N_("Win a sea battle without losing a ship."),
        1,
        *_counted(_sea_no_scratch),
    ),
)

SHARED: frozenset[str] = frozenset(rule.key for rule in ACHIEVEMENTS if rule.shared)
"""The goals a couple reaches together, which /achievements shows once, as the couple's.

A rule is shared when each session adds the same to both partners' progress, whichever
seat they sat in: it reads only what the two sides of a session agree on (that it was
played to the end, which game it was, that it was a rematch, a tic-tac-toe draw, the
In sync percentage and Truth or dare's cards, which both sides record alike, a question
of the day answered by both) and never who won, who guessed, or whose taps or ships.
So the game counts, "Tried them all", the rematch, the day and question-of-the-day
goals, the tic-tac-toe draw, "Two hearts, one mind" and "Nothing to hide" are shared;
wins, win runs, the perfect quiz (one partner's guesses), the fast tap and the unscathed
fleet are personal. The day streak counts days in each partner's own time zone, so two
partners far apart may see it a day apart, but it counts the same sessions (tests:
tests/progress/test_achievements.py swaps the seats of whole histories).

Progress stays per person (a partner's games with an earlier partner count for them
alone); the screen shows the reader's own progress under "Together"."""

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


def advance_progress(
    rules: Sequence[AchievementRule], stored: Mapping[str, int], tail: Tail
) -> dict[str, int] | None:
    """Each rule's progress after `tail.newest` ended, clamped to ``[0, goal]``.

    `stored` must be each rule's progress before that session, as `evaluate` gave it on the
    whole history. Needs only the newest sessions, so a busy couple's thousandth game costs
    what their first did; None when the tail cannot decide (read the whole history then).
    """
    values = {}
    for rule in rules:
        value = rule.advance(stored[rule.key], tail)
        if value is None:
            return None
        values[rule.key] = min(max(value, 0), rule.goal)
    return values
