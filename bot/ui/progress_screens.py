"""History, couple statistics and achievements, rendered in the user's language and theme."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiogram import html
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.avatars import name_prefix
from bot.i18n import _, ngettext
from bot.progress.achievements import ACHIEVEMENTS, AchievementRule
from bot.progress.records import DAILY, FRACTION, INSYNC, PERCENT, QUIZ
from bot.progress.stats import CoupleStats
from bot.rendering import name_html
from bot.services.progress import AchievementStatus, HistoryPage
from bot.ui.callbacks import AchievementsCb, HistoryCb, MoveCb, Nav, RecapCb, Screen
from bot.ui.formatting import date_time, day_month
from db.repositories.history import HistoryLine
from db.repositories.users import User
from games.palette import Palette
from games.registry import get_game

ScreenContent = tuple[str, InlineKeyboardMarkup | None]
HISTORY_PAGE_SIZE = 10


def result_label(short: str) -> str:
    """`history.result_short`, localized."""
    labels = {
        "win": _("🏆 win"),
        "loss": _("loss"),
        "draw": _("🤝 draw"),
        "abandoned": _("⌛ abandoned"),
        "stopped": _("⏹ stopped"),
        "gave_up": _("🏳️ gave up"),
        "answered": _("💬 answered"),
    }
    if short in labels:
        return labels[short]
    return html.quote(short)  # scores ("4/5", "86%") read the same in every language


def _score(line: HistoryLine) -> str | None:
    """The score from the reader's side ("2:1") of a duel counted in rounds or ships (rock,
    paper, scissors, the reaction duel, sea battle); None where it only says who won
    (tic-tac-toe's 1:0) or is missing."""
    scores = line.result.get("scores")
    if not isinstance(scores, list) or len(scores) != 2:
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in scores):
        return None
    if max(scores) < 2:
        return None
    return f"{scores[line.seat]}:{scores[1 - line.seat]}"


def _couple_quiz(line: HistoryLine) -> str | None:
    """A quiz as the couple game it is: both partners' right guesses of all the questions
    ("9/10", as its ending says "You know each other 9/10"); None for a result without
    them."""
    scores = line.result.get("scores")
    details = line.result.get("details")
    steps = details.get("steps") if isinstance(details, dict) else None
    if not isinstance(scores, list) or len(scores) != 2 or not isinstance(steps, list):
        return None
    if not steps or not all(isinstance(n, int) and not isinstance(n, bool) for n in scores):
        return None
    return f"{sum(scores)}/{len(steps)}"


def outcome(line: HistoryLine) -> str:
    """What happened, in a few characters: "🏆 2:1", "🏳️ gave up", "💞 71% in sync",
    "🧠 9/10"."""
    short = line.entry.result_short
    if line.game_slug == QUIZ and FRACTION.fullmatch(short):
        # Each side's own score ("4/5") stays in result_short, for stats and old rows.
        return _("🧠 {score}").format(score=_couple_quiz(line) or short)
    if line.game_slug == INSYNC and (percent := PERCENT.fullmatch(short)):
        return _("💞 {percent}% in sync").format(percent=percent[1])
    if short == "win" and line.result.get("given_up_by") is not None:
        return _("🏆 win by forfeit")  # the partner gave up
    score = _score(line)
    if score is not None and short == "win":
        return _("🏆 {score}").format(score=score)
    if score is not None and short == "loss":
        return _("loss {score}").format(score=score)
    if score is not None and short == "draw":
        return _("🤝 {score}").format(score=score)
    return result_label(short)


def _other_player(line: HistoryLine, partner: User | None) -> str:
    """Who the reader played with, when it was not `partner` (the current one, named in
    the header): an earlier partner as they were named then, or an erased account."""
    players = line.result.get("players") or []
    if len(players) != 2:
        return ""
    other = players[1 - line.seat]
    if other.get("deleted"):
        return _("👤 deleted user")
    if partner is not None and other.get("user_id") == partner.id:
        return ""
    prefix = name_prefix(int(other.get("avatar_id", 0)))
    return f"{prefix}{html.quote(str(other.get('name', '')))}"


def opens(line: HistoryLine) -> bool:
    """Whether the entry opens its game's final screen (every game; a question of the day
    has its own archive in /today)."""
    return line.game_slug != DAILY


