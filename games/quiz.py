"""How well do you know me: one partner answers about themselves while the other
guesses, both in secret; each answer is revealed once both are in. After five questions
the roles swap for the same five questions. A seat's score is its correct guesses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from games.banks import Question
from games.banks.quiz import BY_ID, QUESTIONS
from games.codec import dump_dataclass, load_dataclass
from games.common import (
    ANSWER_ACTIONS,
    answer_actions,
    answer_index,
    choose_questions,
    option_keyboard,
    validate_answers,
    waiting_lines,
    winner_by_score,
    with_answer,
)
from games.engine import Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, Text, text

__all__ = ["QUESTIONS_PER_GAME", "Quiz", "QuizState"]

QUESTIONS_PER_GAME = 5


@dataclass(frozen=True)
class QuizState:
    questions: tuple[str, ...]
    first_subject: int = 0
    """Who answers about themselves in round one (the other guesses)."""
    answers: tuple[tuple[int, int], ...] = ()
    """Revealed steps: (seat 0's choice, seat 1's choice); five per round."""
    pending: tuple[int | None, int | None] = (None, None)
    """Secret choices for the current step."""

    @property
    def steps(self) -> int:
        return 2 * len(self.questions)

    @property
    def step(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.step >= self.steps

    def subject(self, step: int) -> int:
        """The seat answering about themselves at `step`."""
        return self.first_subject if step < len(self.questions) else other(self.first_subject)

    def question(self, step: int) -> Question:
        return BY_ID[self.questions[step % len(self.questions)]]

    def correct(self, step: int) -> bool:
        first, second = self.answers[step]
        return first == second

    @property
    def scores(self) -> tuple[int, int]:
        scores = [0, 0]
        for step in range(self.step):
            if self.correct(step):
                scores[other(self.subject(step))] += 1
        return scores[0], scores[1]


class Quiz:
    key = "quiz"
    title = N_("How well do you know me?")
    emoji = "🧠"
    """Beside the title on buttons (optional for a game: its category's otherwise)."""
    description = N_(
        "Answer questions about yourself while your partner guesses your answers, then swap."
    )
    category = "quiz"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = QUESTIONS_PER_GAME
    question_packs: Mapping[str, str] = MappingProxyType({q.id: q.pack for q in QUESTIONS})

    def new(self, setup: Setup) -> QuizState:
        questions = choose_questions(setup, BY_ID, QUESTIONS_PER_GAME)
        return QuizState(questions, first_subject=check_player(setup.first_player))

    def legal_actions(self, state: QuizState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or state.pending[player] is not None:
            return frozenset()
        return answer_actions(state.question(state.step))

    def apply(self, state: QuizState, action: str, player: int, now: float) -> QuizState:
        check_player(player)
        if action not in ANSWER_ACTIONS:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if state.pending[player] is not None:
            raise NotYourTurn("already answered this question")
        choice = answer_index(action, state.question(state.step))
        pending = with_answer(state.pending, player, choice)
        first, second = pending
        if first is None or second is None:
            return QuizState(state.questions, state.first_subject, state.answers, pending)
        answers = (*state.answers, (first, second))
        return QuizState(state.questions, state.first_subject, answers)

    def deadline(self, state: QuizState) -> float | None:
        return None

    def on_deadline(self, state: QuizState, now: float) -> QuizState:
        return state

    def view(self, state: QuizState, player: int, palette: Palette) -> View:
        check_player(player)
        partner = other(player)
        lines: list[Text | str] = []
        if state.finished:
            return View(tuple(self._recap(state, player, palette)))
        if state.step > 0:
            lines += self._reveal(state, state.step - 1, player, palette)
            scores = state.scores
            lines.append(
                text(
                    N_("Correct guesses: you {mine} · {partner} {theirs}"),
                    mine=scores[player],
                    theirs=scores[partner],
                )
            )
            lines.append("")
        step, total = state.step, len(state.questions)
        question = state.question(step)
        lines.append(
            text(
                N_("<b>Round {round} of 2 · question {n} of {total}</b>"),
                round=step // total + 1,
                n=step % total + 1,
                total=total,
            )
        )
        if step == total:
            lines.append(text(N_("🔄 <b>Time to swap roles!</b>")))
        subject = state.subject(step) == player
        if subject:
            role = N_("Answer about yourself — {partner} will try to guess:\n<b>{prompt}</b>")
        else:
            role = N_("Guess what {partner} answers:\n<b>{prompt}</b>")
        lines.append(text(role, prompt=_prompt(question, subject)))
        mine = state.pending[player]
        lines += waiting_lines(
            None if mine is None else question.options[mine],
            state.pending[partner] is not None,
            guess=not subject,
        )
        keyboard = option_keyboard(question) if mine is None else ()
        return View(tuple(lines), keyboard)

    @staticmethod
    def _reveal(state: QuizState, step: int, player: int, palette: Palette) -> list[Text | str]:
        question = state.question(step)
        subject = state.subject(step) == player
        return [
            text(N_("Previous question: <i>{prompt}</i>"), prompt=_prompt(question, subject)),
            _answer_line(state, step, player, palette),
        ]

    @staticmethod
    def _recap(state: QuizState, player: int, palette: Palette) -> list[Text | str]:
        """Every question with both answers side by side, then the couple's score: the
        best moment of the game, kept on its final screen (and in /history)."""
        lines: list[Text | str] = [text(N_("<b>Your answers side by side</b>")), ""]
        for step in range(state.steps):
            subject = state.subject(step) == player
            lines.append(
                text(
                    N_("<b>{n}.</b> <i>{prompt}</i>"),
                    n=step + 1,
                    prompt=_prompt(state.question(step), subject),
                )
            )
            lines.append(_answer_line(state, step, player, palette))
        scores, total = state.scores, len(state.questions)
        together = scores[0] + scores[1]
        lines += [
            "",
            text(N_("💞 <b>You know each other {n}/{total}</b>"), n=together, total=state.steps),
            text(
                N_("Your guesses: {mine}/{total} · {partner}'s: {theirs}/{total}"),
                mine=scores[player],
                theirs=scores[other(player)],
                total=total,
            ),
            text(_closing(together, state.steps)),
        ]
        return lines

    def is_finished(self, state: QuizState) -> bool:
        return state.finished

    def result(self, state: QuizState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        scores, total = state.scores, len(state.questions)
        steps = [
            {
                "question": state.question(step).id,
                "subject": state.subject(step),
                "answer": state.answers[step][state.subject(step)],
                "guess": state.answers[step][other(state.subject(step))],
                "correct": state.correct(step),
            }
            for step in range(state.steps)
        ]
        details = {
            "questions": list(state.questions),
            "first_subject": state.first_subject,
            "steps": steps,
        }
        return Outcome(
            winner=winner_by_score(scores),
            scores=scores,
            short=(f"{scores[0]}/{total}", f"{scores[1]}/{total}"),
            details=details,
        )

    def dump(self, state: QuizState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> QuizState:
        state = load_dataclass(QuizState, data)
        if state.first_subject not in (0, 1) or len(state.questions) != QUESTIONS_PER_GAME:
            raise CorruptState("bad quiz setup")
        validate_answers(state.questions, BY_ID, state.steps, state.answers, state.pending)
        return state


def _prompt(question: Question, subject: bool) -> Text:
    """The question as the one it is about reads it, or as the partner who guesses does."""
    return Text(question.prompt if subject or question.about is None else question.about)


def _answer_line(state: QuizState, step: int, player: int, palette: Palette) -> Text:
    question = state.question(step)
    subject = state.subject(step)
    answer = Text(question.options[state.answers[step][subject]])
    guess = Text(question.options[state.answers[step][other(subject)]])
    mark = palette.correct if state.correct(step) else palette.wrong
    if subject == player:
        line = N_("{mark} You: <b>{answer}</b> · {partner} guessed: <b>{guess}</b>")
    else:
        line = N_("{mark} {partner}: <b>{answer}</b> · your guess: <b>{guess}</b>")
    return text(line, mark=mark, answer=answer, guess=guess)


def _closing(right: int, steps: int) -> str:
    if right == steps:
        return N_("Not a single miss: you read each other like open books.")
    if right * 10 >= steps * 7:
        return N_("You know each other wonderfully well.")
    if right * 10 >= steps * 4:
        return N_("Plenty known, plenty still to discover.")
    return N_("So much left to learn about each other: that's the fun part.")
