"""The first minute and the home screen: one message for /start, the invite first when
alone, and a one-line status of the couple's day when together."""

from __future__ import annotations

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import (
    LINK_RE,
    free_text_day,
    game_message,
    make_couple,
    say,
    start_game,
)
from tests.e2e.harness import Duet


async def test_start_is_one_message_that_leads_to_an_invite_in_one_tap(duet: Duet) -> None:
    for user_id, name, language, invite, welcome in (
        (1001, "Alice", "en", "💌 Invite your partner", "Welcome to"),
        (1002, "Борис", "ru", "💌 Пригласить партнёра", "Добро пожаловать"),
    ):
        user = duet.user(user_id, name, language)
        home = await say(duet, user, "/start")
        assert len(user.bot_messages) == 1, user.transcript()
        assert home.text.startswith("🏠") and welcome in home.text, home.text
        assert home.button_labels()[0] == invite  # the primary action comes first
        await user.press(invite)
        link = await user.wait_for_text("t.me/")
        assert LINK_RE.search(link.text), link.text
        assert any("t.me/share" in (b.url or "") for row in link.buttons for b in row)


async def test_a_returning_user_gets_one_message_too(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    await say(duet, alice, "/start")
    home = await say(duet, alice, "/start")
    assert len(alice.bot_messages) == 2 and "Welcome back" in home.text


def status_line(user: FakeUser) -> str:
    assert user.last is not None
    lines = [line for line in user.last.text.split("\n") if "☀️" in line]
    assert len(lines) == 1, user.last.text
    return lines[0]


async def test_home_sums_up_the_couples_day_in_one_line(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await say(duet, alice, "/start")
    assert "☀️ Today's question: your turn" in status_line(alice)
    assert "🔥" not in status_line(alice)  # nothing done together yet

    await free_text_day(duet, alice)
    await say(duet, alice, "Dancing in the kitchen")
    await say(duet, alice, "/start")
    assert "☀️ Today's question: waiting for Борис" in status_line(alice)
    await say(duet, boris, "/start")
    assert "☀️ Вопрос дня: твоя очередь" in status_line(boris)

    await say(duet, boris, "/today")
    await say(duet, boris, "Завтрак в постель")
    await say(duet, boris, "/start")
    assert "☀️ Вопрос дня: вы оба ответили 💞" in status_line(boris)
    assert "🔥 1 день подряд" in status_line(boris)

    await start_game(duet, alice, boris, "Tic-tac-toe")
    game_message(alice)
    await say(duet, alice, "/start")
    line = status_line(alice)
    assert line.startswith("🎮 “Tic-tac-toe” is on · ☀️ Today's question: both answered"), line
    assert "🔥 1 day in a row" in line
    await say(duet, boris, "/start")
    assert "🎮 Идёт игра «Крестики-нолики»" in status_line(boris)
