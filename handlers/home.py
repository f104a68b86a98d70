"""The home screen: /start without a payload, and the Home button everywhere."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart, MagicData
from aiogram.types import CallbackQuery, Message

from bot.i18n import _
from bot.rendering import name_html
from bot.services.couples import CoupleService
from bot.services.gameplay import GameService
from bot.ui import screens
from bot.ui.callbacks import Nav, Screen
from bot.ui.respond import show
from db.repositories.users import User


async def start(
    message: Message, user: User, is_new_user: bool, couples: CoupleService, games: GameService
) -> None:
    if is_new_user:
        greeting = _(
            "👋 Hi, {name}! Welcome to <b>Duet</b> — live games for two.\n"
            "Invite your partner, then play together right here in the chat."
        )
    else:
        greeting = _("👋 Welcome back, {name}!")
    await message.answer(greeting.format(name=name_html(user)))
    await show(message, await home_screen(user, couples, games))


async def home(
    query: CallbackQuery, user: User, couples: CoupleService, games: GameService
) -> None:
    await show(query, await home_screen(user, couples, games))


async def home_screen(
    user: User, couples: CoupleService, games: GameService
) -> screens.ScreenContent:
    has_game = await games.open_session(user.id) is not None
    return screens.home(user, await couples.partner_info(user.id), has_game=has_game)


def create_router() -> Router:
    router = Router(name="home")
    router.message.register(
        start, CommandStart(), MagicData(F.event.text.regexp(r"^/start(@\w+)?\s*$"))
    )
    router.callback_query.register(home, Nav.filter(F.to == Screen.HOME))
    return router
