"""Screen texts and keyboards, rendered in the current language. User text is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import html
from aiogram.types import InlineKeyboardMarkup

from bot.avatars import avatar
from bot.i18n import LANGUAGES, Form, _, gettext_as, ngettext
from bot.rendering import name_html
from bot.services.couples import PartnerInfo, Refusal
from bot.services.daily import TodayStatus
from bot.services.names import MAX_NAME_LENGTH, InvalidName, name_length
from bot.ui import keyboards
from bot.ui.formatting import duration, long_date, time_ago
from db.repositories.settings import UserSettings
from db.repositories.users import User
from games.palette import palette_for

ScreenContent = tuple[str, InlineKeyboardMarkup | None]


def presence_line(user: User, now: datetime) -> str:
    if user.online_status:
        return _("🟢 Online")
    if user.last_seen_at is None:
        return _("⚪ Offline")
    return _("⚪ Last seen {ago}").format(ago=time_ago(user.last_seen_at, now))


@dataclass(frozen=True)
class CoupleStatus:
    """What the home screen sums up in one line for a partner."""

    game_title: str | None = None
    """The game in progress, already translated."""
    today: TodayStatus | None = None
    streak: int = 0
    """Days in a row the couple did something together."""


def home(
    me: User,
    partner: PartnerInfo | None,
    *,
    has_game: bool = False,
    status: CoupleStatus | None = None,
    greeting: str | None = None,
) -> ScreenContent:
    lines = [_("🏠 <b>Duet</b>"), greeting or name_html(me)]
    if partner is None:
        lines.append(_("💞 No partner yet: invite the person you want to play with."))
        return "\n".join(lines), keyboards.home_menu(has_game, has_partner=False)
    online = "🟢" if partner.partner.online_status else "⚪"
    lines.append(
        _("💞 Partner: {partner} {status}").format(
            partner=name_html(partner.partner), status=online
        )
    )
    if status is not None:
        summary = _status_line(status, partner.partner)
        if summary:
            lines.append(summary)
    return "\n".join(lines), keyboards.home_menu(has_game)


def with_language_choice(screen: ScreenContent) -> ScreenContent:
    """A first screen for someone whose Telegram speaks neither English nor Russian: the
    two languages head it, one tap each."""
    text, markup = screen
    rows = [keyboards.language_choice(), *(markup.inline_keyboard if markup else [])]
    # Asked in both languages: whichever of the two the person reads.
    question = " · ".join(
        _("🌐 Which language should I speak?", locale=language) for language in LANGUAGES
    )
    return f"{question}\n\n{text}", InlineKeyboardMarkup(inline_keyboard=rows)


def with_form_question(screen: ScreenContent, prefs: UserSettings) -> ScreenContent:
    """The first home screen in Russian asks, once, how to speak to and of this person."""
    text, markup = screen
    rows = [*(markup.inline_keyboard if markup else []), keyboards.form_buttons(prefs, home=True)]
    question = _(
        "How should I speak to you and of you? Russian verbs agree with the person: "
        "“you answered” reads differently for him and for her. Neutral wording needs neither."
    )
    return f"{text}\n\n{question}", InlineKeyboardMarkup(inline_keyboard=rows)


def _status_line(status: CoupleStatus, partner: User) -> str:
    parts = []
    if status.game_title is not None:
        parts.append(_("🎮 “{game}” is on").format(game=html.quote(status.game_title)))
    if status.today is TodayStatus.YOUR_TURN:
        parts.append(_("☀️ Today's question: your turn"))
    elif status.today is TodayStatus.WAITING:
        parts.append(
            _("☀️ Today's question: waiting for {partner}").format(partner=name_html(partner))
        )
    elif status.today is TodayStatus.BOTH:
        parts.append(_("☀️ Today's question: both answered"))
    if status.streak > 0:
        parts.append(
            ngettext("🔥 {count} day in a row", "🔥 {count} days in a row", status.streak).format(
                count=status.streak
            )
        )
    return " · ".join(parts)


def partner(info: PartnerInfo | None, now: datetime) -> ScreenContent:
    if info is None:
        text = _(
            "💞 <b>Partner</b>\n"
            "You don't have a partner in Duet yet. Create an invite link and send it to "
            "the person you want to play with."
        )
        return text, keyboards.partner_menu(None)
    games = ngettext(
        "🎮 {count} game played together", "🎮 {count} games played together", info.games_together
    ).format(count=info.games_together)
    text = "\n".join(
        [
            _("💞 <b>Your partner</b>"),
            name_html(info.partner),
            presence_line(info.partner, now),
            _("📅 Together since {date}").format(date=long_date(info.partnership.connected_at)),
            games,
        ]
    )
    return text, keyboards.partner_menu(info.partnership.id)


def unlink_confirm(info: PartnerInfo) -> ScreenContent:
    text = _(
        "💔 Unlink from {partner}?\nYour shared history stays, and you can partner again later."
    ).format(partner=name_html(info.partner))
    return text, keyboards.unlink_confirm(info.partnership.id)


def unlinked(former: User) -> ScreenContent:
    text = _("You are no longer partners with {partner}. Your history stays.").format(
        partner=name_html(former)
    )
    return text, keyboards.only_home()


def unlinked_by_partner(former: User, form: Form | None = None) -> ScreenContent:
    text = gettext_as(form, "💔 {partner} ended your partnership in Duet. Your history stays.")
    text = text.format(partner=name_html(former))
    return text, keyboards.only_home()


def invite_link(link: str, lifetime: timedelta) -> ScreenContent:
    text = _(
        "💌 <b>Your invite link</b>\n{link}\n\n"
        "Send it to your partner: when they open it, they can accept. "
        "The link works once and expires in {lifetime}."
    ).format(link=html.quote(link), lifetime=duration(lifetime))
    return text, keyboards.share_invite(link, _("Let's play together in Duet! 💞"))


def already_partnered(current: User) -> ScreenContent:
    text = _(
        "You already have a partner: {partner}. Unlink first if you want to invite someone else."
    ).format(partner=name_html(current))
    return text, keyboards.only_home()


def invitation(inviter: User, token: str) -> ScreenContent:
    text = _(
        "💌 {inviter} invites you to be their partner in Duet.\n"
        "As a couple you can play live games together and keep your history."
    ).format(inviter=name_html(inviter))
    return text, keyboards.invitation(token)


def refusal(reason: Refusal, inviter: User | None) -> ScreenContent:
    name = name_html(inviter) if inviter is not None else ""
    texts = {
        Refusal.OWN: _("This is your own invite link 🙂 Send it to your partner instead."),
        Refusal.INVALID: _("This invite link is not valid. Ask your partner for a new one."),
        Refusal.EXPIRED: _("This invite link has expired. Ask {inviter} for a new one."),
        Refusal.USED: _("This invite link has already been used."),
        Refusal.ALREADY_ACCEPTED: _("You have already accepted this invite."),
        Refusal.REVOKED: _("This invite link is no longer valid. Ask {inviter} for a fresh one."),
        Refusal.ALREADY_COUPLE: _("You and {inviter} are already a couple in Duet 💞"),
        Refusal.INVITEE_PARTNERED: _(
            "You already have a partner. Unlink first if you want to accept another invite."
        ),
        Refusal.INVITER_PARTNERED: _(
            "{inviter} already has a partner now, so this invite no longer works."
        ),
    }
    return texts[reason].format(inviter=name), keyboards.only_home()


def partnered(partner_user: User) -> ScreenContent:
    text = _(
        "💞 You and {partner} are now a couple in Duet! Play your first game together."
    ).format(partner=name_html(partner_user))
    return text, keyboards.home_menu()


def invite_declined_by(invitee: User, form: Form | None = None) -> ScreenContent:
    text = gettext_as(form, "{invitee} declined your invitation.")
    text = text.format(invitee=name_html(invitee))
    return text, keyboards.only_home()


def you_declined(inviter: User) -> ScreenContent:
    text = _("You declined the invitation from {inviter}.").format(inviter=name_html(inviter))
    return text, keyboards.only_home()


def profile(me: User) -> ScreenContent:
    text = "\n".join(
        [
            _("👤 <b>Your profile</b>"),
            name_html(me),
            _("📅 In Duet since {date}").format(date=long_date(me.created_at)),
        ]
    )
    return text, keyboards.profile_menu()


def avatar_picker(me: User) -> ScreenContent:
    text = _("🖼 Choose your avatar. Now: {avatar}").format(avatar=avatar(me.avatar_id))
    return text, keyboards.avatar_picker()


def rename_prompt() -> ScreenContent:
    text = _("✏️ Send me your new name ({min}–{max} characters).").format(min=1, max=MAX_NAME_LENGTH)
    return text, keyboards.cancel_rename()


def rename_invalid(error: InvalidName, typed: str) -> str:
    if error.reason == InvalidName.TOO_LONG:
        length = name_length(typed)
        return ngettext(
            "That name is too long: at most {max} characters, yours has {count}. Try again.",
            "That name is too long: at most {max} characters, yours has {count}. Try again.",
            length,
        ).format(max=MAX_NAME_LENGTH, count=length)
    return _("A name can't be empty. Send 1–{max} characters.").format(max=MAX_NAME_LENGTH)


def rename_needs_text() -> str:
    return _("Please send your new name as text, or tap Cancel.")


def renamed(me: User) -> str:
    return _("✅ Your name is now {name}.").format(name=name_html(me))


def settings(prefs: UserSettings) -> ScreenContent:
    text = _(
        "⚙️ <b>Settings</b>\n"
        "Theme colours the game boards, sound decides whether my messages ring, and "
        "notifications allow messages you did not ask for (achievements, reminders)."
    )
    preview = palette_for(prefs.theme).preview()
    text += "\n\n" + _("🎨 Boards in this theme: {preview}").format(preview=preview)
    if prefs.language == "ru":
        text += "\n\n" + _(
            "How should I speak to you and of you? Russian verbs agree with the person: "
            "“you answered” reads differently for him and for her. Neutral wording needs neither."
        )
    return text, keyboards.settings_menu(prefs)


def partner_blocked(partner_user: User) -> ScreenContent:
    text = _(
        "😶 {partner} has blocked Duet, so they won't see your games or invitations. "
        "Everything works again as soon as they come back."
    ).format(partner=name_html(partner_user))
    return text, keyboards.only_home()


def too_many_invites() -> ScreenContent:
    text = _("You have made many invite links in the last hour. Use the latest one, or try later.")
    return text, keyboards.only_home()


def partner_online(partner_user: User) -> ScreenContent:
    text = _("🟢 {partner} is online now.").format(partner=name_html(partner_user))
    return text, keyboards.play_or_home()
