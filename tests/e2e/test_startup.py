"""The real bot starts, greets people in their language, registers its menu, stops cleanly."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
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
    assert "Welcome back, Alice" in (await alice.wait_for_text("Welcome back")).text


async def test_registers_the_menu_in_both_languages(duet: Duet) -> None:
    en = dict(duet.api.commands(language_code="en"))
    ru = dict(duet.api.commands(language_code="ru"))
    default = duet.api.commands()
    assert en["start"] == "Home menu"
    assert ru["start"] == "Меню"
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
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=bot_env(api, tmp_path / "duet.sqlite3"),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
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
    assert "Update id=" not in "".join(lines) + rest  # no aiogram line per update (#25)
    assert TOKEN not in "".join(lines) + rest
    assert sum("Duet is ready" in line for line in lines) == 1


def bot_env(api: FakeBotApi, database: Path | str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_PATH=str(database),
        LOG_LEVEL="INFO",
    )
    return env


async def start_until_ready(api: FakeBotApi, cwd: Path, database: str) -> str:
    """`python -m bot` until it is ready, then SIGTERM; its whole log."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=bot_env(api, database),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(20):
        while not any("Duet is ready" in line for line in lines):
            line = (await proc.stderr.readline()).decode()
            assert line, "the bot exited before it was ready:\n" + "".join(lines)
            lines.append(line)
        proc.send_signal(signal.SIGTERM)
        lines.append((await proc.stderr.read()).decode())
        assert await proc.wait() == 0
    return "".join(lines)


async def test_startup_names_the_database_and_says_when_it_is_new(
    api: FakeBotApi, tmp_path: Path
) -> None:
    first = await start_until_ready(api, tmp_path, "data/duet.sqlite3")  # a relative path
    where = str(tmp_path / "data" / "duet.sqlite3")
    assert f"database: {where} (sqlite), new and empty: created now" in first
    again = await start_until_ready(api, tmp_path, "data/duet.sqlite3")
    assert f"database: {where} (sqlite)\n" in again


def _immutable(path: Path, on: bool) -> bool:
    """Make `path` unwritable even for root (chattr), where the file system allows it."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444) if on else path.chmod(0o755)
        return True
    flag = "+i" if on else "-i"
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return result.returncode == 0


@pytest.mark.parametrize("what", ["file", "folder"])
async def test_a_database_that_cannot_be_written_ends_with_one_line(
    api: FakeBotApi, tmp_path: Path, what: str
) -> None:
    folder = tmp_path / "data"
    database = folder / "duet.sqlite3"
    if what == "file":
        await start_until_ready(api, tmp_path, str(database))  # an existing database
    else:
        folder.mkdir()
    target = database if what == "file" else folder
    if not _immutable(target, on=True):
        pytest.skip("this file system cannot make a file read-only for root (chattr)")
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=bot_env(api, database),
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        async with asyncio.timeout(20):
            _, err = await proc.communicate()
    finally:
        _immutable(target, on=False)
    log = err.decode()
    assert proc.returncode == 2, log
    assert "Traceback" not in log and "Event loop is closed" not in log, log
    last = log.strip().splitlines()[-1]
    assert last.startswith(f"duet: DATABASE_PATH {database}: "), log
    assert ("read-only" if what == "file" else "must be writable") in last


@pytest.mark.parametrize(
    "token",
    [
        "123456789:replace-with-the-token-from-BotFather",
        "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
    ids=["placeholder from .env.example", "refused by Telegram"],
)
async def test_a_wrong_token_ends_with_one_line_naming_bot_token(
    api: FakeBotApi, tmp_path: Path, token: str
) -> None:
    """#25: the placeholder, and a token Telegram answers 401 to (the fake refuses any
    token but its own), each end with one line and exit code 2."""
    env = bot_env(api, tmp_path / "duet.sqlite3") | {"BOT_TOKEN": token}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    async with asyncio.timeout(30):
        _, err = await proc.communicate()
    log = err.decode()
    assert proc.returncode == 2, log
    assert "Traceback" not in log and "Unclosed" not in log, log
    last = log.strip().splitlines()[-1]
    assert last.startswith("duet: ") and "BOT_TOKEN" in last, log
    assert token.split(":", 1)[1] not in log  # the secret part never reaches the log


async def test_an_unreachable_bot_api_ends_with_one_line_after_the_retries(tmp_path: Path) -> None:
    """#25: one clear line per retry (what failed and why), then one line and exit code 1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL="http://127.0.0.1:9",  # the discard port: nothing listens
        DATABASE_PATH=str(tmp_path / "duet.sqlite3"),
        LOG_LEVEL="INFO",
        TELEGRAM_RETRY_ATTEMPTS="3",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    async with asyncio.timeout(60):
        _, err = await proc.communicate()
    log = err.decode()
    assert proc.returncode == 1, log
    assert "Traceback" not in log and "Unclosed" not in log, log
    retries = [line for line in log.splitlines() if "GetMe failed (attempt" in line]
    assert len(retries) == 2 and all("Cannot connect to host" in line for line in retries), log
    last = log.strip().splitlines()[-1]
    assert last.startswith("duet: the Bot API at TELEGRAM_API_URL (http://127.0.0.1:9)"), log
