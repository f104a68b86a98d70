"""Fair play (#25): the reaction duel times each player from GO in their own chat.

The fake Telegram delays every edit of Alice's chat by 150 ms of the bot's (fake) clock,
Boris's not at all: as when one partner's phone is on a slow network. Both tap a known
delay after GO appears in their own chat; the faster hand must win, whoever's chat lags.
"""

from __future__ import annotations

import asyncio
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import (
    couple,
    game_message,
    go_recorded,
    move_buttons,
    play_label,
    start_game,
)
from tests.e2e.harness import Duet

LATENCY = 0.150  # seconds: each edit of Alice's chat reaches her this much later
ROUNDS = 20


async def latest_session(duet: Duet) -> dict[str, Any]:
    async with duet.database.read() as uow:
        row = await uow.conn.fetch_one(
            "SELECT id, status, state_json, result_json FROM game_sessions ORDER BY id DESC LIMIT 1"
        )
    assert row is not None
    return dict(row)


async def eventually(check: Any, timeout: float = 5.0) -> Any:  # noqa: ASYNC109
    """Poll an async condition until it returns something truthy (the bot's own writes,
    which no chat shows)."""
    async with asyncio.timeout(timeout):
        while True:
            value = await check()
            if value:
                return value
            await asyncio.sleep(0.005)


async def current_round(duet: Duet) -> dict[str, Any] | None:
    session = await latest_session(duet)
    if session["status"] != "live":
        return None
    state = json.loads(str(session["state_json"]))
    rounds: list[dict[str, Any]] = state["game"]["rounds"]
    return {**rounds[-1], "number": len(rounds)}


def advance_to(duet: Duet, moment: float) -> None:
    target = datetime.fromtimestamp(moment, UTC)
    assert target >= duet.clock.now()
    duet.clock.advance(target - duet.clock.now())


async def pump(duet: Duet) -> None:
    """Let the bot finish what it is doing, moving the clock on while an edit of the
    lagging chat is held by its latency (those edits wait for the clock, not for us)."""
    in_flight = duet.runtime.dispatcher["in_flight"]  # type: ignore[index]
    for _ in range(50):
        await duet.api.settle(quiet=0.05)
        if duet.api.held:
            held = len(duet.api.held)
            duet.clock.advance(timedelta(seconds=LATENCY))
            async with asyncio.timeout(5):
                while len(duet.api.held) >= held:
                    await duet.api.on_change.wait()
        elif in_flight.busy == 0:
            return
        else:
            await duet.api.on_change.wait(timeout=5)
    raise AssertionError(f"the bot did not settle: {duet.api.held}, {in_flight.busy}")


def held_for(duet: Duet, user: FakeUser) -> bool:
    return any(chat_id == user.id for _, chat_id in duet.api.held)


def shows_go(user: FakeUser) -> bool:
    text = game_message(user).text
    return "GO!" in text or "ЖМИ!" in text


async def tap(user: FakeUser) -> None:
    await user.press(move_buttons(user)[0][0].text)


async def play_round(
    duet: Duet, alice: FakeUser, boris: FakeUser, delays: tuple[float, float]
) -> int:
    """One round: GO, then Alice taps delays[0] after GO appears in her chat and Boris
    delays[1] after it appears in his. Returns the round's number."""
    rnd = await current_round(duet)
    assert rnd is not None
    go_at = float(rnd["go_at"])
    advance_to(duet, go_at)
    # Both edits go out at once: Boris sees GO while Alice's edit is still on its way.
    await boris.wait_for(shows_go, timeout=5)
    await alice.wait_for(lambda _: held_for(duet, alice), timeout=5)
    assert not shows_go(alice)

    await go_recorded(duet, (1,))
    events: list[tuple[float, str]] = [
        (go_at + LATENCY, "alice sees GO"),
        (go_at + LATENCY + delays[0], "alice taps"),
        (go_at + delays[1], "boris taps"),
    ]
    for moment, event in sorted(events):
        advance_to(duet, moment)
        if event == "alice sees GO":
            await alice.wait_for(shows_go, timeout=5)
            await go_recorded(duet, (0,))
        elif event == "alice taps":
            await tap(alice)
        else:
            await tap(boris)

    async def closed() -> bool:
        now = await current_round(duet)
        return now is None or now["number"] > rnd["number"]

    await eventually(closed)
    await pump(duet)
    return int(rnd["number"])


