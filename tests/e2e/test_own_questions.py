"""A couple's own questions end to end: written in the list, asked as the question of the
day (marked with its author) and, with options, in the quiz (the partner answers, the author
guesses), edited and deleted by the author only, kept inside the couple, and erased by
/deleteme."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.fake_bot_api import ChatMessage, FakeUser
from bot.services.own_questions import MAX_PER_AUTHOR
from tests.e2e.flows import (
    couple,
    game_message,
    make_couple,
    move_buttons,
    say,
    start_game,
    stored_texts,
    unlink,
)
from tests.e2e.harness import Duet


async def open_list(duet: Duet, user: FakeUser) -> ChatMessage:
    await say(duet, user, "/today")
    ru = (user.account.language_code or "").startswith("ru")
    await user.press("✍️ Наши вопросы" if ru else "✍️ Our questions")
    assert user.last is not None
    return user.last


async def write(duet: Duet, user: FakeUser, text: str) -> ChatMessage:
    ru = (user.account.language_code or "").startswith("ru")
    await open_list(duet, user)
    await user.press("➕ Написать вопрос" if ru else "➕ Write a question")
    return await say(duet, user, text)


async def test_a_question_from_the_partner_comes_as_the_next_question_of_the_day(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    screen = await write(
        duet, alice, "Where shall we go <b>next</b> summer?\nThe sea\nThe mountains"
    )
    assert "Where shall we go &lt;b&gt;next&lt;/b&gt; summer?" not in screen.text  # shown, escaped
    assert "Where shall we go <b>next</b> summer?" in screen.text
    assert "The sea · The mountains" in screen.text
    assert "✍️ you · not asked yet" in screen.text
    assert any("Saved!" in m.text for m in alice.bot_messages)
    theirs = await open_list(duet, boris)
    assert "✍️ Alice · ещё не задан" in theirs.text
    assert not [label for label in theirs.button_labels() if label.startswith(("✏️", "🗑"))]

    duet.clock.advance(timedelta(days=1))
    today = await say(duet, boris, "/today")
    assert "✍️ Спрашивает Alice" in today.text
    assert "Where shall we go <b>next</b> summer?" in today.text
    await boris.press("The mountains", message=today)  # as written: never translated
    mine = await say(duet, alice, "/today")
    assert "✍️ Your question" in mine.text
    await alice.press("The sea", message=mine)
    await duet.settle()
    assert "Борис: The mountains" in mine.text
    # Asked once: the next day is the bank's again, and the list says when it was asked.
    duet.clock.advance(timedelta(days=1))
    next_day = await say(duet, alice, "/today")
    assert "✍️" not in next_day.text.split("\n")[1]
    listed = await open_list(duet, alice)
    assert "✍️ you · asked" in listed.text


async def test_free_text_question_edit_and_delete_by_the_author_only(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await write(duet, boris, "Что тебе снилось сегодня?")
    listed = await open_list(duet, boris)
    assert "🗑 1" in listed.button_labels() and "✏️ 1" in listed.button_labels()
    await boris.press("✏️ 1", message=listed)
    assert "Сейчас он такой:\nЧто тебе снилось сегодня?" in listed.text
    edited = await say(duet, boris, "Какой сон ты помнишь до сих пор?")
    assert "Какой сон ты помнишь до сих пор?" in edited.text
    assert any("Новый текст сохранён" in m.text for m in boris.bot_messages)

    # Alice has no buttons for Boris's question; a forged one changes nothing.
    async with duet.database.read() as uow:
        question_id = await uow.conn.fetch_value("SELECT id FROM own_questions")
    alices = await open_list(duet, alice)
    answer = await alice.press_data(alices, f"oq:d:{question_id}:0")
    assert answer.text == "That question is not in your list any more."
    answer = await alice.press_data(alices, f"oq:e:{question_id}:0")
    assert answer.text == "That question is not in your list any more."

    duet.clock.advance(timedelta(days=1))
    today = await say(duet, alice, "/today")
    assert "Какой сон ты помнишь до сих пор?" in today.text
    await say(duet, alice, "Flying over the sea")
    await say(duet, boris, "/today")
    await say(duet, boris, "Про экзамен")
    await alice.wait_for_text("Борис: Про экзамен")

    listed = await open_list(duet, boris)
    await boris.press("🗑 1", message=listed)
    assert "Вопросов пока нет" in listed.text
    # The day that asked it keeps its words for both.
    past = await say(duet, alice, "/today")
    await alice.press("📜 Earlier questions", message=past)
    assert "Какой сон ты помнишь до сих пор?" in alice.last.text  # type: ignore[union-attr]


async def test_mistakes_get_a_clear_answer_and_save_nothing(duet: Duet) -> None:
    alice, _ = await couple(duet)
    await open_list(duet, alice)
    await alice.press("➕ Write a question")
    for text, reply in [
        ("Pick one\nonly option", "A choice needs 2 to 4 options"),
        ("Pick\na\nb\nc\nd\ne", "A choice needs 2 to 4 options"),
        ("Pick\nYes\nyes", "Two options are the same"),
        ("Pick\n" + "x" * 29 + "\nno", "Keep each option to 28 characters"),
        ("?" * 201, "keep the question within 200 characters"),
    ]:
        assert reply in (await say(duet, alice, text)).text
    await alice.send_sticker()
    await alice.wait_for_text("Send the question as text, please.")
    await say(duet, alice, "/nonsense")  # a command is never taken for a question...
    assert "Send /start for the menu" in (await say(duet, alice, "Is this a question?")).text
    async with duet.database.read() as uow:  # ...and it ends the writing
        assert await uow.conn.fetch_value("SELECT count(*) FROM own_questions") == 0
    await alice.press("✖️ Cancel")  # the prompt's button still leads back to the list
    await alice.press("➕ Write a question")
    saved = await say(duet, alice, "  What made you   smile today?  \n\n")
    assert "What made you smile today?" in saved.text


async def test_questions_stay_with_the_couple_they_were_written_in(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await write(duet, alice, "Boris, do you remember our first kiss?")
    await write(duet, alice, "Boris, tea or coffee?\nTea\nCoffee")
    await unlink(duet, alice)
    cleo = duet.user(1003, "Cleo", "en")
    await make_couple(duet, alice, cleo)
    listed = await open_list(duet, cleo)
    assert "first kiss" not in listed.text and "No questions yet" in listed.text
    duet.clock.advance(timedelta(days=1))
    today = await say(duet, cleo, "/today")
    assert "first kiss" not in today.text
    assert all("first kiss" not in m.text for m in boris.bot_messages)
    assert "tea or coffee" not in listed.text
    # Nor does the new couple's quiz ask it.
    await start_game(duet, alice, cleo, "How well do you know me?")
    await cleo.press("🏳️ Give up")
    await cleo.press("🏳️ Yes, give up")
    await duet.settle()
    assert (await quiz_states(duet))[-1].get("own") is None


async def test_deleteme_erases_the_authors_questions_where_they_were_asked(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await write(duet, alice, "Secret question 77\nRed\nBlue")
    await write(duet, alice, "Unasked secret 78")
    duet.clock.advance(timedelta(days=1))
    today = await say(duet, boris, "/today")
    assert "Secret question 77" in today.text
    await boris.press("Blue", message=today)
    await say(duet, alice, "/export")
    exported = json.loads(alice.last.document.content)  # type: ignore[union-attr]
    assert [q["question"] for q in exported["own_questions"]] == [
        "Secret question 77",
        "Unasked secret 78",
    ]

    await say(duet, alice, "/deleteme")
    await alice.press("🗑 Yes, delete everything")
    await duet.settle()
    assert await stored_texts(duet, ("Secret question 77", "secret 78", "Red")) == []
    await boris.wait_for(lambda u: "Secret question 77" not in today.text)
    assert "(удалено)" in today.text or "удалено" in today.text


async def test_a_long_list_pages_newest_first(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for number in range(1, 7):
        await write(duet, alice, f"Question number {number}?")
    listed = await open_list(duet, boris)
    assert "Question number 6?" in listed.text and "Question number 2?" in listed.text
    assert "Question number 1?" not in listed.text  # five a page
    await boris.press("Раньше ▶️", message=listed)
    assert "1. Question number 1?" in listed.text
    assert "Question number 2?" not in listed.text
    await boris.press("◀️ Позже", message=listed)
    assert "6. Question number 6?" in listed.text
    # A forged page far past the end shows the last page, not an empty one.
    await boris.press_data(listed, "oq:p:0:999")
    assert "Question number 1?" in listed.text


async def test_a_full_list_says_so_and_keeps_the_partners_room(duet: Duet) -> None:
    """Each author may keep MAX_PER_AUTHOR questions: the next one is refused with a clear
    answer and not stored, while the partner can still write theirs."""
    alice, boris = await couple(duet)
    async with duet.database.transaction() as uow:
        partnership = await uow.partnerships.active_for(1)
        assert partnership is not None
        for number in range(MAX_PER_AUTHOR - 1):
            await uow.own_questions.add(
                partnership.id, 1, f"Question {number}?", (), duet.clock.now()
            )
    await write(duet, alice, "The last one that fits?")
    assert any("Saved!" in m.text for m in alice.bot_messages)
    refused = await write(duet, alice, "One too many?")
    assert "Your list is full: delete a question before you write a new one." in refused.text
    await write(duet, boris, "А у меня место есть?")
    async with duet.database.read() as uow:
        counts = [await uow.own_questions.count_by(partnership.id, author) for author in (1, 2)]
    assert counts == [MAX_PER_AUTHOR, 1]
    assert await stored_texts(duet, ("One too many?",)) == []


# -- in the quiz ---------------------------------------------------------------------------

QUIZ_EN = "How well do you know me?"


async def quiz_steps(duet: Duet, alice: FakeUser, boris: FakeUser, steps: int) -> None:
    """Both press their first option, `steps` times."""
    for _ in range(steps):
        for player in (alice, boris):
            await player.press(move_buttons(player)[0][0].text)
        await duet.settle()


async def quiz_states(duet: Duet) -> list[dict[str, object]]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT state_json FROM game_sessions WHERE day IS NULL ORDER BY id"
        )
    return [json.loads(str(row[0]))["game"] for row in rows]


async def test_own_questions_with_options_come_to_the_quiz_answered_by_the_partner(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    await write(duet, alice, "Where shall we go <b>next</b> summer?\nThe sea\nThe <mountains>")
    await write(duet, alice, "What did you dream of last night?")  # no options: daily only
    await write(duet, boris, "Что закажем на ужин?\nПиццу\nСуши\nБорщ")
    assert (
        "your partner answers it about themselves, and you guess"
        in (await open_list(duet, alice)).text
    )
    assert (
        "в игру «Насколько хорошо ты меня знаешь?»: на него ответит партнёр"
        in (await open_list(duet, boris)).text
    )
    await start_game(duet, alice, boris, QUIZ_EN)
    # Борис, the invitee, answers about himself in round one: it ends with Alice's question.
    await quiz_steps(duet, alice, boris, 4)
    his, hers = game_message(boris), game_message(alice)
    assert "<b>Раунд 1 из 2 · вопрос 5 из 5</b>" in his.html
    assert "✍️ Спрашивает Alice\nОтветь о себе — Alice попробует угадать:" in his.text
    assert "Where shall we go &lt;b&gt;next&lt;/b&gt; summer?" in his.html  # escaped
    assert "Where shall we go <b>next</b> summer?" in his.text
    assert "✍️ Your question\nGuess what Борис answers:" in hers.text
    # The options as written, never translated; Борис answers, Alice guesses.
    assert [row[0].text for row in move_buttons(boris)] == ["The sea", "The <mountains>"]
    await boris.press("The <mountains>")
    await alice.press("The sea")
    await duet.settle()
    assert "❌ Борис: The <mountains> · your guess: The sea" in game_message(alice).text
    assert "❌ Ты: The <mountains> · Alice думает: The sea" in game_message(boris).text

    # Round two ends with Борис's question, which Alice answers about herself.
    await quiz_steps(duet, alice, boris, 4)
    hers, his = game_message(alice), game_message(boris)
    assert "✍️ A question from Борис\nAnswer about yourself — Борис will try to guess:" in (
        hers.text
    )
    assert "Что закажем на ужин?" in hers.text
    assert "✍️ Твой вопрос\nУгадай, что ответит Alice:" in his.text
    assert [row[0].text for row in move_buttons(alice)] == ["Пиццу", "Суши", "Борщ"]
    await alice.press("Суши")
    await boris.press("Суши")
    await duet.settle()

    recap_en, recap_ru = game_message(alice).text, game_message(boris).text
    assert (
        "5. Where shall we go <b>next</b> summer?\n✍️ Your question\n❌ Борис: The <mountains>"
        in (recap_en)
    )
    assert "10. Что закажем на ужин?\n✍️ A question from Борис\n✅ You: Суши" in recap_en
    assert (
        "5. Where shall we go <b>next</b> summer?\n✍️ Спрашивает Alice\n❌ Ты: The <mountains>"
        in (recap_ru)
    )
    assert "10. Что закажем на ужин?\n✍️ Твой вопрос\n✅ Alice: Суши" in recap_ru
    assert "You know each other 9/10" in recap_en
    assert "dream" not in recap_en + recap_ru
    history = await say(duet, boris, "/history")
    await boris.press("🔎 1", message=history)
    assert history.text == recap_ru  # history keeps the game's own copy
    async with duet.database.read() as uow:
        result = await uow.conn.fetch_value(
            "SELECT result_json FROM game_sessions WHERE day IS NULL"
        )
    assert "summer" not in str(result) and "ужин" not in str(result)  # words stay in the state


async def test_the_quiz_goes_through_every_own_question_before_repeating_one(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    for number in range(1, 4):
        await write(duet, alice, f"Question {number}?\nYes\nNo")
    asked: list[str] = []
    for _ in range(3):
        await start_game(duet, alice, boris, QUIZ_EN)
        await boris.press("🏳️ Сдаться")
        await boris.press("🏳️ Да, сдаюсь")
        await duet.settle()
        state = (await quiz_states(duet))[-1]
        asked += [str(q["prompt"]) for q in state["own"]]  # type: ignore[union-attr]
    # Two a game: all three in the first game and a half, then a new round of all three.
    every = ["Question 1?", "Question 2?", "Question 3?"]
    assert len(asked) == 6
    assert sorted(asked[:3]) == every
    assert sorted(asked[3:]) == every
    assert asked[3] != asked[2]  # a new round does not start with the question just asked


async def test_editing_or_deleting_a_question_in_a_live_quiz_changes_nothing_in_it(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    await write(duet, alice, "Our song?\nThis one\nThat one")
    await start_game(duet, alice, boris, QUIZ_EN)
    listed = await open_list(duet, alice)
    await alice.press("✏️ 1", message=listed)
    await say(duet, alice, "Our film?\nThis\nThat")
    await quiz_steps(duet, alice, boris, 4)
    assert "Our song?" in game_message(boris).text
    listed = await open_list(duet, alice)
    await alice.press("🗑 1", message=listed)
    await boris.press("That one")
    await alice.press("This one")
    await duet.settle()
    assert "❌ Борис: That one · your guess: This one" in game_message(alice).text
    await quiz_steps(duet, alice, boris, 5)
    assert "Our song?" in game_message(alice).text  # the recap
    assert "Our film?" not in game_message(alice).text


async def test_deleteme_erases_the_authors_words_from_the_couples_quizzes(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await write(duet, alice, "Secret quiz question 91?\nSecret red\nSecret blue")
    await write(duet, boris, "Мой вопрос 92?\nДа\nНет")
    await start_game(duet, alice, boris, QUIZ_EN)
    await quiz_steps(duet, alice, boris, 10)
    recap = game_message(boris)
    assert "Secret quiz question 91?" in recap.text

    await say(duet, alice, "/deleteme")
    await alice.press("🗑 Yes, delete everything")
    await duet.settle()
    assert await stored_texts(duet, ("Secret quiz question 91", "Secret red", "Secret blue")) == []
    # Борис's final screen is drawn again without them, like a question of the day's.
    await boris.wait_for(lambda u: "Secret" not in recap.text)
    assert "(удалено)" in recap.text
    assert "Мой вопрос 92?" in recap.text  # his own words stay his
    history = await say(duet, boris, "/history")
    await boris.press("🔎 1", message=history)
    assert "Secret" not in history.text and "Мой вопрос 92?" in history.text
