"""A single worker keeps no FSM record or lock for users who are not in the middle of
something: only a question waiting for an answer is remembered (bot/coordination/memory_fsm)."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.memory import MemoryStorage

from bot.coordination.memory_fsm import LeanEventIsolation
from tests.e2e.flows import make_couple, open_home, press_cell, start_game
from tests.e2e.harness import Duet


def fsm_of(duet: Duet) -> tuple[MemoryStorage, LeanEventIsolation]:
    dispatcher = duet.runtime.dispatcher
    assert isinstance(dispatcher, Dispatcher)
    storage, isolation = dispatcher.fsm.storage, dispatcher.fsm.events_isolation
    assert isinstance(storage, MemoryStorage) and isinstance(isolation, LeanEventIsolation)
    return storage, isolation


async def test_only_a_pending_question_is_remembered_per_user(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    for player, cell in [(boris, 1), (alice, 0), (boris, 4), (alice, 2), (boris, 7)]:
        await press_cell(player, cell)
        await duet.settle()
    storage, isolation = fsm_of(duet)
    assert len(storage.storage) == 0  # both played a whole game: nothing to remember
    assert isolation.users_in_flight() == 0

    await open_home(duet, alice)
    await alice.press("👤 Profile")
    await alice.press("✏️ Change name")
    await alice.wait_for_text("Send me your new name")
    await duet.settle()
    assert [key.user_id for key in storage.storage] == [alice.id]  # waiting for her name

    await alice.send("Alicia")
    await alice.wait_for_text("Your name is now Alicia.")
    await duet.settle()
    assert len(storage.storage) == 0
    assert isolation.users_in_flight() == 0
