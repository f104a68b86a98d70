"""Inline keyboards, built at render time in the current language."""

from __future__ import annotations

from urllib.parse import urlencode

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.avatars import AVATARS
from bot.i18n import _
from bot.ui.callbacks import (
    AvatarCb,
    FormCb,
    InviteAction,
    InviteCb,
    LanguageCb,
    Nav,
    Preference,
    ProfileAction,
    ProfileCb,
    Screen,
    SettingsCb,
    UnlinkAction,
    UnlinkCb,
)
from bot.ui.zone_screens import push_label, zone_label
from db.repositories.settings import UserSettings


def home_button() -> InlineKeyboardButton:
    return InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack())


def play_or_home() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=_("🎮 Play"), callback_data=Nav(to=Screen.PLAY).pack())],
            [home_button()],
        ]
    )


def only_home() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[home_button()]])


def home_menu(has_game: bool = False, *, has_partner: bool = True) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if not has_partner:
        # The one thing to do first: it reaches a shareable link in one tap.
        builder.button(text=_("💌 Invite your partner"), callback_data=Nav(to=Screen.INVITE))
    if has_game:
        builder.button(text=_("▶️ Back to the game"), callback_data=Nav(to=Screen.GAME))
    builder.button(text=_("🎮 Play"), callback_data=Nav(to=Screen.PLAY))
    builder.button(text=_("💞 Partner"), callback_data=Nav(to=Screen.PARTNER))
    builder.button(text=_("📜 History"), callback_data=Nav(to=Screen.HISTORY))
    builder.button(text=_("🏆 Achievements"), callback_data=Nav(to=Screen.ACHIEVEMENTS))
    builder.button(text=_("☀️ Question of the day"), callback_data=Nav(to=Screen.TODAY))
    builder.button(text=_("⚙️ Settings"), callback_data=Nav(to=Screen.SETTINGS))
    builder.button(text=_("👤 Profile"), callback_data=Nav(to=Screen.PROFILE))
    builder.adjust(*([1] if not has_partner else []), *([1] if has_game else []), 2, 2, 1, 2)
    return builder.as_markup()


def settings_menu(prefs: UserSettings) -> InlineKeyboardMarkup:
    """Each button shows the current value; pressing flips it."""
    theme = _("☀️ Light") if prefs.theme == "light" else _("🌙 Dark")
    # Each language is named in itself, so anyone can find their way back.
    language = "🇬🇧 English" if prefs.language == "en" else "🇷🇺 Русский"
    sound = _("🔔 On") if prefs.sound_enabled else _("🔕 Off")
    notifications = _("📣 On") if prefs.notifications else _("🔇 Off")
    builder = InlineKeyboardBuilder()
    for label, value, preference in (
        (_("Theme"), theme, Preference.THEME),
        (_("Language"), language, Preference.LANGUAGE),
        (_("Sound"), sound, Preference.SOUND),
        (_("Notifications"), notifications, Preference.NOTIFICATIONS),
    ):
        builder.button(text=f"{label}: {value}", callback_data=SettingsCb(toggle=preference))
    builder.button(
        text=_("Time zone: {place}").format(place=zone_label(prefs)),
        callback_data=Nav(to=Screen.ZONE),
    )
    builder.button(
        text=_("Question of the day at: {time}").format(time=push_label(prefs)),
        callback_data=Nav(to=Screen.PUSH),
    )
    builder.button(text=_("🎴 Question packs"), callback_data=Nav(to=Screen.PACKS))
    builder.add(home_button())
    builder.adjust(1)
    if prefs.language == "ru":  # only Russian agrees with the person; English has no use
        builder.row(*form_buttons(prefs))
    return builder.as_markup()


def language_choice() -> list[InlineKeyboardButton]:
    """One tap for each language, each named in itself."""
    return [
        InlineKeyboardButton(text="🇬🇧 English", callback_data=LanguageCb(language="en").pack()),
        InlineKeyboardButton(text="🇷🇺 Русский", callback_data=LanguageCb(language="ru").pack()),
    ]


def form_buttons(prefs: UserSettings, *, home: bool = False) -> list[InlineKeyboardButton]:
    """«он» · «она» · «нейтрально», the chosen one ticked (in /settings; not chosen: neutral).
    On the first home screen (`home`) nothing is ticked: it is a question."""
    chosen = None if home else prefs.grammatical_form or "neutral"
    buttons = []
    for form, label in (
        ("male", _("he")),
        ("female", _("she")),
        ("neutral", _("neutral")),
    ):
        text = f"✅ {label}" if form == chosen else label
        data = FormCb(form=form, home=home).pack()
        buttons.append(InlineKeyboardButton(text=text, callback_data=data))
    return buttons


def partner_menu(partnership_id: int | None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if partnership_id is None:
        builder.button(text=_("💌 Create invite link"), callback_data=Nav(to=Screen.INVITE))
    else:
        builder.button(
            text=_("💔 Unlink"),
            callback_data=UnlinkCb(action=UnlinkAction.ASK, partnership_id=partnership_id),
        )
    builder.add(home_button())
    builder.adjust(1)
    return builder.as_markup()


def unlink_confirm(partnership_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("💔 Yes, unlink"),
        callback_data=UnlinkCb(action=UnlinkAction.CONFIRM, partnership_id=partnership_id),
    )
    builder.button(text=_("Cancel"), callback_data=Nav(to=Screen.PARTNER))
    builder.adjust(2)
    return builder.as_markup()


def share_invite(link: str, share_text: str) -> InlineKeyboardMarkup:
    share_url = "https://t.me/share/url?" + urlencode({"url": link, "text": share_text})
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=_("📤 Share"), url=share_url)],
            [home_button()],
        ]
    )


def invitation(token: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("💞 Accept"), callback_data=InviteCb(action=InviteAction.ACCEPT, token=token)
    )
    builder.button(
        text=_("✖️ Decline"), callback_data=InviteCb(action=InviteAction.DECLINE, token=token)
    )
    builder.adjust(2)
    return builder.as_markup()


def profile_menu() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✏️ Change name"), callback_data=ProfileCb(action=ProfileAction.RENAME))
    builder.button(text=_("🖼 Change avatar"), callback_data=Nav(to=Screen.AVATARS))
    builder.add(home_button())
    builder.adjust(2, 1)
    return builder.as_markup()


def avatar_picker() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for avatar_id, emoji in enumerate(AVATARS):
        builder.button(text=emoji, callback_data=AvatarCb(avatar_id=avatar_id))
    builder.button(text=_("⬅️ Back"), callback_data=Nav(to=Screen.PROFILE))
    builder.adjust(4)
    return builder.as_markup()


def cancel_rename() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Cancel"), callback_data=ProfileCb(action=ProfileAction.CANCEL_RENAME))
    return builder.as_markup()
