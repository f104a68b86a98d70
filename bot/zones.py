"""Time zones: each person's own, and the couple's day that follows them both.

Telegram tells a bot no time zone, so each user picks one (an IANA name in
`settings.time_zone`); until they do, their language suggests one (DEFAULT_ZONES).

The couple's day follows the partner who is furthest behind: the couple's date is the
earlier of the two local dates, so the question changes once it is past midnight for both.
The partner ahead keeps the day's question into their next morning, and neither loses a
question they could still answer. Local dates come from zoneinfo, so a daylight-saving
change neither skips nor repeats a day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.repositories.settings import UserSettings

DEFAULT_ZONES = {"en": "Europe/London", "ru": "Europe/Moscow"}
FALLBACK_ZONE = "UTC"

# The zones offered in /settings: one tap on the local time a person sees on their own
# clock. Several per offset where their daylight-saving rules differ.
CHOICES: tuple[str, ...] = (
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "Atlantic/Azores",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Kaliningrad",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Dubai",
    "Asia/Yekaterinburg",
    "Asia/Almaty",
    "Asia/Kolkata",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Bangkok",
    "Asia/Irkutsk",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Australia/Sydney",
    "Asia/Magadan",
    "Pacific/Auckland",
    "Asia/Kamchatka",
    "UTC",
)

_current: ContextVar[ZoneInfo | None] = ContextVar("duet_zone", default=None)


@cache
def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name; UTC for a name this machine does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(FALLBACK_ZONE)


def zone_name_of(settings: UserSettings) -> str:
    """The user's chosen zone, or the one their language suggests."""
    return settings.time_zone or DEFAULT_ZONES.get(settings.language, FALLBACK_ZONE)


def zone_of(settings: UserSettings | None) -> ZoneInfo:
    """The user's zone; UTC for someone without settings (an erased account)."""
    return zone(FALLBACK_ZONE if settings is None else zone_name_of(settings))


def current_zone() -> ZoneInfo:
    """The zone of the person whose screen is being drawn (UTC outside any)."""
    return _current.get() or zone(FALLBACK_ZONE)


@contextmanager
def use_zone(settings: UserSettings | None) -> Iterator[None]:
    """Draw the dates and times of the block in this person's zone."""
    token = _current.set(zone_of(settings))
    try:
        yield
    finally:
        _current.reset(token)


def set_zone(settings: UserSettings) -> None:
    """For the rest of the current update (a middleware sets it before the handler)."""
    _current.set(zone_of(settings))


def local_date(now: datetime, where: ZoneInfo) -> date:
    return now.astimezone(where).date()


def couple_day(now: datetime, zones: Iterable[ZoneInfo]) -> date:
    """The couple's date: the earlier of the partners' local dates."""
    return min(local_date(now, where) for where in zones)


def day_start(day: date, zones: Iterable[ZoneInfo]) -> datetime:
    """When the couple's `day` begins: the latest of the partners' local midnights."""
    return max(_midnight(day, where) for where in zones)


def day_end(day: date, zones: Iterable[ZoneInfo]) -> datetime:
    return day_start(day + timedelta(days=1), zones)


def _midnight(day: date, where: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=where).astimezone(UTC)


def next_local_time(now: datetime, minute_of_day: int, where: ZoneInfo) -> datetime:
    """The first moment after `now` when the clock in `where` shows `minute_of_day`.

    A time that a spring-forward change skips is taken at its wall-clock reading after the
    change (zoneinfo's fold=0): the push comes an hour later that one day, never twice.
    """
    local_now = now.astimezone(where)
    wanted = time(minute_of_day // 60, minute_of_day % 60)
    day = local_now.date()
    for _ in range(3):
        candidate = datetime.combine(day, wanted, tzinfo=where).astimezone(UTC)
        if candidate > now:
            return candidate
        day += timedelta(days=1)
    raise AssertionError("a local time recurs within three days")


def utc_offset(now: datetime, where: ZoneInfo) -> timedelta:
    offset = now.astimezone(where).utcoffset()
    return offset if offset is not None else timedelta(0)
