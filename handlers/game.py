"""Playing: moves, invitations to a game, give up, rematch, and /game to find the board."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.couples import CoupleService
from bot.services.daily import DailyService
from bot.services.gameplay import GameService, PlayError
from bot.services.progress import ProgressService
from bot.ui import game_screens
from bot.ui.callbacks import MoveCb, Nav, Screen, SessionCb, SessionOp
from bot.ui.game_display import GameDisplay
from bot.ui.respond import alert, answer_now, show
from db.repositories.game_sessions import Status
from db.repositories.users import User
from games.errors import GameError
from handlers.home import home_screen

logger = logging.getLogger(__name__)


async def move(
    query: CallbackQuery,
    callback_data: MoveCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    games: GameService,
    game_display: GameDisplay,
    received_at: float,
) -> None:
    try:
        view = await games.act(user.id, callback_data.session_id, callback_data.action, received_at)
    except PlayError as error:
        alert(callback_answer, game_screens.play_error(error))
        if error.reason == PlayError.CLOSED and error.session is not None:
            alert(callback_answer, game_screens.ended(error.session, user.id))
        await game_display.show_ending(bot, error, user.id)
        return
    except GameError as error:
        alert(callback_answer, game_screens.move_error(error))
        # A refused move may come from a board behind the stored game (its last edits were
        # lost): both chats are brought up to date (an edit only where one is behind).
        await answer_now(query, callback_answer)
        await game_display.refresh(bot, callback_data.session_id)
        return
    # Answer now: Telegram shows a spinner until then, and editing two chats takes a while.
    await answer_now(query, callback_answer)
    await game_display.after(bot, view)


async def session_op(
    query: CallbackQuery,
    callback_data: SessionCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    games: GameService,
    game_display: GameDisplay,
    couples: CoupleService,
    daily: DailyService,
    progress: ProgressService,
) -> None:
    session_id, op = callback_data.session_id, callback_data.op
    try:
        if op is SessionOp.ACCEPT or op is SessionOp.DECLINE:
            view = await games.respond(user.id, session_id, accept=op is SessionOp.ACCEPT)
        elif op is SessionOp.CANCEL:
            view = await games.cancel(user.id, session_id)
        elif op is SessionOp.GIVE_UP_CONFIRM:
            view = await games.give_up(user.id, session_id)
        elif op is SessionOp.GIVE_UP or op is SessionOp.KEEP_PLAYING:
            await _confirm_give_up(bot, user, games, game_display, session_id, op)
            return
        elif op is SessionOp.REMATCH:
            await _rematch(query, callback_answer, bot, user, games, game_display, session_id)
            return
        else:  # SessionOp.MENU
            await _leave_to_menu(query, user, games, couples, daily, progress, session_id)
            return
    except PlayError as error:
        alert(callback_answer, game_screens.play_error(error))
        await game_display.show_ending(bot, error, user.id)
        return
    await answer_now(query, callback_answer)
    await game_display.after(bot, view)


async def _confirm_give_up(
    bot: Bot, user: User, games: GameService, display: GameDisplay, session_id: int, op: SessionOp
) -> None:
    view = await games.view(session_id)
    seat = None if view is None else view.seat_of(user.id)
    if view is None or seat is None or view.session.day is not None:
        raise PlayError(PlayError.NOT_YOURS)
    if not view.session.status.is_open:
        raise PlayError(PlayError.CLOSED)
    await display.show_one(bot, session_id, seat, confirm_give_up=op is SessionOp.GIVE_UP)


async def _rematch(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    games: GameService,
    display: GameDisplay,
    session_id: int,
) -> None:
    old = await games.view(session_id)
    if old is None or old.seat_of(user.id) is None or old.session.day is not None:
        raise PlayError(PlayError.NOT_YOURS)
    # Both pressed Rematch: the second press joins the first one's invitation.
    view, joined = await games.invite_or_join(user.id, old.session.game_id, rematch_of=session_id)
    # The finished game stays in the chat as it ended (a tic-tac-toe board is its buttons:
    # they stay, inert); only its Rematch and Menu buttons go. The rematch is a new message.
    await answer_now(query, callback_answer)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=game_screens.without_session_buttons(query.message.reply_markup)
        )
    await display.after(bot, view)
    if not joined:
        shown = await games.view(view.session.id)
        if (
            shown is not None
            and shown.session.status is Status.INVITED
            and shown.session.partner2_message_id is None  # the partner blocked the bot
        ):
            await games.cancel(user.id, view.session.id, reason="blocked")
            await display.refresh(bot, view.session.id)


async def _leave_to_menu(
    query: CallbackQuery,
    user: User,
    games: GameService,
    couples: CoupleService,
    daily: DailyService,
    progress: ProgressService,
    session_id: int,
) -> None:
    view = await games.view(session_id)
    if view is None or view.seat_of(user.id) is None:
        raise PlayError(PlayError.NOT_YOURS)
    screen = await home_screen(user, couples, games, daily, progress)
    if view.session.status.is_open or not isinstance(query.message, Message):
        await show(query, screen)
        return
    # A finished game keeps its board and result: the menu is a new message below it.
    text, markup = screen
    await query.message.answer(text, reply_markup=markup)


async def bring_back_command(
    message: Message, bot: Bot, user: User, games: GameService, game_display: GameDisplay
) -> None:
    view = await games.open_session(user.id)
    seat = None if view is None else view.seat_of(user.id)
    if view is None or seat is None:
        await message.answer(game_screens.no_game())
        return
    await game_display.bring_back(bot, view.session.id, seat)


async def bring_back_button(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    games: GameService,
    game_display: GameDisplay,
) -> None:
    view = await games.open_session(user.id)
    seat = None if view is None else view.seat_of(user.id)
    if view is None or seat is None:
        alert(callback_answer, game_screens.no_game())
        return
    await answer_now(query, callback_answer)
    await game_display.bring_back(bot, view.session.id, seat)


def create_router() -> Router:
    router = Router(name="game")
    router.callback_query.register(move, MoveCb.filter())
    router.callback_query.register(session_op, SessionCb.filter())
    router.message.register(bring_back_command, Command("game"))
    router.callback_query.register(bring_back_button, Nav.filter(F.to == Screen.GAME))
    return router
