"""Telegram-facing handlers: one router per feature, composed in a deliberate order."""

from __future__ import annotations

from aiogram import F, Router

from handlers import start


def build_root_router() -> Router:
    """All feature routers under one root that only serves private chats."""
    root = Router(name="duet")
    root.message.filter(F.chat.type == "private")
    root.callback_query.filter(F.message.chat.type == "private")
    root.include_routers(start.router)
    return root
