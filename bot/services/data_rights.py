"""What Duet stores about a user: all of it on request (/export), or none of it (/deleteme)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.services.gameplay import GameService
from bot.services.people import Person
from bot.zones import zone_name_of, zone_of
from db import Database
from db.repositories.game_sessions import GameSession
from db.timestamps import to_db
from games.quiz import erase_questions_by

DELETED_NAME = None  # how an erased player appears in the partner's game results


@dataclass(frozen=True)
class Deleted:
    """Who must hear about an erasure, and which sessions' screens it changed (ended, or
    showing the user's words)."""

    former_partner: Person | None
    ended_sessions: tuple[int, ...]


ERASED: dict[str, Any] = {"erased": True}
"""What is left of an answer of a user who deleted their data."""


def erased_documents(
    session: GameSession, user_id: int
) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
    """The session's state and result without the user's name and words (their answers to
    the questions of the day), or None when it holds neither."""
    seat = session.seat_of(user_id)
    if seat is None:
        return None
    state, result = session.state, session.result
    changed = False
    if result and result.get("players"):
        players = [
            {**p, "name": DELETED_NAME, "avatar_id": 0, "deleted": True}
            if p.get("user_id") == user_id
            else p
            for p in result["players"]
        ]
        result, changed = {**result, "players": players}, True
    game = state.get("game") if state else None
    erased_game = erase_questions_by(game, seat) if isinstance(game, dict) else None
    if erased_game is not None:
        # The couple's own questions the user wrote, as a quiz asked them: the same rule.
        assert state is not None
        state, changed = {**state, "game": erased_game}, True
    own = state.get("own") if state else None
    if session.day is not None and isinstance(own, dict) and own.get("author") == user_id:
        # A question the user wrote for the couple: its words go, as their answers do.
        assert state is not None
        erased_own: dict[str, Any] = {"prompt": "", "options": [], "author": None}
        state, changed = {**state, "own": erased_own}, True
    for document in ("state", "result"):
        current = state if document == "state" else result
        answers = current.get("answers") if current else None
        if session.day is None or not isinstance(answers, list) or len(answers) != 2:
            continue
        if answers[seat] is None:
            continue
        answers = [ERASED if index == seat else a for index, a in enumerate(answers)]
        assert current is not None
        if document == "state":
            state = {**current, "answers": answers}
        else:
            # Reactions and replies on the reveal are the user's words too.
            result = {**current, "answers": answers}
            for words in ("reactions", "replies"):
                said = current.get(words)
                if isinstance(said, list) and len(said) == 2:
                    result[words] = [None if index == seat else w for index, w in enumerate(said)]
        changed = True
    return (state, result) if changed else None


def _in_zone(value: Any, where: ZoneInfo | None = None) -> str | None:
    """ISO 8601 with the offset, in the user's zone ('2026-11-24T21:00:00+03:00')."""
    if value is None:
        return None
    return value.astimezone(where).isoformat() if where is not None else to_db(value)


