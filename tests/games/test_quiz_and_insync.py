"""The two questionnaire games: secret answers, reveals, scoring."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.banks import insync as insync_bank
from games.banks import quiz as quiz_bank
from games.engine import Setup
from games.errors import GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.insync import InSync, InSyncState
from games.palette import LIGHT
from games.quiz import Quiz, QuizState
from games.text import to_english

QUIZ = Quiz()
INSYNC = InSync()
QUIZ_IDS = ("q_season", "q_pets", "q_chronotype", "q_trip_planning", "q_spirit_animal")
INSYNC_IDS = tuple(q.id for q in insync_bank.QUESTIONS[:7])


def quiz_text(state: QuizState, seat: int) -> str:
    view = QUIZ.view(state, seat, LIGHT)
    return "\n".join(
        [to_english(line) for line in view.lines]
        + [to_english(b.label) for row in view.keyboard for b in row]
    )


def insync_text(state: InSyncState, seat: int) -> str:
    view = INSYNC.view(state, seat, LIGHT)
    return "\n".join(
        [to_english(line) for line in view.lines]
        + [to_english(b.label) for row in view.keyboard for b in row]
    )


def test_quiz_round_one_answer_and_guess_in_secret() -> None:
    state = QUIZ.new(Setup(questions=QUIZ_IDS))
    assert QUIZ.questions_per_game == 5
    assert "Answer about yourself — Partner will try to guess:\n<b>Your favourite season?</b>" in (
        quiz_text(state, 0)
    )
    # The guesser reads the same question about the partner.
    assert "Guess what Partner answers:\n<b>Partner's favourite season?</b>" in quiz_text(state, 1)
    assert QUIZ.legal_actions(state, 0) == {"a0", "a1", "a2", "a3"}
    state = QUIZ.apply(state, "a2", 0, 0.0)  # Autumn
    assert "Your answer: <b>Autumn</b>. Waiting for Partner…" in quiz_text(state, 0)
    guesser = quiz_text(state, 1)
    assert "Partner has answered and is waiting for you." in guesser
    assert "Your answer" not in guesser
    guesser_lines = [to_english(line) for line in QUIZ.view(state, 1, LIGHT).lines]
    assert not any("Autumn" in line for line in guesser_lines)
    with pytest.raises(NotYourTurn):
        QUIZ.apply(state, "a1", 0, 0.0)
    state = QUIZ.apply(state, "a2", 1, 0.0)
    assert state.answers == ((2, 2),)
    assert "✅ You: <b>Autumn</b> · Partner guessed: <b>Autumn</b>" in quiz_text(state, 0)
    assert "✅ Partner: <b>Autumn</b> · your guess: <b>Autumn</b>" in quiz_text(state, 1)
    assert "Correct guesses: you 1 · Partner 0" in quiz_text(state, 1)
    # a question with three options
    state = QUIZ.apply(state, "a1", 0, 0.0)
    state = QUIZ.apply(state, "a0", 1, 0.0)
    assert "❌ Partner: <b>Dogs</b> · your guess: <b>Cats</b>" in quiz_text(state, 1)
    assert QUIZ.legal_actions(state, 1) == {"a0", "a1", "a2"}
    with pytest.raises(IllegalMove):
        QUIZ.apply(state, "a3", 1, 0.0)
    with pytest.raises(UnknownAction):
        QUIZ.apply(state, "a4", 1, 0.0)


def test_quiz_roles_swap_for_round_two() -> None:
    state = QUIZ.new(Setup(questions=QUIZ_IDS))
    for _ in range(5):
        state = QUIZ.apply(QUIZ.apply(state, "a0", 0, 0.0), "a0", 1, 0.0)
    assert state.subject(state.step) == 1
    assert "🔄 <b>Time to swap roles!</b>" in quiz_text(state, 0)
    assert "Guess what Partner answers:\n<b>Partner's favourite season?</b>" in quiz_text(state, 0)
    assert "<b>Round 2 of 2 · question 1 of 5</b>" in quiz_text(state, 1)


@settings(max_examples=150, deadline=None)
@given(
    first=st.sampled_from([0, 1]),
    picks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=10, max_size=10),
)
def test_quiz_scoring(first: int, picks: list[tuple[int, int]]) -> None:
    state = QUIZ.new(Setup(first_player=first, questions=QUIZ_IDS))
    expected = [0, 0]
    for step, (subject_pick, guess_pick) in enumerate(picks):
        question = quiz_bank.BY_ID[QUIZ_IDS[step % 5]]
        answer = subject_pick % len(question.options)
        guess = guess_pick % len(question.options)
        subject = first if step < 5 else 1 - first
        state = QUIZ.apply(state, f"a{guess}", 1 - subject, 0.0)  # the guesser may go first
        state = QUIZ.apply(state, f"a{answer}", subject, 0.0)
        expected[1 - subject] += answer == guess
    assert QUIZ.is_finished(state)
    outcome = QUIZ.result(state)
    assert outcome.scores == tuple(expected)
    assert outcome.short == (f"{expected[0]}/5", f"{expected[1]}/5")
    winner = None if expected[0] == expected[1] else expected.index(max(expected))
    assert outcome.winner == winner
    assert len(outcome.details["steps"]) == 10
    assert sum(step["correct"] for step in outcome.details["steps"]) == sum(expected)
    for seat in (0, 1):
        assert QUIZ.view(state, seat, LIGHT).keyboard == ()
        recap = quiz_text(state, seat)
        # A couple game: one score for both, each side's guesses beside it.
        assert f"You know each other {sum(expected)}/10" in recap
        assert f"Your guesses: {expected[seat]}/5 · Partner's: {expected[1 - seat]}/5" in recap
        # Every question, with both answers side by side.
        assert recap.count("guessed:") + recap.count("your guess:") == 10
        for step in range(10):
            assert f"<b>{step + 1}.</b>" in recap
    with pytest.raises(GameOver):
        QUIZ.apply(state, "a0", 0, 0.0)


def test_quiz_setup() -> None:
    picked = QUIZ.new(Setup(seed=42)).questions
    assert len(set(picked)) == 5 and set(picked) <= set(quiz_bank.BY_ID)
    assert QUIZ.new(Setup(seed=42)).questions == picked
    for questions in (QUIZ_IDS[:4], (*QUIZ_IDS[:4], QUIZ_IDS[0]), (*QUIZ_IDS[:4], "nope")):
        with pytest.raises(ValueError, match="questions"):
            QUIZ.new(Setup(questions=questions))
    assert dict(QUIZ.question_packs) == {q.id: q.pack for q in quiz_bank.QUESTIONS}


def test_insync_reveal_and_secret() -> None:
    state = INSYNC.new(Setup(questions=INSYNC_IDS))
    first = insync_bank.BY_ID[INSYNC_IDS[0]]
    state = INSYNC.apply(state, "a1", 1, 0.0)
    lines = [to_english(line) for line in INSYNC.view(state, 0, LIGHT).lines]
    assert not any(to_english(first.options[1]) in line for line in lines)
    assert f"Your answer: <b>{first.options[1]}</b>. Waiting for Partner…" in insync_text(state, 1)
    state = INSYNC.apply(state, "a1", 0, 0.0)
    assert f"💞 You both chose <b>{first.options[1]}</b>!" in insync_text(state, 0)
    second = insync_bank.BY_ID[INSYNC_IDS[1]]
    state = INSYNC.apply(INSYNC.apply(state, "a0", 0, 0.0), "a1", 1, 0.0)
    assert (
        f"💔 You: <b>{second.options[0]}</b> · Partner: <b>{second.options[1]}</b>"
        in insync_text(state, 0)
    )
    assert insync_text(state, 0).startswith("💞💔▱▱▱▱▱")
    with pytest.raises(IllegalMove):
        INSYNC.apply(state, "a2", 0, 0.0)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=7, max_size=7))
def test_insync_scoring(answers: list[tuple[int, int]]) -> None:
    state = INSYNC.new(Setup(seed=3))
    for index, (mine, theirs) in enumerate(answers):
        order = ((0, mine), (1, theirs)) if index % 2 else ((1, theirs), (0, mine))
        for seat, choice in order:
            state = INSYNC.apply(state, f"a{choice}", seat, 0.0)
    matches = sum(a == b for a, b in answers)
    percent = round(100 * matches / 7)
    outcome = INSYNC.result(state)
    assert outcome.winner is None
    assert outcome.scores == (percent, percent)
    assert outcome.short == (f"{percent}%", f"{percent}%")
    assert outcome.details["matches"] == matches
    assert f"💞 <b>You are {percent}% in sync!</b>" in insync_text(state, 1)


def test_insync_percentages() -> None:
    assert [round(100 * m / 7) for m in range(8)] == [0, 14, 29, 43, 57, 71, 86, 100]
