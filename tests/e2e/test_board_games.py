"""Connect Four and Sea battle end to end: Alice (English) and Boris (Russian) in their chats."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.fake_bot_api import CallbackAnswer, FakeUser
from games.engine import CATEGORIES
from games.registry import GAMES
from tests.e2e.flows import couple, game_message, move_buttons, say, start_game
from tests.e2e.harness import Duet


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
    assert "🔴 Четыре в ряд" in menu.button_labels()
    await start_game(duet, alice, boris, "Connect Four")
    assert "Твой ход! Ты играешь за 🔴" in game_message(boris).text
    assert "Борис is thinking… You play 🟡" in game_message(alice).text
    assert len(board(alice)) == 6 and all(len(row) == 7 for row in board(alice))

    # Boris (the invitee) starts: four down the first column. Taps land on any row.
    for number, (player, column, row) in enumerate(
        [(boris, 0, 0), (alice, 6, 5), (boris, 0, 3), (alice, 6, 0), (boris, 0, 5), (alice, 6, 2)]
    ):
        answer = await drop(player, column, row)
        assert answer.text is None, (number, answer.text)
        await duet.settle()
    assert "Последний ход — Alice: столбец 7." in game_message(boris).text
    assert board(alice)[-1][0] == "🔴" and board(alice)[-3][6] == "🟨"  # the last move stands out
    answer = await drop(alice, 3)
    assert answer.show_alert and answer.text == "Not your turn yet."
    await drop(boris, 0, 1)
    await duet.settle()

    assert "🎉 Победа за тобой!" in game_message(boris).text
    assert "🏆 Борис wins this time!" in game_message(alice).text
    assert "Борис dropped into column 1." in game_message(alice).text
    assert [row[0] for row in board(alice)] == ["⚪", "⚪", "❤️", "❤️", "❤️", "❤️"]
    (session,) = await sessions(duet)
    assert session["status"] == "finished"
    result = json.loads(str(session["result_json"]))
    assert result["game"] == "connect4" and result["winner_user_id"] == 2
    assert result["details"]["moves"] == [0, 6, 0, 6, 0, 6, 0]
    assert await history(duet) == [(1, 1, "loss"), (2, 1, "win")]
    answer = await drop(alice, 4)
    assert answer.show_alert and answer.text == "This game is over: Борис won."

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


# -- Sea battle ------------------------------------------------------------------------------

SEA = 6
SHIP, WATER = "🚢", "🟦"
SEA_SYMBOLS = set("🟦🚢⚪💥❌✖▫\ufe0f")


async def live_state(duet: Duet) -> dict[str, object]:
    """The newest session's game state, as stored (what only the bot knows)."""
    async with duet.database.read() as uow:
        raw = await uow.conn.fetch_value(
            "SELECT state_json FROM game_sessions ORDER BY id DESC LIMIT 1"
        )
    state = json.loads(str(raw))["game"]
    assert isinstance(state, dict)
    return state


def ship_cells(state: dict[str, object], seat: int) -> list[int]:
    fleets = state["fleets"]
    assert isinstance(fleets, list)
    return sorted(cell for ship in fleets[seat] for cell in ship)


async def fire(user: FakeUser, cell: int) -> CallbackAnswer:
    row, column = divmod(cell, SEA)
    data = move_buttons(user)[row][column].callback_data or ""
    assert data.endswith(f":s{row}{column}"), data
    return await user.press_data(game_message(user).message_id, data)


def own_sea(user: FakeUser) -> list[str]:
    """The six text rows of the player's own sea in their game message."""
    rows = [
        line for line in game_message(user).text.splitlines() if line and set(line) <= SEA_SYMBOLS
    ]
    assert len(rows) == SEA, game_message(user).text
    return rows


