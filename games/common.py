"""Small pieces shared by several games: outcomes and recurring texts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from games.banks import SPICY, Question
from games.engine import Button, Outcome, Setup, other
from games.errors import CorruptState, IllegalMove, UnknownAction
from games.question_order import Asked, next_questions
from games.text import N_, NP_, Text, plural, text

__all__ = [
    "ANSWER_ACTIONS",
    "answer_actions",
    "answer_index",
    "choose_questions",
    "duel_outcome",
    "final_verdict",
    "option_keyboard",
    "played_rounds",
    "previous_question",
    "round_verdict",
    "score_line",
    "validate_answers",
    "waiting_lines",
    "winner_by_score",
    "with_answer",
]


def winner_by_score(scores: tuple[int, int]) -> int | None:
    """The seat with the higher score, or None on a tie."""
    if scores[0] == scores[1]:
        return None
    return 0 if scores[0] > scores[1] else 1


def duel_outcome(
    winner: int | None, scores: tuple[int, int], details: Mapping[str, Any]
) -> Outcome:
    """An outcome whose short results are "win" / "loss" / "draw"."""
    if winner is None:
        short = ("draw", "draw")
    else:
        short = ("win", "loss") if winner == 0 else ("loss", "win")
    return Outcome(winner=winner, scores=scores, short=short, details=details)


def line_outcome(
    *, winner: int | None, first_player: int, moves: Sequence[int], winning_cells: Iterable[int]
) -> Outcome:
    """A game of making a line (tic-tac-toe, Connect Four): one point to the winner, and
    the moves and the winning line kept for history."""
    details = {
        "first_player": first_player,
        "moves": list(moves),
        "winning_cells": sorted(winning_cells),
    }
    return duel_outcome(winner, (int(winner == 0), int(winner == 1)), details)


def score_line(scores: tuple[int, int], player: int) -> Text:
    """The running score ("You 1 : 0 Partner") from `player`'s side."""
    return text(
        N_("<b>You {mine} : {theirs} {partner}</b>"),
        mine=scores[player],
        theirs=scores[other(player)],
    )


def round_verdict(winner: int | None, player: int) -> Text:
    """Who took a round, from `player`'s side; None means the round is replayed."""
    if winner is None:
        return text(N_("no winner, replay"))
    if winner == player:
        return text(N_("you take the round"))
    return text(N_("{partner} takes the round"))


def final_verdict(winner: int | None, player: int) -> Text:
    """The closing line of a duel, from `player`'s side."""
    if winner is None:
        return text(N_("🤝 <b>It's a draw!</b> Well played, both of you."))
    if winner == player:
        return text(N_("🎉 <b>You win!</b>"))
    return text(N_("🏆 <b>{partner} wins this time!</b>"))


def played_rounds(rounds: int) -> Text:
    """The closing count of rounds ("3 rounds played.")."""
    return plural(NP_("{n} round played.", "{n} rounds played."), rounds)


# --- questionnaire games (quiz, in sync) ---------------------------------------------

ANSWER_ACTIONS: tuple[str, ...] = ("a0", "a1", "a2", "a3")


def choose_questions(setup: Setup, bank: Mapping[str, Question], count: int) -> tuple[str, ...]:
    """`setup.questions`, checked against the bank; if empty, a first pick for the seed from
    every pack but the 18+ one (the bot always picks for the couple: bot/services)."""
    everyday = [question.id for question in bank.values() if question.pack != SPICY]
    questions = setup.questions or tuple(
        question
        for question, _ in next_questions(tuple(bank), everyday, setup.seed, Asked(), count)
    )
    if len(questions) != count or len(set(questions)) != count:
        raise ValueError(f"expected {count} distinct questions, got {questions!r}")
    unknown = [question for question in questions if question not in bank]
    if unknown:
        raise ValueError(f"unknown questions: {unknown}")
    return tuple(questions)


def answer_index(action: str, question: Question) -> int:
    """The option chosen by an ``aN`` action; `UnknownAction` / `IllegalMove` otherwise."""
    if action not in ANSWER_ACTIONS:
        raise UnknownAction(action)
    choice = ANSWER_ACTIONS.index(action)
    if choice >= len(question.options):
        raise IllegalMove(f"{question.id} has {len(question.options)} options")
    return choice


def answer_actions(question: Question) -> frozenset[str]:
    return frozenset(ANSWER_ACTIONS[: len(question.options)])


def option_keyboard(question: Question) -> tuple[tuple[Button, ...], ...]:
    """One option per row: labels can be a few words long."""
    return tuple(
        (Button(Text(option), ANSWER_ACTIONS[choice]),)
        for choice, option in enumerate(question.options)
    )


def with_answer(
    pending: tuple[int | None, int | None], player: int, choice: int
) -> tuple[int | None, int | None]:
    return (choice, pending[1]) if player == 0 else (pending[0], choice)


def previous_question(question: Question) -> Text:
    return text(N_("Previous question: <i>{prompt}</i>"), prompt=Text(question.prompt))


def waiting_lines(
    mine: Text | str | None, partner_answered: bool, guess: bool = False
) -> list[Text]:
    """Your pending answer (a bank's option as a `Text`, a couple's own as its `str`), or
    whether your partner is waiting for you."""
    if mine is not None:
        if guess:
            return [text(N_("Your guess: <b>{option}</b>. Waiting for {partner}…"), option=mine)]
        return [text(N_("Your answer: <b>{option}</b>. Waiting for {partner}…"), option=mine)]
    if partner_answered:
        return [text(N_("{partner} has answered and is waiting for you."))]
    return []


def validate_answers(
    questions: tuple[str, ...],
    bank: Mapping[str, Question],
    steps: int,
    answers: tuple[tuple[int, int], ...],
    pending: tuple[int | None, int | None],
) -> None:
    """Checks shared by `load` of the questionnaire games; raises `CorruptState`."""
    if len(set(questions)) != len(questions) or any(q not in bank for q in questions):
        raise CorruptState("unknown or repeated questions")
    if len(answers) > steps:
        raise CorruptState("too many answers")
    for step, pair in enumerate((*answers, pending)):
        if step >= steps:
            if pair != (None, None):
                raise CorruptState("pending answers in a finished game")
            continue
        options = len(bank[questions[step % len(questions)]].options)
        if any(choice is not None and not 0 <= choice < options for choice in pair):
            raise CorruptState("answer out of range")
    if None not in pending:
        raise CorruptState("both pending answers set: the question should be revealed")
