"""Fixtures shared by every test tier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from db import Database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a real temporary SQLite file."""
    db = Database(tmp_path / "duet.sqlite3")
    await db.open()
    yield db
    await db.close()
