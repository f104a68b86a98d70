"""Accepting or declining an invitation."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.couples import CoupleService, InviteRefused, redact
from bot.ui import keyboards, screens
from bot.ui.callbacks import InviteAction, InviteCb
from bot.ui.couple_news import announce
from bot.ui.notify import Notifier
from bot.ui.respond import alert, html_to_plain, show
from db.repositories.settings import UserSettings
from db.repositories.users import User

logger = logging.getLogger(__name__)


async def refuse(query: CallbackQuery, answer: CallbackAnswer, refused: InviteRefused) -> None:
    """An alert for the press, and the invitation message turns into the explanation."""
    text, markup = screens.refusal(refused.reason, refused.inviter)
    alert(answer, html_to_plain(text))
    await show(query, (text, markup))


async def accept(
    query: CallbackQuery,
    callback_data: InviteCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    couples: CoupleService,
    notifier: Notifier,
) -> None:
    try:
        couple = await couples.accept(callback_data.token, user.id)
    except InviteRefused as refused:
        await refuse(query, callback_answer, refused)
        return
    logger.info(
        "user %s accepted invite %s: partnership %s",
        user.id,
        redact(callback_data.token),
        couple.partnership.id,
    )
    await show(query, screens.partnered(couple.partner.user))
    await announce(bot, couples, notifier, couple)
    if couple.invite_message_id is not None:
        # The inviter's link message: the link is used, nothing left to share.
        await notifier.replace_buttons(
            bot, couple.partner, couple.invite_message_id, keyboards.only_home
        )


async def decline(
    query: CallbackQuery,
    callback_data: InviteCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    user_settings: UserSettings,
    couples: CoupleService,
    notifier: Notifier,
) -> None:
    try:
        inviter = await couples.decline(callback_data.token, user.id)
    except InviteRefused as refused:
        await refuse(query, callback_answer, refused)
        return
    await show(query, screens.you_declined(inviter.user))
    await notifier.send(
        bot, inviter, lambda: screens.invite_declined_by(user, user_settings.grammatical_form)
    )


def create_router() -> Router:
    router = Router(name="invites")
    router.callback_query.register(accept, InviteCb.filter(F.action == InviteAction.ACCEPT))
    router.callback_query.register(decline, InviteCb.filter(F.action == InviteAction.DECLINE))
    return router
