"""Keeping every promise (#25): cooperative games stop instead of being lost, a win by a
give-up is no victory, and pressing Rematch together joins one game.

Two partners, Alice in English and Борис in Russian, through the real dispatcher and the
fake Bot API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import (
    LINK_RE,
    accept_label,
    couple,
    create_invite_link,
    game_message,
    open_home,
    play_and_give_up,
    play_and_win,
    press_cell,
    say,
    start_game,
)
from tests.e2e.harness import Duet


async def rows(duet: Duet, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    async with duet.database.read() as uow:
        found = await uow.conn.fetch_all(sql, params)
    return [tuple(row) for row in found]


async def unlocked(duet: Duet, user_id: int) -> set[str]:
    found = await rows(
        duet,
        "SELECT a.slug FROM user_achievements ua JOIN achievements a"
        " ON a.id = ua.achievement_id WHERE ua.user_id = ? AND ua.achieved_at IS NOT NULL",
        user_id,
    )
    return {row[0] for row in found}


async def progress_of(duet: Duet, user_id: int, slug: str) -> int:
    found = await rows(
        duet,
        "SELECT ua.progress FROM user_achievements ua JOIN achievements a"
        " ON a.id = ua.achievement_id WHERE ua.user_id = ? AND a.slug = ?",
        user_id,
        slug,
    )
    return int(found[0][0]) if found else 0


def celebrations(user: FakeUser) -> list[str]:
    return [m.text for m in user.bot_messages if m.text.startswith("🎉")]


async def test_in_sync_is_stopped_nobody_wins_and_nothing_counts(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "In sync")
    assert "⏹ Stop" in game_message(alice).button_labels()
    assert "🏳️ Give up" not in game_message(alice).button_labels()
    assert "⏹ Закончить" in game_message(boris).button_labels()

    await alice.press("⏹ Stop")
    assert "Stop this game? Nobody wins" in game_message(alice).text
    await alice.press("⏹ Yes, stop")
    await duet.settle()
    assert "⏹ You stopped the game. Nobody wins, nothing is counted." in game_message(alice).text
    assert ": игра остановлена. Победителя нет" in game_message(boris).text
    assert "Alice" in game_message(boris).text
    for user in (alice, boris):
        assert "You win" not in game_message(user).text
        assert "Победа" not in game_message(user).text and "🎉" not in game_message(user).text
        assert celebrations(user) == []

    assert await rows(duet, "SELECT status FROM game_sessions") == [("abandoned",)]
    history = await rows(duet, "SELECT user_id, result_short FROM history ORDER BY user_id")
    assert history == [(1, "stopped"), (2, "stopped")]
    assert await unlocked(duet, 1) == set() and await unlocked(duet, 2) == set()
    assert await rows(duet, "SELECT count(*) FROM user_achievements WHERE progress > 0") == [(0,)]
    assert "⏹ stopped" in (await say(duet, alice, "/history")).text
    screen = await say(duet, boris, "/history")
    assert "1. На одной волне · ⏹ остановлена" in screen.text
    await boris.press("🔎 1", message=screen)  # a stopped game opens as it ended too
    assert screen.text == game_message(boris).text and screen.button_labels() == ["📜 История"]


async def test_a_win_by_give_up_is_no_victory_and_no_streak(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for _ in range(5):
        await play_and_give_up(duet, alice, boris, boris)
    assert "first_win" not in await unlocked(duet, 1)
    assert await progress_of(duet, 1, "win_streak_5") == 0
    assert not any("First victory" in text for text in celebrations(alice))
    assert "🏳️ партия сдана" in (await say(duet, boris, "/history")).text
    # A game won by playing is the first victory.
    await play_and_win(duet, alice, boris, alice)
    assert "first_win" in await unlocked(duet, 1)
    assert await progress_of(duet, 1, "win_streak_5") == 1
    assert any("First victory" in text for text in celebrations(alice))


async def finish_rps(duet: Duet, alice: FakeUser, boris: FakeUser) -> None:
    await start_game(duet, alice, boris, "Rock, paper, scissors")
    for _ in range(5):
        if (await rows(duet, "SELECT status FROM game_sessions ORDER BY id DESC"))[0][0] != "live":
            break
        await alice.press("✊ Rock")
        await boris.press("✌️ Ножницы")
        await duet.settle()


async def test_both_pressing_rematch_start_one_game(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await finish_rps(duet, alice, boris)
    await alice.press("🔁 Rematch", message=game_message(alice))
    await duet.settle()
    # His finished board (above Alice's invitation): he presses Rematch too.
    board = [m for m in boris.bot_messages if "🔁 Реванш" in m.button_labels()][-1]
    answer = await boris.press("🔁 Реванш", message=board)
    await duet.settle()
    assert not answer.show_alert, answer.text  # not "You already have a game going"
    sessions = await rows(duet, "SELECT status FROM game_sessions ORDER BY id")
    assert sessions == [("finished",), ("live",)]
    assert "✊ Rock" in game_message(alice).button_labels()
    assert "✊ Камень" in game_message(boris).button_labels()


async def test_inviting_each_other_to_the_same_game_joins_it(duet: Duet) -> None:
    alice, boris = await couple(duet)
    # Both open the game menu; Alice picks first, then Boris the same game on his menu.
    await say(duet, alice, "/play")
    menu = await say(duet, boris, "/play")
    await alice.press("⭕ Tic-tac-toe")
    await duet.settle()
    answer = await boris.press("⭕ Крестики-нолики", message=menu)
    await duet.settle()
    assert not answer.show_alert, answer.text
    assert await rows(duet, "SELECT status FROM game_sessions") == [("live",)]
    assert "Твой ход" in game_message(boris).text or "ход" in game_message(boris).text
    assert "Give up" in " ".join(game_message(alice).button_labels())
    # His invitation message no longer offers Play / Decline: the game is on the menu he used.
    assert not any("✅ Играть" in m.button_labels() for m in boris.bot_messages)


async def test_an_invitation_to_a_partner_who_blocked_the_bot_says_so(duet: Duet) -> None:
    alice, boris = await couple(duet)
    duet.api.block(boris)
    await duet.settle()
    await say(duet, alice, "/play")
    answer = await alice.press("⭕ Tic-tac-toe")
    await duet.settle()
    assert answer.show_alert and "can't get messages from Duet" in (answer.text or "")
    text = alice.bot_messages[-1].text  # the menu became the invitation, now closed
    assert "The invitation to “Tic-tac-toe” was closed: Борис can't get messages" in text
    assert "You cancelled" not in text


async def test_blocking_the_bot_is_not_announced_as_coming_online(duet: Duet) -> None:
    alice, boris = await couple(duet)
    presence = duet.runtime.services.presence  # type: ignore[union-attr]
    duet.clock.advance(timedelta(minutes=6))
    await presence.sweep()  # Boris is idle now: his next update would bring him "online"
    duet.api.block(boris)
    await duet.settle()
    assert not any("is online now" in m.text for m in alice.bot_messages)
    # Coming back for real is still announced.
    duet.api.unblock(boris)
    await say(duet, boris, "/start")
    await alice.wait_for_text("🟢 Борис is online now.")


async def test_help_says_what_duet_is_lists_commands_and_how_to_invite(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    en = await say(duet, alice, "/help")
    assert "Duet</b> is a place for two" in en.text or "Duet is a place for two" in en.text
    assert "send /invite" in en.text
    for command in ("/play", "/today", "/invite", "/history", "/settings", "/deleteme", "/help"):
        assert command in en.text, command
    ru = await say(duet, boris, "/help")
    assert "место для двоих" in ru.text and "отправь /invite" in ru.text
    # The couple's day in different time zones (#26) is explained in both languages.
    assert "the day follows the one of you for whom it is earliest" in en.text
    assert "день пары идёт по тому, у кого сейчас раньше" in ru.text
    assert "/play — Сыграть" in ru.text or "/play —" in ru.text
    assert "I don't know that command" not in en.text
    assert dict(duet.api.commands(language_code="en"))["help"] == "What Duet is and how to use it"
    assert dict(duet.api.commands(language_code="ru"))["help"] == (
        "Что такое Duet и как им пользоваться"
    )


async def test_today_alone_speaks_of_the_question_of_the_day(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    en = await say(duet, alice, "/today")
    assert "question of the day is for two" in en.text
    assert "Games are for two" not in en.text
    assert "💌 Create invite link" in en.button_labels()
    ru = await say(duet, boris, "/today")
    assert "Вопрос дня — для двоих" in ru.text


async def test_linking_retires_both_links_and_a_partners_old_link_says_already_a_couple(
    duet: Duet,
) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    his_link = await create_invite_link(duet, boris)
    her_link = await create_invite_link(duet, alice)
    await boris.open_link(her_link)
    await duet.settle()
    await boris.press(accept_label(boris))
    await duet.settle()
    assert await rows(
        duet, "SELECT count(*) FROM invites WHERE used_by IS NULL AND revoked_at IS NULL"
    ) == [(0,)]
    await alice.open_link(his_link)  # his old link, from before they linked
    await duet.settle()
    assert "You and Борис are already a couple in Duet 💞" in alice.bot_messages[-1].text
    await boris.open_link(her_link)  # the link he accepted: he is told he did
    await duet.settle()
    assert "Ты уже" in boris.bot_messages[-1].text or "уже" in boris.bot_messages[-1].text


async def test_a_finished_board_stays_after_rematch_and_menu(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    for player, cell in [(boris, 0), (alice, 3), (boris, 1), (alice, 4), (boris, 2)]:
        await press_cell(player, cell)
        await duet.settle()
    board = game_message(alice)
    final_text = board.text
    await alice.press("🔁 Rematch", message=board)
    await duet.settle()
    # Her old board keeps its cells and result; only Rematch and Menu went.
    assert board.text == final_text
    labels = board.button_labels()
    assert len(labels) == 9 and "🔁 Rematch" not in labels and "🏠 Menu" not in labels
    answer = await alice.press_data(board, board.buttons[0][0].callback_data or "")
    assert answer.show_alert and answer.text == "This game is over: Борис won."
    # Boris opens the menu from his finished board: a new message, the board stays.
    his_board = [m for m in boris.bot_messages if "🏠 Меню" in m.button_labels()][-1]
    his_text = his_board.text
    await boris.press("🏠 Меню", message=his_board)
    await duet.settle()
    assert his_board.text == his_text and "🎉" in his_text
    assert boris.bot_messages[-1].message_id != his_board.message_id
    cell = next(b for row in his_board.buttons for b in row if b.callback_data.startswith("m:"))  # type: ignore[union-attr]
    answer = await boris.press_data(his_board, cell.callback_data or "")
    assert answer.text == "Эта игра окончена: победа за тобой! 🎉"


async def test_a_used_invite_link_message_no_longer_offers_share(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    link = await create_invite_link(duet, alice)
    link_message = next(m for m in alice.bot_messages if link in m.text)
    assert "📤 Share" in link_message.button_labels()
    await boris.open_link(link)
    await duet.settle()
    await boris.press(accept_label(boris))
    await duet.settle()
    assert link in link_message.text  # the message stays, the link is used
    assert link_message.button_labels() == ["🏠 Menu"]
    # A link sent by /invite (a new message, not an edited one), in Russian.
    carol = duet.user(1003, "Carol", "ru")
    await say(duet, carol, "/invite")
    sent = carol.bot_messages[-1]
    assert "📤 Поделиться" in sent.button_labels() or sent.buttons
    dave = duet.user(1004, "Dave", "en")
    carol_link = LINK_RE.search(sent.text)
    assert carol_link is not None
    await dave.open_link(carol_link.group(0))
    await duet.settle()
    await dave.press(accept_label(dave))
    await duet.settle()
    assert sent.button_labels() == ["🏠 Меню"] and not any(
        "t.me/" in (b.url or "") for row in sent.buttons for b in row
    )


async def test_after_a_rename_the_prompt_offers_no_cancel(duet: Duet) -> None:
    for user_id, name, language, profile, change, new_name in [
        (1001, "Alice", "en", "👤 Profile", "✏️ Change name", "Alicia"),
        (1002, "Борис", "ru", "👤 Профиль", "✏️ Изменить имя", "Боря"),
    ]:
        user = duet.user(user_id, name, language)
        await open_home(duet, user)
        await user.press(profile)
        await user.press(change)
        prompt = user.bot_messages[-1]
        assert len(prompt.button_labels()) == 1  # Cancel, in the user's language
        await user.send(new_name)
        await duet.settle()
        assert prompt.button_labels() == [], prompt.text
        assert new_name in user.bot_messages[-1].text
