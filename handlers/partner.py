"""Partner screen, invite links (/invite) and unlinking."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.deep_linking import create_start_link

from bot.clock import Clock
from bot.i18n import _
from bot.services.couples import (
    AlreadyPartnered,
    CoupleService,
    PartnerInfo,
    TooManyInvites,
    redact,
)
from bot.ui import screens
from bot.ui.callbacks import Nav, Screen, UnlinkAction, UnlinkCb
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier
from bot.ui.respond import alert, show
from db.repositories.users import User

logger = logging.getLogger(__name__)


async def partner_screen(
    query: CallbackQuery, user: User, couples: CoupleService, clock: Clock
) -> None:
    await show(query, screens.partner(await couples.partner_info(user.id), clock.now()))


async def create_invite(
    event: Message | CallbackQuery, bot: Bot, user: User, couples: CoupleService
) -> None:
    try:
        invite = await couples.create_invite(user.id)
    except AlreadyPartnered as partnered:
        await show(event, screens.already_partnered(partnered.partner))
        return
    except TooManyInvites:
        await show(event, screens.too_many_invites())
        return
    logger.info("user %s created invite %s", user.id, redact(invite.token))
    link = await create_start_link(bot, invite.token)
    screen = screens.invite_link(link, couples.invite_lifetime)
    if isinstance(event, CallbackQuery):
        await show(event, screen)
        shown = event.message if isinstance(event.message, Message) else None
    else:
        text, markup = screen
        shown = await event.answer(text, reply_markup=markup)
    if shown is not None:  # once the link is used, this message stops offering to share it
        await couples.remember_invite_message(invite.id, shown.message_id)


async def ask_unlink(
    query: CallbackQuery,
    callback_data: UnlinkCb,
    callback_answer: CallbackAnswer,
    user: User,
    couples: CoupleService,
    clock: Clock,
) -> None:
    info = await couples.partner_info(user.id)
    if info is None or info.partnership.id != callback_data.partnership_id:
        alert(callback_answer, _stale_unlink(info))
        await show(query, screens.partner(info, clock.now()))
        return
    await show(query, screens.unlink_confirm(info))


def _stale_unlink(info: PartnerInfo | None) -> str:
    """An Unlink button of a partnership that is over: say which way it is over."""
    if info is None:
        return _("You are not partners any more.")
    return _("This button is from an earlier partnership. Nothing has changed.")


async def confirm_unlink(
    query: CallbackQuery,
    callback_data: UnlinkCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    couples: CoupleService,
    notifier: Notifier,
    game_display: GameDisplay,
    clock: Clock,
) -> None:
    couple = await couples.unlink(user.id, callback_data.partnership_id)
    if couple is None:
        info = await couples.partner_info(user.id)
        alert(callback_answer, _stale_unlink(info))
        await show(query, screens.partner(info, clock.now()))
        return
    logger.info("user %s ended partnership %s", user.id, couple.partnership.id)
    await show(query, screens.unlinked(couple.partner.user))
    await notifier.send(
        bot,
        couple.partner,
        lambda: screens.unlinked_by_partner(couple.me.user, couple.me.settings.grammatical_form),
    )
    for session_id in couple.ended_sessions:
        await game_display.refresh(bot, session_id)


def create_router() -> Router:
    router = Router(name="partner")
    router.callback_query.register(partner_screen, Nav.filter(F.to == Screen.PARTNER))
    router.message.register(create_invite, Command("invite"))
    router.callback_query.register(create_invite, Nav.filter(F.to == Screen.INVITE))
    router.callback_query.register(ask_unlink, UnlinkCb.filter(F.action == UnlinkAction.ASK))
    router.callback_query.register(
        confirm_unlink, UnlinkCb.filter(F.action == UnlinkAction.CONFIRM)
    )
    return router
