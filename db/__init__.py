"""Persistence: a thin raw-SQL repository layer over aiosqlite.

Nothing outside this package contains SQL. Services open a unit of work with
`Database.transaction()` (writes) or `Database.read()` and call its repositories.
"""

from db.database import Database, DatabaseError, UnitOfWork
from db.errors import ConstraintViolation, PartnershipConflict

__all__ = ["ConstraintViolation", "Database", "DatabaseError", "PartnershipConflict", "UnitOfWork"]
