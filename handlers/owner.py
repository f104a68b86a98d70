"""/stats for the bot's owners (OWNER_IDS); anyone else gets the unknown-command answer, as
if there were no such command (the fallback router)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, Filter
from aiogram.types import Message

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import _
from bot.services.owner import OwnerReport, owner_report
from db import Database


class IsOwner(Filter):
    async def __call__(self, message: Message, settings: Settings) -> bool:
        return message.from_user is not None and message.from_user.id in settings.owner_ids


def render(report: OwnerReport) -> str:
    counts = report.counts
    size = _("{size} MB").format(size=f"{counts.database_bytes / 1_000_000:.1f}")
    return _(
        "📊 <b>Duet {version}</b>\n"
        "Users: {users}\n"
        "Couples: {couples}\n"
        "Games started: {started_today} today, {started_week} in 7 days\n"
        "Games finished: {finished_today} today, {finished_week} in 7 days\n"
        "Live games now: {live}\n"
        "Questions of the day answered by both: {daily_today} today, {daily_week} in 7 days\n"
        "Database: {size}\n"
        "<i>Today is the UTC day.</i>"
    ).format(
        version=report.version,
        users=counts.users,
        couples=counts.couples,
        started_today=counts.games_started_today,
        started_week=counts.games_started_week,
        finished_today=counts.games_finished_today,
        finished_week=counts.games_finished_week,
        live=counts.live_games,
        daily_today=counts.daily_answered_today,
        daily_week=counts.daily_answered_week,
        size=size,
    )


async def stats(message: Message, database: Database, clock: Clock) -> None:
    await message.answer(render(await owner_report(database, clock)))


def create_router() -> Router:
    router = Router(name="owner")
    router.message.register(stats, Command("stats"), IsOwner())
    return router
