"""The question of the day: the same question for both partners, answers revealed together.

It is stored like a game: one `game_sessions` row per couple per couple-day (the `day`
column, unique per couple; the couple's day follows the partner furthest behind, as
bot/zones.py says), `result_json` with the question and both answers once both answered,
and a `history` row for each partner. A question one of the partners wrote for the couple
(bot/services/own_questions.py) comes before the bank's; its text is kept in the day's
state (`own`), so the day reads the same after the author edits or deletes it in the list.
A timer (`wake_at`) sends the partner who has not
answered one gentle reminder a while after the other answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from bot.clock import Clock
from bot.progress.records import ANSWERED
from bot.services.gameplay import (
    COUPLE_ENDINGS,
    GameService,
    PlayError,
    Players,
    SessionView,
    couple_seed,
)
from bot.services.packs import pick_questions
from bot.zones import couple_day, next_local_time, zone_of
from db import Database
from db.repositories.game_sessions import GameSession, Status
from db.repositories.own_questions import OwnQuestion
from db.repositories.partnerships import Partnership
from db.repositories.settings import UserSettings
from db.repositories.users import User
from db.unit_of_work import UnitOfWork
from games.banks import Question
from games.banks.daily import BY_ID, QUESTIONS
from games.text import N_

SLUG = "daily"
REACTIONS = ("❤️", "😂", "🥹", "😮", "🔥")
MAX_REPLY_LENGTH = 200
TITLE = N_("Question of the day")
DESCRIPTION = N_("One question a day for both of you; answers are revealed together.")
MAX_ANSWER_LENGTH = 300
PACK_OF = MappingProxyType({question.id: question.pack for question in QUESTIONS})


class TodayStatus(StrEnum):
    """Where the couple stands with today's question, from one partner's side."""

    YOUR_TURN = "your_turn"
    WAITING = "waiting"
    BOTH = "both"


class InvalidAnswer(ValueError):
    """A typed answer that is empty or too long."""


@dataclass(frozen=True)
class DailyAnswer:
    """What one partner answered: a choice (option index) or free text."""

    option: int | None = None
    text: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"option": self.option} if self.option is not None else {"text": self.text}


@dataclass(frozen=True)
class CoupleQuestion:
    """A question one partner wrote, as the day asked it: shown as written, never
    translated. `author_id` is None once the author deleted their data."""

    prompt: str
    options: tuple[str, ...]
    author_id: int | None


def question_of(session: GameSession) -> Question | CoupleQuestion:
    assert session.state is not None
    own = session.state.get("own")
    if isinstance(own, dict):
        return CoupleQuestion(
            str(own.get("prompt", "")),
            tuple(str(option) for option in own.get("options") or ()),
            own.get("author"),
        )
    return BY_ID[session.state["question"]]


def own_state(question: OwnQuestion) -> dict[str, Any]:
    return {
        "prompt": question.prompt,
        "options": list(question.options),
        "author": question.author_id,
    }


def answers_of(session: GameSession) -> list[dict[str, Any] | None]:
    assert session.state is not None
    answers: list[dict[str, Any] | None] = session.state["answers"]
    return answers


def validate_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_ANSWER_LENGTH:
        raise InvalidAnswer(cleaned)
    return cleaned


def current_day(now: datetime, people: tuple[UserSettings | None, ...]) -> date:
    """The couple's day now (an erased partner's settings count as UTC)."""
    return couple_day(now, [zone_of(person) for person in people])


def is_current(
    session: GameSession, now: datetime, people: tuple[UserSettings | None, ...]
) -> bool:
    """Whether the session is the question of the couple's day now."""
    return session.day == current_day(now, people).isoformat()


def stranded_for(session: GameSession | None, user_id: int) -> bool:
    """A question the partner answered and the user has not, still open."""
    if session is None or session.status is not Status.LIVE:
        return False
    seat = session.seat_of(user_id)
    if seat is None:
        return False
    answers = answers_of(session)
    return answers[seat] is None and answers[1 - seat] is not None


async def plan_pushes(uow: UnitOfWork, user_ids: tuple[int, ...], now: datetime) -> None:
    """Plan the daily push of each of `user_ids` who wants one and has none planned (a new
    couple, a database from before migration 15)."""
    for user_id in await uow.settings.unplanned_pushes(user_ids):
        person = await uow.settings.get(user_id)
        if person is not None and person.push_minute is not None:
            at = next_local_time(now, person.push_minute, zone_of(person))
            await uow.settings.plan_push(user_id, at)


