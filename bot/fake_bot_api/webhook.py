"""Webhook mode: POST each queued update to the bot until it answers 2xx.

As on Telegram: the update is sent as a JSON body with the ``X-Telegram-Bot-Api-Secret-Token``
header when a secret is set; it stays queued and is retried (with a small exponential backoff,
``retry_delay`` doubling up to ``max_retry_delay``) until a 2xx answer; at most
``max_connections`` requests are in flight, and updates about the same user are delivered one
at a time, in order. A 2xx answer may carry a Bot API call (JSON or multipart with a
``method`` field, as aiogram's webhook handler produces); it is executed, its result ignored.

``targets`` (``FakeBotApi.webhook_targets``) overrides the URL given to ``setWebhook`` with a
list of URLs used round-robin, one per delivery attempt: a stand-in for a load balancer in
front of several workers. Like a load balancer (nginx's ``proxy_next_upstream error``), an
attempt whose target cannot be connected to at all (a dead worker) passes at once to the next
target, each target at most once per attempt; only when none of them could be reached does
the update wait for the backoff. A target that got the request and failed (an HTTP error, a
dropped connection, a timeout) is not passed on: the worker may have handled it, so it is
retried after the backoff, as Telegram would.

``pins`` (``FakeBotApi.webhook_pins``) makes the balancer sticky for some users, like one
hashing on the client: the updates about a pinned user go to that user's target first, on
every attempt, retries included, whatever else was delivered meanwhile. A test that needs two
presses on two different workers pins them, rather than counting on the round-robin order,
which a retry elsewhere shifts.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from .changes import ChangeFeed
from .models import JsonDict, UploadedFile
from .params import Params
from .updates import QueuedUpdate, UpdateQueue

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ReplyExecutor = Callable[[str, Params], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class WebhookAttempt:
    """One POST of an update to a webhook URL."""

    update_id: int
    url: str
    status: int | None  # None when the connection failed
    error: str | None
    timestamp: float
    kind: str = ""  # the update's type: "message", "callback_query", ...

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _Outcome(enum.Enum):
    DELIVERED = "delivered"
    FAILED = "failed"  # the target got the request (or may have): retry after the backoff
    UNREACHABLE = "unreachable"  # no connection: try the next target now


class WebhookDelivery:
    def __init__(
        self, queue: UpdateQueue, changes: ChangeFeed, execute_reply: ReplyExecutor
    ) -> None:
        self._queue = queue
        self._changes = changes
        self._execute_reply = execute_reply
        self.url: str | None = None
        self.secret_token: str | None = None
        self.max_connections = 40
        self.targets: list[str] = []
        self.pins: dict[int, str] = {}  # user id -> the target their updates go to first
        self.retry_delay = 0.05
        self.max_retry_delay = 1.0
        self.request_timeout = 10.0
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.attempts: list[WebhookAttempt] = []
        self._round_robin = 0
        self._session: aiohttp.ClientSession | None = None
        self._runner: asyncio.Task[None] | None = None
        self._in_flight: dict[int, asyncio.Task[None]] = {}

    @property
    def active(self) -> bool:
        return self.url is not None

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    def configure(self, url: str, secret_token: str | None, max_connections: int) -> None:
        self.url = url
        self.secret_token = secret_token
        self.max_connections = max_connections
        self.last_error_date = None
        self.last_error_message = None
        if self._runner is None or self._runner.done():
            self._runner = asyncio.get_running_loop().create_task(self._run())
        self._changes.notify()

    async def disable(self) -> None:
        self.url = None
        tasks = [task for task in (self._runner, *self._in_flight.values()) if task is not None]
        self._runner = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._in_flight.clear()
        self._changes.notify()

    async def close(self) -> None:
        await self.disable()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        while self.active:
            version = self._changes.version
            self._dispatch()
            await self._changes.wait(since=version)

    def _dispatch(self) -> None:
        seen_keys: set[int] = set()
        for queued in list(self._queue.pending):
            if queued.key in seen_keys:
                continue
            seen_keys.add(queued.key)
            if queued.update_id in self._in_flight:
                continue
            if len(self._in_flight) >= self.max_connections:
                break
            task = asyncio.get_running_loop().create_task(self._deliver(queued))
            self._in_flight[queued.update_id] = task

    async def _deliver(self, queued: QueuedUpdate) -> None:
        delay = self.retry_delay
        try:
            while self.active:
                if await self._attempt(queued):
                    self._queue.remove(queued.update_id)
                    return
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_retry_delay)
        finally:
            self._in_flight.pop(queued.update_id, None)
            self._changes.notify()

    async def _attempt(self, queued: QueuedUpdate) -> bool:
        """One delivery attempt: the next target, then failover past unreachable ones."""
        for url in self._targets_for_attempt(queued.key):
            outcome = await self._post(url, queued)
            if outcome is not _Outcome.UNREACHABLE:
                return outcome is _Outcome.DELIVERED
        return False

    def _targets_for_attempt(self, key: int) -> list[str]:
        if not self.targets:
            assert self.url is not None
            return [self.url]
        pinned = self.pins.get(key)
        if pinned in self.targets:
            start = self.targets.index(pinned)
        else:
            start = self._round_robin % len(self.targets)
            self._round_robin += 1
        return self.targets[start:] + self.targets[:start]

    async def _post(self, url: str, queued: QueuedUpdate) -> _Outcome:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {SECRET_HEADER: self.secret_token} if self.secret_token else {}
        status: int | None = None
        error: str | None = None
        unreachable = False
        try:
            async with self._session.post(
                url,
                json=queued.update,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.request_timeout),
            ) as response:
                status = response.status
                if 200 <= status < 300:
                    await self._run_reply(response)
                else:
                    error = f"Wrong response from the webhook: {status} {response.reason}"
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            # Nothing reached the target: safe to pass the update on to the next one.
            error = f"Connection failed: {type(exc).__name__}: {exc}"
            unreachable = True
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {type(exc).__name__}: {exc}"
        self.attempts.append(
            WebhookAttempt(queued.update_id, url, status, error, time.time(), queued.kind)
        )
        if error is not None:
            self.last_error_date = int(time.time())
            self.last_error_message = error
            logger.debug("webhook delivery of update %s failed: %s", queued.update_id, error)
        self._changes.notify()
        if error is None:
            return _Outcome.DELIVERED
        return _Outcome.UNREACHABLE if unreachable else _Outcome.FAILED

    async def _run_reply(self, response: aiohttp.ClientResponse) -> None:
        """Execute a Bot API call returned in the webhook answer, as Telegram does."""
        values: JsonDict = {}
        files: dict[str, UploadedFile] = {}
        if response.content_type == "application/json":
            with contextlib.suppress(ValueError):
                body = await response.json()
                if isinstance(body, dict):
                    values = body
        elif response.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader.from_response(response)
            async for part in reader:
                if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                    continue
                if part.filename:
                    content = bytes(await part.read())
                    files[part.name] = UploadedFile(part.filename, content)
                else:
                    values[part.name] = await part.text()
        method = values.pop("method", None)
        if isinstance(method, str) and method:
            await self._execute_reply(method, Params(values, files))
