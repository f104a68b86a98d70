"""A game session as each player sees it: the engine's abstract view, rendered to HTML.

Texts are translated in the current locale, user data is escaped, and symbols come from
the player's theme palette. Nothing here talks to Telegram.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from functools import lru_cache
from typing import Any

from aiogram import html
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Form, _, gettext_as, ngettext
from bot.rendering import name_html
from bot.services.gameplay import COUPLE_ENDINGS, PlayError, SessionView
from bot.ui.callbacks import MoveCb, Nav, PickGameCb, Screen, SessionCb, SessionOp
from bot.ui.daily_screens import daily_screen
from bot.ui.formatting import duration
from bot.ui.respond import html_to_plain
from db.repositories.game_sessions import GameSession, Status
from db.repositories.games import GameRecord
from db.repositories.users import User
from games.engine import View
from games.errors import GameError, GameOver, IllegalMove, NotAPlayer, NotYourTurn, TooEarly
from games.palette import palette_for
from games.registry import get_game
from games.text import Text

ScreenContent = tuple[str, InlineKeyboardMarkup | None]


def render_text(item: Text | str, context: Mapping[str, str]) -> str:
    """Translate and format; str params are user data and get escaped, Texts are trusted."""
    if isinstance(item, str):
        return html.quote(item)
    if item.plural is not None and item.n is not None:
        template = ngettext(item.msgid, item.plural, item.n)
    else:
        template = _(item.msgid)
    values: dict[str, Any] = dict(context)
    for name, value in item.params.items():
        if isinstance(value, Text):
            values[name] = render_text(value, context)
        elif isinstance(value, str):
            values[name] = html.quote(value)
        else:
            values[name] = value
    return template.format_map(values)


def render_label(label: Text | str, context: Mapping[str, str]) -> str:
    """Button labels are plain text: no markup, no escaping."""
    if isinstance(label, str):
        return label
    return html_to_plain(render_text(label, context))


def game_title(record: GameRecord) -> str:
    return _(record.title)


def _form(view: SessionView, seat: int) -> Form | None:
    """How the player in `seat` is spoken of (None: neutral wording)."""
    settings = view.players[seat].settings
    return settings.grammatical_form if settings is not None else None


def _context(view: SessionView, seat: int) -> dict[str, str]:
    return {
        "me": name_html(view.players[seat].user),
        "partner": name_html(view.players[1 - seat].user),
    }


@lru_cache(maxsize=16_384)
def _move_data(session_id: int, action: str) -> str:
    """A move button's callback data. Cached: a board re-renders the same buttons on every
    move, and packing (a pydantic dump) was a tenth of a move's cost in the benchmark."""
    return MoveCb(session_id=session_id, action=action).pack()


@lru_cache(maxsize=4_096)
def _session_data(session_id: int, op: SessionOp) -> str:
    """Cached as `_move_data` is: a live board carries its Give up button on every move."""
    return SessionCb(session_id=session_id, op=op).pack()


# Every game button is this one with its text and data replaced. A board is re-rendered for
# both players on every move, and validating each button anew cost 2.5 times as much as
# copying this one (the values are ours: strings by construction).
_PRESSABLE = InlineKeyboardButton(text="·", callback_data="·")


def _button(text: str, callback_data: str) -> InlineKeyboardButton:
    return _PRESSABLE.model_copy(update={"text": text, "callback_data": callback_data})


def _keyboard(
    session_id: int, game_view: View, context: Mapping[str, str]
) -> list[list[InlineKeyboardButton]]:
    return [
        [
            _button(render_label(button.label, context), _move_data(session_id, button.action))
            for button in row
        ]
        for row in game_view.keyboard
    ]


def _op_button(text: str, session_id: int, op: SessionOp) -> InlineKeyboardButton:
    return _button(text, _session_data(session_id, op))


def _menu_button(session_id: int) -> InlineKeyboardButton:
    return _op_button(_("🏠 Menu"), session_id, SessionOp.MENU)


