"""Per-couple question order: no repeats before the bank is exhausted, none within a pick."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.question_order import pick_questions

banks = st.integers(1, 30).map(lambda size: [f"q{index:02d}" for index in range(size)])


@settings(max_examples=200, deadline=None)
@given(bank=banks, seed=st.integers(-(2**40), 2**40), k=st.integers(1, 8), picks=st.integers(1, 12))
def test_successive_picks_cover_the_bank_before_repeating(
    bank: list[str], seed: int, k: int, picks: int
) -> None:
    k = min(k, len(bank))
    served: list[str] = []
    for _ in range(picks):
        pick = pick_questions(bank, seed, len(served), k)
        assert len(pick) == k
        assert len(set(pick)) == k  # no duplicate within one pick
        served += pick
    if len(bank) >= 2 * (k - 1):
        # every full cycle of the bank is a permutation: nothing repeats before all are seen
        for start in range(0, len(served) - len(bank) + 1, len(bank)):
            assert sorted(served[start : start + len(bank)]) == sorted(bank)


@settings(max_examples=200, deadline=None)
@given(bank=banks, seed=st.integers(0, 2**32), served=st.integers(0, 200), k=st.integers(0, 8))
def test_any_pick_is_distinct_and_deterministic(
    bank: list[str], seed: int, served: int, k: int
) -> None:
    k = min(k, len(bank))
    pick = pick_questions(bank, seed, served, k)
    assert len(pick) == len(set(pick)) == k
    assert set(pick) <= set(bank)
    assert (
        pick_questions(list(reversed(bank)), seed, served, k) == pick
    )  # input order is irrelevant


@settings(max_examples=150, deadline=None)
@given(
    size=st.integers(1, 45),
    k=st.integers(1, 8),
    seed=st.integers(0, 2**32),
    served=st.integers(0, 150),
)
def test_picks_are_windows_of_one_sequence(size: int, k: int, seed: int, served: int) -> None:
    """With a bank of at least 2(k-1) questions a pick is exactly the next k places of one
    sequence, whatever `served` is, so callers simply add k to their counter."""
    bank = [f"q{index}" for index in range(size)]
    k = min(k, size)
    if size < 2 * (k - 1):
        return
    sequence: list[str] = []
    while len(sequence) < served + k:
        sequence += pick_questions(bank, seed, len(sequence), k)
    assert pick_questions(bank, seed, served, k) == tuple(sequence[served : served + k])


def test_couples_get_different_orders() -> None:
    bank = [f"q{index}" for index in range(40)]
    assert pick_questions(bank, 1, 0, 5) != pick_questions(bank, 2, 0, 5)
    assert pick_questions(bank, 1, 0, 5) == pick_questions(bank, 1, 0, 5)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unique"):
        pick_questions(["a", "a"], 0, 0, 1)
    with pytest.raises(ValueError, match="cannot pick 3"):
        pick_questions(["a", "b"], 0, 0, 3)
    with pytest.raises(ValueError, match="negative"):
        pick_questions(["a", "b"], 0, -1, 1)
    assert pick_questions(["a"], 0, 5, 0) == ()
    assert pick_questions(["a"], 0, 5, 1) == ("a",)
