"""Truth or dare end to end: Alice (English) and Boris (Russian) take turns in their own
chats; the one whose turn it is picks, both read the prompt, the partner confirms."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.fake_bot_api import FakeUser
from games.banks.truth_or_dare import BY_ID, CARDS
from tests.e2e.flows import couple, game_message, say, start_game
from tests.e2e.harness import Duet
from tests.e2e.test_content import open_packs


async def last_session(duet: Duet) -> dict[str, Any]:
    async with duet.database.read() as uow:
        row = await uow.conn.fetch_one(
            "SELECT id, status, state_json, result_json FROM game_sessions "
            "WHERE day IS NULL ORDER BY id DESC"
        )
    assert row is not None
    return {
        "id": row[0],
        "status": row[1],
        "state": json.loads(row[2]) if row[2] else None,
        "result": json.loads(row[3]) if row[3] else None,
    }


async def shorts(duet: Duet, session_id: int) -> list[str]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT result_short FROM history WHERE game_session_id = ? ORDER BY user_id",
            (session_id,),
        )
    return [row[0] for row in rows]


def labels(user: FakeUser) -> list[str]:
    return game_message(user).button_labels()


async def test_a_whole_game_in_two_languages(duet: Duet) -> None:
    alice, boris = await couple(duet)
    menu = await say(duet, boris, "/play")
    assert "🎭 Правда или действие" in menu.button_labels()
    assert "Ходите по очереди и выбирайте: ответить на вопрос («правда»)" in menu.text
    await start_game(duet, alice, boris, "Truth or dare")

    # Boris was invited, so he has the first card; Alice waits, in English.
    assert "Твой ход: правда или действие?" in game_message(boris).text
    assert "Борис is choosing: truth or dare…" in game_message(alice).text
    assert labels(boris) == ["💬 Правда", "🎯 Действие", "⏹ Закончить"]
    assert labels(alice) == ["⏹ Stop"]  # a game that stops itself has no Give up
    await boris.press("💬 Правда")
    await duet.settle()
    cards = (await last_session(duet))["state"]["game"]["cards"]
    first_truth = BY_ID[cards[0]].truth
    assert "Правда</b>" not in game_message(boris).text  # rendered HTML, not tags
    assert "💬 Правда — Alice спрашивает:" in game_message(boris).text
    assert "💬 Truth — you ask Борис:" in game_message(alice).text
    assert first_truth in game_message(alice).text
    assert labels(alice) == ["✅ Answered", "⏹ Stop"]
    assert labels(boris) == ["⏭ Пропустить · осталось 2", "⏹ Закончить"]
    await alice.press("✅ Answered")
    await duet.settle()
    assert "✅ Твоя правда: ответ принят." in game_message(boris).text
    assert "✅ Борис's truth: answered." in game_message(alice).text
    assert "Card 2 of 10" in game_message(alice).text

    # Alice dares; Boris confirms in Russian.
    await alice.press("🎯 Dare")
    await duet.settle()
    assert "🎯 Действие — задание даёшь ты, выполняет Alice:" in game_message(boris).text
    await boris.press("✅ Выполнено")
    await duet.settle()
    # Boris skips his next one; the turn passes to Alice.
    await boris.press("🎯 Действие")
    await duet.settle()
    await boris.press("⏭ Пропустить · осталось 2")
    await duet.settle()
    assert "⏭ Борис: действие — пропуск." not in game_message(boris).text
    assert "⏭ Твоё задание: пропущено." in game_message(boris).text
    assert "⏭ Борис's dare: skipped." in game_message(alice).text

    # The other seven cards: each picks a truth, the partner confirms.
    players = {alice: boris, boris: alice}
    for turn in range(3, 10):
        player = alice if turn % 2 == 1 else boris
        await player.press("💬 Truth" if player is alice else "💬 Правда")
        await duet.settle()
        partner = players[player]
        await partner.press("✅ Answered" if partner is alice else "✅ Ответ принят")
        await duet.settle()

    session = await last_session(duet)
    assert session["status"] == "finished"
    assert await shorts(duet, session["id"]) == ["💬 8 · 🎯 1", "💬 8 · 🎯 1"]
    end_en, end_ru = game_message(alice).text, game_message(boris).text
    assert "That was the last card." in end_en and "Это была последняя карточка." in end_ru
    assert "💬 Truths answered: 8" in end_en and "🎯 Выполнено заданий: 1" in end_ru
    assert "⏭ Skipped: 1" in end_en and "⏭ Пропущено: 1" in end_ru
    assert "10. ✅ You · truth:" in end_en and "1. ✅ Ты · правда:" in end_ru
    assert "🏆" not in end_en + end_ru and "🎉" not in end_en + end_ru  # nobody won
    assert "🔁 Rematch" in labels(alice) and "🔁 Реванш" in labels(boris)

    history = await say(duet, boris, "/history")
    assert history.text.startswith("📜 История: ты и Alice\n")
    assert "1. Правда или действие · 💬 8 · 🎯 1\n" in history.text
    await boris.press("🔎 1", message=history)  # the final screen, every card on it
    assert history.text == end_ru and history.button_labels() == ["📜 История"]
    await say(duet, alice, "/history")
    await alice.press("📊 Couple stats")
    assert alice.last is not None and "“Truth or dare”: 1 game" in alice.last.text


async def test_stop_asks_first_then_ends_it_for_both_and_a_rematch_deals_new_cards(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Truth or dare")
    first = await last_session(duet)
    await alice.press("⏹ Stop")
    await duet.settle()
    assert "Stop the game for both of you?" in game_message(alice).text
    assert labels(alice) == ["⏹ Yes, stop", "▶️ Keep playing"]
    await alice.press("▶️ Keep playing")
    await duet.settle()
    assert labels(alice) == ["⏹ Stop"]
    await boris.press("🎯 Действие")
    await duet.settle()
    await alice.press("✅ Done")
    await duet.settle()
    await boris.press("⏹ Закончить")
    await duet.settle()
    assert "Закончить игру для вас обоих?" in game_message(boris).text
    await boris.press("⏹ Да, закончить")
    await duet.settle()

    ended = await last_session(duet)
    assert ended["status"] == "finished" and ended["result"].get("given_up_by") is None
    assert ended["result"]["winner"] is None
    assert await shorts(duet, ended["id"]) == ["💬 0 · 🎯 1", "💬 0 · 🎯 1"]
    assert "⏹ Игра закончена по твоей просьбе." in game_message(boris).text
    assert "⏹ Борис stopped the game." in game_message(alice).text

    await alice.press("🔁 Rematch")
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    again = await last_session(duet)
    assert again["status"] == "live"
    assert not set(again["state"]["game"]["cards"]) & set(first["state"]["game"]["cards"])
    # The rematch alternates who starts: Alice has the first card now.
    assert "Your turn: truth or dare?" in game_message(alice).text


async def dealt_cards(duet: Duet, alice: FakeUser, boris: FakeUser, games: int) -> list[str]:
    """Cards of `games` games, each stopped at once."""
    cards: list[str] = []
    for _ in range(games):
        await start_game(duet, alice, boris, "Truth or dare")
        cards += (await last_session(duet))["state"]["game"]["cards"]
        await alice.press("⏹ Stop")
        await duet.settle()
        await alice.press("⏹ Yes, stop")
        await duet.settle()
        await alice.press("🏠 Menu", message=game_message(alice))
    return cards


async def test_spicy_cards_only_when_both_said_yes(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await open_packs(duet, alice)
    await alice.press("🌶 Spicy (18+): turn on")
    everyday = await dealt_cards(duet, alice, boris, 3)
    assert len(set(everyday)) == min(30, sum(card.pack != "spicy" for card in CARDS))
    assert "spicy" not in {BY_ID[card].pack for card in everyday}  # one yes is not enough

    await open_packs(duet, boris)
    await boris.press("🌶 Пикантное (18+): включить")
    await alice.wait_for_text("Spicy (18+) questions are now open for both of you.")
    both = await dealt_cards(duet, alice, boris, 3)
    assert "spicy" in {BY_ID[card].pack for card in both}


async def test_game_command_restart_stale_presses_and_the_idle_timeout(start_duet: object) -> None:
    duet: Duet = await start_duet(game_idle_timeout=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Truth or dare")
    picking = game_message(boris)
    truth = next(b.callback_data for row in picking.buttons for b in row if b.text == "💬 Правда")
    await boris.press("🎯 Действие")
    await duet.settle()
    # A press on what the button was a moment ago changes nothing.
    version = (await last_session(duet))["state"]["game"]
    answer = await boris.press_data(picking.message_id, truth or "")
    assert answer.text and (await last_session(duet))["state"]["game"] == version

    # /game brings the prompt back to the bottom of Alice's chat, and a restart keeps it.
    old = game_message(alice)
    await say(duet, alice, "hello")
    await say(duet, alice, "/game")
    assert game_message(alice).message_id != old.message_id
    assert "🎯 Dare — your dare for Борис:" in game_message(alice).text
    await duet.restart()
    await alice.press("✅ Done", message=game_message(alice))
    await duet.settle()
    assert "✅ Борис: действие — выполнено." not in game_message(boris).text
    assert "✅ Твоё задание: выполнено." in game_message(boris).text

    # Nobody moves for a minute: the game ends as abandoned for both.
    duet.clock.advance(timedelta(seconds=61))
    await alice.wait_for(
        lambda u: "neither of you moved for 1 minute" in game_message(u).text, timeout=5
    )
    await boris.wait_for(
        lambda u: "1 минута без ходов с обеих сторон" in game_message(u).text, timeout=5
    )
    session = await last_session(duet)
    assert session["status"] == "abandoned"
    assert await shorts(duet, session["id"]) == ["abandoned", "abandoned"]