def history(found: HistoryPage) -> ScreenContent:
    """The couple's diary: what each game came to, in the reader's time zone; the current
    partner named once, in the header, and a partner only on games played with someone
    else; a numbered button opens each game's final screen."""
    home = InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())
    stats = InlineKeyboardButton(
        text=_("📊 Couple stats"), callback_data=Nav(to=Screen.STATS).pack()
    )
    lines, page = found.lines, found.page
    if found.total == 0:
        text = _("📜 <b>History</b>\nNo games yet. Tap <b>Play</b> and invite your partner!")
        play = InlineKeyboardButton(text=_("🎮 Play"), callback_data=Nav(to=Screen.PLAY).pack())
        return text, InlineKeyboardMarkup(inline_keyboard=[[play], [home]])
    pages = -(-found.total // HISTORY_PAGE_SIZE)
    if found.partner is None:
        header = _("📜 <b>History</b>")
    else:
        header = _("📜 <b>History with {partner}</b>").format(partner=name_html(found.partner))
    if pages > 1:
        header += " · " + _("page {page} of {pages}").format(page=page + 1, pages=pages)
    entries = []
    details: list[InlineKeyboardButton] = []
    for number, line in enumerate(lines, start=1):
        title = html.bold(html.quote(_(line.game_title)))
        if opens(line):
            title = f"{number}. {title}"  # numbered, so the button can say which it opens
            details.append(
                InlineKeyboardButton(
                    text=_("🔎 {n}").format(n=number),
                    callback_data=RecapCb(session_id=line.entry.game_session_id).pack(),
                )
            )
        other = _other_player(line, found.partner)
        if other:
            title = _("{game} with {partner}").format(game=title, partner=other)
        when = date_time(line.entry.played_at)
        entries.append(f"{title} · {outcome(line)}\n{when}")
    nav: list[InlineKeyboardButton] = []
    if found.newer:  # the rows just newer than the first one shown
        first = lines[0].entry
        newer = HistoryCb.next_to(page - 1, older=False, played_at=first.played_at, row=first.id)
        nav.append(InlineKeyboardButton(text=_("◀️ Newer"), callback_data=newer.pack()))
    if found.older:  # the rows just older than the last one shown
        last = lines[-1].entry
        older = HistoryCb.next_to(page + 1, older=True, played_at=last.played_at, row=last.id)
        nav.append(InlineKeyboardButton(text=_("Older ▶️"), callback_data=older.pack()))
    keyboard = [details[i : i + 5] for i in range(0, len(details), 5)]
    keyboard += ([nav] if nav else []) + [[stats], [home]]
    text = header + "\n\n" + "\n\n".join(entries)
    if details:
        text += "\n\n" + _("🔎 Tap a number to open that game as it ended.")
    return text, InlineKeyboardMarkup(inline_keyboard=keyboard)


def recap(screen: ScreenContent) -> ScreenContent:
    """An ended game's final screen, opened from /history: its text, and its board when the
    board is drawn as buttons (tic-tac-toe, Connect Four, sea battle), without the buttons
    that act on the session (Rematch, Menu)."""
    text, markup = screen
    move = MoveCb.__prefix__ + MoveCb.__separator__
    board = [
        row
        for row in (markup.inline_keyboard if markup else [])
        if all((button.callback_data or "").startswith(move) for button in row)
    ]
    back = InlineKeyboardButton(text=_("📜 History"), callback_data=Nav(to=Screen.HISTORY).pack())
    return text, InlineKeyboardMarkup(inline_keyboard=[*board, [back]])


def stats(partner: User, numbers: CoupleStats) -> ScreenContent:
    you = _("you")
    lines = [
        _("📊 <b>You and {partner}</b>").format(partner=name_html(partner)),
        ngettext(
            "🎮 {count} game played together",
            "🎮 {count} games played together",
            numbers.games_played,
        ).format(count=numbers.games_played),
        ngettext(
            "🔥 Current streak: {count} day",
            "🔥 Current streak: {count} days",
            numbers.current_streak,
        ).format(count=numbers.current_streak),
        ngettext(
            "🏔 Longest streak: {count} day",
            "🏔 Longest streak: {count} days",
            numbers.longest_streak,
        ).format(count=numbers.longest_streak),
        ngettext(
            "☀️ {count} question of the day answered together",
            "☀️ {count} questions of the day answered together",
            numbers.daily_answered,
        ).format(count=numbers.daily_answered),
        "",
    ]
    for tally in numbers.per_game:
        if not tally.played:
            continue
        title = html.bold(html.quote(_(get_game(tally.game).title)))
        if tally.cooperative:
            lines.append(
                ngettext("{game}: {count} game", "{game}: {count} games", tally.played).format(
                    game=title, count=tally.played
                )
            )
        else:
            lines.append(
                _("{game}: {me} {mine} · {partner} {theirs} · draws {draws}").format(
                    game=title,
                    me=you,
                    mine=tally.wins,
                    partner=name_html(partner),
                    theirs=tally.partner_wins,
                    draws=tally.draws,
                )
            )
    best = []
    if numbers.best_quiz is not None or numbers.partner_best_quiz is not None:
        best.append(
            _("🧠 Best quiz: you {mine}/5 · {partner} {theirs}/5").format(
                mine=numbers.best_quiz if numbers.best_quiz is not None else "–",
                partner=name_html(partner),
                theirs=numbers.partner_best_quiz if numbers.partner_best_quiz is not None else "–",
            )
        )
    if numbers.best_sync is not None:
        best.append(_("💞 Best “In sync”: {percent}").format(percent=f"{numbers.best_sync}%"))
    if numbers.fastest_reaction_ms is not None or numbers.partner_fastest_reaction_ms is not None:
        best.append(
            _("⚡ Fastest reaction: you {mine} · {partner} {theirs}").format(
                mine=_ms(numbers.fastest_reaction_ms),
                partner=name_html(partner),
                theirs=_ms(numbers.partner_fastest_reaction_ms),
            )
        )
    if best:
        lines += ["", *best]
    keyboard = [
        [InlineKeyboardButton(text=_("📜 History"), callback_data=Nav(to=Screen.HISTORY).pack())],
        [InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())],
    ]
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=keyboard)


