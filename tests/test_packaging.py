"""A normal install works, not only an editable one: the wheel carries `schema.sql` and the
catalogs as package data, and the bot it installs greets a user from a folder that is not
the checkout."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bot.fake_bot_api import FakeBotApi
from tests.e2e.harness import BOT_USERNAME, TOKEN
from tests.e2e.test_startup import bot_env

REPOSITORY = Path(__file__).resolve().parent.parent
NOT_SOURCE = (".*", "build", "dist", "*.egg-info", "__pycache__", "data", "bench-results")


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the checkout with the built wheel installed
    (its dependencies from the lock file); its python."""
    place = tmp_path_factory.mktemp("installed")
    # Built from a copy: setuptools leaves a build/ folder in the tree it builds.
    source = place / "source"
    shutil.copytree(REPOSITORY, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", place / "dist",
         source, cwd=place)  # fmt: skip
    (wheel,) = (place / "dist").glob("duet-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "db/schema.sql" in names
    assert "bot/locales/ru/LC_MESSAGES/messages.po" in names
    assert not any(name.startswith(("tests/", "locales/")) for name in names)

    _run(sys.executable, "-m", "venv", place / "venv", cwd=place)
    python = place / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--require-hashes",
         "-r", REPOSITORY / "requirements.lock", cwd=place)  # fmt: skip
    _run(python, "-m", "pip", "install", "-q", "--no-deps", wheel, cwd=place)
    return python


def test_the_wheel_installs_its_data_outside_the_checkout(installed: Path) -> None:
    where = _run(
        installed,
        "-c",
        "import bot, db.migrations, bot.config;"
        "print(bot.__file__); print(db.migrations.SCHEMA_PATH);"
        "print(bot.config.default_locales_path())",
        cwd=installed.parent,
    ).split()
    venv = installed.parent.parent
    assert all(Path(path).is_relative_to(venv) for path in where), where
    assert not any(Path(path).is_relative_to(REPOSITORY) for path in where)


async def test_the_installed_bot_greets_a_user(installed: Path, tmp_path: Path) -> None:
    async with FakeBotApi(TOKEN, bot_id=123456, bot_username=BOT_USERNAME) as api:
        env = bot_env(api, tmp_path / "duet.sqlite3")
        env.pop("PYTHONPATH", None)
        env["VIRTUAL_ENV"] = str(installed.parent.parent)
        proc = await asyncio.create_subprocess_exec(
            installed, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
        )
        assert proc.stderr is not None
        lines: list[str] = []
        try:
            async with asyncio.timeout(60):
                while not any("Duet is ready" in line for line in lines):
                    line = (await proc.stderr.readline()).decode()
                    assert line, "the installed bot exited:\n" + "".join(lines)
                    lines.append(line)
            boris = api.add_user(1002, "Борис", language_code="ru")
            await boris.send("/start")
            await boris.wait_for_text("Добро пожаловать", timeout=20)
        finally:
            if proc.returncode is None:
                proc.terminate()
            async with asyncio.timeout(20):
                await proc.wait()
        assert proc.returncode == 0
        assert os.fspath(REPOSITORY) not in "".join(lines)
