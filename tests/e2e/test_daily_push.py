"""The daily push at each person's own hour, the instant ping, pushes pausing after a
silent week (issue 26). The push loop runs for real against the fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.fake_bot_api import ChatMessage, FakeUser
from tests.e2e.flows import say
from tests.e2e.harness import Duet
from tests.e2e.test_daily_zones import at, couple_in

PUSHING = {"daily_push_enabled": True, "daily_push_tick": 0.01, "daily_push_rate": 1000}
HEADER = "Question of the day ·"


def questions(user: FakeUser) -> list[ChatMessage]:
    return [m for m in user.bot_messages if HEADER in m.text]


async def next_question(user: FakeUser, after: ChatMessage | int | None = None) -> ChatMessage:
    return await user.wait_for_text(HEADER, after=after)


async def test_the_question_arrives_at_each_partners_own_hour_and_pings(
    start_duet: object,
) -> None:
    duet: Duet = await start_duet(**PUSHING)  # type: ignore[operator]
    at(duet, datetime(2026, 11, 24, 18, 0, tzinfo=UTC))  # 21:00 in Moscow, 10:00 in LA
    alice, bob = await couple_in(duet, "Moscow", "Los Angeles")
    seen = bob.bot_messages[-1].message_id
    at(duet, datetime(2026, 11, 25, 2, 59, tzinfo=UTC))  # 18:59 in Los Angeles
    await duet.settle()
    at(duet, datetime(2026, 11, 25, 3, 0, 30, tzinfo=UTC))  # 19:00:30 in Los Angeles
    pushed = await next_question(bob, after=seen)
    assert "November 24, 2026" in pushed.text  # the couple's day: still the 24th in LA
    assert not questions(alice)  # 06:00 in Moscow: Alice's hour (19:00) is still far
    # The push awaits the answer as /today does: a free-text one is the next message.
    if "Send your answer as a message" in pushed.text:
        await say(duet, bob, "Pancakes")
    else:
        await bob.press(pushed.button_labels()[0], message=pushed)
    ping = await alice.wait_for_text("Bob answered today's question: your turn!")
    assert "☀️ Answer now" in ping.button_labels()
    # Alice's own hour: 19:00 in Moscow on the 25th is 16:00 UTC. The couple's day is the
    # 25th by then (08:00 in Los Angeles), but Bob's answer of the 24th is not stranded:
    # she is asked that question first.
    at(duet, datetime(2026, 11, 25, 16, 0, 30, tzinfo=UTC))
    mine = await next_question(alice)
    assert "November 24, 2026" in mine.text and "Bob has answered. Your turn!" in mine.text
    # Bob's next push (19:00 in LA on the 25th) is the next one he gets: one a day.
    at(duet, datetime(2026, 11, 26, 3, 0, 30, tzinfo=UTC))
    await bob.wait_for_text("Question of the day · November 25, 2026", after=pushed)
    async with duet.database.read() as uow:
        planned = await uow.conn.fetch_all(
            "SELECT user_id, next_push_at FROM settings ORDER BY user_id"
        )
    assert [tuple(row) for row in planned] == [
        (1, "2026-11-26 16:00:00"),
        (2, "2026-11-27 03:00:00"),
    ]


async def test_pushes_pause_after_a_silent_week_and_an_answer_resumes_them(
    start_duet: object,
) -> None:
    duet: Duet = await start_duet(**PUSHING)  # type: ignore[operator]
    at(duet, datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    alice, bob = await couple_in(duet, "London", "London")
    push_time = datetime(2026, 11, 24, 19, 0, 30, tzinfo=UTC)
    last: ChatMessage | None = None
    for day in range(6):  # six silent days: a push every evening
        at(duet, push_time + timedelta(days=day))
        last = await next_question(bob, after=last)
    at(duet, push_time + timedelta(days=7))  # a week since they linked, nobody answered
    paused = await bob.wait_for_text("A week went by without an answer")
    await alice.wait_for_text("A week went by without an answer")
    assert len(questions(bob)) == 6
    # Answering resumes them: the next evening's question comes again.
    at(duet, push_time + timedelta(days=7, hours=1))
    screen = await say(duet, bob, "/today")
    if "Send your answer as a message" in screen.text:
        await say(duet, bob, "Back again")
    else:
        await bob.press(screen.button_labels()[0], message=screen)
    at(duet, push_time + timedelta(days=8))
    resumed = await next_question(bob, after=paused)
    assert resumed.message_id > screen.message_id
