"""Question packs, the Spicy gate and recaps, end to end, in both languages."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.fake_bot_api import FakeUser
from games.banks import daily, insync, quiz
from tests.e2e.flows import couple, game_message, move_buttons, say, start_game
from tests.e2e.harness import Duet
from tests.e2e.test_games import answer_all

DAILY_PACK = {q.id: q.pack for q in daily.QUESTIONS}


async def open_packs(duet: Duet, user: FakeUser) -> None:
    russian = (user.account.language_code or "").startswith("ru")
    await say(duet, user, "/settings")
    await user.press("🎴 Наборы вопросов" if russian else "🎴 Question packs")


async def asked(duet: Duet, bank: str) -> list[str]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT question_id FROM asked_questions WHERE bank = ? ORDER BY id", (bank,)
        )
    return [row[0] for row in rows]


async def todays_question(duet: Duet, user: FakeUser) -> str:
    await say(duet, user, "/today")
    async with duet.database.read() as uow:
        state = await uow.conn.fetch_value(
            "SELECT state_json FROM game_sessions WHERE day IS NOT NULL ORDER BY id DESC"
        )
    return str(json.loads(state)["question"])


async def test_packs_are_chosen_together_and_the_partner_is_told(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await open_packs(duet, alice)
    screen = alice.last
    assert screen is not None and "✅ 📸 Memories" in screen.button_labels()
    for pack in ("💞 Us", "📸 Memories", "🌅 Dreams and future", "🕯 Deep talk"):
        await alice.press(f"✅ {pack}", message=screen)
    assert screen.button_labels()[:5] == [
        "▫️ 💞 Us", "✅ 🎈 Fun", "▫️ 📸 Memories", "▫️ 🌅 Dreams and future", "▫️ 🕯 Deep talk",
    ]  # fmt: skip
    answer = await alice.press("✅ 🎈 Fun", message=screen)  # the last one stays
    assert answer.show_alert and "at least one pack" in (answer.text or "")
    told = await boris.wait_for_text("Alice: набор «По душам» теперь выключен.")
    assert told.button_labels()[0] == "🎴 Наборы вопросов"
    # Boris sees the couple's choice in his own screen, in Russian.
    await open_packs(duet, boris)
    assert boris.last is not None and "✅ 🎈 Веселье" in boris.last.button_labels()
    assert "▫️ 💞 Мы" in boris.last.button_labels()

    # Every question now comes from Fun: the question of the day, the quiz and In sync.
    for _ in range(6):
        assert DAILY_PACK[await todays_question(duet, alice)] == "fun"
        duet.clock.advance(timedelta(days=1))
    await start_game(duet, alice, boris, "How well do you know me?")
    await answer_all(duet, alice, boris, option=0)
    await start_game(duet, alice, boris, "In sync")
    await answer_all(duet, alice, boris, option=0)
    assert {quiz.BY_ID[q].pack for q in await asked(duet, "quiz")} == {"fun"}
    assert {insync.BY_ID[q].pack for q in await asked(duet, "insync")} == {"fun"}


async def test_spicy_opens_only_when_both_said_yes(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await open_packs(duet, alice)
    for pack in ("💞 Us", "🎈 Fun", "📸 Memories", "🌅 Dreams and future"):
        await alice.press(f"✅ {pack}")  # Deep talk only, to see Spicy arrive
    await alice.press("🌶 Spicy (18+): turn on")
    assert "You: on ✅ · Борис: off" in alice.last.text  # type: ignore[union-attr]
    await boris.wait_for_text("Alice хочет добавить «Пикантное (18+)»")
    days = []
    for _ in range(15):
        days.append(DAILY_PACK[await todays_question(duet, alice)])
        duet.clock.advance(timedelta(days=1))
    assert set(days) == {"deep"}  # one yes is not enough

    await open_packs(duet, boris)
    await boris.press("🌶 Пикантное (18+): включить")
    await alice.wait_for_text("Spicy (18+) questions are now open for both of you.")
    days = []
    for _ in range(15):
        days.append(DAILY_PACK[await todays_question(duet, boris)])
        duet.clock.advance(timedelta(days=1))
    assert set(days) == {"deep", "spicy"}

    await alice.press("🌶 Spicy (18+): turn off")  # either one's no closes it for both
    await boris.wait_for_text("Alice: «Пикантное (18+)» снова закрыто.")
    days = []
    for _ in range(10):
        days.append(DAILY_PACK[await todays_question(duet, alice)])
        duet.clock.advance(timedelta(days=1))
    assert set(days) == {"deep"}


async def test_a_quiz_ends_with_every_answer_side_by_side_and_history_keeps_it(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "How well do you know me?")
    # The invitee answers about himself first; Alice reads the same question about him.
    assert "Ответь о себе — Alice попробует угадать:" in game_message(boris).text
    assert "Guess what Борис answers:" in game_message(alice).text
    await answer_all(duet, alice, boris, option=0)
    recap_en, recap_ru = game_message(alice).text, game_message(boris).text
    assert "Your answers side by side" in recap_en and "Сравним ваши ответы" in recap_ru
    assert "You know each other 10/10" in recap_en
    assert "Вы знаете друг друга на 10 из 10" in recap_ru
    assert recap_en.count("✅") == 10 and all(f"\n{n}. " in recap_en for n in range(1, 11))
    assert len(recap_ru) < 4096

    history = await say(duet, boris, "/history")
    assert "1. Насколько хорошо ты меня знаешь?" in history.text
    await boris.press("🔎 1", message=history)
    assert history.text == recap_ru  # the final screen, as it was
    assert history.button_labels() == ["📜 История"]


async def test_in_sync_ends_with_matches_side_by_side(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "In sync")
    for step in range(7):  # Alice picks the first option, Boris the second from step 4
        for player, option in ((alice, 0), (boris, 0 if step < 4 else 1)):
            labels = [b.text for row in move_buttons(player) for b in row]
            await player.press(labels[option])
        await duet.settle()
    recap = game_message(alice).text
    assert recap.count("💞") >= 4 and recap.count("💔") == 3
    assert "You are 57% in sync!" in recap
    history = await say(duet, alice, "/history")
    await alice.press("🔎 1", message=history)
    assert "You are 57% in sync!" in history.text and "💔" in history.text
