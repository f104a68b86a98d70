"""Per-couple question order: no repeats until the whole bank has been seen.

The sequence for a couple is an endless run of cycles; cycle ``c`` is the bank
(sorted, so the caller's order does not matter) shuffled with
``random.Random(f"{couple_seed}:{c}")``. A pick of ``k`` questions that straddles two
cycles could serve a question twice, so each cycle after the first moves the questions
that ended the previous cycle out of its first ``k - 1`` places (keeping their relative
order). With a bank of at least ``2 * (k - 1)`` questions, every ``k`` consecutive places
of the sequence are distinct, so a pick is exactly the next ``k`` places and the caller
just adds ``k`` to ``served``. Smaller banks still never repeat within a pick: the pick
skips a duplicate and takes the next place instead.

Use one ``k`` per bank: the de-duplication window depends on it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

__all__ = ["pick_questions"]


def pick_questions(
    bank_ids: Sequence[str], couple_seed: int, served: int, k: int
) -> tuple[str, ...]:
    """The next `k` question ids for a couple that has been served `served` so far."""
    bank = sorted(bank_ids)
    if len(set(bank)) != len(bank):
        raise ValueError("bank ids must be unique")
    if served < 0 or k < 0:
        raise ValueError("served and k must not be negative")
    if k > len(bank):
        raise ValueError(f"cannot pick {k} distinct questions from a bank of {len(bank)}")
    if k == 0:
        return ()
    size = len(bank)
    picked: list[str] = []
    cycle_index, offset = divmod(served, size)
    cycle = _cycle(bank, couple_seed, cycle_index, k)
    while len(picked) < k:
        if offset == size:
            cycle_index, offset = cycle_index + 1, 0
            cycle = _cycle(bank, couple_seed, cycle_index, k, previous=cycle)
        question = cycle[offset]
        offset += 1
        if question not in picked:
            picked.append(question)
    return tuple(picked)


def _shuffled(bank: list[str], couple_seed: int, cycle: int) -> list[str]:
    order = list(bank)
    random.Random(f"{couple_seed}:{cycle}").shuffle(order)
    return order


def _cycle(
    bank: list[str],
    couple_seed: int,
    cycle: int,
    k: int,
    previous: list[str] | None = None,
) -> list[str]:
    """Cycle number `cycle`, computed from cycle 0 unless `previous` is given."""
    if previous is None and k > 1:
        order = _shuffled(bank, couple_seed, 0)
        for number in range(1, cycle + 1):
            order = _spread(_shuffled(bank, couple_seed, number), order, k - 1)
        return order
    return _spread(_shuffled(bank, couple_seed, cycle), previous or [], k - 1)


def _spread(order: list[str], previous: list[str], window: int) -> list[str]:
    """`order` with the last `window` of `previous` moved out of its first `window` places."""
    if window <= 0:
        return order
    tail = set(previous[-window:])
    head: list[str] = []
    deferred: list[str] = []
    rest: list[str] = []
    for question in order:
        if len(head) >= window:
            rest.append(question)
        elif question in tail:
            deferred.append(question)
        else:
            head.append(question)
    return head + deferred + rest
