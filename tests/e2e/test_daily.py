"""The question of the day end to end: same question, hidden answers, reveal, reminder."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from bot.fake_bot_api import ChatMessage, FakeUser
from tests.e2e.flows import NOT_ANSWERS, couple, say
from tests.e2e.harness import Duet


def options(screen: ChatMessage) -> list[str]:
    return [label for label in screen.button_labels() if not label.startswith(NOT_ANSWERS)]


async def free_text_day(duet: Duet, user: FakeUser) -> ChatMessage:
    """Move to the next day whose question is answered in words (most are)."""
    for _ in range(30):
        screen = await say(duet, user, "/today")
        if not options(screen):
            return screen
        duet.clock.advance(timedelta(days=1))
    raise AssertionError("no free-text question in 30 days")


async def test_same_question_hidden_answers_then_reveal(duet: Duet) -> None:
    alice, boris = await couple(duet)
    mine = await free_text_day(duet, alice)
    theirs = await say(duet, boris, "/today")
    assert "Question of the day" in mine.text and "Вопрос дня" in theirs.text
    # A date as a person writes it: the month in full, no «г.» after the year.
    assert re.fullmatch(r"☀️ Вопрос дня · \d{1,2} [а-я]+ \d{4}", theirs.text.splitlines()[0])
    await say(duet, alice, "<b>Tea</b> & biscuits")
    shown = alice.last
    assert shown is not None
    assert "You: <b>Tea</b> & biscuits" in shown.text
    assert "Waiting for Борис" in shown.text
    boris_screen = await say(duet, boris, "/today")
    assert "Tea" not in boris_screen.text  # hidden until Boris answers
    assert "💬 Alice: ответ уже есть. Твоя очередь!" in boris_screen.text

    await boris.send_sticker()
    await boris.wait_for_text("ответь одним сообщением")
    await say(duet, boris, "Кофе")
    assert "Alice: <b>Tea</b> & biscuits" in boris.last.text  # type: ignore[union-attr]
    await alice.wait_for_text("Борис: Кофе")
    async with duet.database.read() as uow:
        row = await uow.conn.fetch_one(
            "SELECT status, result_json, day FROM game_sessions WHERE day IS NOT NULL"
        )
        shorts = await uow.conn.fetch_all("SELECT result_short FROM history ORDER BY user_id")
    assert row is not None and row["status"] == "finished"
    result = json.loads(row["result_json"])
    assert result["answers"] == [{"text": "<b>Tea</b> & biscuits"}, {"text": "Кофе"}]
    assert [r[0] for r in shorts] == ["answered", "answered"]
    again = await say(duet, alice, "/today")
    assert "Both of you answered" in again.text


async def test_choice_questions_answer_by_button(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for _ in range(60):
        screen = await say(duet, alice, "/today")
        if options(screen):
            break
        duet.clock.advance(timedelta(days=1))
    choices = options(screen)
    await alice.press(choices[0], message=screen)
    answer = await alice.press(choices[0], message=screen) if options(screen) else None
    assert answer is None  # the choices are gone once answered
    ru = await say(duet, boris, "/today")
    await boris.press(options(ru)[-1], message=ru)
    await duet.settle()
    # Alice allows notifications: the reveal comes as a new message at the bottom.
    assert alice.last is not None and "Борис:" in alice.last.text
    assert not screen.buttons


async def test_one_reminder_after_the_partner_answered(start_duet: object) -> None:
    duet: Duet = await start_duet(daily_reminder_after=3600, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await free_text_day(duet, alice)
    await say(duet, alice, "Sunsets")
    duet.clock.advance(timedelta(minutes=59))
    await duet.settle()
    assert not any("Очередь за тобой" in m.text for m in boris.bot_messages)
    duet.clock.advance(timedelta(minutes=2))
    reminder = await boris.wait_for_text("Очередь за тобой", timeout=5)
    assert "Alice" in reminder.text
    duet.clock.advance(timedelta(hours=3))  # later the same day: still only one reminder
    await duet.settle()
    assert sum("Очередь за тобой" in m.text for m in boris.bot_messages) == 1
    await boris.press("☀️ Ответить", message=reminder)
    await say(duet, boris, "Закаты")
    await alice.wait_for_text("Борис: Закаты")


async def test_no_reminder_when_notifications_are_off(start_duet: object) -> None:
    duet: Duet = await start_duet(daily_reminder_after=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await say(duet, boris, "/settings")
    await boris.press("Уведомления: 📣 Вкл.")
    await free_text_day(duet, alice)
    await say(duet, alice, "Sunsets")
    duet.clock.advance(timedelta(minutes=2))
    for _ in range(20):
        await duet.settle()
    async with duet.database.read() as uow:
        state = await uow.conn.fetch_value(
            "SELECT state_json FROM game_sessions WHERE day IS NOT NULL"
        )
    assert json.loads(state)["reminded"] is True  # the timer ran ...
    assert not any("Очередь за тобой" in m.text for m in boris.bot_messages)  # ... silently


async def test_questions_do_not_repeat_and_past_ones_are_browsable(duet: Duet) -> None:
    alice, _boris = await couple(duet)
    prompts = []
    for _ in range(12):
        screen = await say(duet, alice, "/today")
        prompts.append(screen.text.split("\n")[2])
        if options(screen):
            await alice.press(options(screen)[0], message=screen)
        else:
            await say(duet, alice, "An answer")
        duet.clock.advance(timedelta(days=1))
    assert len(set(prompts)) == 12
    screen = await say(duet, alice, "/today")
    await alice.press("📜 Earlier questions", message=screen)
    assert "Earlier questions of the day" in screen.text
    assert "(no answer)" in screen.text  # Boris never answered
    await alice.press("Older ▶️", message=screen)
    assert "◀️ Newer" in screen.button_labels()


async def test_today_needs_a_partner(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    screen = await say(duet, alice, "/today")
    assert "question of the day is for two" in screen.text  # not "Games are for two" (#25)
