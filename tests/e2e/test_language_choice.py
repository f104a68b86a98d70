"""First contact in a language Duet does not speak: one tap chooses English or Russian."""

from __future__ import annotations

import pytest

from tests.e2e.flows import say
from tests.e2e.harness import Duet

QUESTION = "🌐 Which language should I speak? · На каком языке мне говорить?"


async def test_a_german_telegram_gets_a_one_tap_choice_on_the_first_start(duet: Duet) -> None:
    hans = duet.user(1001, "Hans", "de")
    home = await say(duet, hans, "/start")
    assert home.text.startswith(QUESTION)
    assert "🏠 Duet" in home.text
    assert home.buttons[0][0].text == "🇬🇧 English"
    assert home.buttons[0][1].text == "🇷🇺 Русский"
    count = len(hans.bot_messages)

    await hans.press("🇷🇺 Русский", message=home)
    # The same message, now the Russian home screen, and no more question.
    assert len(hans.bot_messages) == count
    assert home.text.startswith("🏠 Duet"), home.text
    assert "🌐" not in home.text
    assert "💌 Пригласить партнёра" in home.button_labels()
    assert "🇷🇺 Русский" not in home.button_labels()
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.language == "ru"
    assert dict(duet.api.commands(scope="chat", chat_id=hans.id))["start"] == "Меню"

    again = await say(duet, hans, "/start")
    assert not again.text.startswith("🌐")
    assert "🇬🇧 English" not in again.button_labels()


async def test_english_stays_one_tap_away_too(duet: Duet) -> None:
    lucia = duet.user(1001, "Lucía", "es")
    home = await say(duet, lucia, "/start")
    await lucia.press("🇬🇧 English", message=home)
    assert "💌 Invite your partner" in home.button_labels()
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.language == "en"


@pytest.mark.parametrize("language", ["en", "en-GB", "ru", "ru-RU", None])
async def test_english_and_russian_telegrams_are_not_asked(
    duet: Duet, language: str | None
) -> None:
    user = duet.user(1001, "Sam", language)
    home = await say(duet, user, "/start")
    assert home.text.startswith("🏠"), home.text
    assert "🇬🇧 English" not in home.button_labels()
