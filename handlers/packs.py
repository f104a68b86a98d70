"""Question packs: the couple's everyday packs, and each partner's yes to the 18+ one."""

from __future__ import annotations

from functools import partial

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.packs import LastPack, NoPartner, PackService
from bot.ui import game_screens, pack_screens
from bot.ui.callbacks import Nav, PackCb, Screen
from bot.ui.notify import Notifier, Render
from bot.ui.respond import alert, show
from db.repositories.settings import UserSettings
from db.repositories.users import User
from games.banks import SPICY


async def packs_screen(query: CallbackQuery, user: User, packs: PackService) -> None:
    try:
        couple = await packs.choice(user.id)
    except NoPartner:
        await show(query, game_screens.needs_partner())
        return
    await show(query, pack_screens.packs(couple.choice, couple.partner.user))


async def toggle(
    query: CallbackQuery,
    callback_data: PackCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    user_settings: UserSettings,
    packs: PackService,
    notifier: Notifier,
) -> None:
    pack = callback_data.key
    form = user_settings.grammatical_form
    try:
        if pack == SPICY:
            before = await packs.choice(user.id)
            change = await packs.set_spicy(user.id, not before.choice.spicy_me)
            tell: Render | None = partial(pack_screens.spicy_changed, user, change.choice, form)
            if not (change.choice.spicy_me or change.choice.spicy_partner):
                tell = None  # both said no: nothing changed for either of them
        else:
            change = await packs.toggle(user.id, pack)
            enabled = pack in change.choice.chosen
            tell = partial(pack_screens.pack_changed, user, pack, enabled, form)
    except NoPartner:
        await show(query, game_screens.needs_partner())
        return
    except LastPack:
        alert(callback_answer, pack_screens.last_pack())
        return
    await show(query, pack_screens.packs(change.choice, change.partner.user))
    if tell is not None:  # rendered in the partner's language
        await notifier.send(bot, change.partner, tell)


def create_router() -> Router:
    router = Router(name="packs")
    router.callback_query.register(packs_screen, Nav.filter(F.to == Screen.PACKS))
    router.callback_query.register(toggle, PackCb.filter())
    return router
