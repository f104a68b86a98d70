"""The shape of a migrated schema, read from SQLite's or PostgreSQL's catalog, in one form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from db import Database
from db.connection import Connection


@dataclass
class Shape:
    # table -> column -> (not null, part of the primary key)
    columns: dict[str, dict[str, tuple[bool, bool]]] = field(default_factory=dict)
    # index name -> (table, unique, partial): the indexes created by name
    indexes: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)
    unique_constraints: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)
    foreign_keys: set[tuple[str, str, str]] = field(default_factory=set)
    checks: dict[str, int] = field(default_factory=dict)  # CHECK constraints per table
    triggers: set[tuple[str, str]] = field(default_factory=set)


async def describe(database: Database) -> Shape:
    async with database.read() as uow:
        if uow.conn.dialect == "sqlite":
            return await _sqlite(uow.conn)
        return await _postgres(uow.conn)


async def schema_version(database: Database) -> int:
    async with database.read() as uow:
        if uow.conn.dialect == "sqlite":
            return int(await uow.conn.fetch_value("PRAGMA user_version"))
        return int(await uow.conn.fetch_value("SELECT version FROM duet_schema_version"))


async def _sqlite(conn: Connection) -> Shape:
    shape = Shape()
    tables = await conn.fetch_all(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for table, sql in tables:
        columns = await conn.fetch_all(
            'SELECT name, "notnull", pk FROM pragma_table_info(?)', (table,)
        )
        # A PRIMARY KEY column is never NULL (SQLite just does not flag it).
        shape.columns[table] = {name: (bool(nn) or bool(pk), bool(pk)) for name, nn, pk in columns}
        shape.checks[table] = len(re.findall(r"\bCHECK\s*\(", sql))
        for _, name, unique, origin, partial in await conn.fetch_all(
            'SELECT seq, name,  "unique", origin, partial FROM pragma_index_list(?)',
            (table,),
        ):
            if origin == "c":
                shape.indexes[name] = (table, bool(unique), bool(partial))
            elif origin == "u":
                cols = await conn.fetch_all(
                    "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (name,)
                )
                shape.unique_constraints.add((table, tuple(c[0] for c in cols)))
        for row in await conn.fetch_all(
            'SELECT "from", "table" FROM pragma_foreign_key_list(?)', (table,)
        ):
            shape.foreign_keys.add((table, row[0], row[1]))
    for name, table in await conn.fetch_all(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
    ):
        shape.triggers.add((table, name))
    return shape


async def _postgres(conn: Connection) -> Shape:
    shape = Shape()
    for table, column, nullable in await conn.fetch_all(
        "SELECT c.table_name, c.column_name, c.is_nullable FROM information_schema.columns c"
        " JOIN information_schema.tables t"
        "   ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
        " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
        "   AND c.table_name <> 'duet_schema_version'"
    ):
        shape.columns.setdefault(table, {})[column] = (nullable == "NO", False)
    for table, column in await conn.fetch_all(
        "SELECT rel.relname, a.attname FROM pg_constraint con"
        " JOIN pg_class rel ON rel.oid = con.conrelid"
        " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)"
        " WHERE con.contype = 'p' AND rel.relnamespace = to_regnamespace(current_schema())"
        "   AND rel.relname <> 'duet_schema_version'"
    ):
        shape.columns[table][column] = (True, True)
    for name, table, unique, partial in await conn.fetch_all(
        "SELECT ic.relname, tc.relname, i.indisunique, i.indpred IS NOT NULL FROM pg_index i"
        " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid"
        " WHERE tc.relnamespace = to_regnamespace(current_schema())"
        "   AND tc.relname <> 'duet_schema_version'"
        "   AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)"
    ):
        shape.indexes[name] = (table, unique, partial)
    for table, kind, columns, target in await conn.fetch_all(
        "SELECT rel.relname, con.contype::text,"
        " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(n, o)"
        "       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n"
        "       ORDER BY k.o),"
        " ref.relname FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid"
        " LEFT JOIN pg_class ref ON ref.oid = con.confrelid"
        " WHERE rel.relnamespace = to_regnamespace(current_schema())"
        "   AND rel.relname <> 'duet_schema_version'"
    ):
        if kind == "u":
            shape.unique_constraints.add((table, tuple(columns)))
        elif kind == "f":
            shape.foreign_keys.add((table, columns[0], target))
        elif kind == "c":
            shape.checks[table] = shape.checks.get(table, 0) + 1
    for table in shape.columns:
        shape.checks.setdefault(table, 0)
    for name, table in await conn.fetch_all(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE c.relnamespace = to_regnamespace(current_schema()) AND NOT t.tgisinternal"
    ):
        shape.triggers.add((table, name))
    return shape
