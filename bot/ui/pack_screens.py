"""The question packs screen, and what the partner is told when the packs change."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Form, _, gettext_as
from bot.rendering import name_html
from bot.services.packs import EVERYDAY, PackChoice
from bot.ui.callbacks import Nav, PackCb, Screen
from bot.ui.keyboards import home_button
from bot.ui.screens import ScreenContent
from db.repositories.users import User
from games.banks import SPICY

PACK_EMOJI = {"us": "💞", "fun": "🎈", "memories": "📸", "future": "🌅", "deep": "🕯", SPICY: "🌶"}


def pack_name(pack: str) -> str:
    names = {
        "us": _("Us"),
        "fun": _("Fun"),
        "memories": _("Memories"),
        "future": _("Dreams and future"),
        "deep": _("Deep talk"),
        SPICY: _("Spicy (18+)"),
    }
    return names[pack]


def pack_title(pack: str) -> str:
    return f"{PACK_EMOJI[pack]} {pack_name(pack)}"


def _on_off(enabled: bool) -> str:
    return _("on ✅") if enabled else _("off")


def packs(choice: PackChoice, partner: User) -> ScreenContent:
    text = _(
        "🎴 <b>Question packs</b>\n"
        "The question of the day, the quiz and “In sync” ask from the packs you choose "
        "together. Either of you can change them; the other is told.\n\n"
        "🌶 <b>Spicy (18+)</b> opens only while both of you have turned it on.\n"
        "You: {mine} · {partner}: {theirs}"
    ).format(
        mine=_on_off(choice.spicy_me),
        partner=name_html(partner),
        theirs=_on_off(choice.spicy_partner),
    )
    builder = InlineKeyboardBuilder()
    for pack in EVERYDAY:
        mark = "✅" if pack in choice.chosen else "▫️"
        builder.button(text=f"{mark} {pack_title(pack)}", callback_data=PackCb(key=pack))
    spicy = _("🌶 Spicy (18+): turn off") if choice.spicy_me else _("🌶 Spicy (18+): turn on")
    builder.button(text=spicy, callback_data=PackCb(key=SPICY))
    builder.button(text=_("⚙️ Settings"), callback_data=Nav(to=Screen.SETTINGS))
    builder.add(home_button())
    builder.adjust(2, 2, 1, 1, 2)
    return text, builder.as_markup()


def last_pack() -> str:
    return _("Keep at least one pack: questions have to come from somewhere.")


def pack_changed(by: User, pack: str, enabled: bool, form: Form | None = None) -> ScreenContent:
    """To the partner: the couple's everyday packs changed (`form`: how to speak of `by`)."""
    if enabled:
        text = gettext_as(form, "🎴 {partner} turned on “{pack}” for your questions.")
    else:
        text = gettext_as(form, "🎴 {partner} turned off “{pack}” for your questions.")
    return _with_packs_button(text.format(partner=name_html(by), pack=pack_name(pack)))


def spicy_changed(by: User, choice: PackChoice, form: Form | None = None) -> ScreenContent:
    """To the partner, after `by` said yes or no to the 18+ pack (`choice`: from `by`'s
    side; not sent when both said no)."""
    if choice.spicy_me and choice.spicy_partner:
        text = _("🌶 Spicy (18+) questions are now open for both of you.")
    elif choice.spicy_me:
        text = _(
            "🌶 {partner} would like Spicy (18+) questions. They open when you turn them on "
            "too, in Question packs."
        )
    else:
        text = gettext_as(
            form, "🌶 Spicy (18+) questions are closed again: {partner} turned them off."
        )
    return _with_packs_button(text.format(partner=name_html(by)))


def _with_packs_button(text: str) -> ScreenContent:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🎴 Question packs"), callback_data=Nav(to=Screen.PACKS))
    builder.add(home_button())
    builder.adjust(1)
    return text, builder.as_markup()
