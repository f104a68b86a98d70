"""How well do you know me: one partner answers about themselves while the other
guesses, both in secret; each answer is revealed once both are in. After five questions
the roles swap. A seat's score is its correct guesses.

The five questions are the bank's, and the same in both rounds, unless the couple wrote
their own questions (`Setup.partner_questions`, up to two a game). A partner's own question
is asked in one round only, the one where the author guesses: the author wrote it to learn
their partner's answer ("Where shall we go next summer?"), so the partner answers it about
themselves. It closes that round, in place of the round's last bank question, and the game
keeps its own copy of the words (`QuizState.own`): the author may edit or delete the
question meanwhile, and the game reads as it started.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from games.banks import Question
from games.banks.quiz import BY_ID, QUESTIONS
from games.codec import dump_dataclass, load_dataclass
from games.common import (
    ANSWER_ACTIONS,
    answer_index,
    choose_questions,
    option_keyboard,
    waiting_lines,
    winner_by_score,
    with_answer,
)
from games.engine import (
    SEATS,
    Button,
    Outcome,
    PartnerQuestion,
    Setup,
    View,
    check_player,
    other,
)
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, Param, Text, text

__all__ = ["PARTNER_QUESTIONS_PER_GAME", "QUESTIONS_PER_GAME", "Quiz", "QuizState"]

QUESTIONS_PER_GAME = 5
"""Questions in a round; a game has two rounds."""
PARTNER_QUESTIONS_PER_GAME = 2
"""At most this many of the couple's own questions in a game (of its ten): the bank's
questions stay most of it, and a couple with a long list goes through it in rotation."""
OWN_PREFIX = "own"
"""How a round refers to ``own[i]``: ``own0``, ``own1`` (no bank id starts so)."""


@dataclass(frozen=True)
class QuizState:
    questions: tuple[str, ...]
    """Round one's questions: bank ids, or `OWN_PREFIX` references into `own`."""
    first_subject: int = 0
    """Who answers about themselves in round one (the other guesses)."""
    answers: tuple[tuple[int, int], ...] = ()
    """Revealed steps: (seat 0's choice, seat 1's choice); five per round."""
    pending: tuple[int | None, int | None] = (None, None)
    """Secret choices for the current step."""
    second: tuple[str, ...] | None = None
    """Round two's questions; None when they are round one's (every game without the
    couple's own questions, and every state stored before they were asked)."""
    own: tuple[PartnerQuestion, ...] = ()
    """The couple's own questions this game asks, as they read when it started. An
    erased one (its author deleted their data) has no prompt and no options."""

    def round_questions(self, number: int) -> tuple[str, ...]:
        """Round `number`'s (0 or 1) question references."""
        if number == 0 or self.second is None:
            return self.questions
        return self.second

    @property
    def steps(self) -> int:
        return len(self.questions) + len(self.round_questions(1))

    @property
    def step(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.step >= self.steps

    def position(self, step: int) -> tuple[int, int]:
        """(round, index in the round) of `step`."""
        first = len(self.questions)
        return (0, step) if step < first else (1, step - first)

    def subject(self, step: int) -> int:
        """The seat answering about themselves at `step`."""
        return self.first_subject if step < len(self.questions) else other(self.first_subject)

    def reference(self, step: int) -> str:
        number, index = self.position(step)
        return self.round_questions(number)[index]

    def question(self, step: int) -> Question | PartnerQuestion:
        return _resolve(self.reference(step), self.own)

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
    partner_questions_per_game = PARTNER_QUESTIONS_PER_GAME

    def bank_questions_beside(self, authors: tuple[int, ...]) -> int:
        """Each round holds the questions its guesser wrote, then the bank's first ones:
        the bank questions needed are those of the round with fewer own questions."""
        return QUESTIONS_PER_GAME - min(
            sum(1 for author in authors if author != subject) for subject in SEATS
        )

    def new(self, setup: Setup) -> QuizState:
        first = check_player(setup.first_player)
        own = setup.partner_questions
        if len(own) > PARTNER_QUESTIONS_PER_GAME:
            raise ValueError(f"at most {PARTNER_QUESTIONS_PER_GAME} partner questions")
        for question in own:
            check_player(question.author)
            if not question.prompt or not 2 <= len(question.options) <= len(ANSWER_ACTIONS):
                raise ValueError("a partner question needs a prompt and 2-4 options")
        bank = choose_questions(
            setup, BY_ID, self.bank_questions_beside(tuple(q.author for q in own))
        )
        rounds = []
        for subject in (first, other(first)):
            theirs = tuple(
                f"{OWN_PREFIX}{i}" for i, question in enumerate(own) if question.author != subject
            )
            rounds.append(bank[: QUESTIONS_PER_GAME - len(theirs)] + theirs)
        second = None if rounds[1] == rounds[0] else rounds[1]
        return QuizState(rounds[0], first_subject=first, second=second, own=own)

    def legal_actions(self, state: QuizState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished or state.pending[player] is not None:
            return frozenset()
        return frozenset(ANSWER_ACTIONS[: len(state.question(state.step).options)])

    def apply(self, state: QuizState, action: str, player: int, now: float) -> QuizState:
        check_player(player)
        if action not in ANSWER_ACTIONS:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if state.pending[player] is not None:
            raise NotYourTurn("already answered this question")
        question = state.question(state.step)
        if isinstance(question, Question):
            choice = answer_index(action, question)
        else:
            choice = ANSWER_ACTIONS.index(action)
            if choice >= len(question.options):
                raise IllegalMove(f"{state.reference(state.step)} has fewer options")
        pending = with_answer(state.pending, player, choice)
        first, second = pending
        if first is None or second is None:
            return replace(state, pending=pending)
        return replace(state, answers=(*state.answers, (first, second)), pending=(None, None))

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
        step = state.step
        number, index = state.position(step)
        question = state.question(step)
        lines.append(
            text(
                N_("<b>Round {round} of 2 · question {n} of {total}</b>"),
                round=number + 1,
                n=index + 1,
                total=len(state.round_questions(number)),
            )
        )
        if step == len(state.questions):
            lines.append(text(N_("🔄 <b>Time to swap roles!</b>")))
        lines += _written_by(question, player)
        subject = state.subject(step) == player
        if subject:
            role = N_("Answer about yourself — {partner} will try to guess:\n<b>{prompt}</b>")
        else:
            role = N_("Guess what {partner} answers:\n<b>{prompt}</b>")
        lines.append(text(role, prompt=_prompt(question, subject)))
        mine = state.pending[player]
        lines += waiting_lines(
            None if mine is None else _option(question, mine),
            state.pending[partner] is not None,
            guess=not subject,
        )
        keyboard = _keyboard(question) if mine is None else ()
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
            question = state.question(step)
            subject = state.subject(step) == player
            lines.append(
                text(
                    N_("<b>{n}.</b> <i>{prompt}</i>"),
                    n=step + 1,
                    prompt=_prompt(question, subject),
                )
            )
            lines += _written_by(question, player)
            lines.append(_answer_line(state, step, player, palette))
        scores = state.scores
        together = scores[0] + scores[1]
        lines += [
            "",
            text(N_("💞 <b>You know each other {n}/{total}</b>"), n=together, total=state.steps),
            text(
                N_("Your guesses: {mine}/{total} · {partner}'s: {theirs}/{total}"),
                mine=scores[player],
                theirs=scores[other(player)],
                total=_guessed(state, player),
            ),
            text(_closing(together, state.steps)),
        ]
        return lines

    def is_finished(self, state: QuizState) -> bool:
        return state.finished

    def result(self, state: QuizState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        scores = state.scores
        steps = [
            {
                "question": state.reference(step),
                "subject": state.subject(step),
                "answer": state.answers[step][state.subject(step)],
                "guess": state.answers[step][other(state.subject(step))],
                "correct": state.correct(step),
            }
            for step in range(state.steps)
        ]
        # Bank ids only: the couple's own questions are their words, kept in the state
        # (which /deleteme erases) and not copied here.
        details = {
            "questions": [q for q in _references(state) if not q.startswith(OWN_PREFIX)],
            "own_questions": len(state.own),
            "first_subject": state.first_subject,
            "steps": steps,
        }
        guessed = (_guessed(state, 0), _guessed(state, 1))
        return Outcome(
            winner=winner_by_score(scores),
            scores=scores,
            short=(f"{scores[0]}/{guessed[0]}", f"{scores[1]}/{guessed[1]}"),
            details=details,
        )

    def dump(self, state: QuizState) -> dict[str, Any]:
        data = dump_dataclass(state)
        # A game without own questions is stored as before them.
        if state.second is None:
            del data["second"]
        if not state.own:
            del data["own"]
        return data

    def load(self, data: Mapping[str, Any]) -> QuizState:
        state = load_dataclass(QuizState, data)
        if state.first_subject not in (0, 1):
            raise CorruptState("bad quiz setup")
        _validate(state)
        return state


def _resolve(reference: str, own: tuple[PartnerQuestion, ...]) -> Question | PartnerQuestion:
    if reference.startswith(OWN_PREFIX):
        return own[int(reference.removeprefix(OWN_PREFIX))]
    return BY_ID[reference]


def _references(state: QuizState) -> list[str]:
    """Every question of the game once, in order of first appearance."""
    return list(dict.fromkeys((*state.questions, *state.round_questions(1))))


def _guessed(state: QuizState, seat: int) -> int:
    """How many questions `seat` guesses: those of the round where the partner answers."""
    number = 0 if state.first_subject != seat else 1
    return len(state.round_questions(number))


def _erased(question: PartnerQuestion) -> bool:
    return not question.prompt


def _validate(state: QuizState) -> None:
    """The checks of `load`; raises `CorruptState`."""
    rounds = (state.questions, state.round_questions(1))
    if any(len(questions) != QUESTIONS_PER_GAME for questions in rounds):
        raise CorruptState("bad quiz setup")
    if len(state.own) > PARTNER_QUESTIONS_PER_GAME:
        raise CorruptState("too many partner questions")
    for written in state.own:
        if written.author not in SEATS:
            raise CorruptState("bad author")
        erased = _erased(written) and not written.options
        if not erased and not (written.prompt and 2 <= len(written.options) <= 4):
            raise CorruptState("bad partner question")
    asked_own: list[str] = []
    for number, questions in enumerate(rounds):
        if len(set(questions)) != len(questions):
            raise CorruptState("repeated questions")
        subject = state.first_subject if number == 0 else other(state.first_subject)
        for reference in questions:
            if reference.startswith(OWN_PREFIX):
                index = reference.removeprefix(OWN_PREFIX)
                if index not in {str(i) for i in range(len(state.own))}:
                    raise CorruptState("unknown partner question")
                if state.own[int(index)].author == subject:
                    raise CorruptState("a partner question answered by its author")
                asked_own.append(reference)
            elif reference not in BY_ID:
                raise CorruptState("unknown question")
    if sorted(asked_own) != [f"{OWN_PREFIX}{i}" for i in range(len(state.own))]:
        raise CorruptState("each partner question is asked once")
    if len(state.answers) > state.steps:
        raise CorruptState("too many answers")
    for step, pair in enumerate((*state.answers, state.pending)):
        if step >= state.steps:
            if pair != (None, None):
                raise CorruptState("pending answers in a finished game")
            continue
        question = state.question(step)
        erased = isinstance(question, PartnerQuestion) and _erased(question)
        options = len(ANSWER_ACTIONS) if erased else len(question.options)
        if any(choice is not None and not 0 <= choice < options for choice in pair):
            raise CorruptState("answer out of range")
    if None not in state.pending:
        raise CorruptState("both pending answers set: the question should be revealed")


def _written_by(question: Question | PartnerQuestion, player: int) -> list[Text]:
    """Whose question it is, when one of the couple wrote it."""
    if isinstance(question, Question):
        return []
    if question.author == player:
        return [text(N_("✍️ Your question"))]
    return [text(N_("✍️ A question from {partner}"))]


def _prompt(question: Question | PartnerQuestion, subject: bool) -> Param:
    """The question as the one it is about reads it, or as the partner who guesses does;
    a couple's own as its author wrote it (user data: escaped when rendered)."""
    if isinstance(question, PartnerQuestion):
        return question.prompt or text(N_("(deleted)"))
    return Text(question.prompt if subject or question.about is None else question.about)


def _option(question: Question | PartnerQuestion, choice: int) -> Text | str:
    if isinstance(question, Question):
        return Text(question.options[choice])
    if choice < len(question.options):
        return question.options[choice]
    return text(N_("(deleted)"))


def _keyboard(question: Question | PartnerQuestion) -> tuple[tuple[Button, ...], ...]:
    if isinstance(question, Question):
        return option_keyboard(question)
    # A str label is shown as it is: the author's words, never a msgid.
    return tuple(
        (Button(option, ANSWER_ACTIONS[choice]),) for choice, option in enumerate(question.options)
    )


def _answer_line(state: QuizState, step: int, player: int, palette: Palette) -> Text:
    question = state.question(step)
    subject = state.subject(step)
    answer = _option(question, state.answers[step][subject])
    guess = _option(question, state.answers[step][other(subject)])
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


def erase_questions_by(dumped: Mapping[str, Any], seat: int) -> dict[str, Any] | None:
    """A stored quiz state (`Quiz.dump`) without the words of the couple's own questions
    the seat wrote (/deleteme), or None when it holds none; the game still loads (its
    questions read "(deleted)"). Works on the stored form, as an erasure reads any stored
    game: a state that is not a quiz's holds no "own" and is left alone."""
    written = dumped.get("own")
    if not isinstance(written, list):
        return None
    theirs = [
        isinstance(q, dict)
        and q.get("author") == seat
        and bool(q.get("prompt") or q.get("options"))
        for q in written
    ]
    if not any(theirs):
        return None
    own = [
        {**q, "prompt": "", "options": []} if mine else q
        for q, mine in zip(written, theirs, strict=True)
    ]
    return {**dumped, "own": own}
