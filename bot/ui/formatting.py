"""Localized dates and relative times (Babel), in the current user's language."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from aiogram.utils.i18n import get_i18n
from babel.dates import format_date, format_skeleton, format_time, format_timedelta

from bot.zones import current_zone


def _locale() -> str:
    return get_i18n().current_locale


# CLDR's Russian dates («24 нояб. 2026 г.», «24 ноября 2026 г.») read like a form: a person
# writes the month in full and the year without «г.» (#28).
_DATE_PATTERNS = {"ru": "d MMMM y"}


def _long(day: date) -> str:
    locale = _locale()
    return format_date(day, format=_DATE_PATTERNS.get(locale, "long"), locale=locale)


def long_date(moment: datetime) -> str:
    """'November 24, 2026' / '24 ноября 2026', in the reader's time zone (bot/zones.py)."""
    return _long(moment.astimezone(current_zone()).date())


def day_month(moment: datetime, now: datetime) -> str:
    """'December 4' / '4 декабря' in the reader's time zone; with the year ('December 4,
    2025' / '4 декабря 2025') when it is not this year."""
    where = current_zone()
    local = moment.astimezone(where).date()
    if local.year == now.astimezone(where).year:
        return format_skeleton("MMMMd", local, locale=_locale())
    return _long(local)


def day_date(day: str) -> str:
    """A couple-day ('2026-11-24', the question of the day's) as a long date."""
    return _long(date.fromisoformat(day))


def date_time(moment: datetime) -> str:
    """'Nov 24, 2026, 9:05 PM' / '24 ноября 2026, 21:05', in the reader's time zone."""
    locale = _locale()
    local = moment.astimezone(current_zone())
    day = format_date(local.date(), format=_DATE_PATTERNS.get(locale, "medium"), locale=locale)
    time = format_time(local, format="short", tzinfo=local.tzinfo, locale=locale)
    return f"{day}, {time}"


def time_ago(moment: datetime, now: datetime) -> str:
    """'5 minutes ago' / '5 минут назад'."""
    return format_timedelta(moment - now, add_direction=True, locale=_locale())


def duration(length: timedelta) -> str:
    """'24 hours' / '24 часа'."""
    return format_timedelta(length, threshold=1.0, locale=_locale())
