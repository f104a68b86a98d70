"""The home screen: /start without a payload, and the Home button everywhere."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart, MagicData
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TelegramUser

from bot.commands import help_text
from bot.i18n import _, speaks_ours
from bot.rendering import name_html
from bot.services.couples import CoupleService
from bot.services.daily import DailyService
from bot.services.gameplay import GameService
from bot.services.progress import ProgressService
from bot.ui import screens
from bot.ui.callbacks import Nav, Screen
from bot.ui.game_screens import game_title
from bot.ui.respond import show
from db.repositories.settings import UserSettings
from db.repositories.users import User


async def start(
    message: Message,
    user: User,
    event_from_user: TelegramUser,
    user_settings: UserSettings,
    is_new_user: bool,
    couples: CoupleService,
    games: GameService,
    daily: DailyService,
    progress: ProgressService,
) -> None:
    if is_new_user:
        greeting = _(
            "👋 Hi, {name}! Welcome to <b>Duet</b> — live games for two.\n"
            "Invite your partner, then play together right here in the chat."
        )
    else:
        greeting = _("👋 Welcome back, {name}!")
    # One message: the greeting heads the home screen.
    greeting = greeting.format(name=name_html(user))
    screen = await home_screen(user, couples, games, daily, progress, greeting)
    if is_new_user and not speaks_ours(event_from_user.language_code):
        screen = screens.with_language_choice(screen)
    elif is_new_user and user_settings.language == "ru":
        screen = screens.with_form_question(screen, user_settings)
    await show(message, screen)


async def home(
    query: CallbackQuery,
    user: User,
    couples: CoupleService,
    games: GameService,
    daily: DailyService,
    progress: ProgressService,
) -> None:
    await show(query, await home_screen(user, couples, games, daily, progress))


async def home_screen(
    user: User,
    couples: CoupleService,
    games: GameService,
    daily: DailyService,
    progress: ProgressService,
    greeting: str | None = None,
) -> screens.ScreenContent:
    game = await games.open_session(user.id)
    partner = await couples.partner_info(user.id)
    status = None
    if partner is not None:
        stats = await progress.couple_stats(user.id)
        status = screens.CoupleStatus(
            game_title=None if game is None else game_title(game.record),
            today=await daily.status(user.id),
            streak=0 if stats is None else stats[1].current_streak,
        )
    return screens.home(user, partner, has_game=game is not None, status=status, greeting=greeting)


async def help_command(message: Message) -> None:
    await message.answer(help_text())


def create_router() -> Router:
    router = Router(name="home")
    router.message.register(help_command, Command("help"))
    router.message.register(
        start, CommandStart(), MagicData(F.event.text.regexp(r"^/start(@\w+)?\s*$"))
    )
    router.callback_query.register(home, Nav.filter(F.to == Screen.HOME))
    return router
