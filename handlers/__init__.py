"""Telegram-facing handlers: one router per feature, composed in a deliberate order."""

from __future__ import annotations

from aiogram import F, Router

from handlers import (
    daily,
    data_rights,
    errors,
    fallback,
    game,
    groups,
    home,
    invites,
    membership,
    partner,
    play,
    profile,
    progress,
    settings,
    start,
)


def build_root_router() -> Router:
    """Groups are refused; every feature router sits under one router for private chats."""
    root = Router(name="duet")
    root.include_routers(errors.create_router(), groups.create_router(), _private_router())
    return root


def _private_router() -> Router:
    private = Router(name="private")
    private.message.filter(F.chat.type == "private")
    private.callback_query.filter(F.message.chat.type == "private")
    private.my_chat_member.filter(F.chat.type == "private")
    private.include_routers(
        membership.create_router(),
        # Moves are most of all updates: checked first, they skip every other router's
        # filters (a fifth of a move's cost in the benchmark). Its buttons and /game are
        # its own, so the order changes nothing else.
        game.create_router(),
        start.create_router(),  # /start <payload> before the plain /start of home
        home.create_router(),
        partner.create_router(),
        invites.create_router(),
        profile.create_router(),
        settings.create_router(),
        play.create_router(),
        daily.create_router(),
        progress.create_router(),
        data_rights.create_router(),
        fallback.create_router(),  # catch-alls last
    )
    return private