def _ms(value: int | None) -> str:
    return "–" if value is None else _("{ms} ms").format(ms=value)


def no_partner_stats() -> ScreenContent:
    text = _("📊 Couple stats appear once you have a partner. Invite them from the home menu.")
    home = InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())
    return text, InlineKeyboardMarkup(inline_keyboard=[[home]])


NEAREST = 3
"""Goals not reached yet that /achievements shows with their bar: the closest ones."""
CATALOGUE = {rule.key: n for n, rule in enumerate(ACHIEVEMENTS)}
"""Each achievement's place in the catalogue: the order among equals."""
ACHIEVEMENTS_PAGE_SIZE = 8
"""Achievements per page of the full list: with a description each, a page fits a phone
screen or two (and stays far below Telegram's 4096 characters)."""


def _ordered(statuses: Sequence[AchievementStatus]) -> list[AchievementStatus]:
    """Yours, then the couple's (`AchievementRule.shared`); in each, the unlocked ones
    (newest first), then the others, closest to their goal first (catalogue order on a tie)."""

    def key(status: AchievementStatus) -> tuple[bool, bool, float, int]:
        moment = status.achieved_at
        return (
            status.rule.shared,
            moment is None,
            -(moment.timestamp() if moment else status.progress / status.rule.goal),
            CATALOGUE[status.rule.key],
        )

    return sorted(statuses, key=key)


def _section(shared: bool) -> str:
    return _("💞 <b>Together</b>") if shared else _("👤 <b>Yours</b>")


def _achievement(
    status: AchievementStatus, palette: Palette, now: datetime, *, described: bool
) -> str:
    """One line for an unlocked achievement; a bar (and what to do) for the others."""
    rule = status.rule
    title = html.quote(_(rule.title))
    if status.achieved_at is not None:
        line = _("{emoji} “{title}” · {date}").format(
            emoji=rule.emoji, title=title, date=day_month(status.achieved_at, now)
        )
    else:
        bar = palette.bar(_bar_cells(status.progress, rule.goal), 5)
        line = f"{rule.emoji} <b>{title}</b> {bar} {status.progress}/{rule.goal}"
    if described or status.achieved_at is None:
        line += f"\n<i>{html.quote(_(rule.description))}</i>"
    return line


