"""The couple's own questions in the quiz: who answers them, where, and their stored copy."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.banks import quiz as quiz_bank
from games.engine import PartnerQuestion, Setup
from games.errors import CorruptState, IllegalMove
from games.palette import LIGHT
from games.quiz import (
    OWN_PREFIX,
    PARTNER_QUESTIONS_PER_GAME,
    Quiz,
    QuizState,
    erase_questions_by,
)
from games.text import Text, to_english

QUIZ = Quiz()
BANK = ("q_season", "q_pets", "q_chronotype", "q_trip_planning", "q_spirit_animal")
TRIP = PartnerQuestion("Where shall we go next <summer>?", ("The sea", "The {partner}"), author=0)
FILM = PartnerQuestion("Film night pick?", ("Comedy", "Horror", "Drama"), author=1)


def seen(state: QuizState, seat: int) -> str:
    view = QUIZ.view(state, seat, LIGHT)
    return "\n".join(
        [to_english(line) for line in view.lines]
        + [to_english(b.label) for row in view.keyboard for b in row]
    )


def play(state: QuizState, steps: int, choice: int = 0) -> QuizState:
    for _ in range(steps):
        state = QUIZ.apply(QUIZ.apply(state, f"a{choice}", 0, 0.0), f"a{choice}", 1, 0.0)
    return state


def test_no_bank_id_looks_like_a_reference() -> None:
    assert not any(q.id.startswith(OWN_PREFIX) for q in quiz_bank.QUESTIONS)


@pytest.mark.parametrize(
    ("authors", "needed"),
    [((), 5), ((0,), 5), ((1,), 5), ((0, 0), 5), ((1, 1), 5), ((0, 1), 4), ((1, 0), 4)],
)
def test_bank_questions_beside(authors: tuple[int, ...], needed: int) -> None:
    assert QUIZ.bank_questions_beside(authors) == needed


def test_the_partner_answers_and_the_author_guesses_at_the_end_of_that_round() -> None:
    # Seat 0 (the author) answers first: their question is for round two, where seat 1
    # answers about themselves and the author guesses.
    state = QUIZ.new(Setup(first_player=0, questions=BANK, partner_questions=(TRIP,)))
    assert state.questions == BANK
    assert state.second == (*BANK[:4], "own0")
    assert state.steps == 10
    assert "✍️" not in seen(state, 0)
    state = play(state, 9)
    partner = seen(state, 1)
    assert "<b>Round 2 of 2 · question 5 of 5</b>" in partner
    assert "✍️ A question from Partner" in partner
    assert "Answer about yourself — Partner will try to guess:" in partner
    assert "Where shall we go next <summer>?" in partner  # to_english: escaping is the renderer's
    author = seen(state, 0)
    assert "✍️ Your question" in author
    assert "Guess what Partner answers:" in author
    # The options are the author's words: literal labels, never msgids.
    keyboard = QUIZ.view(state, 1, LIGHT).keyboard
    assert [row[0].label for row in keyboard] == ["The sea", "The {partner}"]
    assert QUIZ.legal_actions(state, 1) == {"a0", "a1"}
    with pytest.raises(IllegalMove):
        QUIZ.apply(state, "a2", 1, 0.0)
    state = QUIZ.apply(state, "a1", 1, 0.0)
    # The pending answer is the user's text as a parameter (escaped), not a Text.
    waiting = QUIZ.view(state, 1, LIGHT).lines[-1]
    assert isinstance(waiting, Text) and waiting.params["option"] == "The {partner}"
    state = QUIZ.apply(state, "a1", 0, 0.0)
    assert QUIZ.is_finished(state)
    recap = seen(state, 0)
    assert "<b>10.</b> <i>Where shall we go next <summer>?</i>\n✍️ Your question" in recap
    assert "✅ Partner: <b>The {partner}</b> · your guess: <b>The {partner}</b>" in recap
    assert "✅ You: <b>The {partner}</b> · Partner guessed: <b>The {partner}</b>" in seen(state, 1)
    outcome = QUIZ.result(state)
    assert outcome.short == ("5/5", "5/5")
    assert outcome.details["questions"] == list(BANK)  # bank ids only: no user words
    assert "summer" not in json.dumps(outcome.details)
    assert outcome.details["steps"][9]["question"] == "own0"


def test_one_question_of_each_partner_closes_each_round() -> None:
    state = QUIZ.new(Setup(first_player=1, questions=BANK[:4], partner_questions=(TRIP, FILM)))
    # Seat 1 answers round one: the question seat 0 wrote; round two, seat 1's.
    assert state.questions == (*BANK[:4], "own0")
    assert state.second == (*BANK[:4], "own1")
    state = play(state, 4)
    assert "✍️ Your question" in seen(state, 0)
    assert "✍️ A question from Partner" in seen(state, 1)
    state = play(state, 5)
    assert "✍️ Your question" in seen(state, 1)
    assert "Film night pick?" in seen(state, 0)
    assert QUIZ.legal_actions(state, 0) == {"a0", "a1", "a2"}


def test_two_questions_of_one_author() -> None:
    second = PartnerQuestion("Tea or coffee in bed?", ("Tea", "Coffee"), author=0)
    state = QUIZ.new(Setup(first_player=1, questions=BANK, partner_questions=(TRIP, second)))
    assert state.questions == (*BANK[:3], "own0", "own1")
    assert state.second is None or state.second == BANK
    assert state.round_questions(1) == BANK


def test_bad_partner_questions_are_refused() -> None:
    for own in (
        (TRIP, FILM, TRIP),
        (PartnerQuestion("", ("a", "b"), 0),),
        (PartnerQuestion("Q?", ("a",), 0),),
        (PartnerQuestion("Q?", ("a", "b", "c", "d", "e"), 0),),
    ):
        with pytest.raises(ValueError, match="partner question"):
            QUIZ.new(Setup(questions=BANK, partner_questions=own))
    assert PARTNER_QUESTIONS_PER_GAME == 2


@settings(max_examples=80, deadline=None)
@given(
    first=st.sampled_from([0, 1]),
    authors=st.lists(st.sampled_from([0, 1]), max_size=2),
    picks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=10, max_size=10),
)
def test_any_mix_plays_to_the_end_and_round_trips(
    first: int, authors: list[int], picks: list[tuple[int, int]]
) -> None:
    own = tuple(
        PartnerQuestion(f"Question {i}?", ("Yes", "No", "Maybe"), author)
        for i, author in enumerate(authors)
    )
    bank = quiz_bank.QUESTIONS[: QUIZ.bank_questions_beside(tuple(authors))]
    state = QUIZ.new(
        Setup(first_player=first, questions=tuple(q.id for q in bank), partner_questions=own)
    )
    asked_own = 0
    for step, (one, two) in enumerate(picks):
        assert QUIZ.load(json.loads(json.dumps(QUIZ.dump(state)))) == state
        question = state.question(step)
        if isinstance(question, PartnerQuestion):
            asked_own += 1
            assert question.author != state.subject(step)  # the author guesses
        options = len(question.options)
        state = QUIZ.apply(state, f"a{one % options}", 0, 0.0)
        state = QUIZ.apply(state, f"a{two % options}", 1, 0.0)
    assert asked_own == len(own)
    assert QUIZ.is_finished(state)
    assert QUIZ.load(json.loads(json.dumps(QUIZ.dump(state)))) == state
    outcome = QUIZ.result(state)
    assert outcome.short == tuple(f"{score}/5" for score in outcome.scores)
    for seat in (0, 1):
        assert seen(state, seat).count("✍️") == len(own)


def test_a_state_stored_before_own_questions_still_loads() -> None:
    # Exactly what a quiz in progress looked like in the database before this change.
    stored = {
        "questions": list(BANK),
        "first_subject": 1,
        "answers": [[0, 0], [1, 2]],
        "pending": [None, 2],
    }
    state = QUIZ.load(stored)
    assert state.second is None and state.own == ()
    assert state.round_questions(1) == BANK
    assert QUIZ.dump(state) == stored  # and a game without own questions is stored the same
    state = play(QUIZ.apply(state, "a2", 0, 0.0), 7)
    assert QUIZ.is_finished(state)
    assert QUIZ.result(state).details["questions"] == list(BANK)


def test_an_erased_question_still_loads_and_reads_deleted() -> None:
    state = play(QUIZ.new(Setup(first_player=0, questions=BANK, partner_questions=(TRIP,))), 10)
    data = json.loads(json.dumps(QUIZ.dump(state)))
    assert erase_questions_by(data, 1) is None  # the partner wrote none
    erased_data = erase_questions_by(data, 0)  # what /deleteme leaves of the author's
    assert erased_data is not None
    assert erased_data["own"] == [{"prompt": "", "options": [], "author": 0}]
    assert erase_questions_by(erased_data, 0) is None  # nothing left to erase
    erased = QUIZ.load(erased_data)
    for seat in (0, 1):
        recap = seen(erased, seat)
        assert "summer" not in recap and "The sea" not in recap
        assert "<b>10.</b> <i>(deleted)</i>" in recap
        assert "<b>(deleted)</b>" in recap


@pytest.mark.parametrize(
    "change",
    [
        {"second": [*BANK[:4], "own1"]},  # no such question
        {"second": [*BANK[:4], "own00"]},
        {"second": list(BANK)},  # own0 never asked
        {"questions": [*BANK[:4], "own0"], "second": [*BANK[:4], "own0"]},  # asked twice
        {"own": [{"prompt": "Q?", "options": ["a", "b"], "author": 1}]},  # answered by its author
        {"own": [{"prompt": "Q?", "options": ["a"], "author": 0}]},
        {"own": [{"prompt": "Q?", "options": ["a", "b"], "author": 2}]},
        {"second": [*BANK[:3], "own0"]},  # a short round
        {"answers": [[0, 0]] * 9 + [[2, 0]]},  # out of the own question's range
    ],
)
def test_load_rejects_inconsistent_partner_questions(change: dict[str, object]) -> None:
    state = play(QUIZ.new(Setup(first_player=0, questions=BANK, partner_questions=(TRIP,))), 10)
    data = {**json.loads(json.dumps(QUIZ.dump(state))), **change}
    with pytest.raises(CorruptState):
        QUIZ.load(data)
