"""Which questions a couple is asked next: none again until every question they may be
asked was asked.

A couple goes through a bank in rounds. Round ``r``'s order is the whole bank (sorted, so
the caller's order does not matter) shuffled with ``random.Random(f"{couple_seed}:{r}")``:
the same couple always meets the same order, two couples meet different ones, and light
and deep questions stay mixed. The next question is the first one of that order that is
*eligible* (in the couple's packs) and was not asked this round. When no eligible question
is left, a new round starts; the questions asked last go to the end of its order, so the
end of one round and the start of the next never ask the same question twice in a row.

Packs may change at any time: what counts is what was asked this round and what is
eligible now. A question outside the couple's packs is never asked.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

__all__ = ["Asked", "next_questions"]


@dataclass(frozen=True)
class Asked:
    """What a couple was asked from one bank."""

    round: int = 0
    """The couple's current round."""
    this_round: frozenset[str] = frozenset()
    """Asked in that round."""
    recent: tuple[str, ...] = ()
    """The last ones asked, in any round, oldest first."""


def next_questions(
    bank: Sequence[str],
    eligible: Collection[str],
    couple_seed: int,
    asked: Asked,
    k: int,
) -> tuple[tuple[str, int], ...]:
    """The next `k` distinct questions, each with the round it is asked in.

    Raises ValueError when fewer than `k` eligible questions exist.
    """
    allowed = set(eligible) & set(bank)
    if k < 0 or k > len(allowed):
        raise ValueError(f"cannot ask {k} distinct questions of {len(allowed)} eligible")
    picked: list[tuple[str, int]] = []
    taken: set[str] = set()
    for question in _order(bank, couple_seed, asked.round):
        if len(picked) == k:
            return tuple(picked)
        if question in allowed and question not in asked.this_round:
            picked.append((question, asked.round))
            taken.add(question)
    # The round is over: a new one, with what was asked last at its end.
    later = set(asked.recent) | taken
    order = _order(bank, couple_seed, asked.round + 1)
    order = [q for q in order if q not in later] + [q for q in order if q in later]
    for question in order:
        if len(picked) == k:
            break
        if question in allowed and question not in taken:
            picked.append((question, asked.round + 1))
            taken.add(question)
    return tuple(picked)


def _order(bank: Sequence[str], couple_seed: int, round_number: int) -> list[str]:
    order = sorted(set(bank))
    random.Random(f"{couple_seed}:{round_number}").shuffle(order)
    return order