def _sections(
    shown: Sequence[AchievementStatus], palette: Palette, now: datetime, *, described: bool
) -> str:
    """`shown` (in `_ordered` order) under "Yours" and "Together" headings."""
    blocks: list[list[str]] = []
    shared: bool | None = None
    for status in shown:
        if status.rule.shared is not shared:
            shared = status.rule.shared
            blocks.append([_section(shared)])
        blocks[-1].append(_achievement(status, palette, now, described=described))
    return "\n\n".join("\n".join(block) for block in blocks)


def _achievements_header(statuses: Sequence[AchievementStatus]) -> str:
    done = sum(1 for s in statuses if s.achieved_at is not None)
    return _("🏆 <b>Achievements</b> · {done} of {total}").format(done=done, total=len(statuses))


def achievements(
    statuses: Sequence[AchievementStatus], palette: Palette, now: datetime
) -> ScreenContent:
    """/achievements on a phone: what is unlocked, one line each, then the `NEAREST` goals
    with their bars, yours and the couple's apart; "Show all" opens every one of them."""
    ordered = _ordered(statuses)
    waiting = [s for s in ordered if s.achieved_at is None]
    closest = sorted(waiting, key=lambda s: (-s.progress / s.rule.goal, CATALOGUE[s.rule.key]))
    closest = closest[:NEAREST]
    shown = [s for s in ordered if s.achieved_at is not None or s in closest]
    text = _achievements_header(statuses) + "\n\n" + _sections(shown, palette, now, described=False)
    show_all = InlineKeyboardButton(
        text=_("📋 Show all ({count})").format(count=len(statuses)),
        callback_data=AchievementsCb(page=0).pack(),
    )
    home = InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())
    return text, InlineKeyboardMarkup(inline_keyboard=[[show_all], [home]])


def all_achievements(
    statuses: Sequence[AchievementStatus], palette: Palette, now: datetime, page: int
) -> ScreenContent:
    """Every achievement with what it asks for, `ACHIEVEMENTS_PAGE_SIZE` a page."""
    ordered = _ordered(statuses)
    pages = max(1, -(-len(ordered) // ACHIEVEMENTS_PAGE_SIZE))
    page = min(page, pages - 1)
    shown = ordered[page * ACHIEVEMENTS_PAGE_SIZE : (page + 1) * ACHIEVEMENTS_PAGE_SIZE]
    header = _achievements_header(statuses)
    if pages > 1:
        header += " · " + _("page {page} of {pages}").format(page=page + 1, pages=pages)
    text = header + "\n\n" + _sections(shown, palette, now, described=True)
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(
                text=_("◀️ Back"), callback_data=AchievementsCb(page=page - 1).pack()
            )
        )
    if page < pages - 1:
        nav.append(
            InlineKeyboardButton(
                text=_("More ▶️"), callback_data=AchievementsCb(page=page + 1).pack()
            )
        )
    fold = InlineKeyboardButton(
        text=_("🔼 Show less"), callback_data=Nav(to=Screen.ACHIEVEMENTS).pack()
    )
    home = InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())
    keyboard = ([nav] if nav else []) + [[fold], [home]]
    return text, InlineKeyboardMarkup(inline_keyboard=keyboard)


def _bar_cells(progress: int, goal: int) -> int:
    """Five cells; full only when achieved, at least one as soon as there is progress."""
    if progress >= goal:
        return 5
    cells = progress * 5 // goal
    return max(cells, 1 if progress else 0) if cells < 5 else 4


def unlocked(rules: Sequence[AchievementRule]) -> ScreenContent:
    """Everything one transition unlocked for one person, in one message."""
    if len(rules) == 1:
        (rule,) = rules
        text = _("🎉 Achievement unlocked: {emoji} <b>{title}</b>\n<i>{description}</i>").format(
            emoji=rule.emoji,
            title=html.quote(_(rule.title)),
            description=html.quote(_(rule.description)),
        )
    else:
        header = ngettext(
            "🎉 {count} new achievement", "🎉 {count} new achievements", len(rules)
        ).format(count=len(rules))
        lines = [
            _("{emoji} <b>{title}</b>: <i>{description}</i>").format(
                emoji=rule.emoji,
                title=html.quote(_(rule.title)),
                description=html.quote(_(rule.description)),
            )
            for rule in rules
        ]
        text = "\n".join([header, "", *lines])
    button = InlineKeyboardButton(
        text=_("🏆 Achievements"), callback_data=Nav(to=Screen.ACHIEVEMENTS).pack()
    )
    return text, InlineKeyboardMarkup(inline_keyboard=[[button]])
