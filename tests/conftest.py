"""Fixtures shared by every test tier."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import settings

from db import Database

# Locally Hypothesis explores new examples on every run; in CI (CI=true) it replays a fixed
# set, so a landing never depends on luck. Failures found locally are kept in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a real temporary SQLite file."""
    db = Database(tmp_path / "duet.sqlite3")
    await db.open()
    yield db
    await db.close()
