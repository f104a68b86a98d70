"""/play: the game menu, and inviting the partner to a game."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.gameplay import GameService, PlayError
from bot.ui import game_screens
from bot.ui.callbacks import Nav, PickGameCb, Screen
from bot.ui.game_display import GameDisplay
from bot.ui.respond import alert, show
from db.repositories.users import User

logger = logging.getLogger(__name__)


async def play_menu(event: Message | CallbackQuery, user: User, games: GameService) -> None:
    if await games.open_session(user.id) is not None:
        await show(event, game_screens.already_playing())
    elif not await games.has_partner(user.id):
        await show(event, game_screens.needs_partner())
    else:
        await show(event, game_screens.catalogue(await games.catalogue()))


async def pick_game(
    query: CallbackQuery,
    callback_data: PickGameCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    games: GameService,
    game_display: GameDisplay,
) -> None:
    try:
        view, joined = await games.invite_or_join(user.id, callback_data.game_id)
    except PlayError as error:
        alert(callback_answer, game_screens.play_error(error))
        if error.reason == PlayError.NO_PARTNER:
            await show(query, game_screens.needs_partner())
        return
    if joined:
        # The partner had just invited us to this game: it starts, on this message.
        logger.info("user %s joined session %s", user.id, view.session.id)
        if isinstance(query.message, Message):
            seat = view.seat_of(user.id)
            assert seat is not None  # the invitee
            await game_display.adopt(bot, view.session.id, seat, query.message.message_id)
        await game_display.after(bot, view)
        return
    logger.info("user %s invited to %s: session %s", user.id, view.record.slug, view.session.id)
    if isinstance(query.message, Message):
        # The menu message becomes the inviter's game message.
        await games.remember_message(view.session.id, 0, query.message.message_id)
    await game_display.refresh(bot, view.session.id)
    shown = await games.view(view.session.id)
    if shown is not None and shown.session.partner2_message_id is None:
        # The invitation could not be delivered (the partner blocked the bot).
        await games.cancel(user.id, view.session.id, reason="blocked")
        alert(callback_answer, game_screens.partner_unreachable(shown.players[1].user))
        await game_display.refresh(bot, view.session.id)


def create_router() -> Router:
    router = Router(name="play")
    router.message.register(play_menu, Command("play"))
    router.callback_query.register(play_menu, Nav.filter(F.to == Screen.PLAY))
    router.callback_query.register(pick_game, PickGameCb.filter())
    return router
