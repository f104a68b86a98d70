"""A couple's statistics kept as counts, advanced one ended session at a time.

The statistics screen needs, of one user's ended sessions with their partner: how many
ended each way (a `SessionResult`), the run of active days and both partners' fastest
valid reactions. A `CoupleSummary` holds exactly that, for one user; a partnership keeps
one per partner (`dump_summaries`), since the two views differ when a history row is
missing. It is a cache of what `bot.progress.stats.couple_stats` defines from every
session, and the tests compare the two. A summary that cannot take a session (one that
ended on a day before its run of days, and so may join two runs) gives None: the caller
drops it, and it is counted again from the database.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from bot.progress.records import REACTION, SessionResult, valid_reaction_times
from bot.progress.stats import CoupleStats, couple_stats_from_results, streaks

__all__ = ["CoupleSummary", "DayRun", "dump_summaries", "load_summaries"]

FORMAT: Final = 1
"""The stored document's format; a document of another one is ignored (and recounted)."""


@dataclass(frozen=True)
class DayRun:
    """The active days as far as streaks need them: the last one, the run of consecutive
    days ending on it, and the longest run ever."""

    last: date
    run: int
    longest: int

    @classmethod
    def of(cls, days: Iterable[date]) -> DayRun | None:
        active = set(days)
        if not active:
            return None
        last = max(active)
        run, longest = streaks(active, last)
        return cls(last, run, longest)

    def with_day(self, day: date) -> DayRun | None:
        """With one more active day; None when the day is before the last run (it may
        join two runs, and which days came before is not kept)."""
        if self._in_run(day):
            return self
        if day < self.last:
            return None
        run = self.run + 1 if day.toordinal() == self.last.toordinal() + 1 else 1
        return DayRun(day, run, max(self.longest, run))

    def current(self, today: date) -> int | None:
        """`streaks`' current run for `today`; None when the days after today make it
        unknowable (a clock behind the one that dated the sessions)."""
        if self.last <= today:
            return self.run if today.toordinal() - self.last.toordinal() <= 1 else 0
        if self._in_run(today):
            return self.run - (self.last.toordinal() - today.toordinal())
        return None

    def _in_run(self, day: date) -> bool:
        # Ordinals: the run's first day may be date.min, and the day after last date.max.
        return self.last.toordinal() - self.run < day.toordinal() <= self.last.toordinal()


@dataclass(frozen=True)
class CoupleSummary:
    """One user's ended sessions with their partner, counted."""

    results: Mapping[SessionResult, int] = field(default_factory=dict)
    """Sessions by how they ended, from this user's view."""
    days: DayRun | None = None
    """None before the first active day."""
    fastest_ms: int | None = None
    """This user's fastest valid tap in a reaction duel played to the end."""
    partner_fastest_ms: int | None = None

    @classmethod
    def counted(
        cls,
        results: Iterable[tuple[SessionResult, int]],
        active_days: Iterable[date],
        reactions: Iterable[tuple[Mapping[str, Any], int]],
    ) -> CoupleSummary:
        """From what the database counts, as `couple_stats_from_counts` takes it."""
        counts: Counter[SessionResult] = Counter()
        for result, sessions in results:
            counts[result] += sessions
        mine: list[int] = []
        theirs: list[int] = []
        for details, seat in reactions:
            mine.extend(valid_reaction_times(details, seat))
            theirs.extend(valid_reaction_times(details, 1 - seat))
        return cls(
            results={result: n for result, n in counts.items() if n > 0},
            days=DayRun.of(active_days),
            fastest_ms=min(mine, default=None),
            partner_fastest_ms=min(theirs, default=None),
        )

    def with_session(
        self, result: SessionResult, day: date, details: Mapping[str, Any], seat: int
    ) -> CoupleSummary | None:
        """With one more ended session: how it ended for this user, the couple's day it ended,
        its ``result_json["details"]`` and this user's seat in it. None when the days
        cannot follow (`DayRun.with_day`)."""
        days = self.days
        if result.active_day:
            days = DayRun(day, 1, 1) if days is None else days.with_day(day)
            if days is None:
                return None
        fastest, partner_fastest = self.fastest_ms, self.partner_fastest_ms
        if result.game == REACTION and result.counts_as_game:
            fastest = _fastest(fastest, valid_reaction_times(details, seat))
            partner_fastest = _fastest(partner_fastest, valid_reaction_times(details, 1 - seat))
        results = {**self.results, result: self.results.get(result, 0) + 1}
        return CoupleSummary(results, days, fastest, partner_fastest)

    def stats(self, today: date) -> CoupleStats | None:
        """The statistics; None when `DayRun.current` cannot tell the current streak."""
        current, longest = 0, 0
        if self.days is not None:
            found = self.days.current(today)
            if found is None:
                return None
            current, longest = found, self.days.longest
        return couple_stats_from_results(
            self.results.items(),
            current_streak=current,
            longest_streak=longest,
            fastest_ms=self.fastest_ms,
            partner_fastest_ms=self.partner_fastest_ms,
        )

    def as_json(self) -> dict[str, Any]:
        days = self.days
        return {
            "results": [
                [r.game, r.status, r.short, r.partner_short, n] for r, n in self.results.items()
            ],
            "days": None if days is None else [days.last.isoformat(), days.run, days.longest],
            "fastest_ms": [self.fastest_ms, self.partner_fastest_ms],
        }

    @classmethod
    def from_json(cls, data: Any) -> CoupleSummary:
        """Raises ValueError, TypeError or KeyError on anything `as_json` does not write."""
        results: dict[SessionResult, int] = {}
        for game, status, short, partner_short, n in data["results"]:
            parts = (game, status, short, partner_short)
            if not all(isinstance(part, str) for part in parts) or not _count(n):
                raise ValueError(data)
            results[SessionResult(*parts)] = n
        days = None
        if data["days"] is not None:
            last, run, longest = data["days"]
            if not (_count(run) and _count(longest) and run <= longest):
                raise ValueError(data)
            days = DayRun(date.fromisoformat(last), run, longest)
        fastest, partner_fastest = data["fastest_ms"]
        if not all(ms is None or _time(ms) for ms in (fastest, partner_fastest)):
            raise ValueError(data)
        return cls(results, days, fastest, partner_fastest)


def dump_summaries(summaries: Mapping[int, CoupleSummary]) -> str | None:
    """The partnership's document: each partner's summary by user id (None: none kept)."""
    if not summaries:
        return None
    return json.dumps(
        {
            "format": FORMAT,
            "by_user": {str(user): summary.as_json() for user, summary in summaries.items()},
        },
        separators=(",", ":"),
    )


def load_summaries(document: str | None) -> dict[int, CoupleSummary]:
    """The kept summaries by user id; none for NULL, another format or anything malformed
    (it is a cache: counting again is always correct)."""
    if document is None:
        return {}
    try:
        data = json.loads(document)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        return {int(user): CoupleSummary.from_json(item) for user, item in data["by_user"].items()}
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}


def _fastest(known: int | None, times: Sequence[int]) -> int | None:
    return min((ms for ms in (known, *times) if ms is not None), default=None)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _time(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
