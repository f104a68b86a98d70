"""Profile: display name (asked as text, validated) and preset avatars."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import MagicData, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.avatars import AVATARS
from bot.i18n import _
from bot.services.names import InvalidName, validate_display_name
from bot.services.users import UserService
from bot.ui import screens
from bot.ui.callbacks import AvatarCb, Nav, ProfileAction, ProfileCb, Screen
from bot.ui.respond import alert, retire_prompt, show
from db.repositories.users import User


class Rename(StatesGroup):
    waiting_for_name = State()


async def profile_screen(query: CallbackQuery, user: User, state: FSMContext) -> None:
    await state.clear()
    await show(query, screens.profile(user))


async def avatar_screen(query: CallbackQuery, user: User) -> None:
    await show(query, screens.avatar_picker(user))


async def pick_avatar(
    query: CallbackQuery,
    callback_data: AvatarCb,
    callback_answer: CallbackAnswer,
    user: User,
    users: UserService,
) -> None:
    if not 0 <= callback_data.avatar_id < len(AVATARS):
        alert(callback_answer, _("This button is no longer valid."))
        return
    await users.set_avatar(user.id, callback_data.avatar_id)
    updated = await users.load(user.telegram_id)
    assert updated is not None  # the user behind this update exists
    await show(query, screens.profile(updated.user))


async def ask_name(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(Rename.waiting_for_name)
    if isinstance(query.message, Message):
        await state.update_data(prompt=query.message.message_id)
    await show(query, screens.rename_prompt())


async def cancel_rename(query: CallbackQuery, user: User, state: FSMContext) -> None:
    await state.clear()
    await show(query, screens.profile(user))


async def receive_name(
    message: Message, bot: Bot, user: User, users: UserService, state: FSMContext
) -> None:
    typed = message.text or ""
    try:
        name = validate_display_name(typed)
    except InvalidName as error:
        await message.answer(screens.rename_invalid(error, typed))
        return
    await users.rename(user.id, name)
    prompt = (await state.get_data()).get("prompt")
    await state.clear()
    await retire_prompt(bot, message.chat.id, prompt)
    updated = await users.load(user.telegram_id)
    assert updated is not None  # the user behind this update exists
    await message.answer(screens.renamed(updated.user))
    await show(message, screens.profile(updated.user))


async def name_not_text(message: Message) -> None:
    """Stickers, photos, voice...: ask again, politely."""
    await message.answer(screens.rename_needs_text())


def create_router() -> Router:
    router = Router(name="profile")
    router.callback_query.register(profile_screen, Nav.filter(F.to == Screen.PROFILE))
    router.callback_query.register(avatar_screen, Nav.filter(F.to == Screen.AVATARS))
    router.callback_query.register(pick_avatar, AvatarCb.filter())
    router.callback_query.register(ask_name, ProfileCb.filter(F.action == ProfileAction.RENAME))
    router.callback_query.register(
        cancel_rename, ProfileCb.filter(F.action == ProfileAction.CANCEL_RENAME)
    )
    router.message.register(
        receive_name, StateFilter(Rename.waiting_for_name), MagicData(F.event.text)
    )
    router.message.register(name_not_text, StateFilter(Rename.waiting_for_name))
    return router
