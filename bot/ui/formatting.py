"""Localized dates and relative times (Babel), in the current user's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aiogram.utils.i18n import get_i18n
from babel.dates import format_date, format_time, format_timedelta


def _locale() -> str:
    return get_i18n().current_locale


def long_date(moment: datetime) -> str:
    return format_date(moment.date(), format="long", locale=_locale())


def date_time(moment: datetime) -> str:
    """'Nov 24, 2026, 6:05 PM UTC' / '24 нояб. 2026 г., 18:05 UTC' (Telegram tells no time zone)."""
    locale = _locale()
    day = format_date(moment.date(), format="medium", locale=locale)
    time = format_time(moment, format="short", tzinfo=UTC, locale=locale)
    return f"{day}, {time} UTC"


def time_ago(moment: datetime, now: datetime) -> str:
    """'5 minutes ago' / '5 минут назад'."""
    return format_timedelta(moment - now, add_direction=True, locale=_locale())


def duration(length: timedelta) -> str:
    """'24 hours' / '24 часа'."""
    return format_timedelta(length, threshold=1.0, locale=_locale())
