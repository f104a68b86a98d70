"""The single-worker FSM storage and per-user lock keep nothing for a user with nothing to
keep (aiogram's own keep an entry for everyone ever seen)."""

from __future__ import annotations

import asyncio

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot.coordination.memory_fsm import LeanEventIsolation, LeanMemoryStorage


class Asking(StatesGroup):
    name = State()


def user_key(user_id: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=user_id, user_id=user_id)


async def test_reading_a_user_without_state_stores_nothing() -> None:
    storage = LeanMemoryStorage()
    key = user_key(1)
    assert await storage.get_state(key) is None
    assert await storage.get_data(key) == {}
    assert await storage.get_value(key, "draft") is None
    assert await storage.get_value(key, "draft", "none") == "none"
    assert len(storage.storage) == 0


async def test_state_and_data_are_kept_until_both_are_cleared() -> None:
    storage = LeanMemoryStorage()
    key, other = user_key(1), user_key(2)
    await storage.set_state(key, Asking.name)
    await storage.update_data(key, {"draft": "Al"})
    await storage.set_state(other, Asking.name)
    assert await storage.get_state(key) == Asking.name.state
    assert await storage.get_data(key) == {"draft": "Al"}
    assert await storage.get_value(key, "draft") == "Al"

    await storage.set_state(key, None)  # data alone keeps the record
    assert await storage.get_data(key) == {"draft": "Al"}
    await storage.set_data(key, {})  # FSMContext.clear(): state, then data
    assert key not in storage.storage
    assert await storage.get_state(other) == Asking.name.state  # others untouched

    await storage.set_data(other, {})  # a state alone keeps the record too
    assert await storage.get_state(other) == Asking.name.state


async def test_returned_data_is_a_copy() -> None:
    storage = LeanMemoryStorage()
    key = user_key(1)
    await storage.set_data(key, {"draft": ["Al"]})
    (await storage.get_data(key))["draft"] = "changed"
    (await storage.get_value(key, "draft")).append("changed")
    assert await storage.get_data(key) == {"draft": ["Al"]}


async def test_one_update_of_a_user_at_a_time_in_order_then_no_lock_is_kept() -> None:
    isolation = LeanEventIsolation()
    order: list[str] = []
    release = asyncio.Event()

    async def update(name: str, key: StorageKey, wait: bool = False) -> None:
        async with isolation.lock(key):
            order.append(f"{name} in")
            if wait:
                await release.wait()
            order.append(f"{name} out")

    first = asyncio.create_task(update("first", user_key(1), wait=True))
    await asyncio.sleep(0)
    second = asyncio.create_task(update("second", user_key(1)))
    third = asyncio.create_task(update("third", user_key(1)))
    other = asyncio.create_task(update("other", user_key(2)))
    await other  # another user is not held up
    await asyncio.sleep(0.01)
    assert order == ["first in", "other in", "other out"]
    assert isolation.users_in_flight() == 1  # user 1's lock lives while updates hold or await it

    release.set()
    await asyncio.gather(first, second, third)
    assert order[3:] == ["first out", "second in", "second out", "third in", "third out"]
    assert isolation.users_in_flight() == 0


async def test_a_failing_update_releases_and_drops_its_lock() -> None:
    isolation = LeanEventIsolation()
    with pytest.raises(ValueError, match="handler failed"):
        async with isolation.lock(user_key(1)):
            raise ValueError("handler failed")
    assert isolation.users_in_flight() == 0
    async with asyncio.timeout(1), isolation.lock(user_key(1)):  # free again
        assert isolation.users_in_flight() == 1


async def test_a_cancelled_waiter_leaves_no_lock_behind() -> None:
    isolation = LeanEventIsolation()
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with isolation.lock(user_key(1)):
            holding.set()
            await release.wait()

    async def waiter() -> None:
        async with isolation.lock(user_key(1)):
            pytest.fail("a cancelled waiter must never run")

    held = asyncio.create_task(holder())
    await holding.wait()
    waiting = asyncio.create_task(waiter())
    await asyncio.sleep(0.01)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    await held
    assert isolation.users_in_flight() == 0


async def test_closing_while_an_update_holds_its_lock_is_harmless() -> None:
    # aiogram closes the isolation at shutdown while the last updates finish.
    isolation = LeanEventIsolation()
    async with isolation.lock(user_key(1)):
        await isolation.close()
    assert isolation.users_in_flight() == 0
