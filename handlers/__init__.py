"""Telegram-facing handlers: one router per feature, composed in a deliberate order."""

from __future__ import annotations

from aiogram import F, Router

from handlers import (
    daily,
    fallback,
    game,
    home,
    invites,
    partner,
    play,
    profile,
    progress,
    settings,
    start,
)


def build_root_router() -> Router:
    """All feature routers under one root that only serves private chats."""
    root = Router(name="duet")
    root.message.filter(F.chat.type == "private")
    root.callback_query.filter(F.message.chat.type == "private")
    root.include_routers(
        start.create_router(),  # /start <payload> before the plain /start of home
        home.create_router(),
        partner.create_router(),
        invites.create_router(),
        profile.create_router(),
        settings.create_router(),
        play.create_router(),
        game.create_router(),
        daily.create_router(),
        progress.create_router(),
        fallback.create_router(),  # catch-alls last
    )
    return root
