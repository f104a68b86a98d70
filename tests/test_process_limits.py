"""The process-wide limits: how many updates run at once, and the frozen startup heap."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import GetUserProfilePhotos, TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import TelegramObject, Update, UserProfilePhotos

from bot.gc_tuning import (
    OLDER_GENERATIONS_THRESHOLD,
    YOUNG_GENERATION_THRESHOLD,
    settle_startup_heap,
)
from bot.middlewares.concurrency import ConcurrencyLimitMiddleware
from bot.response_models import PinResponseModelsMiddleware


async def test_no_more_than_the_limit_run_at_once_and_all_finish() -> None:
    limit = ConcurrencyLimitMiddleware(3)
    running = peak = 0
    release = asyncio.Event()

    async def handler(event: TelegramObject, data: dict[str, Any]) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await release.wait()
        running -= 1
        return int(data["n"])

    tasks = [asyncio.create_task(limit(handler, TelegramObject(), {"n": n})) for n in range(10)]
    await asyncio.sleep(0.01)
    assert running == 3  # the other seven wait for a slot
    release.set()
    assert await asyncio.gather(*tasks) == list(range(10))
    assert peak == 3


async def test_a_failing_update_gives_its_slot_back() -> None:
    limit = ConcurrencyLimitMiddleware(1)

    async def failing(event: TelegramObject, data: dict[str, Any]) -> None:
        raise RuntimeError("handler bug")

    async def fine(event: TelegramObject, data: dict[str, Any]) -> str:
        return "ok"

    for _ in range(3):
        with pytest.raises(RuntimeError):
            await limit(failing, TelegramObject(), {})
    assert await asyncio.wait_for(limit(fine, TelegramObject(), {}), 1) == "ok"


def test_the_startup_heap_is_frozen_out_of_collections() -> None:
    thresholds = gc.get_threshold()
    try:
        frozen = settle_startup_heap()
        assert Update.__pydantic_complete__  # built before the freeze, not by an update
        assert frozen > 10_000  # aiogram's models alone are far more than that
        assert gc.get_freeze_count() == frozen
        assert gc.get_threshold() == (
            YOUNG_GENERATION_THRESHOLD,
            OLDER_GENERATIONS_THRESHOLD,
            OLDER_GENERATIONS_THRESHOLD,
        )
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
        gc.set_threshold(*thresholds)


async def test_response_models_survive_garbage_collection() -> None:
    """pydantic caches aiogram's `Response[...]` models weakly: without a holder a collection
    frees them and the next call rebuilds one. The session middleware holds those used."""
    method = GetUserProfilePhotos(user_id=1)

    async def make_request(
        bot: Bot, method: TelegramMethod[UserProfilePhotos]
    ) -> Response[UserProfilePhotos]:
        return Response[UserProfilePhotos](ok=True, result=None)

    unheld = weakref.ref(Response[UserProfilePhotos])
    gc.collect()
    assert unheld() is None  # what happened on every full collection

    pin = PinResponseModelsMiddleware()  # as the bot's session holds it
    await pin(make_request, Bot("1:a"), method)
    held = weakref.ref(Response[UserProfilePhotos])
    gc.collect()
    assert held() is not None
