"""The bot's update queue and ``getUpdates`` long polling.

Semantics follow the Bot API: update ids strictly increase; an update stays queued until it
is confirmed by a ``getUpdates`` call whose ``offset`` is greater than its id (a negative
offset keeps only the last ``-offset`` updates); ``limit`` caps a batch (1-100); ``timeout``
long-polls; ``allowed_updates`` is remembered between calls and, as on Telegram, applies to
updates created *after* it was set (the default excludes ``chat_member``,
``message_reaction`` and ``message_reaction_count``). A second concurrent ``getUpdates``
makes the waiting one answer 409. In webhook mode the webhook deliverer consumes the same
queue and removes an update once its delivery succeeded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from .changes import ChangeFeed
from .errors import GET_UPDATES_CONFLICT, TelegramFault
from .models import JsonDict

ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
MAX_LIMIT = 100
FIRST_UPDATE_ID = 700_000_001


@dataclass(frozen=True, slots=True)
class QueuedUpdate:
    update_id: int
    kind: str
    update: JsonDict
    key: int  # the user or chat the update is about; webhook delivery keeps it ordered


class UpdateQueue:
    def __init__(self, changes: ChangeFeed) -> None:
        self._changes = changes
        self._next_id = FIRST_UPDATE_ID
        self.pending: list[QueuedUpdate] = []
        self.allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.fetched_up_to = 0  # the highest update id handed out by getUpdates
        self._poll: asyncio.Future[None] | None = None

    @property
    def unfetched(self) -> int:
        """Queued updates that no ``getUpdates`` call has returned yet."""
        return sum(1 for queued in self.pending if queued.update_id > self.fetched_up_to)

    @property
    def polling(self) -> bool:
        """True while a long-polling ``getUpdates`` is waiting."""
        return self._poll is not None and not self._poll.done()

    def push(self, kind: str, payload: JsonDict, *, key: int) -> int | None:
        """Queue ``{"update_id": N, kind: payload}``; returns N, or None if filtered out."""
        if kind not in self.allowed:
            return None
        update_id = self._next_id
        self._next_id += 1
        self.pending.append(
            QueuedUpdate(update_id, kind, {"update_id": update_id, kind: payload}, key)
        )
        self._wake_poll()
        self._changes.notify()
        return update_id

    def set_allowed(self, allowed: list[str] | None) -> None:
        if allowed is None:
            return
        unknown = [name for name in allowed if name not in ALL_UPDATE_TYPES]
        if unknown:
            raise TelegramFault.bad_request(
                f"unknown update type {unknown[0]!r} in allowed_updates"
            )
        self.allowed = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES

    def confirm(self, offset: int) -> None:
        if offset > 0:
            self.pending = [queued for queued in self.pending if queued.update_id >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def remove(self, update_id: int) -> None:
        self.pending = [queued for queued in self.pending if queued.update_id != update_id]
        self.fetched_up_to = max(self.fetched_up_to, update_id)
        self._changes.notify()

    def drop_pending(self) -> None:
        self.pending.clear()
        self.fetched_up_to = self._next_id - 1
        self._changes.notify()

    async def get_updates(
        self,
        *,
        offset: int | None,
        limit: int | None,
        wait_seconds: int | None,
        connected: Callable[[], bool] = lambda: True,
    ) -> list[JsonDict]:
        """One ``getUpdates`` call; may raise the 409 conflict fault.

        ``connected()`` is checked after a long wait: a poll whose client went away (aiogram
        cancels its request when polling stops) hands out nothing, so no update counts as
        fetched by a client that never saw it.
        """
        if offset:
            self.confirm(offset)
        limit = MAX_LIMIT if limit is None or limit <= 0 else min(limit, MAX_LIMIT)
        if self._poll is not None and not self._poll.done():
            self._poll.set_exception(TelegramFault.conflict(GET_UPDATES_CONFLICT))
        batch = self._take(limit)
        if batch or not wait_seconds or wait_seconds <= 0:
            return batch
        poll: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._poll = poll
        try:
            async with asyncio.timeout(wait_seconds):
                await asyncio.shield(poll)
        except TimeoutError:
            pass
        finally:
            if self._poll is poll:
                self._poll = None
            if not poll.done():
                poll.cancel()
        return self._take(limit) if connected() else []

    def release_poll(self) -> None:
        """Make a waiting long poll return now (used when the server stops)."""
        self._wake_poll()

    def _wake_poll(self) -> None:
        if self._poll is not None and not self._poll.done():
            self._poll.set_result(None)

    def _take(self, limit: int) -> list[JsonDict]:
        batch = self.pending[:limit]
        if batch:
            self.fetched_up_to = max(self.fetched_up_to, batch[-1].update_id)
            self._changes.notify()
        return [queued.update for queued in batch]
