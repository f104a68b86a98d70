"""The inviter hears that their invitation was accepted: once, even across a restart.

The partnership is made in one transaction and the news sent after it; a crash in between
would leave the inviter waiting for an answer that came. The news is noted as sent
(`partnerships.announced_at`) only once it was, so a start finds and sends what a crash
kept back. Sent at least once: a crash between sending and noting repeats it, which beats
losing it.
"""

from __future__ import annotations

from aiogram import Bot

from bot.services.couples import Couple, CoupleService
from bot.ui import screens
from bot.ui.notify import Notifier


async def announce(bot: Bot, couples: CoupleService, notifier: Notifier, couple: Couple) -> None:
    """Tell the inviter their invitation was accepted, and note that they know."""
    await notifier.send(bot, couple.partner, lambda: screens.partnered(couple.me.user))
    await couples.mark_announced(couple.partnership.id)


async def announce_missed(bot: Bot, couples: CoupleService, notifier: Notifier) -> None:
    """At startup: news of couples made just before the bot stopped."""
    for couple in await couples.unannounced():
        await announce(bot, couples, notifier, couple)
