"""Games end to end: two partners (English and Russian) play every game in their own chats."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from bot.fake_bot_api import FakeUser
from games.registry import GAMES
from tests.e2e.flows import (
    couple,
    game_message,
    go_recorded,
    make_couple,
    move_buttons,
    open_home,
    press_cell,
    say,
    start_game,
)
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


async def test_play_menu_needs_a_partner_and_lists_active_games(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    menu = await say(duet, alice, "/play")
    assert "Games are for two" in menu.text
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    menu = await say(duet, boris, "/play")
    titles = ["Крестики-нолики", "Камень, ножницы, бумага", "Дуэль на реакцию", "На одной волне"]
    for title in titles:
        assert title in menu.text or title in menu.button_labels(), (title, menu.text)

    async with duet.database.transaction() as uow:
        await uow.conn.execute("UPDATE games SET is_active = 0 WHERE slug = 'rps'")
    menu = await say(duet, alice, "/play")
    assert "Rock, paper, scissors" not in menu.text
    assert "Question of the day" not in menu.text
    assert "⭕ Tic-tac-toe" in menu.button_labels()
    # Restarting re-seeds titles without duplicating rows or re-enabling the game.
    await duet.restart()
    async with duet.database.read() as uow:
        # Every game and the question of the day, which is never offered in /play.
        assert await uow.conn.fetch_value("SELECT count(*) FROM games") == len(GAMES) + 1
        assert await uow.conn.fetch_value("SELECT is_active FROM games WHERE slug='rps'") == 0


async def test_tic_tac_toe_to_the_end_then_rematch_alternates_the_start(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    assert "Твой ход! Ты играешь за ❌" in game_message(boris).text
    assert "Борис is thinking… You play ⭕" in game_message(alice).text

    # Boris (the invitee) starts: X in the middle column wins.
    for player, cell in [(boris, 1), (alice, 0), (boris, 4), (alice, 2), (boris, 7)]:
        answer = await press_cell(player, cell)
        assert answer.text is None
        await duet.settle()
    assert "🎉 Победа за тобой!" in game_message(boris).text
    assert "🏆 Борис wins this time!" in game_message(alice).text

    (session,) = await sessions(duet)
    assert session["status"] == "finished"
    result = json.loads(str(session["result_json"]))
    assert result["winner_user_id"] == 2 and result["game"] == "tictactoe"
    assert [p["name"] for p in result["players"]] == ["Alice", "Борис"]
    assert await history(duet) == [(1, 1, "loss"), (2, 1, "win")]

    # A press on the finished board changes nothing.
    answer = await press_cell(alice, 8)
    assert answer.show_alert and answer.text == "This game is over: Борис won."

    await alice.press("🔁 Rematch")
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    assert "Your move! You play ❌." in game_message(alice).text  # Alice starts this time
    async with duet.database.read() as uow:
        rematch = await uow.game_sessions.get(2)
    assert rematch is not None and rematch.rematch_of == 1


async def test_not_your_turn_and_taken_cells_are_refused(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    answer = await press_cell(alice, 0)
    assert answer.show_alert and answer.text == "Not your turn yet."
    await press_cell(boris, 0)
    await duet.settle()
    answer = await press_cell(alice, 0)
    assert answer.show_alert and answer.text == "You can't do that right now."
    (session,) = await sessions(duet)
    assert session["version"] == 2  # accepted, one move


async def test_rock_paper_scissors_hides_choices_until_both_chose(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Rock, paper, scissors")
    await alice.press("✊ Rock")
    await duet.settle()
    assert "✊" not in game_message(boris).text  # Boris must not see Alice's choice
    assert "Alice" in game_message(boris).text
    assert "You chose ✊" in game_message(alice).text
    # The options are gone once you chose; a replayed press cannot change your mind.
    assert move_buttons(alice) == []
    answer = await alice.press_data(game_message(alice).message_id, "m:1:paper")
    assert answer.show_alert
    await boris.press("✌️ Ножницы")
    await duet.settle()
    assert "Round 1" in game_message(alice).text
    for _ in range(2):
        await alice.press("✊ Rock")
        await boris.press("✌️ Ножницы")
        await duet.settle()
        if (await sessions(duet))[0]["status"] == "finished":
            break
    assert "🎉" in game_message(alice).text
    assert await history(duet) == [(1, 1, "win"), (2, 1, "loss")]


async def test_simultaneous_presses_are_each_applied_once(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for game_number in range(1, 7):
        await start_game(duet, alice, boris, "Rock, paper, scissors")
        while True:
            await asyncio.gather(alice.press("✊ Rock"), boris.press("✌️ Ножницы"))
            await duet.settle()
            state = (await sessions(duet))[-1]
            if state["status"] == "finished":
                break
        result = json.loads(str(state["result_json"]))
        assert result["scores"] == [2, 0], result  # two rounds, both presses counted each time
        await alice.press("🏠 Menu")
        assert len(await sessions(duet)) == game_number
    assert await duet.database.check_integrity() == []


async def test_reaction_duel_with_measured_times(start_duet: object) -> None:
    duet: Duet = await start_duet(  # type: ignore[operator]
        reaction_min_delay=2, reaction_max_delay=2, game_timer_tick=0.02
    )
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Reaction duel")
    assert "Wait for it" in game_message(alice).text
    assert "Ждём сигнала" in game_message(boris).text

    for round_number in range(2):
        duet.clock.advance(timedelta(seconds=2))  # GO, 2 s after the round started
        await alice.wait_for(lambda u: "GO" in game_message(u).text, timeout=5)
        await go_recorded(duet)
        duet.clock.advance(timedelta(milliseconds=180))
        await alice.press(move_buttons(alice)[0][0].text)
        duet.clock.advance(timedelta(milliseconds=70))
        await boris.press(move_buttons(boris)[0][0].text)
        await duet.settle()  # the round ended with Boris's tap: the next one starts
        del round_number
    await alice.wait_for(lambda u: "🎉" in game_message(u).text, timeout=5)
    assert "Round 1: you 180 ms, Борис 250 ms" in game_message(alice).text
    assert "Round 2: you 180 ms, Борис 250 ms" in game_message(alice).text
    assert await history(duet) == [(1, 1, "win"), (2, 1, "loss")]


async def test_false_start_loses_the_round(start_duet: object) -> None:
    duet: Duet = await start_duet(  # type: ignore[operator]
        reaction_min_delay=3, reaction_max_delay=3, game_timer_tick=0.02
    )
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Reaction duel")
    duet.clock.advance(timedelta(seconds=1.5))
    await boris.press(move_buttons(boris)[0][0].text)  # before GO
    await duet.settle()
    assert "фальстарт" in game_message(boris).text.lower() or "фальстарт" in boris.last.text.lower()  # type: ignore[union-attr]


async def answer_all(duet: Duet, alice: FakeUser, boris: FakeUser, option: int) -> None:
    """Both press the option at `option` of their current question until the game ends."""
    for _ in range(30):
        status = (await sessions(duet))[-1]["status"]
        if status != "live":
            return
        for player in (alice, boris):
            rows = move_buttons(player)
            if rows:
                labels = [b.text for row in rows for b in row]
                await player.press(labels[min(option, len(labels) - 1)])
        await duet.settle()
    raise AssertionError("the game did not end")


async def test_quiz_scores_out_of_five(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "How well do you know me?")
    assert "?" in game_message(alice).text
    await answer_all(duet, alice, boris, option=0)
    (session,) = await sessions(duet)
    assert session["status"] == "finished"
    shorts = [short for _, _, short in await history(duet)]
    assert shorts == ["5/5", "5/5"]  # same option for everything: every guess is right
    assert "5" in game_message(alice).text


async def test_in_sync_match_percentage(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "In sync")
    await answer_all(duet, alice, boris, option=0)
    shorts = [short for _, _, short in await history(duet)]
    assert shorts == ["100%", "100%"]
    assert "100%" in game_message(alice).text
    assert "100%" in game_message(boris).text


async def test_questions_do_not_repeat_for_a_couple(duet: Duet) -> None:
    alice, boris = await couple(duet)
    seen: list[str] = []
    for _ in range(3):
        await start_game(duet, alice, boris, "In sync")
        await answer_all(duet, alice, boris, option=1)
        session = (await sessions(duet))[-1]
        seen += json.loads(str(session["result_json"]))["details"]["questions"]
        await alice.press("🏠 Menu")
    assert len(seen) == 21 and len(set(seen)) == 21


async def test_give_up_and_idle_timeout(start_duet: object) -> None:
    duet: Duet = await start_duet(game_idle_timeout=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await boris.press("🏳️ Сдаться")
    assert "Сдаться?" in game_message(boris).text or "Сдаться?" in boris.last.text  # type: ignore[union-attr]
    await boris.press("▶️ Играть дальше")
    await boris.press("🏳️ Сдаться")
    await boris.press("🏳️ Да, сдаюсь")
    await duet.settle()
    assert "🏳️ Борис gave up. 🎉 You win!" in game_message(alice).text
    assert await history(duet) == [(1, 1, "win"), (2, 1, "gave_up")]

    await alice.press("🔁 Rematch")
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    duet.clock.advance(timedelta(seconds=61))
    # The rematch is Alice's to open (rematches alternate who starts): the ending says so.
    await alice.wait_for(
        lambda u: "you did not move for 1 minute" in game_message(u).text, timeout=5
    )
    await boris.wait_for(lambda u: "Alice — 1 минута без хода" in game_message(u).text, timeout=5)
    assert (await sessions(duet))[-1]["status"] == "abandoned"
    assert [short for _, s, short in await history(duet) if s == 2] == ["abandoned", "abandoned"]


async def test_unanswered_invitation_expires_and_cancel_works(start_duet: object) -> None:
    duet: Duet = await start_duet(game_idle_timeout=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await say(duet, alice, "/play")
    await alice.press("⭕ Tic-tac-toe")
    await duet.settle()
    second = await say(duet, alice, "/play")
    assert "already have a game going" in second.text
    await alice.press("✖️ Cancel")
    await duet.settle()
    assert "Alice: приглашение сыграть" in boris.last.text  # type: ignore[union-attr]
    answer = await boris.press("🏠 Меню")
    assert answer.text is None

    await say(duet, alice, "/play")
    await alice.press("⭕ Tic-tac-toe")
    await duet.settle()
    duet.clock.advance(timedelta(seconds=61))
    await boris.wait_for(lambda u: "истекло" in u.last.text, timeout=5)  # type: ignore[union-attr]
    assert [s["status"] for s in await sessions(duet)] == ["cancelled", "cancelled"]
    assert await history(duet) == []


async def test_forged_foreign_and_garbage_moves(duet: Duet) -> None:
    alice, boris = await couple(duet)
    carol = duet.user(1003, "Carol")
    dave = duet.user(1004, "Dave")
    await make_couple(duet, carol, dave)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await open_home(duet, carol)
    carol_message = carol.last
    assert carol_message is not None
    for data, expected in [
        ("m:1:c0", "This is not your game."),
        ("m:999:c0", "This is not your game."),
        ("m:1:zzz", "This is not your game."),
        ("s:1:gy", "This is not your game."),
        ("m:x:y", "This button is no longer valid."),
    ]:
        answer = await carol.press_data(carol_message.message_id, data)
        assert answer.text == expected, data
    answer = await boris.press_data(game_message(boris).message_id, "m:1:zzz")
    assert answer.text == "Эта кнопка больше не действует."
    (session,) = await sessions(duet)
    assert session["version"] == 1


async def test_restart_in_the_middle_of_a_game(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await press_cell(boris, 0)
    await press_cell(alice, 4)
    await duet.settle()
    await duet.restart()
    await press_cell(boris, 1)
    await duet.settle()
    board = [b.text for row in move_buttons(alice) for b in row]
    assert board[:3] == ["❌", "❌", "⬜"] and board[4] == "⭕"


async def test_game_command_brings_the_board_back(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    old = game_message(alice)
    for _ in range(3):
        await say(duet, alice, "hello")
    await say(duet, alice, "/game")
    new = game_message(alice)
    assert new.message_id != old.message_id and new is alice.last
    assert not any(row for row in old.buttons)
    await press_cell(boris, 0)
    await duet.settle()
    assert "❌" in [b.text for row in move_buttons(alice) for b in row]
    home = await open_home(duet, alice)
    await alice.press("▶️ Back to the game", message=home)
    await duet.settle()
    assert game_message(alice).message_id != new.message_id


async def test_unlinking_ends_the_live_game(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await open_home(duet, alice)
    await alice.press("💞 Partner")
    await alice.press("💔 Unlink")
    await alice.press("💔 Yes, unlink")
    await duet.settle()
    assert (await sessions(duet))[0]["status"] == "abandoned"
    assert "Игра завершена: вы больше не пара" in game_message(boris).text
    assert "The game ended with the partnership" in game_message(alice).text


async def test_theme_and_sound_shape_what_each_player_sees(duet: Duet) -> None:
    alice, boris = await couple(duet)
    async with duet.database.transaction() as uow:
        await uow.settings.set_theme(2, "dark")
        await uow.settings.set_sound(2, False)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    light = {b.text for row in move_buttons(alice) for b in row}
    dark = {b.text for row in move_buttons(boris) for b in row}
    assert light != dark
    invitations = [
        c for c in duet.api.calls_to("sendMessage") if c.params.get("chat_id") == boris.id
    ]
    assert invitations[-1].params.get("disable_notification") is True


async def test_idle_timeout_fires_for_a_game_that_was_live_across_a_restart(
    start_duet: object,
) -> None:
    duet: Duet = await start_duet(game_idle_timeout=60, game_timer_tick=0.02)  # type: ignore[operator]
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await press_cell(boris, 4)
    await duet.settle()
    await duet.stop()
    duet.clock.advance(timedelta(minutes=5))  # the bot was down past the idle timeout
    await duet.start()
    await alice.wait_for(lambda u: "you did not move" in game_message(u).text, timeout=5)
    await boris.wait_for(lambda u: "Alice — 1 минута без хода" in game_message(u).text)
    assert (await sessions(duet))[0]["status"] == "abandoned"
