"""What repositories see of a database connection, whatever the backend.

Repositories write SQLite-flavoured SQL with `?` placeholders; the PostgreSQL connection
rewrites it (db/dialect.py), so no repository knows which database it talks to.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, Protocol

from db.dialect import Dialect

Params = Sequence[Any]


class Row(Protocol):
    """A result row: `row["column"]`, `row[0]`, `dict(row)`, `tuple(row)`.

    sqlite3.Row and asyncpg.Record both are one.
    """

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> Iterable[str]: ...


class RowPart:
    """One table's columns of a joined row, named without their prefix (``p_id`` -> ``id``),
    so that table's ``from_row`` reads them."""

    def __init__(self, row: Row, prefix: str) -> None:
        self._row = row
        self._prefix = prefix
        keys = row.keys()  # not `for key in row`: iterating a row gives its values
        self._names = [key[len(prefix) :] for key in keys if key.startswith(prefix)]

    def __getitem__(self, key: int | str, /) -> Any:
        name = self._names[key] if isinstance(key, int) else key
        return self._row[self._prefix + name]

    def __iter__(self) -> Iterator[Any]:
        return (self[name] for name in self._names)

    def __len__(self) -> int:
        return len(self._names)

    def keys(self) -> Iterable[str]:
        return list(self._names)


class Connection(ABC):
    """One connection inside one unit of work; repositories only see these methods."""

    dialect: ClassVar[Dialect]

    @abstractmethod
    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row, or None."""

    @abstractmethod
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row."""

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; returns the number of rows it changed."""

    @abstractmethod
    async def lock_users(self, user_ids: Iterable[int]) -> bool:
        """Hold each user's lock until the transaction ends (see UnitOfWork.lock_users);
        False when the backend needs no locks (nothing read before can be stale)."""

    async def run_together(self, steps: Sequence[Awaitable[Any]]) -> list[Any]:
        """Run independent steps of this unit (repository calls), their results in order.

        Here one after another (asyncpg runs one statement at a time on a connection); a
        backend that can have several statements in flight sends them all at once. The
        first failure is raised once every step that started has ended; a step that never
        started is closed."""
        results = []
        for index, step in enumerate(steps):
            try:
                results.append(await step)
            except BaseException:
                for unstarted in steps[index + 1 :]:
                    if inspect.iscoroutine(unstarted):
                        unstarted.close()
                raise
        return results

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]
