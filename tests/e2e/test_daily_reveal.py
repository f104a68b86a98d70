"""The question of the day as a conversation: change or cancel an answer, an instant ping,
reactions and a reply on the reveal that reach the partner (issue 26)."""

from __future__ import annotations

from tests.e2e.flows import make_couple, say
from tests.e2e.harness import Duet
from tests.e2e.test_daily import free_text_day


async def test_change_ping_reveal_react_and_reply(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    bob = duet.user(1002, "Bob")
    await make_couple(duet, alice, bob)
    question = await free_text_day(duet, alice)
    assert "✖️ Cancel" in question.button_labels()  # the next text is the answer
    await say(duet, alice, "Tea")
    ping = await bob.wait_for_text("💬 Alice answered today's question: your turn!")
    assert "☀️ Answer now" in ping.button_labels()
    # Before Bob answers, Alice changes her mind.
    answered = alice.last
    assert answered is not None and "You: Tea" in answered.text
    await alice.press("✏️ Change my answer", message=answered)
    assert "Send your answer as a message" in answered.text
    await say(duet, alice, "Coffee")

    # Bob opens it, cancels once (his next message is not an answer), then answers.
    screen = await say(duet, bob, "/today")
    cancelled = await bob.press("✖️ Cancel", message=screen)
    assert cancelled.text is not None and "not an answer" in cancelled.text
    await say(duet, bob, "Juice")
    assert "Juice" not in str(await _answers(duet))
    screen = await say(duet, bob, "/today")
    await say(duet, bob, "Juice")
    bob_reveal = await bob.wait_for_text("Alice: Coffee")
    alice_reveal = await alice.wait_for_text("Bob: Juice")
    assert {"❤️", "😂", "🥹", "😮", "🔥", "💬 Reply"} <= set(alice_reveal.button_labels())

    # A reaction: Bob's reveal shows it in place, and he gets one ping.
    await alice.press("❤️", message=alice_reveal)
    await bob.wait_for(lambda u: "Reaction from Alice: ❤️" in bob_reveal.text)
    await bob.wait_for_text("❤️ Reaction from Alice to your answer of the day.")
    assert "Your reaction: ❤️" in alice_reveal.text
    # A reply, HTML and all, reaches Alice the same way.
    await bob.press("💬 Reply", message=bob_reveal)
    await bob.wait_for_text("Send your reply in one message")
    await say(duet, bob, "<b>same</b> as always")
    await alice.wait_for(lambda u: "Reply from Bob: <b>same</b> as always" in alice_reveal.text)
    await alice.wait_for_text("💬 Reply from Bob to your answer of the day")
    assert "💬 Reply" not in bob.last.button_labels()  # type: ignore[union-attr]
    assert len([m for m in bob.bot_messages if m.text.startswith("❤️ Reaction from")]) == 1


async def _answers(duet: Duet) -> list[str]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all("SELECT state_json FROM game_sessions")
    return [row["state_json"] for row in rows]