async def test_reaction_duel_is_fair_when_one_chat_lags(start_duet: Any) -> None:
    duet: Duet = await start_duet(reaction_min_delay=2, reaction_max_delay=2, game_timer_tick=0.01)
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Reaction duel")
    duet.api.add_latency(LATENCY, method="editMessageText", chat_id=alice.id, clock=duet.clock)
    pick = random.Random(25)
    true_delays: list[tuple[float, float]] = []
    played: list[dict[str, Any]] = []
    while len(played) < ROUNDS:
        rounds_in_match: list[tuple[float, float]] = []
        while await current_round(duet) is not None:
            first = pick.randint(180, 300)
            second = pick.choice([ms for ms in range(180, 301) if ms != first])
            delays = (first / 1000, second / 1000)
            await play_round(duet, alice, boris, delays)
            rounds_in_match.append(delays)
        # The match is over: Alice sees its end, and asks for a rematch.
        assert "🔁 Rematch" in game_message(alice).button_labels()
        session = await latest_session(duet)
        result = json.loads(str(session["result_json"]))
        assert len(result["details"]["rounds"]) == len(rounds_in_match)
        for delays, rnd in zip(rounds_in_match, result["details"]["rounds"], strict=True):
            played.append({**rnd, "true_ms": [round(d * 1000) for d in delays]})
        true_delays += rounds_in_match
        if len(played) >= ROUNDS:
            break
        await alice.press("🔁 Rematch", message=game_message(alice))
        await pump(duet)
        await boris.press(play_label(boris))
        await pump(duet)
        assert "Wait for it" in game_message(alice).text

    counted = played[:ROUNDS]
    errors = [
        abs(measured - true)
        for rnd in counted
        for measured, true in zip(rnd["ms"], rnd["true_ms"], strict=True)
    ]
    wins = [sum(rnd["winner"] == seat for rnd in counted) for seat in (0, 1)]
    print(f"fair play: wins Alice {wins[0]} : {wins[1]} Boris, max error {max(errors)} ms")
    assert max(errors) <= 30, counted
    assert max(wins) <= 14, wins
    # The faster hand won every round.
    for rnd in counted:
        faster = 0 if rnd["true_ms"][0] < rnd["true_ms"][1] else 1
        assert rnd["winner"] == faster, rnd


async def test_a_tap_right_after_a_round_says_too_early(start_duet: Any) -> None:
    duet: Duet = await start_duet(reaction_min_delay=2, reaction_max_delay=2, game_timer_tick=0.01)
    alice, boris = await couple(duet)
    await start_game(duet, alice, boris, "Reaction duel")
    duet.clock.advance(timedelta(seconds=2))
    await go_recorded(duet)
    duet.clock.advance(timedelta(milliseconds=200))
    await tap(alice)
    duet.clock.advance(timedelta(milliseconds=50))
    await tap(boris)
    await duet.settle()
    assert (await current_round(duet) or {}).get("number") == 2
    # A double tap meant for the round that just ended, in round 2's first moments.
    duet.clock.advance(timedelta(milliseconds=300))
    answer = await alice.press(move_buttons(alice)[0][0].text)
    assert answer.show_alert and answer.text == "Too early: wait for GO."
    answer = await boris.press(move_buttons(boris)[0][0].text)
    assert answer.show_alert and answer.text == "Рано: дождись сигнала «ЖМИ!»."
    await duet.settle()
    assert (await current_round(duet) or {}).get("presses") == [None, None]  # not a false start
