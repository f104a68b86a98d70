"""Connect Four and Sea battle end to end: Alice (English) and Boris (Russian) in their chats."""

from __future__ import annotations

import json

from bot.fake_bot_api import CallbackAnswer, FakeUser
from tests.e2e.flows import game_message, make_couple, move_buttons, say, start_game
from tests.e2e.harness import Duet


async def couple(duet: Duet) -> tuple[FakeUser, FakeUser]:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    return alice, boris


async def sessions(duet: Duet) -> list[dict[str, object]]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT id, status, result_json, version FROM game_sessions ORDER BY id"
        )
    return [dict(row) for row in rows]


async def history(duet: Duet) -> list[tuple[int, int, str]]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT user_id, game_session_id, result_short FROM history ORDER BY id"
        )
    return [(r[0], r[1], r[2]) for r in rows]


def board(user: FakeUser) -> list[list[str]]:
    return [[b.text for b in row] for row in move_buttons(user)]


async def drop(user: FakeUser, column: int, row: int = 0) -> CallbackAnswer:
    """Press the Connect Four cell in `column` (0-6) of keyboard row `row` (0 is the top)."""
    cells = move_buttons(user)
    return await user.press_data(
        game_message(user).message_id, cells[row][column].callback_data or ""
    )


# -- Connect Four ----------------------------------------------------------------------------


async def test_connect_four_to_the_end_in_both_languages_then_rematch(duet: Duet) -> None:
    alice, boris = await couple(duet)
    menu = await say(duet, boris, "/play")
    assert "Четыре в ряд" in menu.button_labels()
    await start_game(duet, alice, boris, "Connect Four")
    assert "Твой ход! Ты играешь за 🔴" in game_message(boris).text
    assert "🙂 Борис is thinking… You play 🟡" in game_message(alice).text
    assert len(board(alice)) == 6 and all(len(row) == 7 for row in board(alice))

    # Boris (the invitee) starts: four down the first column. Taps land on any row.
    for number, (player, column, row) in enumerate(
        [(boris, 0, 0), (alice, 6, 5), (boris, 0, 3), (alice, 6, 0), (boris, 0, 5), (alice, 6, 2)]
    ):
        answer = await drop(player, column, row)
        assert answer.text is None, (number, answer.text)
        await duet.settle()
    assert "Последний ход — 🙂 Alice: столбец 7." in game_message(boris).text
    assert board(alice)[-1][0] == "🔴" and board(alice)[-3][6] == "🟨"  # the last move stands out
    answer = await drop(alice, 3)
    assert answer.show_alert and answer.text == "Not your turn yet."
    await drop(boris, 0, 1)
    await duet.settle()

    assert "🎉 Победа за тобой!" in game_message(boris).text
    assert "🏆 🙂 Борис wins this time!" in game_message(alice).text
    assert "🙂 Борис dropped into column 1." in game_message(alice).text
    assert [row[0] for row in board(alice)] == ["⚪", "⚪", "❤️", "❤️", "❤️", "❤️"]
    (session,) = await sessions(duet)
    assert session["status"] == "finished"
    result = json.loads(str(session["result_json"]))
    assert result["game"] == "connect4" and result["winner_user_id"] == 2
    assert result["details"]["moves"] == [0, 6, 0, 6, 0, 6, 0]
    assert await history(duet) == [(1, 1, "loss"), (2, 1, "win")]
    answer = await drop(alice, 4)
    assert answer.show_alert and answer.text == "This game is over."

    history_screen = await say(duet, boris, "/history")
    assert "Четыре в ряд" in history_screen.text
    await alice.press("🔁 Rematch")
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    assert "Your move! You play 🔴." in game_message(alice).text  # Alice starts this time


async def test_connect_four_full_column_and_forged_cells_are_refused(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Connect Four")
    for player in (boris, alice, boris, alice, boris, alice):
        await drop(player, 2)
        await duet.settle()
    answer = await drop(boris, 2, 4)
    assert answer.show_alert and answer.text == "Сейчас так нельзя."
    message = game_message(boris)
    for data in ("m:1:c70", "m:1:c2", "m:1:tap"):
        answer = await boris.press_data(message.message_id, data)
        assert answer.show_alert and answer.text == "Эта кнопка больше не действует.", data
    (session,) = await sessions(duet)
    assert session["version"] == 7  # accepted, six drops


async def test_connect_four_survives_a_restart(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Connect Four")
    await drop(boris, 3)
    await duet.settle()
    await duet.restart()
    await drop(alice, 3)
    await duet.settle()
    assert [row[3] for row in board(boris)][-2:] == ["🟨", "🔴"]