def assert_partner_fleet_hidden(user: FakeUser, session_id: int) -> None:
    """Every live sea keyboard the user was sent: unshot cells look alike and their data name
    cells only (all 36 are there, whatever the partner's fleet)."""
    for message in user.bot_messages:
        cells = [b for row in message.buttons for b in row if (b.callback_data or "")[:2] == "m:"]
        if len(cells) != SEA * SEA:
            continue
        assert [b.callback_data for b in cells] == [
            f"m:{session_id}:s{r}{c}" for r in range(SEA) for c in range(SEA)
        ]
        if not any(label.startswith("🔁") for label in message.button_labels()):  # live
            assert SHIP not in {b.text for b in cells}


async def test_sea_battle_to_the_end_in_both_languages_then_rematch(duet: Duet) -> None:
    alice, boris = await couple(duet)
    menu = await say(duet, boris, "/play")
    assert "🚢 Морской бой" in menu.button_labels()
    await start_game(duet, alice, boris, "Sea battle")
    assert "🚢 Your fleet" in game_message(alice).text
    assert "🚢 Твой флот: трёхпалубный" in game_message(boris).text
    assert game_message(alice).button_labels()[:2] == ["🔀 Shuffle", "✅ Ready"]

    # Alice shuffles: her sea changes, Boris's screen does not.
    before, boris_before = own_sea(alice), game_message(boris)
    assert sum(row.count(SHIP) for row in before) == 9
    await alice.press("🔀 Shuffle")
    await duet.settle()
    assert own_sea(alice) != before
    assert (game_message(boris).text, game_message(boris).button_labels()) == (
        boris_before.text,
        boris_before.button_labels(),
    )
    await boris.press("✅ Готово")
    await duet.settle()
    assert "Борис: корабли" not in game_message(alice).text  # only Alice's language
    assert "Борис is ready and waiting for you." in game_message(alice).text
    assert "Ждём, пока Alice расставит корабли" in game_message(boris).text
    answer = await boris.press_data(game_message(boris).message_id, "m:1:shuffle")
    assert answer.show_alert and answer.text == "Сейчас не твой ход."
    await alice.press("✅ Ready")
    await duet.settle()

    state = await live_state(duet)
    assert state["first_player"] == 1  # Boris, the invitee, shoots first
    alices, boriss = ship_cells(state, 0), ship_cells(state, 1)
    assert "🎯 Твой ход!" in game_message(boris).text
    assert "Борис is aiming at your sea…" in game_message(alice).text
    assert_partner_fleet_hidden(alice, 1)
    assert_partner_fleet_hidden(boris, 1)

    # Boris misses; Alice sinks one of his single-cell ships, then misses.
    await fire(boris, next(c for c in range(36) if c not in alices))
    await duet.settle()
    assert "Последний выстрел — твой: 💦 мимо." in game_message(boris).text
    answer = await fire(boris, alices[0])
    assert answer.show_alert and answer.text == "Сейчас не твой ход."
    fleets = state["fleets"]
    assert isinstance(fleets, list)
    single = fleets[1][-1][0]
    await fire(alice, single)
    await duet.settle()
    assert "Your shot: 🔥 a ship is sunk!" in game_message(alice).text
    assert "Последний выстрел — Alice: 🔥 корабль потоплен!" in game_message(boris).text
    assert "❌" in "".join(own_sea(boris)) and "▫️" in "".join(own_sea(boris))
    fenced = [b for row in move_buttons(alice) for b in row if b.text == "▫️"]
    assert fenced
    answer = await alice.press_data(game_message(alice).message_id, fenced[0].callback_data or "")
    assert answer.show_alert and answer.text == "You can't do that right now."
    await fire(
        alice,
        next(
            c
            for c in range(36)
            if c not in boriss
            and c not in (single,)
            and all(b.text == WATER for b in [move_buttons(alice)[c // 6][c % 6]])
        ),
    )
    await duet.settle()
    assert "Ships afloat: you 5 · Борис 4" in game_message(alice).text

    # Boris sinks the whole fleet: each hit shoots again.
    for cell in alices:
        answer = await fire(boris, cell)
        assert answer.text is None
        await duet.settle()
        assert_partner_fleet_hidden(alice, 1)
        assert_partner_fleet_hidden(boris, 1)
    assert "🎉 Победа за тобой!" in game_message(boris).text
    assert "🏆 Борис wins this time!" in game_message(alice).text
    # The loser now sees the ships that survived.
    assert sum(b.text == SHIP for row in move_buttons(alice) for b in row) == 8
    (session,) = await sessions(duet)
    assert session["status"] == "finished"
    result = json.loads(str(session["result_json"]))
    assert result["game"] == "seabattle" and result["winner_user_id"] == 2
    assert result["scores"] == [1, 5] and result["details"]["ships_lost"] == [5, 1]
    assert await history(duet) == [(1, 1, "loss"), (2, 1, "win")]
    answer = await fire(alice, boriss[0])
    assert answer.show_alert and answer.text == "This game is over: Борис won."
    stats = await say(duet, alice, "/history")
    assert stats.text.startswith("📜 History with Борис\n")
    assert "1. Sea battle · loss 1:5" in stats.text  # ships sunk, hers first

    await alice.press("🔁 Rematch", message=game_message(alice))
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    assert "🚢 Your fleet" in game_message(alice).text
    assert (await live_state(duet))["first_player"] == 0  # Alice shoots first this time


async def test_sea_battle_give_up_while_placing_and_idle_timeout(start_duet: object) -> None:
    duet: Duet = await start_duet(game_idle_timeout=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Sea battle")
    await alice.press("✅ Ready")
    await boris.press("🏳️ Сдаться")
    await boris.press("🏳️ Да, сдаюсь")
    await duet.settle()
    assert "🏳️ Борис gave up. 🎉 You win!" in game_message(alice).text
    assert await history(duet) == [(1, 1, "win"), (2, 1, "gave_up")]

    await alice.press("🔁 Rematch", message=game_message(alice))
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    await duet.restart()
    await alice.press("✅ Ready")
    await boris.press("✅ Готово")
    await duet.settle()
    assert "🎯 Your turn:" in game_message(alice).text  # the battle survived the restart
    duet.clock.advance(timedelta(seconds=61))
    await alice.wait_for(
        lambda u: "you did not move for 1 minute" in game_message(u).text, timeout=5
    )
    assert (await sessions(duet))[-1]["status"] == "abandoned"


async def test_sea_battle_game_command_and_forged_shots(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Sea battle")
    await alice.press("✅ Ready")
    await boris.press("✅ Готово")
    await duet.settle()
    old = game_message(alice)
    await say(duet, alice, "hello")
    await say(duet, alice, "/game")
    new = game_message(alice)
    assert new.message_id != old.message_id and "🚢 Your sea" in new.text
    assert len(move_buttons(alice)) == SEA
    message = game_message(boris)
    for data in ("m:1:s66", "m:1:s6", "m:1:shuffle", "m:1:ready", "m:1:c00"):
        answer = await boris.press_data(message.message_id, data)
        assert answer.show_alert, data
    (session,) = await sessions(duet)
    assert session["version"] == 3  # accepted, two Ready


async def test_play_lists_every_game_in_both_languages(duet: Duet) -> None:
    alice, boris = await couple(duet)
    # Each label is the game's emoji, then its title.
    english = [
        label.split(" ", 1)[-1] for label in (await say(duet, alice, "/play")).button_labels()
    ]
    russian = [
        label.split(" ", 1)[-1] for label in (await say(duet, boris, "/play")).button_labels()
    ]
    assert [title for title in english if title in {g.title for g in GAMES}] == [
        g.title for g in sorted(GAMES, key=lambda g: CATEGORIES.index(g.category))
    ]
    assert len(GAMES) >= 8 and len(russian) == len(english)
    assert {"Морской бой", "Четыре в ряд"} <= set(russian)
    assert not {g.title for g in GAMES} & set(russian)  # every title translated
