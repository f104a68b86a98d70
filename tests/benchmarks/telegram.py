"""Telegram replaced by a zero-latency, in-process answer, and the updates users would send.

`InProcessSession` is an aiogram `BaseSession`: it serializes every request exactly as the
real HTTP session does, answers at once with the JSON Telegram would send (a `Message` with an
increasing `message_id` for sends and edits, `True` for callback answers), and parses that
answer through aiogram's own `check_response`. So what a benchmark measures is the bot's cost
plus aiogram's client cost, with no network.

Every Bot API call is attributed to the update being handled (a context variable set around
`Dispatcher.feed_update`): the latency of an update is the time of its last Bot API call minus
the time it entered the dispatcher.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile, Update

BOT_ID = 123456
BOT_USERNAME = "duet_bench_bot"
TOKEN = f"{BOT_ID}:BENCH-token_abcdefghijklmnopqrstuvwxyz"
_BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Duet", "username": BOT_USERNAME}
# Methods whose answer is the sent or edited message (everything else answers True).
_MESSAGE_METHODS = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})


@dataclass
class Trace:
    """One update on its way through the dispatcher."""

    kind: str
    entered: float
    pressed: float
    """When the user pressed: `entered` less the wait at Telegram for a free slot."""
    last_call: float | None = None
    calls: int = 0


@dataclass
class Screen:
    """What a chat's message shows now: its buttons' callback data (the user's view).

    Kept small (one string), since this fake Telegram lives in the measured process.
    """

    message_id: int
    data: str  # every button's callback data, one per line

    @property
    def buttons(self) -> list[str]:
        return self.data.split("\n")

    def has(self, callback_data: str) -> bool:
        return f"\n{callback_data}\n" in f"\n{self.data}\n"


@dataclass
class TelegramStats:
    calls: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
    alerts: list[str] = field(default_factory=list)
    untraced_calls: int = 0


_Client = TypeVar("_Client")

_current: ContextVar[Trace | None] = ContextVar("bench_current_update", default=None)


class InProcessSession(BaseSession):
    """A Bot API that answers instantly, in process, and remembers what each chat shows."""

    def __init__(self) -> None:
        super().__init__()
        self._message_ids = itertools.count(1_000)
        self.stats = TelegramStats()
        # chat id -> the newest message with buttons whose data starts with a prefix we follow
        self.screens: dict[int, dict[str, Screen]] = {}

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        if url:  # the bot downloads nothing in these benchmarks
            raise NotImplementedError(url)
        yield b""

    def next_message_id(self) -> int:
        return next(self._message_ids)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> TelegramType:
        # The same serialization as aiogram's AiohttpSession.build_form_data.
        files: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                params[key] = prepared
        name = method.__api_method__
        result = self._answer(name, params)
        response = self.check_response(
            bot=bot,
            method=method,
            status_code=200,
            content=self.json_dumps({"ok": True, "result": result}),
        )
        self._account(name, params)
        return cast(TelegramType, response.result)

    def _answer(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return {**_BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False}
        if name not in _MESSAGE_METHODS:
            return True
        chat_id = int(params["chat_id"])
        message_id = self.next_message_id() if name == "sendMessage" else int(params["message_id"])
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Player"},
            "from": _BOT_USER,
            "text": params.get("text", "…"),
        }
        if name != "sendMessage":
            message["edit_date"] = message["date"]
        markup = params.get("reply_markup")
        if markup:
            keyboard = json.loads(markup)
            message["reply_markup"] = keyboard
            self._remember(chat_id, message_id, keyboard)
        return message

    def _remember(self, chat_id: int, message_id: int, keyboard: dict[str, Any]) -> None:
        data = tuple(
            str(button["callback_data"])
            for row in keyboard.get("inline_keyboard", ())
            for button in row
            if "callback_data" in button
        )
        screens = self.screens.setdefault(chat_id, {})
        joined = "\n".join(data)
        for prefix in {item.split(":", 1)[0] for item in data}:
            screens[prefix] = Screen(message_id, joined)

    def _account(self, name: str, params: dict[str, Any]) -> None:
        stats = self.stats
        stats.calls += 1
        stats.by_method[name] = stats.by_method.get(name, 0) + 1
        if name == "answerCallbackQuery" and params.get("show_alert"):
            stats.alerts.append(str(params.get("text", "")))
        trace = _current.get()
        if trace is None:
            stats.untraced_calls += 1
            return
        trace.calls += 1
        trace.last_call = time.perf_counter()

    def screen(self, chat_id: int, prefix: str) -> Screen | None:
        """The newest message of the chat with a button whose callback data has `prefix`."""
        return self.screens.get(chat_id, {}).get(prefix)


class UpdateFactory:
    """Raw updates as Telegram sends them, parsed as aiogram's polling parses them."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def callback_query(
        self, telegram_id: int, message_id: int, data: str, *, language: str = "en"
    ) -> dict[str, Any]:
        update_id = next(self._ids)
        person = {"id": telegram_id, "is_bot": False, "first_name": f"P{telegram_id}"}
        return {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "from": {**person, "language_code": language},
                "chat_instance": str(telegram_id),
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": telegram_id, "type": "private", "first_name": "Player"},
                    "from": _BOT_USER,
                    "text": "…",
                },
            },
        }


class Delivery:
    """How polling hands updates to the bot: `bot.runtime` polls with
    ``tasks_concurrency_limit=MAX_CONCURRENT_UPDATES``, so at most that many updates are in
    the process at once and the rest of a burst waits at Telegram. Pressing is instant for
    the simulated users; their update is parsed and fed once a slot is free."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._slots = asyncio.Semaphore(slots)

    async def feed(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        raw: dict[str, Any],
        kind: str,
        pressed: float | None = None,
    ) -> Trace:
        pressed = time.perf_counter() if pressed is None else pressed
        async with self._slots:
            return await feed(dispatcher, bot, raw, kind, pressed=pressed)

    async def crowd(
        self, clients: Iterable[_Client], press: Callable[[_Client, float], Awaitable[bool]]
    ) -> None:
        """Every client presses at once, and again as soon as its last update was handled,
        while `press(client, pressed_at)` answers True.

        The backlog waits at Telegram, so here it is a queue of (client, when pressed), in
        the order pressed, taken `slots` at a time as polling takes it: not thousands of
        waiting coroutines, each holding a parsed update, in the measured process.
        """
        backlog = deque((client, time.perf_counter()) for client in clients)

        # One task per slot, so `feed`'s semaphore never makes these wait.
        async def slot() -> None:
            while backlog:
                client, pressed = backlog.popleft()
                if await press(client, pressed):
                    backlog.append((client, time.perf_counter()))

        await asyncio.gather(*(slot() for _ in range(self.slots)))


async def feed(
    dispatcher: Dispatcher, bot: Bot, raw: dict[str, Any], kind: str, pressed: float | None = None
) -> Trace:
    """Parse one update as polling does and feed it to the dispatcher; returns its trace."""
    update = Update.model_validate(raw, context={"bot": bot})
    entered = time.perf_counter()
    trace = Trace(kind, entered, entered if pressed is None else pressed)
    token = _current.set(trace)
    try:
        await dispatcher.feed_update(bot, update)
    finally:
        _current.reset(token)
    return trace


def latency(trace: Trace) -> float | None:
    """Seconds from entering the dispatcher to the update's last Bot API call."""
    return None if trace.last_call is None else trace.last_call - trace.entered


def latency_from_press(trace: Trace) -> float | None:
    """Seconds from the press (waiting at Telegram included) to the last Bot API call."""
    return None if trace.last_call is None else trace.last_call - trace.pressed
