"""History, couple statistics and achievements: the pure rules of `bot.progress` on the data.

Achievement progress, and the couple's kept statistics, are updated inside the
transaction that finishes a session, so a game can never be counted without its progress
or the other way round; the database refuses progress that goes back or past the goal,
and `achieved_at` is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.progress.achievements import ACHIEVEMENTS, AchievementRule, Tail, advance_progress
from bot.progress.records import (
    ANSWERED,
    DAILY,
    REACTION,
    PlayedGame,
    SessionResult,
    details_of,
)
from bot.progress.stats import CoupleStats, couple_stats_from_counts
from bot.progress.summary import CoupleSummary, dump_summaries, load_summaries
from bot.zones import couple_day, zone_of
from db import Database
from db.repositories.game_sessions import GameSession
from db.repositories.history import HistoryKey, HistoryLine, PlayedRow
from db.repositories.settings import UserSettings
from db.repositories.user_achievements import ProgressTarget, UserAchievement
from db.repositories.users import User
from db.unit_of_work import UnitOfWork

RULES = {rule.key: rule for rule in ACHIEVEMENTS}
# Newest sessions read to advance achievements: a short tail first, which decides most
# finishes (a player's last games settle the streaks and the explorer), a longer one for a
# player it did not, and only then the whole history. 64 decide every rule but in rare
# cases (tests/progress: a busy couple's history is decided by its newest 64); reading 16
# costs a quarter as much, and the busier players' finishes were the slowest
# (tests/benchmarks).
TAIL_SESSIONS = (16, 64)


@dataclass(frozen=True)
class AchievementUnlocked:
    """Raised in the unit of work that made a user reach an achievement's goal."""

    user_id: int
    key: str


@dataclass(frozen=True)
class AchievementStatus:
    rule: AchievementRule
    progress: int
    achieved_at: datetime | None


@dataclass(frozen=True)
class HistoryPage:
    """One /history page: its lines (newest first), its number (0 = newest) among `total`
    lines, whether there are newer and older lines than it, and the reader's current
    partner (None: none now), whom the page names once instead of on every line."""

    lines: list[HistoryLine]
    page: int
    total: int
    newer: bool
    older: bool
    partner: User | None = None


def zones_of(user_ids: Sequence[int], settings: Mapping[int, UserSettings]) -> dict[int, ZoneInfo]:
    """Each user's time zone (bot/zones.py; an erased user's, without settings, is UTC):
    the days that streaks count are the user's own, or the couple's (`couple_day`)."""
    return {user_id: zone_of(settings.get(user_id)) for user_id in user_ids}


def played_game(row: PlayedRow, result: object = None, day_zone: tzinfo = UTC) -> PlayedGame:
    """The progress rules' view of a history row; `result` stands in for the row's own
    (decoded `result_json`) when the caller holds it and the row was read without it."""
    result = row.result if result is None else result
    return PlayedGame(
        session_id=row.session_id,
        game=row.game_slug,
        ended_at=row.ended_at,
        partner_user_id=row.partner_user_id,
        status=row.status,
        short=row.short,
        partner_short=row.partner_short,
        seat=row.seat,
        details=details_of(result),
        given_up=_given_up(result),
        rematch=row.rematch,
        day_zone=day_zone,
    )


def ended_game(
    session: GameSession,
    game_slug: str,
    shorts: tuple[str, str],
    seat: int,
    day_zone: tzinfo = UTC,
) -> PlayedGame:
    """The session that just ended, from one seat, as its history row would read (both
    rows are written with it): what a finish knows without reading them back."""
    assert session.ended_at is not None  # finished
    return PlayedGame(
        session_id=session.id,
        game=game_slug,
        ended_at=session.ended_at,
        partner_user_id=session.players[1 - seat],
        status=session.status.value,
        short=shorts[seat],
        partner_short=shorts[1 - seat],
        seat=seat,
        details=details_of(session.result),
        given_up=_given_up(session.result),
        rematch=session.rematch_of is not None,
        day_zone=day_zone,
    )


