"""A command always wins over a pending question (e.g. "send me your new name")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class CommandCancelsStateMiddleware(BaseMiddleware):
    """Outer message middleware: a /command clears the FSM state before routing."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        state: FSMContext | None = data.get("state")
        if (
            isinstance(event, Message)
            and state is not None
            and (event.text or "").startswith("/")
            and await state.get_state() is not None
        ):
            await state.clear()
            data["raw_state"] = None
        return await handler(event, data)
