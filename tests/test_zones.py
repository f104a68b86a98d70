"""bot/zones.py: the couple's day and the next local push time, across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.zones import couple_day, day_end, day_start, next_local_time, zone

MOSCOW, LA, NY = zone("Europe/Moscow"), zone("America/Los_Angeles"), zone("America/New_York")


def test_the_couple_day_follows_the_partner_furthest_behind() -> None:
    now = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)  # 00:30 on the 25th in Moscow
    assert couple_day(now, [MOSCOW]) == date(2026, 11, 25)
    assert couple_day(now, [MOSCOW, LA]) == date(2026, 11, 24)
    assert day_start(date(2026, 11, 25), [MOSCOW, LA]) == datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert day_end(date(2026, 11, 24), [MOSCOW]) == datetime(2026, 11, 24, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2027, 3, 14), 23), (date(2027, 11, 7), 25), (date(2027, 6, 1), 24)],
)
def test_a_new_york_day_is_as_long_as_its_clocks_say(day: date, hours: int) -> None:
    assert day_end(day, [NY]) - day_start(day, [NY]) == timedelta(hours=hours)


def test_the_push_comes_once_a_day_at_the_local_time_through_dst() -> None:
    moment = datetime(2027, 3, 12, 12, tzinfo=UTC)
    pushes = []
    for _ in range(4):
        moment = next_local_time(moment, 19 * 60, NY)
        pushes.append(moment.astimezone(NY))
    assert [(p.day, p.hour, p.minute) for p in pushes] == [
        (12, 19, 0),
        (13, 19, 0),
        (14, 19, 0),
        (15, 19, 0),
    ]
    spring = pushes[2].astimezone(UTC) - pushes[1].astimezone(UTC)
    assert spring == timedelta(hours=23)  # the spring-forward day


def test_an_unknown_zone_is_utc() -> None:
    assert zone("Mars/Olympus_Mons").key == "UTC"
