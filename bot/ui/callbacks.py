"""Typed callback data. Prefixes are short and unique; every payload fits in 64 bytes.

Every field is checked when the data is unpacked, before any handler or lookup runs:
numbers outside what the database can hold, unknown actions or wrong types make the filter
miss, and the press gets the catch-all "This button is no longer valid" (handlers/fallback.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from db.repositories.history import HistoryKey
from games.banks import PACKS

_PACK_KEYS = "^(" + "|".join(PACKS) + ")$"
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
"""A row id: SQLite's and PostgreSQL's 64-bit integers."""
Small = Annotated[int, Field(ge=0, le=10_000)]
"""An option index, or a page number that a query multiplies into an offset."""
Count = Annotated[int, Field(ge=0, le=2**63 - 1)]
"""A number only shown (the history page's number: its rows come from its anchor)."""


class Screen(StrEnum):
    HOME = "h"
    PARTNER = "pa"
    PROFILE = "pr"
    INVITE = "in"
    AVATARS = "av"
    PLAY = "pl"
    GAME = "g"  # bring the live game message back to the bottom of the chat
    SETTINGS = "st"
    PACKS = "pk"  # the couple's question packs
    TODAY = "td"
    OWN_QUESTIONS = "oq"  # the couple's own questions
    HISTORY = "hi"
    STATS = "ss"
    ACHIEVEMENTS = "ac"
    ZONE = "tz"  # pick one's time zone
    PUSH = "pu"  # pick when the question of the day arrives


class Nav(CallbackData, prefix="n"):
    """Go to a screen, editing the current message in place."""

    to: Screen


class ProfileAction(StrEnum):
    RENAME = "rn"
    CANCEL_RENAME = "cx"


class ProfileCb(CallbackData, prefix="p"):
    action: ProfileAction


class AvatarCb(CallbackData, prefix="a"):
    avatar_id: Small


class InviteAction(StrEnum):
    ACCEPT = "y"
    DECLINE = "n"


class InviteCb(CallbackData, prefix="i"):
    """Carries the secret token itself: invite ids are guessable, tokens are not."""

    action: InviteAction
    token: str


class UnlinkAction(StrEnum):
    ASK = "ask"
    CONFIRM = "yes"


class UnlinkCb(CallbackData, prefix="u"):
    action: UnlinkAction
    partnership_id: RowId


class PickGameCb(CallbackData, prefix="pg"):
    """Invite the partner to this game (`games.id`)."""

    game_id: RowId


class SessionOp(StrEnum):
    ACCEPT = "ok"
    DECLINE = "no"
    CANCEL = "cx"
    GIVE_UP = "gu"
    GIVE_UP_CONFIRM = "gy"
    KEEP_PLAYING = "gk"
    REMATCH = "re"
    MENU = "mn"


class SessionCb(CallbackData, prefix="s"):
    """Something about a session as a whole (not a move)."""

    session_id: RowId
    op: SessionOp


class MoveCb(CallbackData, prefix="m"):
    """A game move; `action` is one of the game's own actions ([a-z0-9]{1,12})."""

    session_id: RowId
    action: Annotated[str, Field(pattern=r"^[a-z0-9]{1,12}$")]


class Preference(StrEnum):
    THEME = "t"
    LANGUAGE = "l"
    SOUND = "s"
    NOTIFICATIONS = "n"


class SettingsCb(CallbackData, prefix="c"):
    """Flip one preference."""

    toggle: Preference


class FormCb(CallbackData, prefix="gf"):
    """Choose how Duet speaks to and of you in Russian (db settings.grammatical_form)."""

    form: Annotated[str, Field(pattern="^(male|female|neutral)$")]
    home: bool = False
    """Pressed on the first home screen (then home is shown again), not in /settings."""


class LanguageCb(CallbackData, prefix="lg"):
    """Choose Duet's language (first contact in a language Duet does not speak)."""

    language: Annotated[str, Field(pattern="^(en|ru)$")]


class PackCb(CallbackData, prefix="k"):
    """Turn a question pack on or off: an everyday one for the couple, the 18+ one for
    oneself."""

    key: Annotated[str, Field(pattern=_PACK_KEYS)]


class DailyCb(CallbackData, prefix="d"):
    """Answer the question of the day with a choice."""

    session_id: RowId
    option: Small


class DailyPastCb(CallbackData, prefix="dp"):
    """A page of earlier questions of the day."""

    page: Small


class OwnAction(StrEnum):
    WRITE = "w"
    EDIT = "e"
    DELETE = "d"
    PAGE = "p"
    CANCEL = "x"


class OwnQuestionCb(CallbackData, prefix="oq"):
    """The couple's own questions: write one, edit or delete one's own (`question_id`), or
    turn the list's page (`page`)."""

    action: OwnAction
    question_id: Count = 0
    page: Small = 0


class ZoneCb(CallbackData, prefix="z"):
    """Pick a time zone: an index into bot.zones.CHOICES (names are too long for 64 bytes)."""

    index: Small


class PushCb(CallbackData, prefix="pt"):
    """When the question of the day arrives: minutes after local midnight; -1 for never."""

    minute: Annotated[int, Field(ge=-1, le=1439)]


class DailyAct(StrEnum):
    OPEN = "o"  # show this question (a ping's or reminder's button) and await the answer
    CHANGE = "c"  # take back one's answer to give another
    CANCEL = "x"  # the next message is not an answer after all
    REPLY = "r"  # the next message is a reply to the partner's answer


class DailyActCb(CallbackData, prefix="da"):
    session_id: RowId
    act: DailyAct


class ReactCb(CallbackData, prefix="dr"):
    """React to the partner's answer on a reveal: an index into daily_screens.REACTIONS."""

    session_id: RowId
    reaction: Annotated[int, Field(ge=0, le=4)]


class HistoryCb(CallbackData, prefix="hp"):
    """The history page just older (or newer) than an edge row of the page the button is
    on: that row's played_at, in epoch seconds (no ISO text: ':' separates the fields), and
    id. `page` (0 = newest) is only the number to show; the rows come from the anchor."""

    page: Count
    older: bool
    at: int
    row: int

    @classmethod
    def next_to(cls, page: int, *, older: bool, played_at: datetime, row: int) -> HistoryCb:
        return cls(page=page, older=older, at=int(played_at.timestamp()), row=row)

    def anchor(self) -> HistoryKey | None:
        """The row's place, or None for values no row can have (a forged button)."""
        if not 0 < self.row < 2**63:  # SQLite's and PostgreSQL's 64-bit integers
            return None
        try:
            return HistoryKey(datetime.fromtimestamp(self.at, UTC), self.row)
        except (OverflowError, OSError, ValueError):  # out of datetime's years
            return None


class RecapCb(CallbackData, prefix="rc"):
    """A finished game's recap, opened from /history."""

    session_id: RowId


class AchievementsCb(CallbackData, prefix="al"):
    """A page of the full /achievements list ("Show all"); a page past the last shows the
    last."""

    page: Small


class DeleteMeCb(CallbackData, prefix="x"):
    """/deleteme: confirm (True) or keep everything (False)."""

    confirm: bool


ALL_PREFIXES = frozenset(
    cls.__prefix__
    for cls in (
        Nav,
        ProfileCb,
        AvatarCb,
        InviteCb,
        UnlinkCb,
        PickGameCb,
        SessionCb,
        MoveCb,
        SettingsCb,
        PackCb,
    )
)
