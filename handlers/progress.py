"""/history, the couple's stats, and /achievements."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, MagicData
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.i18n import _
from bot.services.gameplay import GameService
from bot.services.progress import ProgressService
from bot.ui import progress_screens
from bot.ui.callbacks import AchievementsCb, HistoryCb, Nav, RecapCb, Screen
from bot.ui.game_display import GameDisplay
from bot.ui.respond import alert, show
from db.repositories.game_sessions import Status
from db.repositories.settings import UserSettings
from db.repositories.users import User
from games.palette import palette_for


async def history(event: Message | CallbackQuery, user: User, progress: ProgressService) -> None:
    found = await progress.history_page(user.id, progress_screens.HISTORY_PAGE_SIZE)
    await show(event, progress_screens.history(found))


async def history_page(
    query: CallbackQuery, callback_data: HistoryCb, user: User, progress: ProgressService
) -> None:
    found = await progress.history_page(
        user.id,
        progress_screens.HISTORY_PAGE_SIZE,
        page=callback_data.page,
        anchor=callback_data.anchor(),  # None (forged): the first page
        older=callback_data.older,
    )
    await show(query, progress_screens.history(found))


async def recap(
    query: CallbackQuery,
    callback_data: RecapCb,
    callback_answer: CallbackAnswer,
    user: User,
    games: GameService,
    game_display: GameDisplay,
) -> None:
    """An ended game from /history, as it ended (its final screen), for either player."""
    view = await games.view(callback_data.session_id)
    seat = None if view is None else view.seat_of(user.id)
    if (
        view is None
        or seat is None
        or view.session.status not in (Status.FINISHED, Status.ABANDONED)
        or view.session.day is not None  # a question of the day: /today keeps those
    ):
        alert(callback_answer, _("This button is no longer valid."))
        return
    await show(query, progress_screens.recap(game_display.render(view, seat)))


async def stats(query: CallbackQuery, user: User, progress: ProgressService) -> None:
    found = await progress.couple_stats(user.id)
    if found is None:
        await show(query, progress_screens.no_partner_stats())
        return
    partner, numbers = found
    await show(query, progress_screens.stats(partner, numbers))


async def achievements(
    event: Message | CallbackQuery,
    user: User,
    user_settings: UserSettings,
    progress: ProgressService,
    clock: Clock,
    callback_data: AchievementsCb | Nav | None = None,
) -> None:
    """/achievements folded (the command, or a `Nav` button: Home's, "Show less"), or a
    page of the full list ("Show all": an `AchievementsCb`)."""
    statuses = await progress.achievements_of(user.id)
    palette = palette_for(user_settings.theme)
    if isinstance(callback_data, AchievementsCb):
        page = callback_data.page
        screen = progress_screens.all_achievements(statuses, palette, clock.now(), page)
    else:
        screen = progress_screens.achievements(statuses, palette, clock.now())
    await show(event, screen)


def create_router() -> Router:
    router = Router(name="progress")
    router.message.register(history, Command("history"))
    router.callback_query.register(history, Nav.filter(F.to == Screen.HISTORY))
    router.callback_query.register(history_page, HistoryCb.filter())
    router.callback_query.register(recap, RecapCb.filter())
    # "Older" buttons drawn before pages were anchored carried only a page number.
    router.callback_query.register(history, MagicData(F.event.data.regexp(r"^hp:-?\d+$")))
    router.callback_query.register(stats, Nav.filter(F.to == Screen.STATS))
    router.message.register(achievements, Command("achievements"))
    router.callback_query.register(achievements, Nav.filter(F.to == Screen.ACHIEVEMENTS))
    router.callback_query.register(achievements, AchievementsCb.filter())
    return router
