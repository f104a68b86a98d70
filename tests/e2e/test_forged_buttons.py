"""Forged, mutated and stale callback data: a short answer, no traceback, no row changed.

A property test, derandomized (a fixed seed: CI never meets a case a developer did not): the
valid data of every button both partners can see is mutated field by field (ids past 64
bits, negative, empty, non-ASCII digits, other prefixes, extra and missing fields, random
bytes), and typed-valid data that names the wrong thing (the question of the day's session
or game in a game button, someone else's session) is pressed as well.
"""

from __future__ import annotations

import logging
import random
from typing import Any

import pytest

from bot.fake_bot_api import FakeUser
from bot.ui.callbacks import (
    AchievementsCb,
    AvatarCb,
    DailyCb,
    DailyPastCb,
    DeleteMeCb,
    HistoryCb,
    InviteCb,
    MoveCb,
    Nav,
    PickGameCb,
    ProfileCb,
    RecapCb,
    SessionCb,
    SessionOp,
    SettingsCb,
    UnlinkCb,
)
from tests.db.introspect import describe
from tests.e2e.flows import free_text_day, game_message, make_couple, say, start_game
from tests.e2e.harness import Duet

SEED = 20261204
CALLBACK_CLASSES = (
    Nav, ProfileCb, AvatarCb, InviteCb, UnlinkCb, PickGameCb, SessionCb, MoveCb, SettingsCb,
    DailyCb, DailyPastCb, HistoryCb, DeleteMeCb, RecapCb, AchievementsCb,
)  # fmt: skip
NUMBERS = (
    "0", "-1", "9223372036854775807", "9223372036854775808", "18446744073709551616",
    "1" * 40, "1.5", "1e3", "", " 1", "٣", "１", "0x10", "NaN",
)  # fmt: skip
# Bookkeeping that moves by itself: presence, which screens were last drawn, and the
# couple's statistics counted once and kept when a screen first shows them (the home
# screen's streak, which a valid "Home" button may open).
PRESENCE = {
    ("users", "last_seen_at"),
    ("users", "online_status"),
    ("game_sessions", "rendered_version"),
    ("partnerships", "stats_json"),
    ("partnerships", "stats_version"),
}


def unpacks(data: str) -> bool:
    for cls in CALLBACK_CLASSES:
        try:
            cls.unpack(data)
        except (TypeError, ValueError):
            continue
        return True
    return False


def mutations(data: str, rng: random.Random, other_ids: list[int]) -> list[str]:
    fields = data.split(":")
    found = []
    for index in range(len(fields)):
        for value in (*NUMBERS, *map(str, other_ids), "💥", "x" * 70):
            found.append(":".join([*fields[:index], value, *fields[index + 1 :]]))
    found += [
        ":".join(fields[:-1]),
        data + ":1",
        data[: rng.randrange(1, len(data) + 1)],
        data.upper(),
        "".join(rng.sample(data, len(data))),
        "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 64))),
    ]
    for prefix in ("n", "p", "a", "i", "u", "pg", "s", "m", "c", "d", "dp", "hp", "x", "rc", "al"):
        found.append(":".join([prefix, *fields[1:]]))
    return found


async def snapshot(duet: Duet) -> dict[str, list[tuple[Any, ...]]]:
    shape = await describe(duet.database)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    async with duet.database.read() as uow:
        for table, columns in shape.columns.items():
            kept = [c for c in columns if (table, c) not in PRESENCE]
            rows = await uow.conn.fetch_all(f"SELECT {', '.join(kept)} FROM {table} ORDER BY 1")
            tables[table] = [tuple(row) for row in rows]
    return tables


async def press_all(duet: Duet, user: FakeUser, datas: list[str]) -> None:
    message = user.last
    assert message is not None
    for data in datas:
        answer = await user.press_data(message.message_id, data)  # answered, whatever it is
        assert answer is not None, data


@pytest.mark.usefixtures("caplog")
async def test_forged_and_mutated_buttons_change_nothing(
    duet: Duet, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    ann, bob = duet.user(1001, "Ann"), duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await free_text_day(duet, ann)  # an open question of the day
    await start_game(duet, ann, bob, "Tic-tac-toe")  # a live game
    await say(duet, ann, "/history")
    await ann.press("📋 Show all (16)", message=await say(duet, ann, "/achievements"))
    async with duet.database.read() as uow:
        sessions = await uow.game_sessions.all_for(1)
        daily_record = await uow.games.get_by_slug("daily")
    assert daily_record is not None
    daily = next(s for s in sessions if s.day is not None)
    game = next(s for s in sessions if s.day is None)

    seen = {
        button.callback_data
        for user in (ann, bob)
        for message in user.bot_messages
        for row in message.buttons
        for button in row
        if button.callback_data
    }
    rng = random.Random(SEED)
    forged = sorted(
        {
            m
            for data in sorted(seen)
            for m in mutations(data, rng, [daily.id, game.id, daily_record.id, 999])
            if not unpacks(m)
        }
    )
    assert len(forged) > 300
    # Typed-valid data naming the wrong thing.
    wrong = [
        MoveCb(session_id=daily.id, action="tap").pack(),
        MoveCb(session_id=999, action="c1").pack(),
    ]
    wrong += [SessionCb(session_id=daily.id, op=op).pack() for op in SessionOp]
    wrong += [SessionCb(session_id=999, op=op).pack() for op in SessionOp]
    wrong += [
        PickGameCb(game_id=daily_record.id).pack(),
        PickGameCb(game_id=2**63 - 1).pack(),
        DailyCb(session_id=game.id, option=0).pack(),
        DailyCb(session_id=daily.id, option=9).pack(),
        UnlinkCb(action="yes", partnership_id=999).pack(),  # type: ignore[arg-type]
        HistoryCb(page=1, older=True, at=-(10**12), row=2**62).pack(),
        RecapCb(session_id=daily.id).pack(),  # a question of the day: /today keeps those
        RecapCb(session_id=game.id).pack(),  # a live game: nothing ended to open
        RecapCb(session_id=999).pack(),
        AchievementsCb(page=10_000).pack(),  # past the last page: the last one
    ]

    before = await snapshot(duet)
    await press_all(duet, ann, forged + wrong)
    await duet.settle()
    after = await snapshot(duet)
    for table in before:
        for old_row, new_row in zip(before[table], after[table], strict=True):
            assert old_row == new_row, (table, old_row, new_row)
    everything = "\n".join(m.text for user in (ann, bob) for m in user.bot_messages)
    assert "Something went wrong" not in everything
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert problems == [], [r.getMessage() for r in problems]
    # The game and the question still work.
    assert game_message(bob).buttons
