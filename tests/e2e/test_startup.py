"""The real bot starts, greets people in their language, registers its menu, stops cleanly."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.fake_bot_api import FakeBotApi
from tests.e2e.harness import TOKEN, Duet


async def test_greets_english_and_russian_users_in_their_language(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru-RU")
    await alice.send("/start")
    await boris.send("/start")
    hello = await alice.wait_for_text("Welcome to")
    privet = await boris.wait_for_text("Добро пожаловать")
    assert "Alice" in hello.text
    assert "Борис" in privet.text

    await alice.send("/start")
    assert "Welcome back, 🙂 Alice" in (await alice.wait_for_text("Welcome back")).text


async def test_registers_the_menu_in_both_languages(duet: Duet) -> None:
    en = dict(duet.api.commands(language_code="en"))
    ru = dict(duet.api.commands(language_code="ru"))
    default = duet.api.commands()
    assert en["start"] == "Home menu"
    assert ru["start"] == "Главное меню"
    assert default == duet.api.commands(language_code="en")
    assert "Duet" in duet.api.descriptions["ru"]
    assert "пар" in duet.api.short_descriptions["ru"]


async def test_menu_failure_is_a_warning_not_a_crash(
    api: FakeBotApi, start_duet: object, caplog: pytest.LogCaptureFixture
) -> None:
    api.inject(method="setMyCommands", status=500, times=10)
    with caplog.at_level(logging.WARNING):
        duet = await start_duet()  # type: ignore[operator]
    assert any("command menu" in r.getMessage() for r in caplog.records)
    alice = duet.user(1001, "Alice")
    await alice.send("/start")
    await alice.wait_for_text("Welcome")


async def test_token_never_appears_in_logs(
    start_duet: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        duet = await start_duet()  # type: ignore[operator]
        alice = duet.user(1001, "Alice")
        await alice.send("/start")
        await alice.wait_for_text("Welcome")
    assert caplog.records
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert all(TOKEN.split(":")[1] not in r.getMessage() for r in caplog.records)


async def test_python_m_bot_runs_and_stops_on_sigterm(api: FakeBotApi, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_PATH=str(tmp_path / "duet.sqlite3"),
        LOG_LEVEL="INFO",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    assert proc.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(20):
        while not any("Duet is ready" in line for line in lines):
            line = (await proc.stderr.readline()).decode()
            assert line, "the bot exited before it was ready:\n" + "".join(lines)
            lines.append(line)
    alice = api.add_user(1001, "Alice", language_code="en")
    await alice.send("/start")
    await alice.wait_for_text("Welcome", timeout=10)

    proc.send_signal(signal.SIGTERM)
    async with asyncio.timeout(20):
        rest = (await proc.stderr.read()).decode()
        code = await proc.wait()
    assert code == 0, rest
    assert "Duet stopped" in rest
    assert "Traceback" not in "".join(lines) + rest
    assert TOKEN not in "".join(lines) + rest
    assert sum("Duet is ready" in line for line in lines) == 1
