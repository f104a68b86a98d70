"""/settings: one's time zone and when the question of the day arrives."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.clock import Clock
from bot.services.users import UserService
from bot.ui import screens, zone_screens
from bot.ui.callbacks import Nav, PushCb, Screen, ZoneCb
from bot.ui.respond import show
from bot.zones import CHOICES, set_zone
from db.repositories.settings import UserSettings
from db.repositories.users import User


async def zone_picker(query: CallbackQuery, user_settings: UserSettings, clock: Clock) -> None:
    await show(query, zone_screens.zone_picker(user_settings, clock.now()))


async def pick_zone(
    query: CallbackQuery,
    callback_data: ZoneCb,
    user: User,
    user_settings: UserSettings,
    users: UserService,
) -> None:
    if callback_data.index >= len(CHOICES):  # a forged button
        await show(query, screens.settings(user_settings))
        return
    updated = await users.set_time_zone(user.id, CHOICES[callback_data.index])
    set_zone(updated)
    await show(query, screens.settings(updated))


async def push_picker(query: CallbackQuery, user_settings: UserSettings) -> None:
    await show(query, zone_screens.push_picker(user_settings))


async def pick_push(
    query: CallbackQuery, callback_data: PushCb, user: User, users: UserService
) -> None:
    minute = None if callback_data.minute < 0 else callback_data.minute
    await show(query, screens.settings(await users.set_push_minute(user.id, minute)))


def create_router() -> Router:
    router = Router(name="zones")
    router.callback_query.register(zone_picker, Nav.filter(F.to == Screen.ZONE))
    router.callback_query.register(pick_zone, ZoneCb.filter())
    router.callback_query.register(push_picker, Nav.filter(F.to == Screen.PUSH))
    router.callback_query.register(pick_push, PushCb.filter())
    return router