def session_screen(view: SessionView, seat: int, *, confirm_give_up: bool = False) -> ScreenContent:
    """The whole game message for one player, whatever the session's status."""
    if view.session.day is not None:
        return daily_screen(view, seat)
    session, record = view.session, view.record
    context = _context(view, seat)
    title = html.bold(html.quote(game_title(record)))
    partner = context["partner"]
    mine, theirs = _form(view, seat), _form(view, 1 - seat)
    result = session.result or {}

    if session.status is Status.INVITED:
        if seat == 0:
            text = _("⏳ Waiting for {partner} to accept “{game}”…").format(
                partner=partner, game=title
            )
            return text, InlineKeyboardMarkup(
                inline_keyboard=[[_op_button(_("✖️ Cancel"), session.id, SessionOp.CANCEL)]]
            )
        text = _("🎲 {partner} invites you to play “{game}”!\n<i>{description}</i>").format(
            partner=partner, game=title, description=html.quote(_(record.description))
        )
        return text, InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    _op_button(_("✅ Play"), session.id, SessionOp.ACCEPT),
                    _op_button(_("✖️ Decline"), session.id, SessionOp.DECLINE),
                ]
            ]
        )

    if session.status is Status.DECLINED:
        if seat == 0:
            text = gettext_as(theirs, "{partner} declined “{game}”. Maybe another time!").format(
                partner=partner, game=title
            )
        else:
            text = gettext_as(mine, "You declined “{game}”.").format(game=title)
        return text, InlineKeyboardMarkup(inline_keyboard=[[_menu_button(session.id)]])

    if session.status is Status.CANCELLED:
        if result.get("expired"):
            text = _("⌛ The invitation to “{game}” expired.").format(game=title)
        elif result.get("reason") in COUPLE_ENDINGS:
            text = _("The invitation to “{game}” ended with the partnership.").format(game=title)
        elif result.get("reason") == "blocked":
            text = _(
                "The invitation to “{game}” was closed: {partner} can't get messages from Duet."
            ).format(game=title, partner=partner)
        elif seat == 0:
            text = gettext_as(mine, "You cancelled the invitation to “{game}”.").format(game=title)
        else:
            text = gettext_as(theirs, "{partner} cancelled the invitation to “{game}”.").format(
                partner=partner, game=title
            )
        return text, InlineKeyboardMarkup(inline_keyboard=[[_menu_button(session.id)]])

    state = view.state
    game_view = view.game.view(state, seat, palette_for(view.players[seat].settings.theme))
    lines = [title] + [render_text(line, context) for line in game_view.lines]
    rows = _keyboard(session.id, game_view, context)

    if session.status is Status.LIVE:
        cooperative = view.game.cooperative  # nobody wins: it stops, nobody gives up
        if confirm_give_up and cooperative:
            lines.append(_("⏹ Stop this game? Nobody wins, and it counts for nothing."))
            rows = [
                [
                    _op_button(_("⏹ Yes, stop"), session.id, SessionOp.GIVE_UP_CONFIRM),
                    _op_button(_("▶️ Keep playing"), session.id, SessionOp.KEEP_PLAYING),
                ]
            ]
        elif confirm_give_up:
            lines.append(_("🏳️ Give up this game? {partner} wins.").format(partner=partner))
            rows = [
                [
                    _op_button(_("🏳️ Yes, give up"), session.id, SessionOp.GIVE_UP_CONFIRM),
                    _op_button(_("▶️ Keep playing"), session.id, SessionOp.KEEP_PLAYING),
                ]
            ]
        elif game_view.stoppable:
            pass  # the game offers its own way to stop (Truth or dare's ⏹ Stop)
        elif cooperative:
            rows.append([_op_button(_("⏹ Stop"), session.id, SessionOp.GIVE_UP)])
        else:
            rows.append([_op_button(_("🏳️ Give up"), session.id, SessionOp.GIVE_UP)])
        return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)

    # Finished or abandoned.
    given_up_by = result.get("given_up_by")
    stopped_by = result.get("stopped_by")
    if stopped_by is not None:
        lines = [title]
        if stopped_by == view.players[seat].user.id:
            lines.append(_("⏹ You stopped the game. Nobody wins, nothing is counted."))
        else:
            lines.append(
                _("⏹ {partner} stopped the game. Nobody wins, nothing is counted.").format(
                    partner=partner
                )
            )
    elif given_up_by is not None:
        lines = [title]
        who = view.players[0] if view.players[0].user.id == given_up_by else view.players[1]
        if who is view.players[seat]:
            lines.append(
                gettext_as(mine, "🏳️ You gave up. {partner} wins this one.").format(partner=partner)
            )
        else:
            lines.append(
                gettext_as(theirs, "🏳️ {partner} gave up. 🎉 You win!").format(partner=partner)
            )
    elif session.status is Status.ABANDONED:
        lines = [title]
        if result.get("reason") in COUPLE_ENDINGS:
            lines.append(_("The game ended with the partnership."))
        elif result.get("reason") == "blocked":
            lines.append(
                _("The game ended: {partner} can't get messages from Duet.").format(partner=partner)
            )
        else:
            lines.append(_idle_ending(view, seat, result))
    rows = [
        [
            _op_button(_("🔁 Rematch"), session.id, SessionOp.REMATCH),
            _menu_button(session.id),
        ]
    ]
    if result.get("reason") in COUPLE_ENDINGS:
        rows = [[_menu_button(session.id)]]  # a rematch with whom?
    if session.status is Status.FINISHED and given_up_by is None:
        rows = _keyboard(session.id, game_view, context) + rows
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def _idle_ending(view: SessionView, seat: int, result: Mapping[str, Any]) -> str:
    """Why a game ended by the idle timeout: who did not move, from `seat`'s side."""
    idle = duration(timedelta(seconds=float(result.get("idle_seconds", 0))))
    waited_for = result.get("waited_for")
    if not isinstance(waited_for, list) or not waited_for:  # ended before #25 recorded it
        return _("⌛ The game ended: nobody moved for {duration}.").format(duration=idle)
    if len(waited_for) == 2:
        return _("⌛ The game ended: neither of you moved for {duration}.").format(duration=idle)
    if waited_for[0] == view.players[seat].user.id:
        return _("⌛ The game ended: you did not move for {duration}.").format(duration=idle)
    return _("⌛ The game ended: {partner} did not move for {duration}.").format(
        partner=_context(view, seat)["partner"], duration=idle
    )


