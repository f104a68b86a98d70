"""The e2e tests' view of the playground runner: a fake clock and test settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.fake_bot_api import FakeBotApi
from bot.playground.runner import BOT_USERNAME, TOKEN, FakeClock, LocalDuet, local_settings

__all__ = ["BOT_USERNAME", "TOKEN", "Duet", "FakeClock", "make_settings"]


class Duet(LocalDuet):
    """The real bot under test; its clock is a FakeClock the tests move."""

    clock: FakeClock


def make_settings(
    tmp_path: Path, api: FakeBotApi, *, database_url: str | None = None, **overrides: Any
) -> Settings:
    """Test settings: the SQLite file in `tmp_path`, or PostgreSQL at `database_url`."""
    # Simulated users tap faster than people: flood control is tested on its own.
    # The daily push is off unless a test turns it on (tests/e2e/test_daily_push.py).
    values: dict[str, Any] = {
        "log_level": "DEBUG",
        "flood_limit": 10_000,
        "daily_push_enabled": False,
        **overrides,
    }
    if database_url is not None:
        values["database_url"] = database_url
    return local_settings(tmp_path / "duet.sqlite3", api, **values)
