"""`UnitOfWork.together`: independent repository calls of one unit, results in order, on
both engines (SQLite sends them at once, PostgreSQL one after another); a failure fails the
unit, and nothing it held is left behind."""

from __future__ import annotations

import pytest

from db import ConstraintViolation, Database
from tests.db.test_service_races import _users


async def test_results_come_in_the_order_given(database: Database) -> None:
    ann, bob = await _users(database, 2)
    async with database.transaction() as uow:
        renamed, first, second = await uow.together(
            uow.users.set_display_name(ann, "Ann & <Co>"),
            uow.users.get(ann),
            uow.users.get(bob),
        )
    assert renamed is None
    assert first is not None and first.display_name == "Ann & <Co>"
    assert second is not None and second.id == bob


async def test_a_failed_step_rolls_the_unit_back(database: Database) -> None:
    ann, bob = await _users(database, 2)
    unstarted = None
    with pytest.raises(ConstraintViolation):
        async with database.transaction() as uow:
            unstarted = uow.users.get(bob)
            await uow.together(
                uow.users.set_display_name(ann, "Renamed"),
                uow.settings.create(bob, "en"),  # Bob has his settings row already
                unstarted,
            )
    assert unstarted is not None and unstarted.cr_frame is None  # run or closed, not leaked
    async with database.read() as uow:
        user = await uow.users.get(ann)
    assert user is not None and user.display_name == "U1"
