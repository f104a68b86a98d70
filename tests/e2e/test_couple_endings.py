"""Whatever ends a couple ends what they had open: nothing one partner writes reaches an ex.

A couple ends by unlinking, by /deleteme, or (for what was open) by one of them blocking the
bot. Each way voids the question of the day and ends the game in the same transaction, and
an old button acts only on the couple it was made for.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.flows import (
    LINK_RE,
    free_text_day,
    game_message,
    make_couple,
    open_home,
    say,
    start_game,
    unlink,
)
from tests.e2e.harness import Duet


async def daily_rows(duet: Duet) -> list[dict[str, object]]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT id, status, partnership_id, state_json, result_json, wake_at"
            " FROM game_sessions WHERE day IS NOT NULL ORDER BY id"
        )
    return [dict(zip(row.keys(), tuple(row), strict=True)) for row in rows]


async def history_of(duet: Duet, session_id: object) -> list[str]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT result_short FROM history WHERE game_session_id = ?", (session_id,)
        )
    return [row[0] for row in rows]


def everything_seen(user: FakeUser) -> str:
    return "\n".join(message.text for message in user.messages)


async def test_unlinking_voids_the_question_and_a_new_partner_never_completes_it(
    start_duet: object,
) -> None:
    duet: Duet = await start_duet(daily_reminder_after=3600, game_timer_tick=0.02)  # type: ignore[operator]
    ann, bob, cleo = duet.user(1001, "Ann"), duet.user(1002, "Bob"), duet.user(1003, "Cleo")
    await make_couple(duet, ann, bob)
    await free_text_day(duet, bob)
    await say(duet, bob, "Bob's private answer")
    # Ann opens the question, then (without a command, which would end her answering)
    # unlinks and pairs with Cleo through the buttons.
    today = await say(duet, ann, "/today")
    await ann.press("🏠 Menu", message=today)
    await ann.press("💞 Partner")
    await ann.press("💔 Unlink")
    await ann.press("💔 Yes, unlink")
    await duet.settle()
    (voided,) = await daily_rows(duet)
    assert voided["status"] == "cancelled" and voided["wake_at"] is None
    assert json.loads(str(voided["result_json"])) == {"reason": "unlinked"}
    assert await history_of(duet, voided["id"]) == []
    duet.clock.advance(timedelta(hours=2))  # past Ann's reminder: it never comes
    await duet.settle()
    assert "curious about yours" not in everything_seen(ann)

    await ann.press("🏠 Menu")
    await ann.press("💞 Partner")
    await ann.press("💌 Create invite link")
    link = LINK_RE.search((await ann.wait_for_text("t.me/")).text)
    assert link is not None
    await cleo.open_link(link.group(0))
    await duet.settle()
    await cleo.press("💞 Accept")
    await ann.wait_for_text("You and Cleo are now a couple")
    refused = await say(duet, ann, "Cleo, I love you")
    assert (
        refused.text == "This question belonged to a partnership that has ended. Nothing was sent."
    )
    await duet.settle()
    assert "Cleo, I love you" not in everything_seen(bob)
    assert "Bob's private answer" not in everything_seen(ann)
    (still_voided,) = await daily_rows(duet)
    assert still_voided["status"] == "cancelled"
    assert "Cleo" not in str(still_voided["state_json"])

    # The new couple gets a question of its own.
    screen = await say(duet, ann, "/today")
    assert "Question of the day" in screen.text and "🔒" not in screen.text
    rows = await daily_rows(duet)
    assert len(rows) == 2 and rows[1]["partnership_id"] != rows[0]["partnership_id"]


async def test_unlinking_shows_both_partners_the_question_closed(duet: Duet) -> None:
    ann, bob = duet.user(1001, "Ann"), duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await free_text_day(duet, ann)
    await say(duet, ann, "Ann's answer")
    shown = await say(duet, bob, "/today")
    await unlink(duet, bob)
    await ann.wait_for_text("🔒 This question closed when the partnership ended.")
    await bob.wait_for(lambda u: "🔒" in shown.text)
    assert "Ann's answer" not in everything_seen(bob)
    assert not any(label.startswith("☀️") for label in shown.button_labels())


async def test_deleting_an_account_voids_the_question_and_names_nobody(start_duet: object) -> None:
    duet: Duet = await start_duet(daily_reminder_after=3600, game_timer_tick=0.02)  # type: ignore[operator]
    ann, bob = duet.user(1001, "Ann"), duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await free_text_day(duet, ann)
    await say(duet, ann, "My secret answer 42")
    await say(duet, ann, "/deleteme")
    await ann.press("🗑 Yes, delete everything")
    await duet.settle()
    (voided,) = await daily_rows(duet)
    assert voided["status"] == "cancelled" and voided["wake_at"] is None
    assert json.loads(str(voided["result_json"])) == {"reason": "deleted"}
    duet.clock.advance(timedelta(hours=2))
    await duet.settle()
    seen = everything_seen(bob)
    # (The instant ping of Ann's answer came before she deleted her account: no reminder after.)
    assert "curious about yours" not in seen
    assert "My secret answer 42" not in seen


async def test_blocking_the_bot_voids_the_question_and_the_couple_goes_on(
    duet: Duet, api: FakeBotApi
) -> None:
    ann, bob = duet.user(1001, "Ann"), duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await free_text_day(duet, ann)
    await say(duet, ann, "Sunsets")
    api.block(bob)
    await ann.wait_for_text("🔒 This question was closed: Bob can't get messages from Duet.")
    (voided,) = await daily_rows(duet)
    assert voided["status"] == "cancelled"
    assert json.loads(str(voided["result_json"])) == {"reason": "blocked"}
    assert await history_of(duet, voided["id"]) == []
    # Bob comes back the same day: the couple is still a couple, with the day's question.
    api.unblock(bob)
    screen = await say(duet, bob, "/today")
    assert "Question of the day" in screen.text and "🔒" not in screen.text
    assert "Sunsets" not in screen.text
    assert len(await daily_rows(duet)) == 2


async def test_an_old_board_rematches_nobody_after_re_pairing(duet: Duet) -> None:
    ann, bob, cleo = duet.user(1001, "Ann"), duet.user(1002, "Bob"), duet.user(1003, "Cleo")
    await make_couple(duet, ann, bob)
    await start_game(duet, ann, bob, "Tic-tac-toe")
    await bob.press("🏳️ Give up")
    await bob.press("🏳️ Yes, give up")
    await duet.settle()
    old_board = game_message(ann)
    assert "🔁 Rematch" in old_board.button_labels()
    await unlink(duet, ann)
    await make_couple(duet, ann, cleo)
    answer = await ann.press("🔁 Rematch", message=old_board)
    assert answer.show_alert and answer.text == "This game was with an earlier partnership."
    await duet.settle()
    assert not any("invites you to play" in m.text for m in cleo.bot_messages)
    async with duet.database.read() as uow:
        assert await uow.conn.fetch_value("SELECT count(*) FROM game_sessions") == 1


async def test_a_game_ended_by_unlinking_offers_no_rematch(duet: Duet) -> None:
    ann, bob = duet.user(1001, "Ann"), duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await say(duet, ann, "/play")
    await ann.press("⭕ Tic-tac-toe")
    await duet.settle()
    await bob.press("✅ Play")
    await duet.settle()
    await unlink(duet, bob)
    await ann.wait_for(lambda u: "ended with the partnership" in game_message(u).text)
    board = game_message(ann)
    assert "🔁 Rematch" not in board.button_labels()


async def test_an_old_unlink_button_says_it_is_from_an_earlier_partnership(duet: Duet) -> None:
    ann, bob, cleo = duet.user(1001, "Ann"), duet.user(1002, "Bob"), duet.user(1003, "Cleo")
    await make_couple(duet, ann, bob)
    await open_home(duet, ann)
    await ann.press("💞 Partner")
    await ann.press("💔 Unlink")
    old_confirm = ann.last
    assert old_confirm is not None
    await unlink(duet, bob)
    await make_couple(duet, ann, cleo)
    answer = await ann.press("💔 Yes, unlink", message=old_confirm)
    assert answer.show_alert
    assert answer.text == "This button is from an earlier partnership. Nothing has changed."
    async with duet.database.read() as uow:
        current = await uow.partnerships.active_for(1)
    assert current is not None and current.partner_of(1) == 3
