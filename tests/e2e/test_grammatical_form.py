"""How Duet speaks to and of a person in Russian: «он», «она», or neutral wording.

Each user may choose in /settings; the choice changes the Russian about that user, both in
what they read about themselves («Ты сдалась») and in what their partner reads about them
(«Алиса сдалась»). Without a choice the wording is neutral: neither gender nor a present
tense that dodges it.
"""

from __future__ import annotations

import pytest

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import game_message, make_couple, say
from tests.e2e.harness import Duet

TICTACTOE = "Крестики-нолики"
LABELS = {"male": "он", "female": "она", "neutral": "нейтрально"}


async def choose_form(duet: Duet, user: FakeUser, form: str) -> None:
    screen = await say(duet, user, "/settings")
    await user.press(LABELS[form], message=screen)
    assert f"✅ {LABELS[form]}" in screen.button_labels()


async def invite(duet: Duet, inviter: FakeUser) -> None:
    await say(duet, inviter, "/play")
    await inviter.press(next(label for label in inviter.last.button_labels() if TICTACTOE in label))
    await duet.settle()


async def test_the_form_is_asked_in_russian_settings_only_and_kept(duet: Duet) -> None:
    alice = duet.user(1001, "Алиса", "ru")
    screen = await say(duet, alice, "/settings")
    assert "Как мне обращаться к тебе и говорить о тебе?" in screen.text
    assert screen.button_labels()[-3:] == ["он", "она", "✅ нейтрально"]
    await alice.press("она", message=screen)
    assert screen.button_labels()[-3:] == ["он", "✅ она", "нейтрально"]
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.grammatical_form == "female"

    english = duet.user(1002, "Emma", "en")
    screen = await say(duet, english, "/settings")
    assert "she" not in screen.button_labels() and "speak to you" not in screen.text


# (form of Алиса, form of Борис) -> what each reads when Борис declines and Алиса cancels.
CASES = {
    "female-male": (
        "female",
        "male",
        "Борис отказался от игры «Крестики-нолики»",
        "Ты отказался от игры «Крестики-нолики».",
        "Ты отменила приглашение сыграть в «Крестики-нолики».",
        "Алиса отменила приглашение сыграть в «Крестики-нолики».",
    ),
    "male-female": (
        "male",
        "female",
        "Борис отказалась от игры «Крестики-нолики»",
        "Ты отказалась от игры «Крестики-нолики».",
        "Ты отменил приглашение сыграть в «Крестики-нолики».",
        "Алиса отменил приглашение сыграть в «Крестики-нолики».",
    ),
    "neutral": (
        None,
        None,
        "Увы, Борис не сможет сыграть в «Крестики-нолики» сейчас.",
        "Приглашение сыграть в «Крестики-нолики» отклонено.",
        "Приглашение сыграть в «Крестики-нолики» отменено.",
        "Алиса: приглашение сыграть в «Крестики-нолики» отменено.",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_declining_and_cancelling_agree_with_each_person(duet: Duet, case: str) -> None:
    alice_form, boris_form, alice_reads, boris_reads, alice_own, boris_about = CASES[case]
    alice = duet.user(1001, "Алиса", "ru")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    if alice_form:
        await choose_form(duet, alice, alice_form)
    if boris_form:
        await choose_form(duet, boris, boris_form)

    await invite(duet, alice)
    await boris.press("✖️ Отклонить")
    await duet.settle()
    assert alice_reads in game_message_or_last(alice)
    assert boris_reads in game_message_or_last(boris)

    await invite(duet, alice)
    await alice.press("✖️ Отменить")
    await duet.settle()
    assert alice_own in game_message_or_last(alice)
    assert boris_about in game_message_or_last(boris)


def game_message_or_last(user: FakeUser) -> str:
    """The text of the newest game message (an ended invitation keeps only 🏠 Menu)."""
    for message in reversed(user.bot_messages):
        if any((b.callback_data or "").startswith("s:") for row in message.buttons for b in row):
            return message.text
    raise LookupError(user.transcript())


@pytest.mark.parametrize(
    ("form", "own", "partner_reads"),
    [
        ("female", "🏳️ Ты сдалась — в этот раз побеждает", "Алиса сдалась. 🎉 Победа за тобой!"),
        ("male", "🏳️ Ты сдался — в этот раз побеждает", "Алиса сдался. 🎉 Победа за тобой!"),
        (None, "🏳️ Партия сдана — в этот раз побеждает", "🏳️ Алиса: белый флаг."),
    ],
)
async def test_giving_up_agrees_with_the_one_who_gave_up(
    duet: Duet, form: str | None, own: str, partner_reads: str
) -> None:
    alice = duet.user(1001, "Алиса", "ru")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    if form:
        await choose_form(duet, alice, form)
    await invite(duet, alice)
    await boris.press("✅ Играть")
    await duet.settle()
    await alice.press("🏳️ Сдаться", message=game_message(alice))
    await alice.press("🏳️ Да, сдаюсь", message=game_message(alice))
    await duet.settle()
    assert own in game_message_or_last(alice)
    assert partner_reads in game_message_or_last(boris)


async def test_english_reads_the_same_whatever_the_form(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "ru")
    boris = duet.user(1002, "Boris", "en")
    await make_couple(duet, alice, boris)
    await choose_form(duet, alice, "female")
    await invite(duet, alice)
    await alice.press("✖️ Отменить")
    await duet.settle()
    assert "Alice cancelled the invitation to “Tic-tac-toe”." in game_message_or_last(boris)


async def test_the_first_russian_start_asks_once(duet: Duet) -> None:
    alice = duet.user(1001, "Алиса", "ru")
    home = await say(duet, alice, "/start")
    assert "Как мне обращаться к тебе и говорить о тебе?" in home.text
    assert home.button_labels()[-3:] == ["он", "она", "нейтрально"]
    await alice.press("она", message=home)
    assert home.text.startswith("🏠 Duet")
    assert "Как мне обращаться к тебе и говорить о тебе?" not in home.text
    assert "она" not in home.button_labels()
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.grammatical_form == "female"
    again = await say(duet, alice, "/start")
    assert "Как мне обращаться к тебе и говорить о тебе?" not in again.text

    emma = duet.user(1002, "Emma", "en")
    home = await say(duet, emma, "/start")
    assert "she" not in home.button_labels() and "speak to you" not in home.text
