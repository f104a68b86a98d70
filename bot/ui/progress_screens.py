"""History, couple statistics and achievements, rendered in the user's language and theme."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram import html
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.avatars import name_prefix
from bot.i18n import _, ngettext
from bot.progress.achievements import AchievementRule
from bot.progress.stats import CoupleStats
from bot.rendering import name_html
from bot.services.progress import AchievementStatus, HistoryPage
from bot.ui.callbacks import HistoryCb, Nav, RecapCb, Screen
from bot.ui.formatting import date_time, long_date
from db.repositories.history import HistoryLine
from db.repositories.users import User
from games.palette import Palette
from games.registry import GAMES, get_game

ScreenContent = tuple[str, InlineKeyboardMarkup | None]
HISTORY_PAGE_SIZE = 10
RECAP_GAMES = frozenset(game.key for game in GAMES if game.questions_per_game)
"""Games whose final screen is worth opening again: those asking a bank's questions keep
every answer on it, side by side (the quiz, In sync, Truth or dare)."""


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


def _partner_name(line: HistoryLine) -> str:
    """The partner as they were named when the game was played."""
    players = line.result.get("players") or []
    if len(players) == 2:
        other = players[1 - line.seat]
        if other.get("deleted"):
            return _("👤 deleted user")
        prefix = name_prefix(int(other.get("avatar_id", 0)))
        return f"{prefix}{html.quote(str(other.get('name', '')))}"
    return ""


def history(found: HistoryPage) -> ScreenContent:
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
    header = _("📜 <b>History</b> · page {page} of {pages}").format(page=page + 1, pages=pages)
    rows = [header, ""]
    recaps: list[InlineKeyboardButton] = []
    for number, line in enumerate(lines, start=1):
        title = html.bold(html.quote(_(line.game_title)))
        ended_early = line.entry.result_short in {"abandoned", "stopped"}
        if line.game_slug in RECAP_GAMES and not ended_early:
            # Numbered, so the button can say which game it opens.
            title = f"{number}. {title}"
            recaps.append(
                InlineKeyboardButton(
                    text=_("🔎 {n}").format(n=number),
                    callback_data=RecapCb(session_id=line.entry.game_session_id).pack(),
                )
            )
        partner = _partner_name(line)
        when = date_time(line.entry.played_at)
        result = result_label(line.entry.result_short)
        if partner:
            rows.append(
                _("{game} with {partner}\n{when} · {result}").format(
                    game=title, partner=partner, when=when, result=result
                )
            )
        else:
            rows.append(f"{title}\n{when} · {result}")
    nav: list[InlineKeyboardButton] = []
    if found.newer:  # the rows just newer than the first one shown
        first = lines[0].entry
        newer = HistoryCb.next_to(page - 1, older=False, played_at=first.played_at, row=first.id)
        nav.append(InlineKeyboardButton(text=_("◀️ Newer"), callback_data=newer.pack()))
    if found.older:  # the rows just older than the last one shown
        last = lines[-1].entry
        older = HistoryCb.next_to(page + 1, older=True, played_at=last.played_at, row=last.id)
        nav.append(InlineKeyboardButton(text=_("Older ▶️"), callback_data=older.pack()))
    keyboard = [recaps[i : i + 5] for i in range(0, len(recaps), 5)]
    keyboard += ([nav] if nav else []) + [[stats], [home]]
    text = header + "\n\n" + "\n\n".join(rows[2:])
    if recaps:
        text += "\n\n" + _("🔎 Tap a number to see that game's answers side by side.")
    return text, InlineKeyboardMarkup(inline_keyboard=keyboard)


def recap(screen: ScreenContent) -> ScreenContent:
    """A finished game's final screen (its recap), opened from /history."""
    text, _markup = screen
    back = InlineKeyboardButton(text=_("📜 History"), callback_data=Nav(to=Screen.HISTORY).pack())
    return text, InlineKeyboardMarkup(inline_keyboard=[[back]])


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


def achievements(statuses: list[AchievementStatus], palette: Palette) -> ScreenContent:
    done = sum(1 for s in statuses if s.achieved_at is not None)
    lines = [_("🏆 <b>Achievements</b> · {done} of {total}").format(done=done, total=len(statuses))]
    for status in statuses:
        rule = status.rule
        bar = palette.bar(_bar_cells(status.progress, rule.goal), 5)
        lines.append("")
        lines.append(f"{rule.emoji} <b>{html.quote(_(rule.title))}</b>")
        lines.append(f"<i>{html.quote(_(rule.description))}</i>")
        progress = f"{bar} {status.progress}/{rule.goal}"
        if status.achieved_at is not None:
            progress += " · " + _("achieved {date}").format(date=long_date(status.achieved_at))
        lines.append(progress)
    home = InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[[home]])


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
