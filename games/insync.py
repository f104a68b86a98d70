"""In sync: both partners answer the same seven questions in secret; each answer pair
is revealed together. The result is the share of matching answers, for both of you.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from games.banks import Question
from games.banks.insync import BY_ID, QUESTIONS
from games.codec import dump_dataclass, load_dataclass
from games.common import (
    ANSWER_ACTIONS,
    answer_actions,
    answer_index,
    choose_questions,
    option_keyboard,
    previous_question,
    validate_answers,
    waiting_lines,
    with_answer,
)
from games.engine import Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, NP_, Text, plural, text

__all__ = ["QUESTIONS_PER_GAME", "InSync", "InSyncState"]

QUESTIONS_PER_GAME = 7


@dataclass(frozen=True)
class InSyncState:
    questions: tuple[str, ...]
    answers: tuple[tuple[int, int], ...] = ()
    """Revealed answers: (seat 0's choice, seat 1's choice)."""
    pending: tuple[int | None, int | None] = (None, None)

    @property
    def step(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.step >= len(self.questions)

    def question(self, step: int) -> Question:
        return BY_ID[self.questions[step]]

    @property
    def matches(self) -> int:
        return sum(first == second for first, second in self.answers)

    @property
    def percent(self) -> int:
        return round(100 * self.matches / len(self.questions))


class InSync:
    key = "insync"
    title = N_("In sync")
    emoji = "💞"
    """Beside the title on buttons (optional for a game: its category's otherwise)."""
    description = N_("Answer the same questions in secret and find out how alike you think.")
    category = "romantic"
    cooperative = True
    animation_url: str | None = None
    questions_per_game = QUESTIONS_PER_GAME
    question_packs: Mapping[str, str] = MappingProxyType({q.id: q.pack for q in QUESTIONS})

    def new(self, setup: Setup) -> InSyncState:
        return InSyncState(choose_questions(setup, BY_ID, QUESTIONS_PER_GAME))

    def legal_actions(self, state: InSyncState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or state.pending[player] is not None:
            return frozenset()
        return answer_actions(state.question(state.step))

    def apply(self, state: InSyncState, action: str, player: int, now: float) -> InSyncState:
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
            return InSyncState(state.questions, state.answers, pending)
        return InSyncState(state.questions, (*state.answers, (first, second)))

    def deadline(self, state: InSyncState) -> float | None:
        return None

    def on_deadline(self, state: InSyncState, now: float) -> InSyncState:
        return state

    def view(self, state: InSyncState, player: int, palette: Palette) -> View:
        check_player(player)
        partner = other(player)
        total = len(state.questions)
        marks = "".join(
            palette.match if first == second else palette.mismatch
            for first, second in state.answers
        )
        if state.finished:
            return View(tuple(self._recap(state, player, palette)))
        lines: list[Text | str] = [marks + palette.bar_empty * (total - state.step)]
        if state.step > 0:
            lines.append(previous_question(state.question(state.step - 1)))
            lines.append(_pair_line(state, state.step - 1, player, palette))
            lines.append("")
        question = state.question(state.step)
        lines.append(
            text(
                N_("Question {n} of {total}:\n<b>{prompt}</b>"),
                n=state.step + 1,
                total=total,
                prompt=Text(question.prompt),
            )
        )
        chosen = state.pending[player]
        lines += waiting_lines(
            None if chosen is None else Text(question.options[chosen]),
            state.pending[partner] is not None,
        )
        keyboard = option_keyboard(question) if chosen is None else ()
        return View(tuple(lines), keyboard)

    @staticmethod
    def _recap(state: InSyncState, player: int, palette: Palette) -> list[Text | str]:
        """Every question with both answers side by side, then how in tune you are: the
        best moment of the game, kept on its final screen (and in /history)."""
        lines: list[Text | str] = [text(N_("<b>Your answers side by side</b>")), ""]
        for step in range(len(state.questions)):
            lines.append(
                text(
                    N_("<b>{n}.</b> <i>{prompt}</i>"),
                    n=step + 1,
                    prompt=Text(state.question(step).prompt),
                )
            )
            lines.append(_pair_line(state, step, player, palette))
        return [*lines, "", *InSync._summary(state)]

    @staticmethod
    def _summary(state: InSyncState) -> list[Text | str]:
        percent = state.percent
        if percent >= 85:
            comment = N_("Two hearts, one mind.")
        elif percent >= 55:
            comment = N_("Wonderfully in tune, with a few surprises.")
        elif percent >= 25:
            comment = N_("Different tastes keep things interesting!")
        else:
            comment = N_("Opposites attract: you complete each other.")
        matched = NP_(
            "You matched on {n} question out of {total}.",
            "You matched on {n} questions out of {total}.",
        )
        return [
            # "%" stays out of msgids: Babel would flag them python-format.
            text(N_("💞 <b>You are {percent} in sync!</b>"), percent=f"{percent}%"),
            plural(matched, state.matches, total=len(state.questions)),
            text(comment),
        ]

    def is_finished(self, state: InSyncState) -> bool:
        return state.finished

    def result(self, state: InSyncState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        percent = state.percent
        details = {
            "questions": list(state.questions),
            "answers": [list(pair) for pair in state.answers],
            "matches": state.matches,
            "percent": percent,
        }
        return Outcome(
            winner=None,
            scores=(percent, percent),
            short=(f"{percent}%", f"{percent}%"),
            details=details,
        )

    def dump(self, state: InSyncState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> InSyncState:
        state = load_dataclass(InSyncState, data)
        if len(state.questions) != QUESTIONS_PER_GAME:
            raise CorruptState("bad in-sync setup")
        validate_answers(state.questions, BY_ID, len(state.questions), state.answers, state.pending)
        return state


def _pair_line(state: InSyncState, step: int, player: int, palette: Palette) -> Text:
    question = state.question(step)
    answers = state.answers[step]
    mine = Text(question.options[answers[player]])
    if answers[0] == answers[1]:
        return text(N_("{mark} You both chose <b>{option}</b>!"), mark=palette.match, option=mine)
    return text(
        N_("{mark} You: <b>{mine}</b> · {partner}: <b>{theirs}</b>"),
        mark=palette.mismatch,
        mine=mine,
        theirs=Text(question.options[answers[other(player)]]),
    )
