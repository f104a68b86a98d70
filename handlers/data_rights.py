"""/export: everything Duet stores about you; /deleteme: erase it."""

from __future__ import annotations

import json
import logging
from functools import partial

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.i18n import _
from bot.rendering import name_html
from bot.services.data_rights import DataRights
from bot.ui import keyboards
from bot.ui.callbacks import DeleteMeCb
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier
from bot.ui.respond import show
from bot.ui.screens import ScreenContent
from db.repositories.users import User

logger = logging.getLogger(__name__)


async def export(message: Message, user: User, data_rights: DataRights) -> None:
    data = await data_rights.export(user.id)
    document = BufferedInputFile(
        json.dumps(data, ensure_ascii=False, indent=2).encode(), filename="duet-export.json"
    )
    await message.answer_document(
        document, caption=_("📦 Everything Duet stores about you, as JSON.")
    )


def _confirm_screen() -> ScreenContent:
    text = _(
        "🗑 <b>Delete your data?</b>\n"
        "Your profile, settings, invites, achievements and history will be erased, and your "
        "partnership ends. Your partner keeps their own history, where you will appear as "
        "a deleted user. This cannot be undone."
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=_("🗑 Yes, delete everything"),
                    callback_data=DeleteMeCb(confirm=True).pack(),
                )
            ],
            [
                InlineKeyboardButton(
                    text=_("Keep my data"), callback_data=DeleteMeCb(confirm=False).pack()
                )
            ],
        ]
    )
    return text, markup


async def ask(message: Message) -> None:
    await show(message, _confirm_screen())


async def decide(
    query: CallbackQuery,
    callback_data: DeleteMeCb,
    bot: Bot,
    user: User,
    data_rights: DataRights,
    notifier: Notifier,
    game_display: GameDisplay,
    state: FSMContext,
) -> None:
    if not callback_data.confirm:
        await show(query, (_("Nothing was deleted."), keyboards.only_home()))
        return
    deleted = await data_rights.delete(user.id)
    await state.clear()
    logger.info("user %s deleted their data", user.id)
    await show(
        query, (_("Your data is deleted. If you ever come back, /start begins afresh."), None)
    )
    if deleted.former_partner is not None:
        await notifier.send(bot, deleted.former_partner, partial(_partner_left, user))
    for session_id in deleted.ended_sessions:
        await game_display.refresh(bot, session_id)


def _partner_left(user: User) -> ScreenContent:
    text = _(
        "💔 {partner} deleted their Duet account, so your partnership has ended. "
        "Your history stays."
    ).format(partner=name_html(user))
    return text, keyboards.only_home()


def create_router() -> Router:
    router = Router(name="data_rights")
    router.message.register(export, Command("export"))
    router.message.register(ask, Command("deleteme"))
    router.callback_query.register(decide, DeleteMeCb.filter())
    return router