def without_session_buttons(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup:
    """A finished game's keyboard without its Rematch / Menu row: the board's own buttons
    (tic-tac-toe cells) stay, and a tap on them answers with the result."""
    rows = [
        [button for button in row if not _is_session_button(button.callback_data)]
        for row in (markup.inline_keyboard if markup is not None else [])
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _is_session_button(data: str | None) -> bool:
    if data is None:
        return False
    try:
        SessionCb.unpack(data)
    except (TypeError, ValueError):
        return False
    return True


def ended(session: GameSession, user_id: int) -> str:
    """The alert for a tap on a board whose game is over: how it ended."""
    result = session.result or {}
    names = {p.get("user_id"): str(p.get("name", "")) for p in result.get("players") or []}
    winner = result.get("winner_user_id")
    if session.status is Status.FINISHED and winner == user_id:
        return _("This game is over: you won! 🎉")
    if session.status is Status.FINISHED and winner is not None:
        return _("This game is over: {partner} won.").format(partner=names.get(winner, ""))
    if session.status is Status.FINISHED and result.get("short") == ["draw", "draw"]:
        return _("This game is over: a draw.")
    return _("This game is over.")


_CATEGORY_EMOJI = {"classic": "♟", "duel": "⚔️", "reaction": "⚡", "quiz": "❓", "romantic": "💞"}


def game_emoji(record: GameRecord) -> str:
    """The game's own emoji, or its category's for a game that names none."""
    try:
        own = getattr(get_game(record.slug or ""), "emoji", None)
    except KeyError:  # a game this version does not know
        own = None
    return str(own or _CATEGORY_EMOJI.get(record.category, "🎲"))


def catalogue(records: list[GameRecord]) -> ScreenContent:
    """The game menu: every active game, one button each with its emoji. Games are grouped
    by category; a category gets a heading only when it holds more than one game."""
    categories = {
        "classic": _("♟ Classic"),
        "duel": _("⚔️ Duel"),
        "reaction": _("⚡ Reaction"),
        "quiz": _("❓ Quiz"),
        "romantic": _("💞 Romantic"),
    }
    lines = [_("🎮 <b>Choose a game</b> — your partner gets an invitation."), ""]
    builder = InlineKeyboardBuilder()
    for category, label in categories.items():
        in_category = [r for r in records if r.category == category]
        if len(in_category) > 1:
            lines.append(html.bold(label))
        for record in in_category:
            emoji, title = game_emoji(record), game_title(record)
            name = html.bold(html.quote(title))
            lines.append(f"{emoji} {name} — {html.quote(_(record.description))}")
            builder.button(text=f"{emoji} {title}", callback_data=PickGameCb(game_id=record.id))
    builder.button(text=_("🎴 Question packs"), callback_data=Nav(to=Screen.PACKS))
    builder.button(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def needs_partner() -> ScreenContent:
    text = _("🎮 Games are for two. Invite your partner first — create a link and send it to them.")
    builder = InlineKeyboardBuilder()
    builder.button(text=_("💌 Create invite link"), callback_data=Nav(to=Screen.INVITE))
    builder.button(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME))
    builder.adjust(1)
    return text, builder.as_markup()


def already_playing() -> ScreenContent:
    text = _("🎲 You already have a game going. Finish it (or give up) before starting another.")
    builder = InlineKeyboardBuilder()
    builder.button(text=_("▶️ Back to the game"), callback_data=Nav(to=Screen.GAME))
    builder.button(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME))
    builder.adjust(1)
    return text, builder.as_markup()


def partner_unreachable(partner: User) -> str:
    return _("{partner} can't get messages from Duet right now (the bot may be blocked).").format(
        partner=partner.display_name
    )


def no_game() -> str:
    return _("No game in progress. Send /play to start one.")


def play_error(error: PlayError) -> str:
    """Short alert texts for a request that does not apply."""
    texts = {
        PlayError.NO_PARTNER: _("You need a partner to play. Invite them first."),
        PlayError.ALREADY_OPEN: _("You already have a game going. Finish it first."),
        PlayError.UNAVAILABLE: _("This game is not available right now."),
        PlayError.NOT_YOURS: _("This is not your game."),
        PlayError.CLOSED: _("This game is over."),
        PlayError.NOT_INVITEE: _("Your partner has not answered yet."),
        PlayError.NOT_INVITER: _("Only the one who invited can cancel."),
        PlayError.CONFLICT: _("Too many taps at once. Try again."),
        PlayError.ALREADY_ANSWERED: _("You have already answered."),
        PlayError.EARLIER_COUPLE: _("This game was with an earlier partnership."),
    }
    return texts[error.reason]


def move_error(error: GameError) -> str:
    if isinstance(error, NotYourTurn):
        return _("Not your turn yet.")
    if isinstance(error, TooEarly):
        return _("Too early: wait for GO.")
    if isinstance(error, IllegalMove):
        return _("You can't do that right now.")
    if isinstance(error, GameOver):
        return _("This game is over.")
    if isinstance(error, NotAPlayer):
        return _("This is not your game.")
    return _("This button is no longer valid.")
