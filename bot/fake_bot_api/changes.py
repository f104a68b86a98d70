"""A change counter that waiters and UIs can follow (``FakeBotApi.on_change``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

logger = logging.getLogger(__name__)

ChangeCallback = Callable[[int], None]


class ChangeFeed:
    """Counts changes of the fake Telegram world and wakes whoever follows them.

    Every change (a message sent, edited or deleted by anyone, an update queued, a call
    answered, a callback answered, a user blocked...) increments :attr:`version`. Three ways to
    follow it:

    * ``version = await feed.wait(since=version, timeout=1.0)`` returns as soon as the version
      is greater than ``since`` (at once if it already is);
    * ``async for version in feed:`` yields once per burst of changes (bursts coalesce, so a
      slow consumer such as a UI redraw never falls behind);
    * ``unsubscribe = feed.subscribe(callback)`` calls ``callback(version)`` synchronously on
      every change; keep it cheap and non-blocking.
    """

    def __init__(self) -> None:
        self.version = 0
        self._event = asyncio.Event()
        self._callbacks: list[ChangeCallback] = []

    def notify(self) -> None:
        self.version += 1
        event, self._event = self._event, asyncio.Event()
        event.set()
        for callback in list(self._callbacks):
            try:
                callback(self.version)
            except Exception:  # a broken UI callback must not break the server
                logger.exception("on_change callback %r failed", callback)

    async def wait(
        self,
        since: int | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 -- the deadline is part of this API
    ) -> int:
        """Wait until :attr:`version` exceeds ``since`` (default: the current version).

        Raises ``TimeoutError`` after ``timeout`` seconds.
        """
        baseline = self.version if since is None else since
        async with asyncio.timeout(timeout):
            while self.version <= baseline:
                await self._event.wait()
        return self.version

    def subscribe(self, callback: ChangeCallback) -> Callable[[], None]:
        """Call ``callback(version)`` on every change; returns a function that unsubscribes."""
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._callbacks.remove(callback)

        return unsubscribe

    async def __aiter__(self) -> AsyncIterator[int]:
        seen = self.version
        while True:
            seen = await self.wait(since=seen)
            yield seen
