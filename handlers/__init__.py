"""Telegram-facing handlers: one router per feature, composed in a deliberate order."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import MagicData

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
    own_questions,
    owner,
    packs,
    partner,
    play,
    profile,
    progress,
    settings,
    start,
    zones,
)


def build_root_router() -> Router:
    """Groups are refused; every feature router sits under one router for private chats.

    Moves are most of all updates, so the game router comes first and sits right under the
    root with its own private-chat filters: a move skips every other router's filters and
    three levels of router nesting (each level of aiogram's propagation costs about as much
    as a middleware). Its buttons and /game are its own, so the order changes nothing else;
    errors still reach the errors router, which aiogram propagates through the whole tree.
    """
    root = Router(name="duet")
    root.include_routers(
        _private_only(game.create_router()),
        errors.create_router(),
        groups.create_router(),
        _private_router(),
    )
    return root


def _private_only(router: Router) -> Router:
    # A Filter object, not a bare F: aiogram runs a bare magic filter in a thread pool
    # (asyncio.to_thread), a round trip on every update (tests/test_filters.py).
    private = MagicData(F.event_chat.type == ChatType.PRIVATE)
    router.message.filter(private)
    router.callback_query.filter(private)
    router.my_chat_member.filter(private)
    return router


def _private_router() -> Router:
    private = _private_only(Router(name="private"))
    private.include_routers(
        membership.create_router(),
        start.create_router(),  # /start <payload> before the plain /start of home
        home.create_router(),
        partner.create_router(),
        invites.create_router(),
        profile.create_router(),
        settings.create_router(),
        zones.create_router(),
        packs.create_router(),
        play.create_router(),
        daily.create_router(),
        own_questions.create_router(),
        progress.create_router(),
        data_rights.create_router(),
        owner.create_router(),  # /stats for OWNER_IDS; for anyone else, the fallback
        fallback.create_router(),  # catch-alls last
    )
    return private
