"""Invites and partnerships: the rules of becoming (and stopping being) a couple."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.services.daily import plan_pushes
from bot.services.people import Person
from db import Database, PartnershipConflict
from db.repositories.invites import Invite
from db.repositories.partnerships import Partnership
from db.repositories.users import User
from db.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from bot.services.gameplay import GameService

# 24 random bytes -> 32 url-safe characters: 192 bits, within Telegram's deep-link rules.
TOKEN_BYTES = 24
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22,64}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def redact(token: str) -> str:
    """What logs may show of a token."""
    return token[:4] + "…"


class Refusal(StrEnum):
    OWN = "own"
    INVALID = "invalid"  # unknown or malformed
    EXPIRED = "expired"
    USED = "used"
    ALREADY_ACCEPTED = "already_accepted"  # a second press on Accept
    REVOKED = "revoked"  # replaced by a newer invite, or declined
    ALREADY_COUPLE = "already_couple"  # your own partner's old link
    INVITEE_PARTNERED = "invitee_partnered"
    INVITER_PARTNERED = "inviter_partnered"


class InviteRefused(Exception):
    def __init__(self, reason: Refusal, inviter: User | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.inviter = inviter


class TooManyInvites(Exception):
    """Invite creation is rate-limited per user (links are cheap to share, not to spray)."""


class AlreadyPartnered(Exception):
    def __init__(self, partner: User) -> None:
        super().__init__("already partnered")
        self.partner = partner


@dataclass(frozen=True)
class Couple:
    partnership: Partnership
    me: Person
    partner: Person
    ended_sessions: tuple[int, ...] = ()  # the open sessions that unlinking ended
    invite_message_id: int | None = None
    """The inviter's message that showed the link just used (to stop offering Share)."""


@dataclass(frozen=True)
class PartnerInfo:
    partnership: Partnership
    partner: User
    games_together: int


