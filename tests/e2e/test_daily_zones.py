"""The daily ritual in each couple's own time: zones, the couple's day, no stranded answer,
a reminder that never crosses days, daylight-saving changes (issue 26)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.fake_bot_api import ChatMessage, FakeUser
from tests.e2e.flows import make_couple, play_and_give_up, say
from tests.e2e.harness import Duet


def at(duet: Duet, moment: datetime) -> None:
    duet.clock.current = moment


async def pick_zone(duet: Duet, user: FakeUser, city: str) -> ChatMessage:
    """/settings -> Time zone -> the button showing the city (two taps)."""
    screen = await say(duet, user, "/settings")
    (zone_button,) = [b for b in screen.button_labels() if b.startswith("Time zone:")]
    await user.press(zone_button, message=screen)
    (choice,) = [b for b in screen.button_labels() if b.endswith(f"· {city}")]
    await user.press(choice, message=screen)
    return screen


async def couple_in(duet: Duet, alice_city: str, bob_city: str) -> tuple[FakeUser, FakeUser]:
    alice = duet.user(1001, "Alice")
    bob = duet.user(1002, "Bob")
    await make_couple(duet, alice, bob)
    await pick_zone(duet, alice, alice_city)
    await pick_zone(duet, bob, bob_city)
    return alice, bob


def prompt(screen: ChatMessage) -> str:
    return screen.text.split("\n")[2]


async def today_of(duet: Duet, user: FakeUser) -> ChatMessage:
    return await say(duet, user, "/today")


async def test_the_zone_is_picked_by_local_time_and_shown_in_settings(duet: Duet) -> None:
    at(duet, datetime(2026, 11, 24, 18, 5, tzinfo=UTC))
    alice = duet.user(1001, "Alice")
    screen = await say(duet, alice, "/settings")
    assert "Time zone: London (guessed)" in screen.button_labels()
    await alice.press("Time zone: London (guessed)", message=screen)
    assert "What time is it for you now?" in screen.text
    labels = screen.button_labels()
    assert "21:05 · Moscow" in labels and "10:05 · Los Angeles" in labels
    await alice.press("21:05 · Moscow", message=screen)
    assert "Time zone: Moscow" in screen.button_labels()
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.time_zone == "Europe/Moscow"


async def test_a_couple_in_utc_plus_3_gets_a_new_question_at_their_midnight(duet: Duet) -> None:
    at(duet, datetime(2026, 11, 24, 18, 0, tzinfo=UTC))  # 21:00 in Moscow
    alice, _bob = await couple_in(duet, "Moscow", "Moscow")
    first = await today_of(duet, alice)
    assert "November 24, 2026" in first.text
    at(duet, datetime(2026, 11, 24, 20, 59, tzinfo=UTC))  # 23:59 in Moscow
    assert prompt(await today_of(duet, alice)) == prompt(first)
    at(duet, datetime(2026, 11, 24, 21, 1, tzinfo=UTC))  # 00:01 on the 25th in Moscow
    second = await today_of(duet, alice)
    assert "November 25, 2026" in second.text
    assert prompt(second) != prompt(first)


async def test_a_split_couple_follows_the_partner_furthest_behind(duet: Duet) -> None:
    # Alice in Moscow (UTC+3), Bob in Los Angeles (UTC-8).
    at(duet, datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    alice, bob = await couple_in(duet, "Moscow", "Los Angeles")
    first = await today_of(duet, alice)
    assert "November 24, 2026" in first.text
    # 00:30 on the 25th in Moscow, 13:30 on the 24th in Los Angeles: still the 24th.
    at(duet, datetime(2026, 11, 24, 21, 30, tzinfo=UTC))
    assert prompt(await today_of(duet, alice)) == prompt(first)
    assert prompt(await today_of(duet, bob)) == prompt(first)
    # Midnight in Los Angeles (08:00 UTC, 11:00 in Moscow): the 25th for both.
    at(duet, datetime(2026, 11, 25, 8, 1, tzinfo=UTC))
    second = await today_of(duet, bob)
    assert "November 25, 2026" in second.text and prompt(second) != prompt(first)
    assert prompt(await today_of(duet, alice)) == prompt(second)
    async with duet.database.read() as uow:
        days = await uow.conn.fetch_all("SELECT day FROM game_sessions ORDER BY day")
    assert [row["day"] for row in days] == ["2026-11-24", "2026-11-25"]


async def free_text_day(duet: Duet, user: FakeUser) -> ChatMessage:
    for _ in range(30):
        screen = await today_of(duet, user)
        if "Send your answer as a message" in screen.text:
            return screen
        duet.clock.advance(timedelta(days=1))
    raise AssertionError("no free-text question in 30 days")


async def test_an_answer_late_in_the_day_is_not_stranded(start_duet: object) -> None:
    duet: Duet = await start_duet(daily_reminder_after=3600, game_timer_tick=0.02)  # type: ignore[operator]
    at(duet, datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    alice, bob = await couple_in(duet, "Moscow", "Los Angeles")
    question = await free_text_day(duet, bob)
    day = duet.clock.now().astimezone(UTC).date()
    # 23:30 in Los Angeles: Bob answers; the couple's day ends half an hour later.
    at(duet, datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC) + timedelta(days=1))
    await say(duet, bob, "Walks by the sea")
    at(duet, duet.clock.now() + timedelta(minutes=31))  # the next couple-day
    # The reminder (due an hour after the answer) would cross into the next day: never sent.
    at(duet, duet.clock.now() + timedelta(hours=1))
    for _ in range(10):
        await duet.settle()
    assert not any("curious about yours" in m.text for m in alice.bot_messages)
    # Alice still gets the question Bob answered, then today's.
    stranded = await today_of(duet, alice)
    assert prompt(stranded) == prompt(question)
    assert "Bob has answered. Your turn!" in stranded.text
    await say(duet, alice, "Long talks")
    await alice.wait_for_text("Bob: Walks by the sea")
    fresh = await today_of(duet, alice)
    assert prompt(fresh) != prompt(question)


async def test_daylight_saving_changes_neither_skip_nor_repeat_a_day(duet: Duet) -> None:
    # New York: clocks go forward on 14 March 2027 and back on 7 November 2027.
    at(duet, datetime(2027, 3, 12, 12, 0, tzinfo=UTC))
    alice, _bob = await couple_in(duet, "New York", "New York")
    daily = duet.runtime.services.daily  # type: ignore[union-attr]
    spring, autumn = datetime(2027, 3, 12, 12, tzinfo=UTC), datetime(2027, 11, 5, 12, tzinfo=UTC)
    for start in (spring, autumn):
        days = []
        for hour in range(4 * 24):
            at(duet, start + timedelta(hours=hour))
            view = await daily.today(1)
            if not days or days[-1] != view.session.day:
                days.append(view.session.day)
        first = datetime.fromisoformat(days[0]).date()
        assert days == [(first + timedelta(days=n)).isoformat() for n in range(len(days))]
        assert len(days) in (4, 5)
    assert alice.last is not None


async def test_the_first_question_asks_for_the_zone_in_two_taps(duet: Duet) -> None:
    at(duet, datetime(2026, 11, 24, 18, 5, tzinfo=UTC))
    alice = duet.user(1001, "Alice")
    await make_couple(duet, alice, duet.user(1002, "Bob"))
    async with duet.database.read() as uow:  # linking planned both pushes: 19:00 in London
        planned = await uow.conn.fetch_all("SELECT next_push_at FROM settings ORDER BY user_id")
    assert [row[0] for row in planned] == ["2026-11-24 19:00:00"] * 2
    screen = await today_of(duet, alice)
    assert "Your days here follow London time: is that yours?" in screen.text
    await alice.press("🕰 Set my time zone", message=screen)
    await alice.press("10:05 · Los Angeles", message=screen)
    again = await today_of(duet, alice)
    assert "🕰" not in again.text and "🕰 Set my time zone" not in again.button_labels()


async def test_streaks_count_the_couples_own_days(duet: Duet) -> None:
    """A couple in Moscow playing around their midnight: the streak follows Moscow's days
    (UTC's would count four days in a row here, and the couple lived two)."""
    at(duet, datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    alice, bob = await couple_in(duet, "Moscow", "Moscow")
    for moment in (
        datetime(2026, 11, 30, 22, 30, tzinfo=UTC),  # Dec 1, 01:30 in Moscow
        datetime(2026, 12, 1, 19, 0, tzinfo=UTC),  # Dec 1, 22:00
        datetime(2026, 12, 2, 21, 30, tzinfo=UTC),  # Dec 3, 00:30: Dec 2 had no game
        datetime(2026, 12, 3, 20, 30, tzinfo=UTC),  # Dec 3, 23:30
        datetime(2026, 12, 3, 21, 30, tzinfo=UTC),  # Dec 4, 00:30
    ):
        at(duet, moment)
        await play_and_give_up(duet, alice, bob, bob)
        home = await say(duet, alice, "/start")
    assert "🔥 2 days in a row" in home.text, home.text
    await alice.press("📜 History", message=home)
    await alice.press("📊 Couple stats")
    stats = alice.last
    assert stats is not None and "🏔 Longest streak: 2 days" in stats.text, stats.text


async def test_a_daylight_saving_change_does_not_break_a_streak(duet: Duet) -> None:
    """New York's clocks go forward on 14 March 2027: a game each evening keeps the streak
    (UTC's days would show a gap: the 15th has no game there)."""
    at(duet, datetime(2027, 3, 13, 12, 0, tzinfo=UTC))
    alice, bob = await couple_in(duet, "New York", "New York")
    for moment in (
        datetime(2027, 3, 14, 1, 30, tzinfo=UTC),  # 13 March, 20:30 EST
        datetime(2027, 3, 14, 23, 30, tzinfo=UTC),  # 14 March, 19:30 EDT
        datetime(2027, 3, 16, 0, 30, tzinfo=UTC),  # 15 March, 20:30 EDT
    ):
        at(duet, moment)
        await play_and_give_up(duet, alice, bob, bob)
    home = await say(duet, alice, "/start")
    assert "🔥 3 days in a row" in home.text, home.text
