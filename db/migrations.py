"""Versioned schema: `schema.sql` is an ordered list of `-- migration N: ...` sections.

Loading is per dialect (db/dialect.py); applying them is here for SQLite and in
db/postgres.py for PostgreSQL.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.connection import Connection
from db.dialect import Dialect, DialectError, for_sqlite, postgres_statements


def _schema_path() -> Path:
    """`schema.sql` at the checkout's top; an installed wheel ships it inside `db/` (setup.py)."""
    here = Path(__file__).resolve().parent
    shipped = here / "schema.sql"
    return shipped if shipped.is_file() else here.parent / "schema.sql"


SCHEMA_PATH = _schema_path()
_HEADER = re.compile(r"^-- migration (\d+):(.*)$", re.MULTILINE)


class SchemaError(Exception):
    """The schema file or the database's version is not usable."""


@dataclass(frozen=True)
class Migration:
    version: int
    title: str
    statements: tuple[str, ...]


def load_migrations(path: Path = SCHEMA_PATH, dialect: Dialect = "sqlite") -> tuple[Migration, ...]:
    text = path.read_text(encoding="utf-8")
    headers = list(_HEADER.finditer(text))
    migrations = []
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        version = int(header.group(1))
        if version != index + 1:
            raise SchemaError(f"{path}: migration {version} is out of order")
        body = text[header.end() : end]
        try:
            statements = (
                split_statements(for_sqlite(body))
                if dialect == "sqlite"
                else postgres_statements(body)
            )
        except DialectError as error:
            raise SchemaError(f"{path}: migration {version}: {error}") from error
        migrations.append(Migration(version, header.group(2).strip(), statements))
    if not migrations:
        raise SchemaError(f"{path}: no migrations found")
    return tuple(migrations)


def split_statements(script: str) -> tuple[str, ...]:
    """Split a script into complete statements (triggers with BEGIN ... END stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise SchemaError(f"incomplete statement: {buffer.strip()[:80]}")
    return tuple(statements)


async def current_version(conn: Connection) -> int:
    return int(await conn.fetch_value("PRAGMA user_version"))


async def migrate(
    conn: Connection, migrations: tuple[Migration, ...], target: int | None = None
) -> int:
    """Bring the database up to `target` (default: latest); returns the resulting version.

    Each migration runs in its own BEGIN IMMEDIATE transaction and re-reads the version
    under the write lock, so two processes starting together never apply one twice.
    """
    latest = migrations[-1].version if target is None else target
    version = await current_version(conn)
    if version > migrations[-1].version:
        raise SchemaError(
            f"the database is at schema version {version}, newer than this Duet "
            f"({migrations[-1].version}); upgrade Duet"
        )
    for migration in migrations:
        if migration.version > latest:
            break
        await conn.execute("BEGIN IMMEDIATE")
        try:
            if await current_version(conn) >= migration.version:
                await conn.execute("ROLLBACK")
                continue
            for statement in migration.statements:
                await conn.execute(statement)
            # PRAGMA takes no parameters; the value is an int we produced.
            await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
    return await current_version(conn)
