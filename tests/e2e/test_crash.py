"""SIGKILL in the middle of invitations and games: after a restart nothing is lost twice,
nothing is duplicated, and every game goes on (or ends cleanly)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.flows import LINK_RE, game_message, move_buttons
from tests.e2e.harness import TOKEN


class BotProcess:
    """`python -m bot` as a real process, killed and restarted at will."""

    def __init__(self, api: FakeBotApi, database: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
        self.env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=api.base_url,
            DATABASE_PATH=str(database),
            LOG_LEVEL="INFO",
            FLOOD_LIMIT="10000",
        )
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", env=self.env, stderr=asyncio.subprocess.PIPE
        )
        assert self.proc.stderr is not None
        async with asyncio.timeout(20):
            while b"Duet is ready" not in await self.proc.stderr.readline():
                pass
        asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        while await self.proc.stderr.readline():
            pass

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            await self.proc.wait()


@pytest.fixture
async def bot_process(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(api, tmp_path / "duet.sqlite3")
    await process.start()
    yield process
    await process.stop()


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


async def tap(user: FakeUser, label: str) -> None:
    """Press, tolerating a bot that dies before it answers (a real user would tap again)."""
    with contextlib.suppress(TimeoutError):
        await user.press(label, timeout=3)


async def test_sigkill_mid_flow_then_restart(
    api: FakeBotApi, bot_process: BotProcess, tmp_path: Path
) -> None:
    database = tmp_path / "duet.sqlite3"
    alice = api.add_user(1001, "Alice", language_code="en")
    boris = api.add_user(1002, "Boris", language_code="en")

    await alice.send("/invite")
    link = await alice.wait_for_text("t.me/", timeout=10)
    await bot_process.kill()  # killed right after showing the link
    await bot_process.start()
    await boris.open_link(LINK_RE.search(link.text).group(0))  # type: ignore[union-attr]
    await boris.wait_for_text("invites you", timeout=10)
    accept = asyncio.create_task(tap(boris, "💞 Accept"))
    await asyncio.sleep(0.05)
    await bot_process.kill()  # maybe mid-accept
    await accept
    await bot_process.start()
    if not rows(database, "SELECT 1 FROM partnerships WHERE is_active = 1"):
        await boris.press("💞 Accept", timeout=10)  # the press was lost with the process
    assert len(rows(database, "SELECT id FROM partnerships")) == 1

    await alice.send("/play")
    await alice.wait_for_text("Choose a game", timeout=10)
    await alice.press("⭕ Tic-tac-toe", timeout=10)
    await boris.wait_for_text("invites you to play", timeout=10)
    await boris.press("✅ Play", timeout=10)
    await boris.wait_for(lambda u: bool(move_buttons(u)), timeout=10)

    # Moves, with a kill between (or during) some of them.
    for number, (player, cell) in enumerate(
        [(boris, 1), (alice, 0), (boris, 4), (alice, 2), (boris, 7)]
    ):
        for attempt in range(3):
            before = rows(database, "SELECT version FROM game_sessions")[0][0]
            cells = [b for row in move_buttons(player) for b in row]
            press = asyncio.create_task(
                player.press_data(game_message(player).message_id, cells[cell].callback_data or "")
            )
            if number % 2 == 0 and attempt == 0:
                await asyncio.sleep(0.02)
                await bot_process.kill()
                await bot_process.start()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(press, 5)
            after = rows(database, "SELECT version FROM game_sessions")[0][0]
            if after > before:
                break  # applied (exactly once: the version moved by one)
        assert after == before + 1
    try:
        await alice.wait_for(lambda u: "wins" in game_message(u).text, timeout=5)
    except TimeoutError:
        # Killed between saving the last move and editing the chats: the board stays as it
        # was until touched, and a tap on it shows how the game ended.
        stale = [b for row in move_buttons(alice) for b in row if b.callback_data]
        assert stale, alice.transcript()
        await alice.press_data(game_message(alice).message_id, stale[-1].callback_data or "")
        await alice.wait_for(lambda u: "wins" in game_message(u).text, timeout=10)

    assert rows(database, "SELECT status FROM game_sessions") == [("finished",)]
    assert rows(database, "SELECT user_id, result_short FROM history ORDER BY user_id") == [
        (1, "loss"),
        (2, "win"),
    ]
    assert rows(database, "PRAGMA integrity_check") == [("ok",)]
    assert rows(database, "PRAGMA foreign_key_check") == []


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Wait for a condition on the database file (another process writes it)."""
    async with asyncio.timeout(timeout):
        while not condition():  # noqa: ASYNC110 - another process writes: nothing to await
            await asyncio.sleep(0.02)


