"""Prometheus metrics for the people who run Duet (prometheus_client).

One `Metrics` per running bot, each with a registry of its own (no process-global state: a
test runs several bots in one process). Served at `/metrics`: on the webhook port in webhook
mode, on METRICS_PORT in polling mode (docs/operations.md).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

METRICS_PATH = "/metrics"

_ERROR_KINDS: tuple[tuple[type[TelegramAPIError], str], ...] = (
    (TelegramRetryAfter, "flood_wait"),
    (TelegramForbiddenError, "forbidden"),
    (TelegramBadRequest, "bad_request"),
    (TelegramNotFound, "not_found"),
    (TelegramConflictError, "conflict"),
    (TelegramUnauthorizedError, "unauthorized"),
    (TelegramServerError, "server_error"),
    (TelegramNetworkError, "network"),
)


def error_kind(error: TelegramAPIError) -> str:
    for kind_class, kind in _ERROR_KINDS:
        if isinstance(error, kind_class):
            return kind
    return "other"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter(
            "duet_updates_handled",
            "Updates the dispatcher handled, by update type.",
            ["type"],
            registry=self.registry,
        )
        self.handler_seconds = Histogram(
            "duet_handler_seconds",
            "Time from an update entering the dispatcher to its handling's end.",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=self.registry,
        )
        self.api_errors = Counter(
            "duet_bot_api_errors",
            "Bot API calls that failed, by kind (after the retries).",
            ["kind", "method"],
            registry=self.registry,
        )
        self.games_started = Counter(
            "duet_games_started", "Games that started (an accepted invitation).", ["game"],
            registry=self.registry,
        )  # fmt: skip
        self.games_finished = Counter(
            "duet_games_finished",
            "Games that ended, by game and status (finished or abandoned).",
            ["game", "status"],
            registry=self.registry,
        )
        self.daily_answers = Counter(
            "duet_daily_answers", "Answers to the question of the day.", registry=self.registry
        )

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    # -- hooks ---------------------------------------------------------------------------

    async def update_middleware(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """An outer middleware on `dispatcher.update`."""
        started = time.perf_counter()
        try:
            return await handler(event, data)
        finally:
            self.handler_seconds.observe(time.perf_counter() - started)
            kind = event.event_type if isinstance(event, Update) else type(event).__name__
            self.updates.labels(kind).inc()

    def request_middleware(self) -> BaseRequestMiddleware:
        return _ErrorCounter(self)

    # -- the HTTP endpoint -----------------------------------------------------------------

    async def serve(self, _: web.Request) -> web.Response:
        response = web.Response(body=self.exposition())
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        return response

    def add_route(self, app: web.Application) -> None:
        app.router.add_get(METRICS_PATH, self.serve)


class _ErrorCounter(BaseRequestMiddleware):
    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramAPIError as error:
            self._metrics.api_errors.labels(error_kind(error), type(method).__name__).inc()
            raise
