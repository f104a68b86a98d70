"""Persistence: a thin raw-SQL repository layer over SQLite (aiosqlite) or PostgreSQL (asyncpg).

Nothing outside this package contains SQL. Services open a unit of work with
`Database.transaction()` (writes) or `Database.read()` and call its repositories.
"""

from db.database import Database, DatabaseError, UnitOfWork, database_for
from db.errors import ConstraintViolation, PartnershipConflict

__all__ = [
    "ConstraintViolation",
    "Database",
    "DatabaseError",
    "PartnershipConflict",
    "UnitOfWork",
    "database_for",
]
