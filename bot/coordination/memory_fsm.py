"""aiogram's in-memory FSM storage and event isolation, without an entry for every user ever
seen (the single-worker default; with REDIS_URL, Redis holds both).

aiogram's `MemoryStorage` reads through a defaultdict, so every user's first update leaves a
record behind for good, and `SimpleEventIsolation` keeps each user's lock forever (its own
"TODO: Unused locks cleaner is needed"). Both grow with everyone who ever wrote to the bot:
about 1 KB per user, 20 MB at 10,000 couples (tests/benchmarks). Here a user with no state
and no data has no record, and a lock lives only while an update holds or awaits it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Hashable, Mapping
from contextlib import asynccontextmanager
from copy import copy
from typing import Any, overload

from aiogram.fsm.storage.base import BaseEventIsolation, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage


class LeanMemoryStorage(MemoryStorage):
    """`MemoryStorage` whose reads create nothing and which drops a record left empty."""

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await super().set_state(key, state)
        self._forget_if_empty(key)

    async def get_state(self, key: StorageKey) -> str | None:
        record = self.storage.get(key)
        return None if record is None else record.state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await super().set_data(key, data)
        self._forget_if_empty(key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = self.storage.get(key)
        return {} if record is None else record.data.copy()

    @overload
    async def get_value(self, storage_key: StorageKey, dict_key: str) -> Any | None: ...

    @overload
    async def get_value(self, storage_key: StorageKey, dict_key: str, default: Any) -> Any: ...

    async def get_value(
        self, storage_key: StorageKey, dict_key: str, default: Any | None = None
    ) -> Any | None:
        record = self.storage.get(storage_key)
        data = {} if record is None else record.data
        return copy(data.get(dict_key, default))  # a copy, as aiogram's

    def _forget_if_empty(self, key: StorageKey) -> None:
        record = self.storage.get(key)
        if record is not None and record.state is None and not record.data:
            del self.storage[key]


class _HeldLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0  # updates holding or waiting for the lock


class LeanEventIsolation(BaseEventIsolation):
    """`SimpleEventIsolation` (one user's updates one at a time, in arrival order), whose
    lock for a user is dropped when the last update holding or awaiting it is done."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, _HeldLock] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        held = self._locks.get(key)
        if held is None:
            held = self._locks[key] = _HeldLock()
        held.users += 1
        try:
            async with held.lock:
                yield
        finally:
            # No await between the count reaching zero and the removal: a later update
            # for this key cannot have taken the old lock in between.
            held.users -= 1
            # close() may have cleared the map meanwhile (aiogram closes the isolation at
            # shutdown while the last updates finish).
            if held.users == 0 and self._locks.get(key) is held:
                del self._locks[key]

    def users_in_flight(self) -> int:
        """Users with an update holding or awaiting their lock (not `__len__`: an empty
        isolation would be falsy, and aiogram replaces a falsy one with none at all)."""
        return len(self._locks)

    async def close(self) -> None:
        self._locks.clear()
