"""A couple's questions: none again before every question of their packs was asked, none
outside their packs, whatever they change in between (checked with the real banks too)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.banks import PACKS, SPICY, daily, insync, quiz
from games.question_order import Asked, next_questions


def ask(
    bank: list[str], eligible: set[str], seed: int, log: list[tuple[str, int]], k: int
) -> tuple[tuple[str, int], ...]:
    """One pick given everything asked so far (`log`: question and round, in order)."""
    current = max((r for _, r in log), default=0)
    asked = Asked(
        round=current,
        this_round=frozenset(q for q, r in log if r == current),
        recent=tuple(q for q, _ in log[-2 * k :]),
    )
    picked = next_questions(bank, eligible, seed, asked, k)
    log.extend(picked)
    return picked


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(4, 40),
    seed=st.integers(-(2**40), 2**40),
    k=st.integers(1, 4),
    changes=st.lists(st.integers(0, 2**16), min_size=1, max_size=40),
)
def test_no_repeat_before_every_eligible_question_was_asked(
    size: int, seed: int, k: int, changes: list[int]
) -> None:
    bank = [f"q{index:02d}" for index in range(size)]
    log: list[tuple[str, int]] = []
    for change in changes:
        chooser = random.Random(change)
        eligible = {q for q in bank if chooser.random() < 0.7} or {bank[0]}
        if len(eligible) < k:
            eligible |= set(bank[:k])
        picked = ask(bank, eligible, seed, log, k)
        assert len(picked) == k and len({q for q, _ in picked}) == k
        assert {q for q, _ in picked} <= eligible
    rounds: dict[int, list[str]] = {}
    for question, number in log:
        rounds.setdefault(number, []).append(question)
    for questions in rounds.values():
        assert len(questions) == len(set(questions))  # nothing twice in one round


@pytest.mark.parametrize("bank", [daily.QUESTIONS, quiz.QUESTIONS, insync.QUESTIONS])
def test_a_round_of_the_real_banks_asks_every_question_of_the_packs_once(bank: tuple) -> None:
    ids = [q.id for q in bank]
    per_game = 5 if bank is quiz.QUESTIONS else 7 if bank is insync.QUESTIONS else 1
    for packs in ({p for p in PACKS if p != SPICY}, set(PACKS), {"us", "fun"}):
        eligible = {q.id for q in bank if q.pack in packs}
        log: list[tuple[str, int]] = []
        while len({q for q, r in log if r == 0}) < len(eligible) - per_game + 1:
            ask(ids, eligible, 1234567, log, per_game)
        first_round = [q for q, r in log if r == 0]
        assert len(first_round) == len(set(first_round))
        assert set(first_round) <= eligible
        # What is left of round 0 comes before anything of round 1.
        seen_round_one = [index for index, (_, r) in enumerate(log) if r == 1]
        if seen_round_one:
            assert set(first_round) == eligible
            assert all(r == 1 for _, r in log[seen_round_one[0] :])


def test_a_new_round_does_not_start_with_what_was_just_asked() -> None:
    bank = [f"q{index}" for index in range(6)]
    for seed in range(200):
        log: list[tuple[str, int]] = []
        for _ in range(12):
            ask(bank, set(bank), seed, log, 1)
        asked = [q for q, _ in log]
        starts = [i for i in range(1, len(log)) if log[i][1] != log[i - 1][1]]
        assert starts  # rounds did end
        for start in starts:  # the first of a round is none of the last two of the one before
            assert asked[start] not in asked[max(0, start - 2) : start]


def test_packs_that_shrink_or_grow_mid_round() -> None:
    bank = [f"q{index}" for index in range(10)]
    log: list[tuple[str, int]] = []
    ask(bank, set(bank[:5]), 7, log, 3)
    ask(bank, set(bank[:5]), 7, log, 2)  # the five of the first packs, once each
    assert {q for q, _ in log} == set(bank[:5]) and all(r == 0 for _, r in log)
    picked = ask(bank, set(bank), 7, log, 5)  # more packs: the round goes on
    assert {q for q, _ in picked} == set(bank[5:]) and all(r == 0 for _, r in picked)


def test_asking_more_than_the_eligible_questions_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot ask"):
        next_questions(["a", "b"], {"a"}, 1, Asked(), 2)