def _given_up(result: object) -> bool:
    return isinstance(result, Mapping) and result.get("given_up_by") is not None


class ProgressService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock
        self._ids: dict[str, int] | None = None

    async def sync_catalogue(self) -> None:
        """Seed/refresh the `achievements` table from the rules (startup; idempotent)."""
        async with self._db.transaction() as uow:
            for rule in ACHIEVEMENTS:
                await uow.achievements.upsert(
                    rule.key, rule.emoji, rule.title, rule.description, rule.goal
                )

    async def record_finish(
        self, uow: UnitOfWork, session: GameSession, game_slug: str, shorts: tuple[str, str]
    ) -> None:
        """Inside the finishing transaction, right after the session's version-checked
        finish: both players' history rows (`shorts`, in seat order), their achievements
        and the couple's kept statistics, so a game is never counted without its progress
        or the other way round.

        What is written and what is read do not depend on each other: one round trip
        sends the history rows and reads both players' progress and the couple's kept
        statistics, one more writes what they became (and one between, when a player's
        newest sessions are needed, which must come after the history rows).
        """
        assert session.ended_at is not None  # finished
        ids = await self._achievement_ids(uow)
        _, progress_rows, kept, settings = await uow.together(
            uow.history.add_results(
                session.id, session.ended_at, list(zip(session.players, shorts, strict=True))
            ),
            uow.user_achievements.for_users(session.players),
            uow.partnerships.active_stats_between(*session.players),
            uow.settings.of_users(session.players),
        )
        zones = zones_of(session.players, settings)
        targets, keys = await self._progress_after(
            uow, session, game_slug, shorts, ids, progress_rows, zones
        )
        raising = uow.user_achievements.raise_progress(targets, self._clock.now())
        if kept is None:  # no active partnership of the two (an unlink ends its games first)
            achieved = await raising
        else:
            day = couple_day(session.ended_at, zones.values())  # the couple's day
            document = _summaries_after(kept.document, session, game_slug, shorts, day)
            achieved, _ = await uow.together(
                raising, uow.partnerships.advance_stats(kept, document)
            )
        for target in achieved:
            uow.events.append(AchievementUnlocked(target.user_id, keys[target.achievement_id]))

    async def _progress_after(
        self,
        uow: UnitOfWork,
        session: GameSession,
        game_slug: str,
        shorts: tuple[str, str],
        ids: Mapping[str, int],
        stored_rows: Sequence[UserAchievement],
        zones: Mapping[int, ZoneInfo],
    ) -> tuple[list[ProgressTarget], dict[int, str]]:
        """Both players' achievement progress once the session ended (`stored_rows`: what
        is stored), as the rows to raise and the achievement keys by id.

        A player with a row for every achievement is advanced from those rows and their
        newest sessions only (`advance_progress`, `TAIL_SESSIONS`), so the thousandth game
        costs what the first did; their newest sessions are not even read when no open
        rule looks back (the session that just ended decides). Otherwise (a first game, or
        a rule added since) the whole history is evaluated and every row written, zeros
        too, so a row's existence means its value is exact. Only raised rows are written.
        """
        rules = [rule for rule in ACHIEVEMENTS if rule.key in ids]
        stored = {(row.user_id, row.achievement_id): row.progress for row in stored_rows}
        targets: list[ProgressTarget] = []
        keys: dict[int, str] = {}
        open_for: dict[int, tuple[dict[str, int], list[AchievementRule]]] = {}
        for user_id in session.players:
            mine = {
                rule.key: stored[user_id, ids[rule.key]]
                for rule in rules
                if (user_id, ids[rule.key]) in stored
            }
            open_rules = [rule for rule in rules if mine.get(rule.key, 0) < rule.goal]
            if open_rules:
                open_for[user_id] = mine, open_rules
        decided: dict[int, dict[str, int] | None] = {}
        looking_back = []
        for user_id, (mine, open_rules) in open_for.items():
            if len(mine) < len(rules):
                continue  # evaluated on the whole history below
            if any(rule.looks_back for rule in open_rules):
                looking_back.append(user_id)
            else:  # the session that just ended decides: no read (a busy player's case)
                seat = session.players.index(user_id)
                newest = ended_game(session, game_slug, shorts, seat, zones[user_id])
                decided[user_id] = advance_progress(open_rules, mine, Tail([newest], newest, False))
        for size in TAIL_SESSIONS:
            # The players' newest sessions in one statement, without results (only the game
            # that just ended needs its details, and they are in memory).
            tails = await uow.history.played_tails(looking_back, size)
            undecided = []
            for user_id in looking_back:
                mine, open_rules = open_for[user_id]
                tail = tails[user_id]
                decided[user_id] = _advanced(
                    tail, session, open_rules, mine, len(tail) < size, zones[user_id]
                )
                if decided[user_id] is None and len(tail) == size:
                    undecided.append(user_id)  # a longer tail may decide
            looking_back = undecided
        for user_id, (mine, open_rules) in open_for.items():
            values = decided.get(user_id)
            if values is None:
                rows = await uow.history.played_by(user_id)
                games = [played_game(row, day_zone=zones[user_id]) for row in rows]
                values = {rule.key: rule.evaluate(games) for rule in open_rules}
            for rule in open_rules:
                value = values[rule.key]
                if rule.key in mine and value <= mine[rule.key]:
                    continue
                keys[ids[rule.key]] = rule.key
                targets.append(ProgressTarget(user_id, ids[rule.key], value, rule.goal))
        return targets, keys

    async def _achievement_ids(self, uow: UnitOfWork) -> dict[str, int]:
        """Achievement ids by slug; cached, since only the startup sync writes that table."""
        if not self._ids:  # not cached before the catalogue is seeded
            self._ids = await uow.achievements.ids_by_slug()
        return self._ids

    async def achievements_of(self, user_id: int) -> list[AchievementStatus]:
        """Every achievement with the user's progress: achieved first (newest first)."""
        async with self._db.read() as uow:
            ids = await uow.achievements.ids_by_slug()
            mine = {
                row.achievement_id: row for row in await uow.user_achievements.for_user(user_id)
            }
        statuses = []
        for rule in ACHIEVEMENTS:
            row = mine.get(ids.get(rule.key, -1))
            statuses.append(
                AchievementStatus(
                    rule,
                    row.progress if row else 0,
                    row.achieved_at if row else None,
                )
            )
        achieved = [s for s in statuses if s.achieved_at is not None]
        achieved.sort(key=lambda s: (s.achieved_at, s.rule.key), reverse=True)
        return achieved + [s for s in statuses if s.achieved_at is None]

    async def history_page(
        self,
        user_id: int,
        limit: int,
        *,
        page: int = 0,
        anchor: HistoryKey | None = None,
        older: bool = True,
    ) -> HistoryPage:
        """The first page, or the page just older (or newer) than `anchor`, the edge row of
        the page a button was drawn on: keyset pagination, so the rows stay put while games
        finish. `page` (0 = newest) is the number that page had then: kept while it fits,
        so it may drift but never leaves 0..pages-1. An anchor leading nowhere (history
        erased, a forged button), or with less than a page newer, gives the first page.

        One row past the page tells whether there is another page that way; the page also
        carries the current partner (named once, in its header)."""
        async with self._db.read() as uow:
            history = uow.history
            partnership, total = await uow.together(
                uow.partnerships.active_for(user_id), history.count_for_user(user_id)
            )
            partner = (
                None
                if partnership is None
                else await uow.users.get(partnership.partner_of(user_id))
            )
            lines: list[HistoryLine] = []
            if anchor is not None and older:
                lines = await history.lines_for_user(user_id, limit + 1, older_than=anchor)
                newer_left, older_left = True, len(lines) > limit
                lines = lines[:limit]
            elif anchor is not None:
                lines = await history.lines_newer_than(user_id, anchor, limit + 1)
                newer_left, older_left = len(lines) > limit, True
                # Less than a page newer: the newest full page, the first, instead.
                lines = lines[-limit:] if len(lines) >= limit else []
            if not lines:  # no anchor, a stale one, or the newest rows reached
                lines = await history.lines_for_user(user_id, limit + 1)
                newer_left, older_left = False, len(lines) > limit
                lines = lines[:limit]
        pages = max(1, -(-total // limit))
        if not newer_left:
            page = 0
        elif not older_left:
            page = pages - 1
        else:
            page = max(1, min(page, pages - 2))
        return HistoryPage(lines, min(page, pages - 1), total, newer_left, older_left, partner)

    async def couple_stats(self, user_id: int) -> tuple[User, CoupleStats] | None:
        """Statistics with the current partner; None without one.

        From the couple's kept summary (`CoupleSummary`, advanced by every finish). Without
        one (a new partnership, an older schema, a day it could not follow) the database
        counts the couple's sessions by result and the days of their streak, and reads
        only the finished reaction duels whole; the count is stored for the next visit."""
        now = self._clock.now()
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            partner = await uow.users.get(partnership.partner_of(user_id))
            assert partner is not None  # foreign key
            # Streaks count the couple's days (bot/zones.py: the partner furthest behind).
            couple = (user_id, partner.id)
            zones = zones_of(couple, await uow.settings.of_users(couple)).values()
            today = couple_day(now, zones)
            # The version first: a finish committed after it makes the count unstorable.
            kept = await uow.partnerships.stats_of(partnership.id)
            assert kept is not None  # the partnership was just read in this unit
            summaries = load_summaries(kept.document)
            summary = summaries.get(user_id)
            stats = None if summary is None else summary.stats(today)
            if stats is not None:
                return partner, stats
            counts = await uow.couple_stats.counts(
                user_id, partner.id, daily_slug=DAILY, answered=ANSWERED
            )
            duels = await uow.couple_stats.finished_results(user_id, partner.id, REACTION)
        results = [
            (SessionResult(c.game_slug, c.status, c.short, c.partner_short), c.sessions)
            for c in counts.results
        ]
        reactions = [(details_of(duel.result), duel.seat) for duel in duels]
        active_days = sorted({couple_day(moment, zones) for moment in counts.active_moments})
        if summary is None:
            counted = CoupleSummary.counted(results, active_days, reactions)
            document = dump_summaries({**summaries, user_id: counted})
            assert document is not None  # one summary at least
            async with self._db.transaction() as uow:
                await uow.partnerships.store_stats(kept, document)
        return partner, couple_stats_from_counts(results, active_days, reactions, today)


def _summaries_after(
    document: str | None,
    session: GameSession,
    game_slug: str,
    shorts: tuple[str, str],
    day: date,
) -> str | None:
    """The couple's kept summaries (`document`) advanced by a session that just ended on
    the couple's `day`; a summary that cannot follow it is dropped (None: none left)."""
    details = details_of(session.result)
    summaries = load_summaries(document)
    advanced: dict[int, CoupleSummary] = {}
    for seat, user_id in enumerate(session.players):
        summary = summaries.get(user_id)
        if summary is None:
            continue
        result = SessionResult(game_slug, session.status.value, shorts[seat], shorts[1 - seat])
        summary_now = summary.with_session(result, day, details, seat)
        if summary_now is not None:
            advanced[user_id] = summary_now
    return dump_summaries(advanced)


def _advanced(
    rows: list[PlayedRow],
    session: GameSession,
    rules: list[AchievementRule],
    stored: dict[str, int],
    complete: bool,
    day_zone: tzinfo,
) -> dict[str, int] | None:
    """Progress advanced from the stored values by the newest sessions (`rows`, oldest
    first, without results; `complete`: the whole history); None when they cannot decide,
    or the newest is not the session that just ended."""
    if not rows or rows[-1].session_id != session.id:
        return None  # clocks disagree about what is newest: take no shortcut
    games = [played_game(row, day_zone=day_zone) for row in rows[:-1]]
    newest = played_game(rows[-1], session.result, day_zone)
    games.append(newest)
    tail = Tail(games, newest, complete)
    return advance_progress(rules, stored, tail)
