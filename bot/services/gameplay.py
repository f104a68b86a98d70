"""Live games between partners: invitations, moves, timers and endings.

The rules live in `games/` (pure state machines); this service keeps each session's state
in the database and changes it only through version-checked writes, so simultaneous
presses (or two bot processes) each apply exactly once. A transition that finishes a
game writes the result and both history rows in the same transaction.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.progress.records import GAVE_UP
from bot.services.packs import pick_partner_questions, pick_questions
from bot.services.people import Person
from bot.services.progress import ProgressService
from db import ConstraintViolation, Database
from db.repositories.game_sessions import GameSession, Revision, Status
from db.repositories.games import GameRecord
from db.repositories.settings import UserSettings
from db.repositories.users import UserUnit
from db.unit_of_work import UnitOfWork
from games.engine import (
    AsksPartnerQuestions,
    Game,
    Outcome,
    PartnerQuestion,
    Setup,
    ShownSignals,
    check_player,
    other,
)
from games.errors import GameError
from games.registry import GAMES, get_game

if TYPE_CHECKING:
    from bot.metrics import Metrics

_PLAYABLE = frozenset(game.key for game in GAMES)
"""What an invitation may name: the question of the day has a `games` row but is no game."""

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # version conflicts are retried; more than this means something is wrong
STOPPED = "stopped"
"""``history.result_short`` of a cooperative game a player stopped."""
COUPLE_ENDINGS = frozenset({"unlinked", "deleted"})
"""`end_couple` reasons after which the partnership is over (blocking the bot keeps it)."""

Players = Mapping[int, UserUnit]
"""Both players of a session and their settings, by user id."""
Step = Callable[[UnitOfWork, GameSession, Players], Awaitable[GameSession | None]]
"""One try of a `GameService.transition`: the new session, or None if a write lost."""


class PlayError(Exception):
    """A request that does not apply; `reason` picks the localized explanation."""

    NO_PARTNER = "no_partner"
    ALREADY_OPEN = "already_open"
    UNAVAILABLE = "unavailable"
    NOT_YOURS = "not_yours"
    CLOSED = "closed"
    NOT_INVITEE = "not_invitee"
    NOT_INVITER = "not_inviter"
    CONFLICT = "conflict"
    ALREADY_ANSWERED = "already_answered"
    EARLIER_COUPLE = "earlier_couple"
    """The session belongs to a partnership that has ended (an old board or question)."""

    def __init__(self, reason: str, session: GameSession | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.session = session


@dataclass(frozen=True)
class SessionView:
    """A session with what rendering needs: the game, its record and both players."""

    session: GameSession
    record: GameRecord
    players: tuple[Person, Person]
    events: tuple[object, ...] = ()
    """Domain events of the transition that produced this view (achievements unlocked)."""

    @property
    def game(self) -> Game[Any]:
        assert self.record.slug is not None
        return get_game(self.record.slug)

    @cached_property
    def state(self) -> Any:
        """The game's state, decoded once (each player's screen is rendered from it)."""
        wrapper = self.session.state
        return None if wrapper is None else self.game.load(wrapper["game"])

    def knowing_state(self, state: Any) -> SessionView:
        """This view, with the game state its transition just computed (and stored): the
        screens are rendered from it without decoding the stored copy again."""
        self.__dict__["state"] = state  # where cached_property keeps its value
        return self

    def seat_of(self, user_id: int) -> int | None:
        return self.session.seat_of(user_id)


def couple_seed(user_a: int, user_b: int) -> int:
    """Deterministic per couple, whoever invites whom."""
    low, high = sorted((user_a, user_b))
    return low * 1_000_003 + high


class GameService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        idle_timeout: timedelta,
        game_options: Mapping[str, Mapping[str, float]] | None = None,
        random_seed: Callable[[], int] = lambda: secrets.randbits(31),
        progress: ProgressService | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._db = database
        self.metrics = metrics
        self._clock = clock
        self.idle_timeout = idle_timeout
        self._options = game_options or {}
        self._random_seed = random_seed
        self._progress = progress
        self._records: dict[int, GameRecord] = {}

    # -- the catalogue -----------------------------------------------------------------------

    async def sync_catalogue(self, extra_slugs: Sequence[str] = ("daily",)) -> None:
        """Seed/refresh the `games` table from the registry (startup; idempotent)."""
        async with self._db.transaction() as uow:
            for game in GAMES:
                await uow.games.upsert(
                    game.key, game.title, game.description, game.category, game.animation_url
                )
            await uow.games.deactivate_unknown([game.key for game in GAMES] + list(extra_slugs))

    async def catalogue(self) -> list[GameRecord]:
        """Active games of the registry (what /play offers)."""
        keys = {game.key for game in GAMES}
        async with self._db.read() as uow:
            return [record for record in await uow.games.list_active() if record.slug in keys]

    # -- reading -----------------------------------------------------------------------------

    async def has_partner(self, user_id: int) -> bool:
        async with self._db.read() as uow:
            return await uow.partnerships.active_for(user_id) is not None

    async def view(self, session_id: int) -> SessionView | None:
        async with self._db.read() as uow:
            session = await uow.game_sessions.get(session_id)
            return None if session is None else await self.view_in(uow, session)

    async def open_session(self, user_id: int) -> SessionView | None:
        async with self._db.read() as uow:
            session = await uow.game_sessions.open_for_user(user_id)
            return None if session is None else await self.view_in(uow, session)

    async def view_in(
        self, uow: UnitOfWork, session: GameSession, players: Players | None = None
    ) -> SessionView:
        """The session as screens show it; `players` if already read in this unit."""
        record = await self._record(uow, session)
        if players is None:
            players = await uow.users.with_settings(session.players)
        return SessionView(session, record, _people(session, players))

    async def mark_rendered(self, versions: Mapping[int, int]) -> None:
        """Record that both chats showed these versions (session id -> version)."""
        async with self._db.transaction() as uow:
            await uow.conn.run_together(
                [uow.game_sessions.mark_rendered(sid, version) for sid, version in versions.items()]
            )

    async def unrendered(self) -> list[int]:
        """Open sessions whose last render may not have reached both chats."""
        async with self._db.read() as uow:
            return await uow.game_sessions.unrendered()

    async def revision_of(self, session_id: int) -> Revision | None:
        async with self._db.query() as uow:
            return await uow.game_sessions.revision_of(session_id)

    # -- invitations -------------------------------------------------------------------------

    async def invite(
        self, user_id: int, game_id: int, rematch_of: int | None = None
    ) -> SessionView:
        """Invite the partner to a game; the inviter is seat 0. A rematch is only for the
        couple that played `rematch_of`: an old board of an earlier partnership refuses."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            partnership = await uow.partnerships.active_for(user_id)
            if partnership is None:
                raise PlayError(PlayError.NO_PARTNER)
            partner_id = partnership.partner_of(user_id)
            if await uow.lock_users(user_id, partner_id):  # an unlink may have just won
                partnership = await uow.partnerships.active_for(user_id)
                if partnership is None or partnership.partner_of(user_id) != partner_id:
                    raise PlayError(PlayError.NO_PARTNER)
            if rematch_of is not None:
                previous = await uow.game_sessions.get(rematch_of)
                if previous is None or previous.seat_of(user_id) is None:
                    raise PlayError(PlayError.NOT_YOURS)
                if previous.partnership_id != partnership.id:
                    raise PlayError(PlayError.EARLIER_COUPLE, previous)
            record = await uow.games.get(game_id)
            if record is None or not record.is_active or record.slug not in _PLAYABLE:
                raise PlayError(PlayError.UNAVAILABLE)
            existing = await uow.game_sessions.open_between(user_id, partner_id)
            if existing is not None:
                raise PlayError(PlayError.ALREADY_OPEN, existing)
            try:
                session = await uow.game_sessions.create(
                    game_id,
                    user_id,
                    partner_id,
                    now,
                    partnership_id=partnership.id,
                    wake_at=self._idle_deadline(now),
                    rematch_of=rematch_of,
                )
            except ConstraintViolation as error:  # a simultaneous invitation won
                raise PlayError(PlayError.ALREADY_OPEN) from error
            return await self.view_in(uow, session)

    async def invite_or_join(
        self, user_id: int, game_id: int, rematch_of: int | None = None
    ) -> tuple[SessionView, bool]:
        """`invite`, unless the partner has just invited the user to this very game (both
        pressed Rematch, or each picked the same game for the other): then the user joins
        that invitation and the game starts. Returns the view and whether it was a join."""
        try:
            return await self.invite(user_id, game_id, rematch_of), False
        except PlayError as error:
            if error.reason != PlayError.ALREADY_OPEN:
                raise
            pending = error.session
            if pending is None:  # a simultaneous invitation won: read which
                found = await self.open_session(user_id)
                pending = None if found is None else found.session
            if (
                pending is None
                or pending.status is not Status.INVITED
                or pending.game_id != game_id
                or pending.partner2_id != user_id
            ):
                raise
        return await self.respond(user_id, pending.id, accept=True), True

    async def remember_message(self, session_id: int, seat: int, message_id: int) -> None:
        async with self._db.transaction() as uow:
            await uow.game_sessions.set_message_id(session_id, seat, message_id)

    async def cancel(self, user_id: int, session_id: int, reason: str | None = None) -> SessionView:
        """The inviter withdraws an invitation that was not answered yet (`reason`
        "blocked": it could not reach the partner, who blocked the bot)."""

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            self.require_player(session, user_id)
            if session.status is not Status.INVITED:
                raise PlayError(PlayError.CLOSED, session)
            if session.partner1_id != user_id:
                raise PlayError(PlayError.NOT_INVITER, session)
            return await uow.game_sessions.finish(
                session,
                status=Status.CANCELLED,
                now=self._clock.now(),
                result=None if reason is None else {"reason": reason},
            )

        return await self.transition(session_id, step)

    async def respond(self, user_id: int, session_id: int, accept: bool) -> SessionView:
        """The invitee accepts (the game starts) or declines."""
        now = self._clock.now()

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            self.require_player(session, user_id)
            if session.status is not Status.INVITED:
                raise PlayError(PlayError.CLOSED, session)
            if session.partner2_id != user_id:
                raise PlayError(PlayError.NOT_INVITEE, session)
            if not accept:
                return await uow.game_sessions.finish(
                    session, status=Status.DECLINED, now=now, result=None
                )
            record = await self._record(uow, session)
            assert record.slug is not None  # checked at invite
            game = get_game(record.slug)
            setup = await self._setup(uow, session, game, now)
            state = game.new(setup)
            wrapper = {
                "game": game.dump(state),
                "first_user_id": session.players[setup.first_player],
            }
            return await uow.game_sessions.update(
                session,
                status=Status.LIVE,
                state=wrapper,
                wake_at=self._wake_at(game, state, now),
                last_action_at=now.timestamp(),
                started_at=now,
            )

        return await self.transition(session_id, step)

    async def _setup(
        self, uow: UnitOfWork, session: GameSession, game: Game[Any], now: datetime
    ) -> Setup:
        # The invitee moves first in a new game; rematches alternate who starts.
        first_user = session.partner2_id
        if session.rematch_of is not None:
            previous = await uow.game_sessions.get(session.rematch_of)
            if previous is not None and previous.state is not None:
                last_first = previous.state.get("first_user_id")
                first_user = (
                    session.partner1_id
                    if last_first != session.partner1_id
                    else (session.partner2_id)
                )
        questions: tuple[str, ...] = ()
        written: tuple[PartnerQuestion, ...] = ()
        seed = couple_seed(session.partner1_id, session.partner2_id)
        if game.questions_per_game:
            assert session.partnership_id is not None  # an open session's couple
            count = game.questions_per_game
            if isinstance(game, AsksPartnerQuestions):
                written = await pick_partner_questions(
                    uow,
                    session.partnership_id,
                    session.players,
                    game.partner_questions_per_game,
                    seed,
                )
                count = game.bank_questions_beside(tuple(q.author for q in written))
            questions = await pick_questions(
                uow,
                session.partnership_id,
                session.players,
                game.key,
                game.question_packs,
                count,
                seed,
            )
        return Setup(
            first_player=session.players.index(first_user),
            seed=self._random_seed(),
            now=now.timestamp(),
            questions=questions,
            options=dict(self._options.get(game.key, {})),
            partner_questions=written,
        )

    # -- playing -----------------------------------------------------------------------------

    async def act(self, user_id: int, session_id: int, action: str, at: float) -> SessionView:
        """Apply a player's move, received by the bot at `at` (epoch seconds).

        Raises PlayError or a games.errors.GameError (not your turn, illegal move...).
        """
        view = await self._plain_move(user_id, session_id, action, at)
        if view is not None:
            return view

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            record = await self._record(uow, session)
            game, state = self._after_move(session, record, user_id, action, at)
            return await self._store(uow, session, players, game, state, at)

        return await self.transition(session_id, step)

    def _after_move(
        self, session: GameSession, record: GameRecord, user_id: int, action: str, at: float
    ) -> tuple[Game[Any], Any]:
        """The game and its state once the player's move is applied (timers due by `at`
        first). Raises PlayError (not theirs, over) or GameError (not their turn...)."""
        seat = self.require_player(session, user_id)
        if session.status is not Status.LIVE:
            raise PlayError(PlayError.CLOSED, session)
        game, state = self._loaded(session, record)
        state = game.on_deadline(state, at)
        return game, game.apply(state, action, seat, at)

    async def _plain_move(
        self, user_id: int, session_id: int, action: str, at: float
    ) -> SessionView | None:
        """Most moves only change the session row: one read (the session with its players)
        and one version-checked write, each a statement on its own, without a transaction
        or the couple's locks (a transaction's BEGIN, its COMMIT and the players' re-read
        were half a move's statements, and each costs a thread round trip).

        The version check makes the write safe alone: it lands only on the state that was
        read, and writers that change more than this row (a finish, an unlink, a timer)
        run in transactions that check the version too. None when this path does not
        apply: the move ends the game (history and achievements are written with it, in
        a transaction), or the session moved on since the read; `act` then runs the move
        in a transaction. Refusals (not yours, not your turn...) are raised as there.
        """
        async with self._db.query() as uow:
            found = await uow.game_sessions.get_with_players(session_id)
            if found is None:
                return None
            session, players = found
            record = await self._record(uow, session)
        game, state = self._after_move(session, record, user_id, action, at)
        if game.is_finished(state):
            return None
        async with self._db.single_write() as uow:
            stored = await uow.game_sessions.update(
                session, **self._state_fields(session, game, state, at)
            )
        if stored is None:
            return None
        return SessionView(stored, record, _people(stored, players)).knowing_state(state)

    async def give_up(self, user_id: int, session_id: int) -> SessionView:
        """The player leaves a live game; the partner wins. A cooperative game (no winner
        by its rules) is stopped instead: abandoned for both, "stopped" in both histories,
        nothing won or lost, so nothing counts towards statistics or achievements."""

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            seat = self.require_player(session, user_id)
            if session.status is not Status.LIVE:
                raise PlayError(PlayError.CLOSED, session)
            game, state = self._loaded(session, await self._record(uow, session))
            if game.cooperative:
                return await self._end(
                    uow, session, players, game, state, Status.ABANDONED, winner=None,
                    short=(STOPPED, STOPPED), extra={"stopped_by": user_id},
                )  # fmt: skip
            winner = other(seat)
            short = ("win", GAVE_UP) if winner == 0 else (GAVE_UP, "win")
            return await self._end(
                uow,
                session,
                players,
                game,
                state,
                Status.FINISHED,
                winner=winner,
                short=short,
                extra={"given_up_by": user_id},
            )

        return await self.transition(session_id, step)

    async def signal_shown(self, session_id: int, seat: int) -> None:
        """Telegram just acknowledged the edit that shows `seat` the game's signal (the
        reaction duel's GO): record the moment, now, so their time runs from it
        (games.engine.ShownSignals). Nothing when the game has no pending signal."""
        at = self._clock.now().timestamp()

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            if session.status is not Status.LIVE or session.state is None:
                return session
            game, state = self._loaded(session, await self._record(uow, session))
            if not isinstance(game, ShownSignals):
                return session
            shown = game.signal_shown(state, seat, at)
            if shown == state:
                return session
            return await self._store(uow, session, players, game, shown, None)

        await self.transition(session_id, step)

    async def wake(self, session_id: int) -> SessionView | None:
        """Run a due timer: the game's own deadline, the idle timeout, or the question of the
        day's reminder. None if nothing was due (another process got there first)."""
        now = self._clock.now()
        fired = False

        async def step(
            uow: UnitOfWork, session: GameSession, players: Players
        ) -> GameSession | None:
            nonlocal fired
            fired = False  # a retry (another process wrote first) starts over
            if not session.status.is_open or session.wake_at is None:
                return session  # someone else handled it
            if session.wake_at > now.timestamp():
                return session
            fired = True
            if session.day is not None:
                # The question of the day's one reminder: mark it sent; the caller sends it.
                assert session.state is not None
                state = {**session.state, "reminded": True}
                return await uow.game_sessions.update(session, state=state, wake_at=None)
            idle_since = session.last_action_at or session.started_at.timestamp()
            idle = now.timestamp() >= idle_since + self.idle_timeout.total_seconds()
            if session.status is Status.INVITED:
                return await uow.game_sessions.finish(
                    session, status=Status.CANCELLED, now=now, result={"expired": True}
                )
            game, state = self._loaded(session, await self._record(uow, session))
            if idle:
                # Who the game waited for: whoever had a move to make (both, in a game of
                # simultaneous choices that neither made).
                waited_for = [
                    session.players[seat] for seat in (0, 1) if game.legal_actions(state, seat)
                ]
                return await self._end(
                    uow, session, players, game, state, Status.ABANDONED, winner=None,
                    short=("abandoned", "abandoned"),
                    extra={
                        "reason": "idle",
                        "idle_seconds": self.idle_timeout.total_seconds(),
                        "waited_for": waited_for,
                    },
                )  # fmt: skip
            state = game.on_deadline(state, now.timestamp())
            return await self._store(uow, session, players, game, state, None)

        view = await self.transition(session_id, step)
        return view if fired else None

    async def due(self) -> list[int]:
        async with self._db.read() as uow:
            return [s.id for s in await uow.game_sessions.due(self._clock.now().timestamp())]

    async def next_wake(self) -> float | None:
        async with self._db.read() as uow:
            return await uow.game_sessions.next_wake()

    async def end_couple(self, uow: UnitOfWork, partnership_id: int, reason: str) -> list[int]:
        """Inside the transaction that ends a couple (unlinking, /deleteme, blocking the bot),
        before the partnership itself ends: end every open session of the couple. An
        invitation is cancelled, a live game abandoned (with history rows: it was played),
        the question of the day voided (no history: it was never revealed). Returns the
        ended sessions, to show their end in both chats.

        Both users' locks keep every other transaction off the sessions; a plain move,
        which takes no locks, may still land between the read and the version-checked
        write (on PostgreSQL: SQLite's write transaction excludes it), so a lost write is
        read and tried again."""
        ended: list[int] = []
        for _ in range(MAX_ATTEMPTS):
            sessions = await uow.game_sessions.open_of_partnership(partnership_id)
            pending = [session for session in sessions if session.id not in ended]
            if not pending:
                return ended
            for session in pending:
                if await self._end_for_couple(uow, session, reason) is not None:
                    ended.append(session.id)
        raise PlayError(PlayError.CONFLICT)

    async def _end_for_couple(
        self, uow: UnitOfWork, session: GameSession, reason: str
    ) -> GameSession | None:
        now = self._clock.now()
        if session.status is Status.INVITED or session.day is not None:
            return await uow.game_sessions.finish(
                session, status=Status.CANCELLED, now=now, result={"reason": reason}
            )
        game, state = self._loaded(session, await self._record(uow, session))
        players = await uow.users.with_settings(session.players)
        return await self._end(
            uow, session, players, game, state, Status.ABANDONED, winner=None,
            short=("abandoned", "abandoned"), extra={"reason": reason},
        )  # fmt: skip

    async def record_finish(
        self, uow: UnitOfWork, session: GameSession, game_slug: str, shorts: tuple[str, str]
    ) -> None:
        """In the finishing transaction, right after the session's version-checked finish:
        both players' history rows (`shorts`, in seat order) and, where progress is kept,
        their achievements and the couple's statistics with them."""
        if self._progress is not None:
            await self._progress.record_finish(uow, session, game_slug, shorts)
            return
        assert session.ended_at is not None  # finished
        await uow.history.add_results(
            session.id, session.ended_at, list(zip(session.players, shorts, strict=True))
        )

    # -- internals ---------------------------------------------------------------------------

    async def transition(self, session_id: int, step: Step) -> SessionView:
        """Run `step` on the current session until its version-checked write succeeds.

        The session is read with both players (one statement): the step, a finish's
        result and the view all use them, instead of reading the players again each."""
        refused: int | None = None  # the version a write was refused at
        for _ in range(MAX_ATTEMPTS):
            async with self._db.transaction() as uow:
                found = await uow.game_sessions.get_with_players(session_id)
                if found is None:
                    raise PlayError(PlayError.NOT_YOURS)
                session, players = found
                # One change per couple at a time, as SQLite's single writer gives for free:
                # a finish and its achievements never interleave with the couple's other
                # writes (an unlink, the question of the day) on PostgreSQL either.
                if await uow.lock_users(*session.players):
                    found = await uow.game_sessions.get_with_players(session_id)
                    assert found is not None  # sessions are never deleted
                    session, players = found
                if session.version == refused and session.status.is_open:
                    # Nobody wrote since the refused write: its couple-is-together guard
                    # refused it (a couple ends its sessions first, so this is defensive).
                    raise PlayError(PlayError.EARLIER_COUPLE, session)
                stored = await step(uow, session, players)
                if stored is not None:
                    view = await self.view_in(uow, stored, players)
                    done = replace(view, events=tuple(uow.events))
            if stored is not None:  # committed
                self._count(session.status, done)
                return done
            refused = session.version
        raise PlayError(PlayError.CONFLICT)

    def _count(self, before: Status, after: SessionView) -> None:
        """Games started and ended, for the metrics (questions of the day are not games)."""
        session = after.session
        if self.metrics is None or session.day is not None or before is session.status:
            return
        game = after.record.slug or "unknown"
        if session.status is Status.LIVE and before is Status.INVITED:
            self.metrics.games_started.labels(game).inc()
        elif session.status in (Status.FINISHED, Status.ABANDONED) and before.is_open:
            self.metrics.games_finished.labels(game, session.status.value).inc()

    @classmethod
    def require_player(cls, session: GameSession, user_id: int) -> int:
        """The user's seat in a game (not a question of the day: a forged game button may
        name one); PlayError otherwise."""
        if session.day is not None:
            raise PlayError(PlayError.NOT_YOURS, session)
        return cls.require_member(session, user_id)

    @staticmethod
    def require_member(session: GameSession, user_id: int) -> int:
        seat = session.seat_of(user_id)
        if seat is None:
            raise PlayError(PlayError.NOT_YOURS, session)
        return check_player(seat)

    async def _record(self, uow: UnitOfWork, session: GameSession) -> GameRecord:
        """The session's catalogue row. Cached: rows are only written by the startup sync,
        and a session's game never changes (every move would otherwise re-read it)."""
        record = self._records.get(session.game_id)
        if record is None:
            record = await uow.games.get(session.game_id)
            assert record is not None and record.slug is not None  # noqa: PT018 - foreign key
            self._records[session.game_id] = record
        return record

    @staticmethod
    def _loaded(session: GameSession, record: GameRecord) -> tuple[Game[Any], Any]:
        assert record.slug is not None and session.state is not None  # noqa: PT018 - live sessions
        game = get_game(record.slug)
        return game, game.load(session.state["game"])

    def _idle_deadline(self, now: datetime) -> float:
        return now.timestamp() + self.idle_timeout.total_seconds()

    def _wake_at(self, game: Game[Any], state: Any, now: datetime | float) -> float:
        moment = now if isinstance(now, float) else now.timestamp()
        idle = moment + self.idle_timeout.total_seconds()
        deadline = game.deadline(state)
        return idle if deadline is None else min(idle, deadline)

    async def _store(
        self,
        uow: UnitOfWork,
        session: GameSession,
        players: Players,
        game: Game[Any],
        state: Any,
        acted_at: float | None,
    ) -> GameSession | None:
        """Save a new state; finish the session when the game is over."""
        if game.is_finished(state):
            outcome = game.result(state)
            return await self._end(
                uow, session, players, game, state, Status.FINISHED,
                winner=outcome.winner, short=outcome.short, outcome=outcome,
            )  # fmt: skip
        return await uow.game_sessions.update(
            session, **self._state_fields(session, game, state, acted_at)
        )

    def _state_fields(
        self, session: GameSession, game: Game[Any], state: Any, acted_at: float | None
    ) -> dict[str, Any]:
        """The session columns a new state of a game still running changes."""
        assert session.state is not None
        last_action = acted_at if acted_at is not None else session.last_action_at
        assert last_action is not None
        idle = last_action + self.idle_timeout.total_seconds()
        deadline = game.deadline(state)
        return {
            "state": {**session.state, "game": game.dump(state)},
            "wake_at": idle if deadline is None else min(idle, deadline),
            "last_action_at": last_action,
        }

    async def _end(
        self,
        uow: UnitOfWork,
        session: GameSession,
        found: Players,
        game: Game[Any],
        state: Any,
        status: Status,
        *,
        winner: int | None,
        short: tuple[str, str],
        outcome: Outcome | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> GameSession | None:
        """Finish: result_json, one history row per player and what follows from them
        (`record_finish`), in the caller's transaction.
        `found`: both players, read in that transaction (their names go into the result)."""
        now = self._clock.now()
        players = []
        for user_id in session.players:
            user = found[user_id][0]  # foreign key
            players.append(
                {"user_id": user_id, "name": user.display_name, "avatar_id": user.avatar_id}
            )
        result: dict[str, Any] = {
            "game": game.key,
            "status": status.value,
            "winner": winner,
            "winner_user_id": None if winner is None else session.players[winner],
            "scores": list(outcome.scores) if outcome else None,
            "short": list(short),
            "players": players,
            "details": dict(outcome.details) if outcome else {},
            **(extra or {}),
        }
        assert session.state is not None
        finished = await uow.game_sessions.finish(
            session,
            status=status,
            now=now,
            result=result,
            state={**session.state, "game": game.dump(state)},
        )
        if finished is None:
            return None
        await self.record_finish(uow, finished, game.key, short)
        logger.info("session %s ended: %s, winner seat %s", session.id, status.value, winner)
        return finished


def _people(session: GameSession, found: Mapping[int, UserUnit]) -> tuple[Person, Person]:
    """Both players in seat order (foreign keys: both exist). An erased player has no
    settings any more: their side is rendered with the defaults."""
    people = []
    for user_id in session.players:
        user, settings = found[user_id]
        people.append(
            Person(
                user,
                settings
                or UserSettings(user_id, "light", "en", sound_enabled=False, notifications=False),
            )
        )
    return people[0], people[1]


__all__ = ["GameError", "GameService", "PlayError", "SessionView"]
