"""`python -m bot` refuses bad configuration with one clear line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings

GOOD_TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"


def run_bot(
    tmp_path: Path, env: dict[str, str], dotenv: str | None = None
) -> subprocess.CompletedProcess[str]:
    ours = {name.upper() for name in Settings.model_fields}
    clean = {k: v for k, v in os.environ.items() if k.upper() not in ours}
    clean.update(env)
    if dotenv is not None:
        (tmp_path / ".env").write_text(dotenv)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "dotenv", "named"),
    [
        ({}, None, "BOT_TOKEN is required"),
        ({"BOT_TOKEN": "not-a-token"}, None, "BOT_TOKEN"),
        ({"BOT_TOKEN": GOOD_TOKEN, "LOG_LEVEL": "LOUD"}, None, "LOG_LEVEL"),
        ({"BOT_TOKEN": GOOD_TOKEN, "DEFAULT_LANGUAGE": "de"}, None, "DEFAULT_LANGUAGE"),
        ({"BOT_TOKEN": GOOD_TOKEN, "INVITE_LIFETIME": "soon"}, None, "INVITE_LIFETIME"),
        ({"BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_URL": "ftp://x"}, None, "TELEGRAM_API_URL"),
        ({}, f"BOT_TOKEN={GOOD_TOKEN}\nBOT_TOKNE=typo\n", "BOT_TOKNE is not a Duet setting"),
    ],
)
def test_bad_settings_end_with_one_line_and_exit_2(
    tmp_path: Path, env: dict[str, str], dotenv: str | None, named: str
) -> None:
    result = run_bot(tmp_path, env, dotenv)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr
    assert GOOD_TOKEN not in result.stderr


def test_unwritable_database_path_exits_2(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = run_bot(
        tmp_path,
        {
            "BOT_TOKEN": GOOD_TOKEN,
            "DATABASE_PATH": str(tmp_path / "blocker" / "duet.sqlite3"),
            # Unreachable on purpose: the database is checked before any network call.
            "TELEGRAM_API_URL": "http://127.0.0.1:9",
        },
    )
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("duet: DATABASE_PATH")
    assert "Traceback" not in result.stderr


def test_settings_defaults() -> None:
    settings = Settings(bot_token=GOOD_TOKEN, _env_file=None)  # type: ignore[arg-type,call-arg]
    assert settings.invite_lifetime.total_seconds() == 24 * 3600
    assert settings.presence_idle_timeout.total_seconds() == 300
    assert settings.game_idle_timeout.total_seconds() == 600
    assert settings.database_path == Path("data/duet.sqlite3")
    assert GOOD_TOKEN not in repr(settings)


def test_readme_documents_every_setting() -> None:
    # README links the table: docs/settings.md.
    readme = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text(
        encoding="utf-8"
    )
    missing = [name.upper() for name in Settings.model_fields if f"`{name.upper()}`" not in readme]
    assert missing == []


def test_durations_accept_seconds_and_iso_8601() -> None:
    settings = Settings(  # type: ignore[call-arg]
        bot_token=GOOD_TOKEN, invite_lifetime="300", presence_idle_timeout="PT5M", _env_file=None
    )
    assert settings.invite_lifetime.total_seconds() == 300
    assert settings.presence_idle_timeout.total_seconds() == 300