class CoupleService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        invite_lifetime: timedelta,
        games: GameService,
        invites_per_hour: int = 10,
    ) -> None:
        self._db = database
        self._clock = clock
        self.invite_lifetime = invite_lifetime
        self._games = games
        self._invites_per_hour = invites_per_hour

    async def remember_invite_message(self, invite_id: int, message_id: int) -> None:
        async with self._db.transaction() as uow:
            await uow.invites.set_message_id(invite_id, message_id)

    async def create_invite(self, user_id: int) -> Invite:
        """A fresh single-use invite; older unused ones of this user are retired."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            # Two creations at once must not leave two open invites (or beat the limit).
            await uow.lock_users(user_id)
            current = await uow.partnerships.active_for(user_id)
            if current is not None:
                partner = await uow.users.get(current.partner_of(user_id))
                assert partner is not None  # foreign key
                raise AlreadyPartnered(partner)
            recent = await uow.invites.count_created_since(user_id, now - timedelta(hours=1))
            if recent >= self._invites_per_hour:
                raise TooManyInvites()
            await uow.invites.revoke_open_by(user_id, now)
            return await uow.invites.create(new_token(), user_id, now)

    @staticmethod
    async def _lock_parties(uow: UnitOfWork, token: str, invitee_id: int) -> None:
        """Lock the inviter and the invitee before `_check`, so that what it reads (open
        invite, nobody partnered) still holds when the invite is used or declined, even
        with several workers on PostgreSQL."""
        invite = await uow.invites.get_by_token(token) if TOKEN_RE.fullmatch(token) else None
        if invite is not None:  # the inviter of a token never changes
            await uow.lock_users(invite.created_by, invitee_id)

    async def _check(self, uow: UnitOfWork, token: str, invitee_id: int) -> tuple[Invite, User]:
        """The invite and its inviter if `invitee_id` may accept it now; else InviteRefused."""
        if not TOKEN_RE.fullmatch(token):
            raise InviteRefused(Refusal.INVALID)
        invite = await uow.invites.get_by_token(token)
        if invite is None:
            raise InviteRefused(Refusal.INVALID)
        inviter = await uow.users.get(invite.created_by)
        assert inviter is not None  # foreign key
        if invite.created_by == invitee_id:
            raise InviteRefused(Refusal.OWN, inviter)
        if invite.used_by == invitee_id:
            raise InviteRefused(Refusal.ALREADY_ACCEPTED, inviter)
        mine = await uow.partnerships.active_for(invitee_id)
        if mine is not None and mine.partner_of(invitee_id) == inviter.id:
            raise InviteRefused(Refusal.ALREADY_COUPLE, inviter)
        if invite.used_by is not None:
            raise InviteRefused(Refusal.USED, inviter)
        # Partnered states first: they say more than "revoked" (accepting another invite
        # revokes one's own open invites).
        if mine is not None:
            raise InviteRefused(Refusal.INVITEE_PARTNERED, inviter)
        if await uow.partnerships.active_for(inviter.id) is not None:
            raise InviteRefused(Refusal.INVITER_PARTNERED, inviter)
        if invite.revoked_at is not None:
            raise InviteRefused(Refusal.REVOKED, inviter)
        if self._clock.now() >= invite.created_at + self.invite_lifetime:
            raise InviteRefused(Refusal.EXPIRED, inviter)
        return invite, inviter

    async def preview(self, token: str, invitee_id: int) -> User:
        """Who invites; raises InviteRefused with the reason the invite cannot be accepted."""
        async with self._db.read() as uow:
            _, inviter = await self._check(uow, token, invitee_id)
        return inviter

    async def accept(self, token: str, invitee_id: int) -> Couple:
        """Consume the invite and create the partnership in one transaction."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            await self._lock_parties(uow, token, invitee_id)
            invite, inviter = await self._check(uow, token, invitee_id)
            if not await uow.invites.mark_used(invite.id, invitee_id, now):
                raise InviteRefused(Refusal.USED, inviter)
            try:
                partnership = await uow.partnerships.create(inviter.id, invitee_id, now)
            except PartnershipConflict as conflict:  # pragma: no cover - _check ran under the lock
                raise InviteRefused(Refusal.INVITER_PARTNERED, inviter) from conflict
            # Neither of them needs their other open invites any more.
            await uow.invites.revoke_open_by(invitee_id, now)
            await uow.invites.revoke_open_by(inviter.id, now)
            # The question of the day comes by itself from now on (bot/daily_push.py).
            await plan_pushes(uow, (inviter.id, invitee_id), now)
            return Couple(
                partnership,
                me=await self._person(uow, invitee_id),
                partner=await self._person(uow, inviter.id),
                invite_message_id=await uow.invites.message_id_of(invite.id),
            )

    async def mark_announced(self, partnership_id: int) -> None:
        async with self._db.transaction() as uow:
            await uow.partnerships.mark_announced(partnership_id, self._clock.now())

    async def unannounced(self) -> list[Couple]:
        """Couples whose inviter never heard the news (the bot stopped right after linking),
        seen from the invitee's side as `accept` returns them."""
        async with self._db.read() as uow:
            couples = []
            for partnership in await uow.partnerships.unannounced():
                couples.append(
                    Couple(
                        partnership,
                        me=await self._person(uow, partnership.user2_id),
                        partner=await self._person(uow, partnership.user1_id),
                    )
                )
            return couples

    async def decline(self, token: str, invitee_id: int) -> Person:
        """Retire the invite; returns the inviter to tell."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            await self._lock_parties(uow, token, invitee_id)
            invite, inviter = await self._check(uow, token, invitee_id)
            await uow.invites.revoke(invite.id, now)
            return await self._person(uow, inviter.id)

    async def partner_info(self, user_id: int) -> PartnerInfo | None:
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            partner = await uow.users.get(partnership.partner_of(user_id))
            assert partner is not None  # foreign key
            games = await uow.game_sessions.count_between(user_id, partner.id)
        return PartnerInfo(partnership, partner, games)

    async def partner_person(self, user_id: int) -> Person | None:
        """The active partner with their preferences (to message them), if any."""
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            partner = await self._person(uow, partnership.partner_of(user_id))
        if partner.user.blocked_at is not None or partner.user.deleted_at is not None:
            return None
        return partner

    async def unlink(self, user_id: int, partnership_id: int) -> Couple | None:
        """End the partnership if it is still this user's active one; None otherwise."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None or partnership.id != partnership_id:
                return None
            # Both partners pressing Unlink at once (or one unlinking while the other plays)
            # must be one unlink: lock the couple, then re-check under the locks.
            await uow.lock_users(partnership.user1_id, partnership.user2_id)
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None or partnership.id != partnership_id:
                return None
            # The couple's sessions end first: their writes check that it is still together.
            ended = await self._games.end_couple(uow, partnership.id, "unlinked")
            if not await uow.partnerships.end(partnership.id, now):  # pragma: no cover
                raise AssertionError("an active partnership ended under the couple's locks")
            return Couple(
                partnership,
                me=await self._person(uow, user_id),
                partner=await self._person(uow, partnership.partner_of(user_id)),
                ended_sessions=tuple(ended),
            )

    @staticmethod
    async def _person(uow: UnitOfWork, user_id: int) -> Person:
        user = await uow.users.get(user_id)
        settings = await uow.settings.get(user_id)
        assert user is not None  # foreign key
        assert settings is not None  # created with the user
        return Person(user, settings)
