"""Question packs: the themed packs a couple's questions come from, and picking them.

The couple chooses its everyday packs together (either partner may change them; the other
is told). The 18+ pack is each partner's own yes: its questions come only while both said
yes, and stop as soon as either says no. Every question a couple is asked (the question of
the day, a quiz, In sync) is picked here, from their packs, without repeats
(games/question_order.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.services.people import Person
from db import Database
from db.unit_of_work import UnitOfWork
from games.banks import PACKS, SPICY
from games.engine import PartnerQuestion
from games.question_order import Asked, next_questions

EVERYDAY: tuple[str, ...] = tuple(pack for pack in PACKS if pack != SPICY)
"""The packs a couple can choose together (all of them until they choose)."""


class NoPartner(Exception):
    """Packs belong to a couple."""


class LastPack(Exception):
    """At least one everyday pack stays on: questions must come from somewhere."""


@dataclass(frozen=True)
class PackChoice:
    """A couple's packs, from one partner's side."""

    chosen: frozenset[str]
    """The everyday packs the couple chose."""
    spicy_me: bool
    spicy_partner: bool

    @property
    def spicy(self) -> bool:
        return self.spicy_me and self.spicy_partner

    @property
    def packs(self) -> frozenset[str]:
        """Where the couple's questions come from now."""
        return self.chosen | {SPICY} if self.spicy else self.chosen


@dataclass(frozen=True)
class CouplePacks:
    choice: PackChoice
    partner: Person
    """The other partner (with their settings: the language to tell them a change in)."""


def eligible(bank: Mapping[str, str], packs: frozenset[str], count: int) -> list[str]:
    """The questions of `bank` (id -> pack) in `packs`; when those are too few for one game
    (a pack the game has no questions in), the game's everyday packs."""
    chosen = [question for question, pack in bank.items() if pack in packs]
    if len(chosen) >= count:
        return chosen
    return [question for question, pack in bank.items() if pack != SPICY]


async def packs_of(uow: UnitOfWork, partnership_id: int, user_a: int, user_b: int) -> PackChoice:
    """The couple's packs, from `user_a`'s side."""
    stored = await uow.partnerships.packs(partnership_id)
    chosen = frozenset(EVERYDAY if stored is None else (p for p in stored if p in EVERYDAY))
    mine, theirs = await uow.settings.get(user_a), await uow.settings.get(user_b)
    return PackChoice(
        chosen or frozenset(EVERYDAY),
        spicy_me=mine is not None and mine.spicy,
        spicy_partner=theirs is not None and theirs.spicy,
    )


async def pick_questions(
    uow: UnitOfWork,
    partnership_id: int,
    players: tuple[int, int],
    bank_name: str,
    bank: Mapping[str, str],
    count: int,
    couple_seed: int,
) -> tuple[str, ...]:
    """The couple's next `count` questions of a bank (id -> pack), recorded as asked."""
    choice = await packs_of(uow, partnership_id, *players)
    so_far = await uow.asked_questions.so_far(partnership_id, bank_name, recent=2 * count)
    picked = next_questions(
        tuple(bank),
        eligible(bank, choice.packs, count),
        couple_seed,
        Asked(so_far.round, so_far.this_round, so_far.recent),
        count,
    )
    await uow.asked_questions.record(partnership_id, bank_name, picked)
    return tuple(question for question, _ in picked)


class PackService:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def choice(self, user_id: int) -> CouplePacks:
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise NoPartner()
            return await self._couple(uow, partnership.id, user_id, partnership.partner_of(user_id))

    async def toggle(self, user_id: int, pack: str) -> CouplePacks:
        """Turn one everyday pack on or off for the couple."""
        if pack not in EVERYDAY:
            raise ValueError(f"not an everyday pack: {pack!r}")
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise NoPartner()
            partner_id = partnership.partner_of(user_id)
            # Both partners may press at once: read-then-write under the couple's locks.
            await uow.lock_users(user_id, partner_id)
            current = await packs_of(uow, partnership.id, user_id, partner_id)
            chosen = current.chosen ^ {pack}
            if not chosen:
                raise LastPack()
            await uow.partnerships.set_packs(partnership.id, [p for p in EVERYDAY if p in chosen])
            return await self._couple(uow, partnership.id, user_id, partner_id)

    async def set_spicy(self, user_id: int, enabled: bool) -> CouplePacks:
        """This partner's own yes (or no) to the 18+ pack."""
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise NoPartner()
            await uow.settings.set_spicy(user_id, enabled)
            return await self._couple(uow, partnership.id, user_id, partnership.partner_of(user_id))

    @staticmethod
    async def _couple(
        uow: UnitOfWork, partnership_id: int, user_id: int, partner_id: int
    ) -> CouplePacks:
        choice = await packs_of(uow, partnership_id, user_id, partner_id)
        user, settings = await uow.users.get(partner_id), await uow.settings.get(partner_id)
        assert user is not None and settings is not None  # noqa: PT018 - an active partner
        return CouplePacks(choice, Person(user, settings))


OWN_QUIZ_BANK = "quiz_own"
"""`asked_questions.bank` of the couple's own questions asked in the quiz (by their id)."""


async def pick_partner_questions(
    uow: UnitOfWork,
    partnership_id: int,
    players: tuple[int, int],
    count: int,
    couple_seed: int,
) -> tuple[PartnerQuestion, ...]:
    """Up to `count` of the couple's own questions with options, for a game, recorded as
    asked: the same rotation as a bank's (none again before every one was asked), over
    the questions the couple has now (written since: asked this round; deleted: skipped).
    Each is copied with its author's seat in `players`."""
    written = {
        str(q.id): q
        for q in await uow.own_questions.with_options(partnership_id)
        if q.author_id in players
    }
    if not written or count <= 0:
        return ()
    count = min(count, len(written))
    so_far = await uow.asked_questions.so_far(partnership_id, OWN_QUIZ_BANK, recent=count)
    picked = next_questions(
        tuple(written),
        tuple(written),
        couple_seed,
        Asked(so_far.round, so_far.this_round, so_far.recent),
        count,
    )
    await uow.asked_questions.record(partnership_id, OWN_QUIZ_BANK, picked)
    return tuple(
        PartnerQuestion(
            written[key].prompt, written[key].options, players.index(written[key].author_id)
        )
        for key, _ in picked
    )