async def couple_at_play(api: FakeBotApi) -> tuple[FakeUser, FakeUser]:
    """Alice and Boris linked, with a live tic-tac-toe game on both screens."""
    alice = api.add_user(1001, "Alice", language_code="en")
    boris = api.add_user(1002, "Boris", language_code="en")
    await alice.send("/invite")
    link = await alice.wait_for_text("t.me/", timeout=10)
    await boris.open_link(LINK_RE.search(link.text).group(0))  # type: ignore[union-attr]
    await boris.wait_for_text("invites you", timeout=10)
    await boris.press("💞 Accept", timeout=10)
    await alice.wait_for_text("now a couple", timeout=10)
    await alice.send("/play")
    await alice.wait_for_text("Choose a game", timeout=10)
    await alice.press("⭕ Tic-tac-toe", timeout=10)
    await boris.wait_for_text("invites you to play", timeout=10)
    await boris.press("✅ Play", timeout=10)
    for user in (alice, boris):
        await user.wait_for(lambda u: bool(move_buttons(u)), timeout=10)
    return alice, boris


def marks(user: FakeUser) -> int:
    return sum(b.text != "⬜" for row in move_buttons(user) for b in row)


async def test_killed_between_saving_a_move_and_showing_it(
    api: FakeBotApi, bot_process: BotProcess, tmp_path: Path
) -> None:
    """The move is saved, its edits never reach Telegram: the next start draws both chats
    again, and nobody waits for a move the other already made."""
    database = tmp_path / "duet.sqlite3"
    alice, boris = await couple_at_play(api)
    (shown,) = rows(database, "SELECT version FROM game_sessions")[0]
    await until(lambda: rows(database, "SELECT rendered_version FROM game_sessions") == [(shown,)])
    held = api.add_latency(60, method="editMessageText")  # Telegram is slow: edits hang
    cells = [b for row in move_buttons(boris) for b in row]
    press = asyncio.create_task(tap_data(boris, cells[4].callback_data or ""))
    await until(lambda: rows(database, "SELECT version FROM game_sessions") == [(shown + 1,)])
    await bot_process.kill()  # between the saved move and its edits
    await press
    api.remove_latency(held)
    assert marks(alice) == 0 and marks(boris) == 0  # both chats are behind

    await bot_process.start()  # no press: the start itself brings both chats up to date
    await alice.wait_for(lambda u: marks(u) == 1, timeout=10)
    await boris.wait_for(lambda u: marks(u) == 1, timeout=10)
    assert "Your move" in game_message(alice).text, alice.transcript()
    await until(
        lambda: rows(database, "SELECT rendered_version FROM game_sessions") == [(shown + 1,)]
    )


async def tap_data(user: FakeUser, data: str) -> None:
    with contextlib.suppress(TimeoutError):
        await user.press_data(game_message(user).message_id, data, timeout=3)


async def test_killed_right_after_linking_the_inviter_hears_after_restart(
    api: FakeBotApi, bot_process: BotProcess, tmp_path: Path
) -> None:
    database = tmp_path / "duet.sqlite3"
    alice = api.add_user(1001, "Alice", language_code="en")
    boris = api.add_user(1002, "Boris", language_code="en")
    await alice.send("/invite")
    link = await alice.wait_for_text("t.me/", timeout=10)
    await boris.open_link(LINK_RE.search(link.text).group(0))  # type: ignore[union-attr]
    await boris.wait_for_text("invites you", timeout=10)
    held = api.add_latency(60, method="sendMessage", chat_id=alice.id)  # the news hangs
    accept = asyncio.create_task(tap(boris, "💞 Accept"))
    await until(lambda: rows(database, "SELECT count(*) FROM partnerships") == [(1,)])
    await boris.wait_for_text("now a couple", timeout=10)
    await bot_process.kill()  # the couple is made; Alice was never told
    await accept
    api.remove_latency(held)
    assert not any("now a couple" in m.text for m in alice.bot_messages)

    await bot_process.start()
    await alice.wait_for_text("You and Boris are now a couple", timeout=10)
    await until(
        lambda: rows(database, "SELECT announced_at IS NOT NULL FROM partnerships") == [(1,)]
    )
    await bot_process.stop()
    await bot_process.start()  # told once: a later start does not repeat it
    await alice.send("/start")
    await alice.wait_for_text("Welcome back", timeout=10)
    assert sum("now a couple" in m.text for m in alice.bot_messages) == 1
