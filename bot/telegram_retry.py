"""Retrying Bot API calls that Telegram asks us to repeat (429) or that failed in transit.

`429 retry_after` waits the given time (bounded); 5xx answers and network errors back off
exponentially. Other errors (400, 403...) are never retried: they would fail again.
Long polling has its own backoff in aiogram, so `getUpdates` passes straight through, and so
does a caller that handles `retry_after` itself (`own_retry_after()`): game messages wait
and then render the newest state instead of re-sending a stale one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

logger = logging.getLogger(__name__)

_caller_handles_429: ContextVar[bool] = ContextVar("caller_handles_429", default=False)


@contextmanager
def own_retry_after() -> Iterator[None]:
    """Inside: a 429 is raised at once (TelegramRetryAfter) for the caller to handle."""
    token = _caller_handles_429.set(True)
    try:
        yield
    finally:
        _caller_handles_429.reset(token)


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(self, *, attempts: int, max_wait: float, backoff: float = 0.5) -> None:
        self._attempts = attempts
        self._max_wait = max_wait
        self._backoff = backoff

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if method.__api_method__ == GetUpdates.__api_method__:
            return await make_request(bot, method)
        attempt = 1
        while True:
            reason = "rate limited"
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if (
                    _caller_handles_429.get()
                    or attempt >= self._attempts
                    or error.retry_after > self._max_wait
                ):
                    raise
                delay = float(error.retry_after)
            except (TelegramServerError, TelegramNetworkError) as error:
                if attempt >= self._attempts:
                    raise
                delay = min(self._backoff * 2 ** (attempt - 1), self._max_wait)
                reason = error.message  # why, in one line: "Connect call failed ..."
            logger.info(
                "%s failed (attempt %d of %d: %s); retrying in %.1fs",
                type(method).__name__, attempt, self._attempts, reason, delay,
            )  # fmt: skip
            await asyncio.sleep(delay)
            attempt += 1
