"""Picking one's time zone (by the time on one's own clock) and the daily push's hour."""

from __future__ import annotations

from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.keyboard import InlineKeyboardBuilder
from babel.dates import format_time, get_timezone_location

from bot.i18n import _
from bot.ui.callbacks import Nav, PushCb, Screen, ZoneCb
from bot.zones import CHOICES, utc_offset, zone, zone_name_of
from db.repositories.settings import UserSettings

ScreenContent = tuple[str, InlineKeyboardMarkup | None]
PUSH_HOURS = (8, 9, 12, 18, 19, 20, 21, 22)


def _locale() -> str:
    return get_i18n().current_locale


def place(name: str) -> str:
    """'Moscow' / 'Москва': the zone's city in the reader's language."""
    return str(get_timezone_location(name, locale=_locale(), return_city=True))


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def zone_label(prefs: UserSettings) -> str:
    """The settings button's value: the city, and '(guess)' until the user picked one."""
    name = place(zone_name_of(prefs))
    return name if prefs.time_zone else _("{place} (guessed)").format(place=name)


def push_label(prefs: UserSettings) -> str:
    return _("off") if prefs.push_minute is None else clock(prefs.push_minute)


def zone_picker(
    prefs: UserSettings, now: datetime, back: Screen = Screen.SETTINGS
) -> ScreenContent:
    """One tap: the time a person sees on their own clock, with a city that keeps it."""
    text = _(
        "🕰 <b>What time is it for you now?</b>\n"
        "Your days with the question of the day, and every date I show you, follow it. "
        "When the two of you live in different zones, the couple's day follows the one "
        "furthest behind, so neither of you loses a question. Now: {place}."
    ).format(place=zone_label(prefs))
    builder = InlineKeyboardBuilder()
    ordered = sorted(range(len(CHOICES)), key=lambda i: utc_offset(now, zone(CHOICES[i])))
    for index in ordered:
        name = CHOICES[index]
        local = format_time(now, format="HH:mm", tzinfo=zone(name), locale=_locale())
        mark = "✅ " if name == prefs.time_zone else ""
        builder.button(text=f"{mark}{local} · {place(name)}", callback_data=ZoneCb(index=index))
    builder.button(text=_("⬅️ Back"), callback_data=Nav(to=back))
    builder.adjust(2)
    return text, builder.as_markup()


def push_picker(prefs: UserSettings) -> ScreenContent:
    text = _(
        "🔔 <b>When should the question of the day come?</b>\n"
        "Every day at this time on your clock ({place}), unless you already answered it. "
        "Now: {time}."
    ).format(place=zone_label(prefs), time=push_label(prefs))
    builder = InlineKeyboardBuilder()
    for hour in PUSH_HOURS:
        minute = hour * 60
        mark = "✅ " if prefs.push_minute == minute else ""
        builder.button(text=f"{mark}{clock(minute)}", callback_data=PushCb(minute=minute))
    off = ("✅ " if prefs.push_minute is None else "") + _("🔕 Never")
    builder.button(text=off, callback_data=PushCb(minute=-1))
    builder.button(text=_("⬅️ Back"), callback_data=Nav(to=Screen.SETTINGS))
    builder.adjust(4, 4, 1, 1)
    return text, builder.as_markup()
