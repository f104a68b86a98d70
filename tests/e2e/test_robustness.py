"""Faults, floods and hostile input: the bot keeps working and loses nothing."""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiogram.types import Update

from bot.fake_bot_api import FakeBotApi
from bot.playground.runner import LocalDuet, local_settings
from bot.polling_log import CONFLICT_EXPLAINED
from bot.services.couples import new_token
from tests.e2e.conftest import StartDuet
from tests.e2e.flows import (
    LINK_RE,
    create_invite_link,
    game_message,
    make_couple,
    move_buttons,
    open_home,
    press_cell,
    say,
    start_game,
)
from tests.e2e.harness import Duet


async def test_unexpected_exception_gets_a_kind_answer_and_others_are_served(
    duet: Duet, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await open_home(duet, alice)
    services = duet.runtime.services
    assert services is not None

    async def broken(user_id: int) -> object:
        if user_id == 1:
            raise RuntimeError("a bug")
        return None

    monkeypatch.setattr(services.couples, "partner_info", broken)
    await alice.press("💞 Partner")  # answered: no endless spinner
    await duet.settle()
    assert alice.last is not None and alice.last.text.startswith("⚠️ Something went wrong")
    assert "🏠 Menu" in alice.last.button_labels()
    home = await open_home(duet, boris)  # Boris is served as usual
    assert "🏠" in home.text
    reply = await say(duet, alice, "/start")
    assert "Something went wrong" in reply.text


async def test_groups_get_one_message_then_silence(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "ru")
    group = duet.api.add_group(-100500, "Friends")
    await alice.send_in_group(group, "/start")
    await duet.settle()
    assert [m.text for m in group.bot_messages] == [
        "👋 Duet — для двоих и для личных чатов, а не для групп. Напиши мне в личку: @duet_test_bot"
    ]
    await alice.send_in_group(group, "/play")
    await alice.send_in_group(group, "hello?")
    await duet.settle()
    assert len(group.bot_messages) == 1


async def test_flood_control_pauses_only_the_flooder(start_duet: object) -> None:
    duet: Duet = await start_duet(flood_limit=5, flood_window=10)  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    for _ in range(8):
        await alice.send("spam")
    await duet.settle()
    notices = [m for m in alice.bot_messages if "Slow down" in m.text]
    replies = [m for m in alice.bot_messages if "I answer to buttons" in m.text]
    assert len(notices) == 1 and len(replies) == 5
    home = await open_home(duet, boris)
    assert "🏠" in home.text
    duet.clock.advance(timedelta(seconds=11))
    reply = await say(duet, alice, "/start")
    assert "🏠" in reply.text


async def test_429_and_server_errors_are_retried(start_duet: object, api: FakeBotApi) -> None:
    duet: Duet = await start_duet()  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    api.inject(method="sendMessage", status=429, retry_after=1, times=1)
    api.inject(method="sendMessage", status=502, times=1)
    home = await open_home(duet, alice)
    assert "🏠" in home.text
    failures = [c for c in api.calls_to("sendMessage") if not c.ok]
    assert [c.error_code for c in failures] == [429, 502]


async def test_a_deleted_game_message_is_replaced(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    async with duet.database.transaction() as uow:  # as if Alice had deleted her board
        await uow.conn.execute("UPDATE game_sessions SET partner1_message_id = 9999")
    await press_cell(boris, 4)
    await duet.settle()
    board = game_message(alice)
    assert "❌" in board.button_labels()
    async with duet.database.read() as uow:
        session = await uow.game_sessions.get(1)
    assert session is not None and session.partner1_message_id == board.message_id


async def test_a_partner_who_blocked_the_bot(duet: Duet, api: FakeBotApi) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    api.block(boris)
    await alice.wait_for_text("Борис has blocked Duet", timeout=5)
    await duet.settle()
    assert "The game ended" in game_message(alice).text or "ended" in game_message(alice).text
    async with duet.database.read() as uow:
        user = await uow.users.get_by_telegram_id(boris.id)
        status = await uow.conn.fetch_value("SELECT status FROM game_sessions")
    assert user is not None and user.blocked_at is not None
    assert status == "abandoned"
    # A game invitation to someone who blocked the bot is refused at once, told once.
    await say(duet, alice, "/play")
    answer = await alice.press("⭕ Tic-tac-toe")
    assert answer.show_alert and "can't get messages" in (answer.text or "")
    assert sum("has blocked Duet" in m.text for m in alice.bot_messages) == 1
    # Boris comes back: everything works again.
    home = await open_home(duet, boris)
    assert "🏠" in home.text
    async with duet.database.read() as uow:
        user = await uow.users.get_by_telegram_id(boris.id)
    assert user is not None and user.blocked_at is None
    await start_game(duet, alice, boris, "Tic-tac-toe")
    assert "Твой ход" in game_message(boris).text


async def test_invite_creation_is_rate_limited(start_duet: object) -> None:
    duet: Duet = await start_duet(invites_per_hour=3)  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    for _ in range(3):
        reply = await say(duet, alice, "/invite")
        assert LINK_RE.search(reply.text)
    reply = await say(duet, alice, "/invite")
    assert "many invite links" in reply.text
    duet.clock.advance(timedelta(hours=1, seconds=1))
    assert LINK_RE.search((await say(duet, alice, "/invite")).text)


async def test_invite_tokens_never_appear_whole_in_logs(
    duet: Duet, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    link = await create_invite_link(duet, alice)
    token = link.rsplit("=", 1)[1]
    await boris.open_link(link)
    await duet.settle()
    await boris.press("💞 Accept")
    await duet.settle()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert token[:4] + "…" in logged
    assert token not in logged


def test_invite_tokens_are_unguessable() -> None:
    tokens = [new_token() for _ in range(20_000)]
    assert len(set(tokens)) == len(tokens)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", token) for token in tokens)
    # 32 symbols from an alphabet of 64: 192 bits, if every symbol is uniform and independent.
    counts = Counter("".join(tokens))
    assert len(counts) == 64
    expected = len(tokens) * 32 / 64
    chi_square = sum((n - expected) ** 2 / expected for n in counts.values())
    assert chi_square < 120  # 63 degrees of freedom: p < 0.00001 for a uniform source
    bits = 32 * math.log2(len(counts))
    assert bits >= 128


async def test_updates_sent_while_the_bot_was_down_are_handled_after(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    await duet.stop()
    await alice.send("/start")
    await alice.send("/history")
    await duet.start()
    await duet.settle()
    texts = [m.text for m in alice.bot_messages]
    assert any(t.startswith("🏠") for t in texts)
    assert any("No games yet" in t for t in texts)


async def test_a_backlog_is_taken_from_telegram_only_as_fast_as_it_is_handled(
    start_duet: StartDuet,
) -> None:
    """Polling fetches no more updates than MAX_CONCURRENT_UPDATES can work on: the rest of
    a backlog waits at Telegram, not as parsed updates in this process's memory."""
    duet = await start_duet(max_concurrent_updates=3)
    await duet.stop()
    users = [duet.user(2000 + n, f"User {n}") for n in range(40)]
    for user in users:
        await user.send("/start")
    peak = 0

    async def watch() -> None:
        nonlocal peak
        while True:
            if duet.runtime.dispatcher is not None:
                peak = max(peak, duet.runtime.dispatcher["in_flight"].busy)
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    try:
        await duet.start()
        await duet.settle(timeout=30)
    finally:
        watcher.cancel()
    assert 1 <= peak <= 3
    for user in users:  # and every update of the backlog was handled
        assert any(m.text.startswith("🏠") for m in user.bot_messages)


async def test_an_update_delivered_twice_is_applied_once(duet: Duet, api: FakeBotApi) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await press_cell(boris, 4)
    await duet.settle()
    delivered = [u for c in api.calls_to("getUpdates") if c.ok for u in (c.result or [])]
    move = next(u for u in reversed(delivered) if "callback_query" in u)
    runtime = duet.runtime
    assert runtime.dispatcher is not None and runtime.bot is not None
    await runtime.dispatcher.feed_update(runtime.bot, Update.model_validate(move))
    async with duet.database.read() as uow:
        session = await uow.game_sessions.get(1)
    assert session is not None and session.version == 2  # accepted + one move, not two


async def test_polling_conflict_is_explained_once(
    duet: Duet, api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    rival = LocalDuet(api, local_settings(tmp_path / "rival.sqlite3", api, log_level="INFO"))
    await rival.start()
    try:
        await asyncio.sleep(3)  # both poll; Telegram (the fake) answers 409 to one of them
    finally:
        await rival.stop()
    messages = [r.getMessage() for r in caplog.records if r.name == "aiogram.dispatcher"]
    assert messages.count(CONFLICT_EXPLAINED) == 1
    assert not any("TelegramConflictError" in m for m in messages)


async def test_a_press_from_someone_who_blocked_the_bot_is_no_error(
    duet: Duet, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    alice = duet.user(1001, "Alice")
    home = await open_home(duet, alice)
    api.block(alice)
    await duet.settle()
    await alice.press_data(home.message_id, "n:pl")  # the edit gets 403
    await duet.settle()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    async with duet.database.read() as uow:
        user = await uow.users.get_by_telegram_id(alice.id)
    assert user is not None and user.blocked_at is not None


async def test_a_rate_limited_couple_sees_the_latest_state_not_a_queue(
    duet: Duet, api: FakeBotApi
) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    board = game_message(alice)
    api.clear_calls()
    # Telegram throttles the next edit for a second; meanwhile three more moves happen.
    api.inject(method="editMessageText", status=429, retry_after=1, times=1)
    for player, cell in [(boris, 0), (alice, 4), (boris, 1), (alice, 8)]:
        await press_cell(player, cell)
    await duet.settle()
    cells = [b.text for row in move_buttons(alice) for b in row]
    assert cells[0] == cells[1] == "❌" and cells[4] == cells[8] == "⭕"
    edits_of_alices_board = [
        c
        for c in api.calls_to("editMessageText")
        if c.ok
        and c.params.get("message_id") == board.message_id
        and c.params.get("chat_id") == alice.id
    ]
    # Four moves, but stale intermediate boards were skipped once the limit lifted.
    assert len(edits_of_alices_board) < 4


async def test_a_dropped_connection_is_retried(start_duet: object, api: FakeBotApi) -> None:
    duet: Duet = await start_duet()  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    api.inject(method="sendMessage", drop_connection=True, times=1)
    home = await open_home(duet, alice)
    assert "🏠" in home.text
    assert len([m for m in alice.bot_messages if m.text.startswith("🏠")]) == 1


async def test_a_stale_board_shows_how_the_game_ended_when_tapped(
    start_duet: object, api: FakeBotApi
) -> None:
    """The last move is saved but its edit of Alice's board is lost (Telegram failed it, or
    the process died right after saving): a tap on the stale board shows the result."""
    duet: Duet = await start_duet(telegram_retry_attempts=1)  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    for player, cell in [(boris, 0), (alice, 4), (boris, 1), (alice, 8)]:
        await press_cell(player, cell)
    await duet.settle()
    api.inject(method="editMessageText", status=502, times=1)  # Alice's board is edited first
    await press_cell(boris, 2)  # three in a row
    await duet.settle()
    assert "wins" not in game_message(alice).text  # still the board of four moves ago
    stale = [b for row in move_buttons(alice) for b in row if b.text == "⬜"]
    answer = await alice.press_data(game_message(alice).message_id, stale[0].callback_data or "")
    await duet.settle()
    assert answer is not None and answer.show_alert
    assert "wins" in game_message(alice).text


async def test_an_update_this_aiogram_cannot_read_is_skipped(
    duet: Duet, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    """A newer (or older) Bot API may send a field differently; one such update must not
    stall polling for everyone."""
    alice = duet.user(1001, "Alice")
    await open_home(duet, alice)
    chat = {"id": alice.id, "type": "private", "first_name": "Alice"}
    unreadable = api.updates.push(
        "message",
        {"message_id": 77, "date": "the day after tomorrow", "chat": chat, "text": "?"},
        key=alice.id,
    )
    assert unreadable is not None
    home = await open_home(duet, alice)  # answered at once, not after a minute of retries
    assert "🏠" in home.text
    skipped = [r.getMessage() for r in caplog.records if "cannot read" in r.getMessage()]
    assert len(skipped) == 1 and f"skipped update {unreadable} (message)" in skipped[0]