class DailyService:
    def __init__(
        self, database: Database, clock: Clock, games: GameService, reminder_after: timedelta
    ) -> None:
        self._db = database
        self._clock = clock
        self._games = games
        self.reminder_after = reminder_after

    async def sync_catalogue(self) -> None:
        """The question of the day has a `games` row of its own (never in the /play menu)."""
        async with self._db.transaction() as uow:
            await uow.games.upsert(SLUG, TITLE, DESCRIPTION, "romantic", None)

    async def today(self, user_id: int) -> SessionView:
        """Today's question for the user's couple, created on first use."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise PlayError(PlayError.NO_PARTNER)
            first, second = partnership.user1_id, partnership.user2_id
            people = await self._settings(uow, partnership)
            today = current_day(now, people)
            day = today.isoformat()
            await plan_pushes(uow, (first, second), now)
            # The partner answered yesterday's question and the user has not: it stays
            # theirs to answer until the end of today (no answer is stranded).
            yesterday = await uow.game_sessions.daily_of(
                partnership.id, (today - timedelta(days=1)).isoformat()
            )
            if stranded_for(yesterday, user_id):
                assert yesterday is not None
                return await self._games.view_in(uow, yesterday)
            session = await uow.game_sessions.daily_of(partnership.id, day)
            if session is None:
                record = await uow.games.get_by_slug(SLUG)
                assert record is not None  # seeded at startup
                own = await uow.own_questions.take_next(partnership.id, now)
                state: dict[str, Any]
                if own is not None:
                    state = {"question": f"own:{own.id}", "own": own_state(own)}
                else:
                    (question,) = await pick_questions(
                        uow, partnership.id, (user_id, partnership.partner_of(user_id)), SLUG,
                        PACK_OF, 1, couple_seed(first, second),
                    )  # fmt: skip
                    state = {"question": question}
                state |= {"answers": [None, None], "reminded": False}
                session = await uow.game_sessions.create_daily(
                    record.id, first, second, now, day, state, partnership_id=partnership.id
                )
                if session is None:  # the partner created it at the same moment
                    if own is not None:
                        await uow.own_questions.unask(own.id)
                    session = await uow.game_sessions.daily_of(partnership.id, day)
                assert session is not None
            return await self._games.view_in(uow, session)

    @staticmethod
    async def _settings(
        uow: UnitOfWork, partnership: Partnership
    ) -> tuple[UserSettings | None, UserSettings | None]:
        return (
            await uow.settings.get(partnership.user1_id),
            await uow.settings.get(partnership.user2_id),
        )

    async def answer(self, user_id: int, session_id: int, answer: DailyAnswer) -> SessionView:
        """Record an answer; the second answer reveals both and writes history."""
        now = self._clock.now()

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            seat = self._games.require_member(session, user_id)
            if session.day is None:
                raise PlayError(PlayError.NOT_YOURS, session)
            if session.status is not Status.LIVE:
                ended_with_couple = (session.result or {}).get("reason") in COUPLE_ENDINGS
                raise PlayError(
                    PlayError.EARLIER_COUPLE if ended_with_couple else PlayError.CLOSED, session
                )
            question = question_of(session)
            if answer.option is not None and not 0 <= answer.option < len(question.options):
                raise PlayError(PlayError.CLOSED, session)
            if (answer.option is None) != (not question.options):
                raise PlayError(PlayError.CLOSED, session)
            answers = list(answers_of(session))
            if answers[seat] is not None:
                raise PlayError(PlayError.ALREADY_ANSWERED, session)
            answers[seat] = answer.as_json()
            assert session.state is not None
            state = {**session.state, "answers": answers}
            await uow.game_sessions.mark_answered(session.id, now)
            if session.partnership_id is not None:  # an answer resumes paused pushes
                await uow.partnerships.resume_pushes(session.partnership_id)
            if all(a is not None for a in answers):
                finished = await uow.game_sessions.finish(
                    session,
                    status=Status.FINISHED,
                    now=now,
                    result={"game": SLUG, "question": state["question"], "answers": answers},
                    state=state,
                )
                if finished is not None:
                    await self._games.record_finish(uow, finished, SLUG, (ANSWERED, ANSWERED))
                return finished
            # The first answer: remind the partner later, once.
            wake = None if state["reminded"] else (now + self.reminder_after).timestamp()
            return await uow.game_sessions.update(
                session, state=state, wake_at=wake, last_action_at=now.timestamp()
            )

        view = await self._games.transition(session_id, step)
        if self._games.metrics is not None:
            self._games.metrics.daily_answers.inc()
        return view

    async def status(self, user_id: int) -> TodayStatus | None:
        """Today's question as the home screen sums it up; None without a partner."""
        now = self._clock.now()
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            today = current_day(now, await self._settings(uow, partnership))
            yesterday = await uow.game_sessions.daily_of(
                partnership.id, (today - timedelta(days=1)).isoformat()
            )
            if stranded_for(yesterday, user_id):
                return TodayStatus.YOUR_TURN
            session = await uow.game_sessions.daily_of(partnership.id, today.isoformat())
        if session is None:  # nobody opened it yet
            return TodayStatus.YOUR_TURN
        if session.status is Status.FINISHED:
            return TodayStatus.BOTH
        seat = session.players.index(user_id)
        answered = answers_of(session)[seat] is not None
        return TodayStatus.WAITING if answered else TodayStatus.YOUR_TURN

    async def retract(self, user_id: int, session_id: int) -> SessionView:
        """Take back one's answer to change it, while the partner has not answered."""

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            seat = self._games.require_member(session, user_id)
            if session.day is None:
                raise PlayError(PlayError.NOT_YOURS, session)
            if session.status is not Status.LIVE:
                raise PlayError(PlayError.CLOSED, session)
            answers = list(answers_of(session))
            if answers[seat] is None:
                return session  # nothing to take back (a second press)
            answers[seat] = None
            assert session.state is not None
            state = {**session.state, "answers": answers}
            return await uow.game_sessions.update(
                session, state=state, wake_at=None, last_action_at=self._clock.now().timestamp()
            )

        return await self._games.transition(session_id, step)

    async def react(self, user_id: int, session_id: int, reaction: int) -> SessionView:
        """React to the partner's answer on a revealed question (again: another emoji)."""
        return await self._on_reveal(user_id, session_id, "reactions", REACTIONS[reaction])

    async def reply(self, user_id: int, session_id: int, text: str) -> SessionView:
        """One short reply on a revealed question (InvalidAnswer when empty or too long)."""
        cleaned = " ".join(text.split())
        if not cleaned or len(cleaned) > MAX_REPLY_LENGTH:
            raise InvalidAnswer(cleaned)
        return await self._on_reveal(user_id, session_id, "replies", cleaned)

    async def _on_reveal(self, user_id: int, session_id: int, key: str, value: str) -> SessionView:
        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            seat = self._games.require_member(session, user_id)
            if session.day is None or session.status is not Status.FINISHED:
                raise PlayError(PlayError.CLOSED, session)
            result = dict(session.result or {})
            if key == "replies" and (result.get("replies") or [None, None])[seat] is not None:
                raise PlayError(PlayError.ALREADY_ANSWERED, session)
            values = list(result.get(key) or [None, None])
            values[seat] = value
            result[key] = values
            return await uow.game_sessions.set_documents(session, session.state, result)

        return await self._games.transition(session_id, step)

    async def view(self, user_id: int, session_id: int) -> SessionView:
        """One of the couple's questions of the day (a button of a ping or an old message)."""
        view = await self._games.view(session_id)
        if view is None or view.session.day is None or view.seat_of(user_id) is None:
            raise PlayError(PlayError.NOT_YOURS)
        return view

    async def partner_of(self, user_id: int) -> User | None:
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return None
            return await uow.users.get(partnership.partner_of(user_id))

    async def past(self, user_id: int, limit: int, offset: int) -> tuple[list[GameSession], int]:
        """The couple's earlier questions of the day, newest first, and how many there are."""
        async with self._db.read() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                return [], 0
            first, second = partnership.user1_id, partnership.user2_id
            total = await uow.game_sessions.count_dailies(first, second)
            return await uow.game_sessions.dailies_between(first, second, limit, offset), total


def reactions_of(session: GameSession) -> list[str | None]:
    values: list[str | None] = (session.result or {}).get("reactions") or [None, None]
    return values


def replies_of(session: GameSession) -> list[str | None]:
    values: list[str | None] = (session.result or {}).get("replies") or [None, None]
    return values


__all__ = [
    "QUESTIONS",
    "CoupleQuestion",
    "DailyAnswer",
    "DailyService",
    "TodayStatus",
    "current_day",
    "is_current",
]
