"""A couple's own questions: either partner writes one, the question of the day asks it.

A question is one line of text, optionally followed by 2 to 4 answer options, one per line
(answered by a button, like the bank's choice questions); without options it is answered in
words. The author may edit or delete theirs; both partners see the couple's list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.clock import Clock
from db import Database
from db.repositories.own_questions import OwnQuestion
from db.repositories.users import User
from db.unit_of_work import UnitOfWork

MAX_PROMPT = 200
"""Characters of a question: a question, not a letter (the answer allows 300)."""
MAX_OPTION = 28
"""Characters of an option: one button per row on a phone shows about 30 (see the bank's
content tests)."""
OPTION_COUNTS = (0, 2, 3, 4)
MAX_PER_AUTHOR = 100
"""Questions one partner may keep in their couple's list: over three months of days."""


class QuestionProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    OPTION_COUNT = "option_count"
    OPTION_TOO_LONG = "option_too_long"
    SAME_OPTIONS = "same_options"


class InvalidQuestion(ValueError):
    def __init__(self, problem: QuestionProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class OwnQuestionRefused(Exception):
    NO_PARTNER = "no_partner"
    TOO_MANY = "too_many"
    NOT_FOUND = "not_found"
    """Not the couple's, not the user's, or deleted meanwhile."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class WrittenQuestion:
    prompt: str
    options: tuple[str, ...]


def parse_question(text: str) -> WrittenQuestion:
    """The question on the first line, options on the next ones; blank lines and extra
    spaces do not count."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InvalidQuestion(QuestionProblem.EMPTY)
    prompt, options = lines[0], tuple(lines[1:])
    if len(prompt) > MAX_PROMPT:
        raise InvalidQuestion(QuestionProblem.TOO_LONG)
    if len(options) not in OPTION_COUNTS:
        raise InvalidQuestion(QuestionProblem.OPTION_COUNT)
    if any(len(option) > MAX_OPTION for option in options):
        raise InvalidQuestion(QuestionProblem.OPTION_TOO_LONG)
    if len({option.casefold() for option in options}) != len(options):
        raise InvalidQuestion(QuestionProblem.SAME_OPTIONS)
    return WrittenQuestion(prompt, options)


@dataclass(frozen=True)
class CoupleQuestions:
    partner: User
    questions: list[OwnQuestion]
    """Oldest first."""


class OwnQuestionService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    async def list(self, user_id: int) -> CoupleQuestions:
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise OwnQuestionRefused(OwnQuestionRefused.NO_PARTNER)
            partner = await uow.users.get(partnership.partner_of(user_id))
            assert partner is not None  # an active partnership's users exist
            return CoupleQuestions(partner, await uow.own_questions.of_partnership(partnership.id))

    async def add(self, user_id: int, question: WrittenQuestion) -> OwnQuestion:
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise OwnQuestionRefused(OwnQuestionRefused.NO_PARTNER)
            if await uow.own_questions.count_by(partnership.id, user_id) >= MAX_PER_AUTHOR:
                raise OwnQuestionRefused(OwnQuestionRefused.TOO_MANY)
            return await uow.own_questions.add(
                partnership.id, user_id, question.prompt, question.options, self._clock.now()
            )

    async def edit(self, user_id: int, question_id: int, question: WrittenQuestion) -> None:
        async with self._db.transaction() as uow:
            if not await self._mine(uow, user_id, question_id):
                raise OwnQuestionRefused(OwnQuestionRefused.NOT_FOUND)
            await uow.own_questions.edit(question_id, user_id, question.prompt, question.options)

    async def delete(self, user_id: int, question_id: int) -> None:
        async with self._db.transaction() as uow:
            if not await self._mine(uow, user_id, question_id):
                raise OwnQuestionRefused(OwnQuestionRefused.NOT_FOUND)
            await uow.own_questions.delete(question_id, user_id)

    async def mine(self, user_id: int, question_id: int) -> OwnQuestion:
        """The user's own question in their current couple (to edit it)."""
        async with self._db.read() as uow:
            found = await self._mine(uow, user_id, question_id)
        if found is None:
            raise OwnQuestionRefused(OwnQuestionRefused.NOT_FOUND)
        return found

    @staticmethod
    async def _mine(uow: UnitOfWork, user_id: int, question_id: int) -> OwnQuestion | None:
        partnership = await uow.partnerships.active_for(user_id)
        if partnership is None:
            return None
        found = await uow.own_questions.get(question_id, partnership.id)
        return found if found is not None and found.author_id == user_id else None