class DataRights:
    def __init__(self, database: Database, clock: Clock, games: GameService) -> None:
        self._db = database
        self._clock = clock
        self._games = games

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the user, as JSON-ready data."""
        async with self._db.read() as uow:
            user = await uow.users.get(user_id)
            settings = await uow.settings.get(user_id)
            assert user is not None and settings is not None  # noqa: PT018 - the caller exists
            partnerships = await uow.partnerships.all_for(user_id)
            invites = await uow.invites.created_by(user_id)
            sessions = await uow.game_sessions.all_for(user_id)
            history = await uow.history.all_for_user(user_id)
            progress = await uow.user_achievements.for_user(user_id)
            written = await uow.own_questions.written_by(user_id)
            catalogue = {a.id: a for a in await uow.achievements.list_all()}
            slugs = {}
            for session in sessions:
                record = await uow.games.get(session.game_id)
                slugs[session.game_id] = None if record is None else record.slug
        where = zone_of(settings)

        def _time(value: Any) -> str | None:
            return _in_zone(value, where)

        return {
            "format": "duet-export/1",
            "exported_at": _time(self._clock.now()),
            "profile": {
                "id": user.id,
                "telegram_id": user.telegram_id,
                "display_name": user.display_name,
                "avatar_id": user.avatar_id,
                "online": user.online_status,
                "created_at": _time(user.created_at),
                "last_seen_at": _time(user.last_seen_at),
            },
            "settings": {
                "theme": settings.theme,
                "language": settings.language,
                "sound_enabled": settings.sound_enabled,
                "notifications": settings.notifications,
                "spicy_questions": settings.spicy,
                "grammatical_form": settings.grammatical_form,
                "time_zone": zone_name_of(settings),
                "time_zone_chosen": settings.time_zone is not None,
                "question_of_the_day_at": settings.push_minute,
            },
            "partnerships": [
                {
                    "id": p.id,
                    "partner_user_id": p.partner_of(user_id),
                    "connected_at": _time(p.connected_at),
                    "is_active": p.is_active,
                    "ended_at": _time(p.ended_at),
                }
                for p in partnerships
            ],
            "invites": [
                {
                    "token": i.token,
                    "created_at": _time(i.created_at),
                    "used_by": i.used_by,
                    "used_at": _time(i.used_at),
                    "revoked_at": _time(i.revoked_at),
                }
                for i in invites
            ],
            "sessions": [
                {
                    "id": s.id,
                    "game": slugs[s.game_id],
                    "partner_user_ids": list(s.players),
                    "started_at": _time(s.started_at),
                    "ended_at": _time(s.ended_at),
                    "status": s.status.value,
                    "result": s.result,
                }
                for s in sessions
            ],
            "history": [
                {
                    "game_session_id": h.game_session_id,
                    "played_at": _time(h.played_at),
                    "result": h.result_short,
                }
                for h in history
            ],
            "own_questions": [
                {
                    "partnership_id": q.partnership_id,
                    "question": q.prompt,
                    "options": list(q.options),
                    "created_at": _time(q.created_at),
                    "asked_at": _time(q.asked_at),
                }
                for q in written
            ],
            "achievements": [
                {
                    "achievement": catalogue[a.achievement_id].title,
                    "progress": a.progress,
                    "goal": catalogue[a.achievement_id].goal,
                    "achieved_at": _time(a.achieved_at),
                }
                for a in progress
            ],
        }

    async def delete(self, user_id: int) -> Deleted:
        """Erase the user's personal data in one transaction; the partnership ends."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            # Serialized with invites being accepted or created and with unlinking, so no
            # partnership or invite of this user appears while it is being erased.
            # The partner too, in one call: locks are taken in id order, and ending the
            # couple's game takes both (taking them one by one could deadlock with a move).
            partnership = await uow.partnerships.active_for(user_id)
            couple = [user_id]
            if partnership is not None:
                couple.append(partnership.partner_of(user_id))
            if await uow.lock_users(*couple):
                partnership = await uow.partnerships.active_for(user_id)
            former_partner = None
            ended: list[int] = []
            if partnership is not None:
                partner_id = partnership.partner_of(user_id)
                ended = await self._games.end_couple(uow, partnership.id, "deleted")
                await uow.partnerships.end(partnership.id, now)
                partner_user = await uow.users.get(partner_id)
                partner_settings = await uow.settings.get(partner_id)
                assert partner_user is not None and partner_settings is not None  # noqa: PT018
                former_partner = Person(partner_user, partner_settings)
            # The partner keeps their own history of games with this user; the name and
            # every word the user wrote go.
            redraw: list[int] = []
            for session in await uow.game_sessions.all_for(user_id):
                erased = erased_documents(session, user_id)
                if erased is None:
                    continue
                await uow.game_sessions.rewrite_documents(session.id, *erased)
                partner_seat = 1 - (session.seat_of(user_id) or 0)
                words_shown = session.day is not None or erased[0] != session.state
                if words_shown and session.message_id(partner_seat) is not None:
                    # The partner's chat still shows the answer, or the question the user
                    # wrote (a quiz's final screen).
                    redraw.append(session.id)
            await uow.history.delete_for_user(user_id)
            await uow.own_questions.delete_by_author(user_id)
            await uow.user_achievements.delete_for_user(user_id)
            await uow.invites.delete_created_by(user_id)
            await uow.settings.delete(user_id)
            await uow.users.anonymize(user_id, now)
        return Deleted(former_partner, tuple(dict.fromkeys([*ended, *redraw])))
