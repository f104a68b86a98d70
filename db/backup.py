"""A consistent copy of the SQLite database while the bot runs (SQLite's online backup API).

`python -m bot backup PATH` (bot/cli.py). The copy is one snapshot: the backup reads the
whole database in one step inside one read transaction, which in WAL mode blocks no writer
(a stepwise backup restarts whenever another connection writes, and may never finish under
load). It is written beside PATH, checked, switched out of WAL mode (a single
self-contained file) and only then renamed onto PATH, so PATH is never half a database.
PostgreSQL is backed up with pg_dump (docs/operations.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    """The backup could not be made; nothing was written at the target."""


def backup_sqlite(source: Path, target: Path, *, busy_timeout_ms: int = 10_000) -> int:
    """Copy the database at `source` to `target`; returns the copy's size in bytes."""
    if not source.is_file():
        raise BackupError(f"{source}: no such database")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target}: that is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(source, timeout=busy_timeout_ms / 1000)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)  # pages=-1: everything in one step, one snapshot
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"the copy fails its integrity check: {problems[:3]}")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"{source}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size
