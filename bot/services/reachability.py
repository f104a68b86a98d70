"""A user who blocked the bot: noted once, their partner told once, their live game ended.

Writing to the bot again (any update) makes the user reachable again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.clock import Clock
from bot.services.gameplay import GameService
from bot.services.people import Person
from db import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Blocked:
    """What changed when a user was found to have blocked the bot."""

    user: Person
    partner: Person | None
    ended_sessions: tuple[int, ...]


class Reachability:
    def __init__(self, database: Database, clock: Clock, games: GameService) -> None:
        self._db = database
        self._clock = clock
        self._games = games

    async def blocked(self, telegram_id: int) -> Blocked | None:
        """Note the block; None when it was already known (so the partner is told once)."""
        async with self._db.transaction() as uow:
            user = await uow.users.mark_blocked(telegram_id, self._clock.now())
            if user is None:
                return None
            settings = await uow.settings.get(user.id)
            assert settings is not None  # created with the user
            partnership = await uow.partnerships.active_for(user.id)
            if partnership is not None and await uow.lock_users(
                partnership.user1_id, partnership.user2_id
            ):  # serialized with an unlink or a finish of the couple: read again
                partnership = await uow.partnerships.active_for(user.id)
            partner = None
            ended: list[int] = []
            if partnership is not None:
                partner_id = partnership.partner_of(user.id)
                partner_user = await uow.users.get(partner_id)
                partner_settings = await uow.settings.get(partner_id)
                assert partner_user is not None and partner_settings is not None  # noqa: PT018
                partner = Person(partner_user, partner_settings)
                # The couple stays together, but nothing of theirs may wait on someone who
                # cannot see it: the game and the question of the day end.
                ended = await self._games.end_couple(uow, partnership.id, "blocked")
        logger.info("user %s blocked the bot", user.id)
        return Blocked(Person(user, settings), partner, tuple(ended))

    async def back(self, user_id: int) -> None:
        async with self._db.transaction() as uow:
            await uow.users.clear_blocked(user_id)


__all__ = ["Blocked", "Reachability"]
