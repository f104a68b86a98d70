"""/export and /deleteme end to end."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.e2e.flows import (
    create_invite_link,
    free_text_day,
    game_message,
    make_couple,
    open_home,
    play_and_give_up,
    say,
    start_game,
    stored_texts,
)
from tests.e2e.harness import Duet


async def test_export_sends_everything_stored_about_the_user(duet: Duet) -> None:
    alice = duet.user(1001, "<b>Alice</b>")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await play_and_give_up(duet, alice, boris, boris)
    await say(duet, alice, "/export")
    document = alice.last.document if alice.last else None
    assert document is not None and document.filename == "duet-export.json"
    assert document.caption == "📦 Everything Duet stores about you, as JSON."
    data = json.loads(document.content)
    assert data["profile"]["display_name"] == "<b>Alice</b>"
    assert data["profile"]["telegram_id"] == alice.id
    assert data["settings"]["language"] == "en"
    # Times in her own zone, with the offset (London is UTC+0 in November).
    assert data["settings"]["time_zone"] == "Europe/London"
    assert data["settings"]["question_of_the_day_at"] == 19 * 60
    assert data["exported_at"].endswith("+00:00") and "T" in data["exported_at"]
    assert len(data["partnerships"]) == 1 and data["partnerships"][0]["is_active"]
    assert len(data["invites"]) == 1 and data["invites"][0]["used_by"] == 2
    assert [s["game"] for s in data["sessions"]] == ["tictactoe"]
    assert [h["result"] for h in data["history"]] == ["win"]
    assert {a["achievement"] for a in data["achievements"]} >= {"Let's play!", "First victory"}

    # A forged button on the document (it has none, and no text to edit): a fresh screen.
    assert alice.last is not None
    await alice.press_data(alice.last, "hp:2:1:99999999999:0")
    assert alice.last.document is None and "1. Tic-tac-toe · 🏆 win" in alice.last.text


async def test_deleteme_erases_the_user_and_keeps_the_partners_history(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await play_and_give_up(duet, alice, boris, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")  # live when Boris leaves
    await say(duet, boris, "/deleteme")
    await boris.press("Оставить мои данные")
    assert "Ничего не удалено" in boris.last.text  # type: ignore[union-attr]
    await say(duet, boris, "/deleteme")
    await boris.press("🗑 Да, удалить всё")
    await duet.settle()
    assert "/start" in boris.last.text  # type: ignore[union-attr]
    await alice.wait_for_text("Борис deleted their Duet account")
    assert "ended" in game_message(alice).text

    async with duet.database.read() as uow:
        tombstone = await uow.users.get(2)
        assert tombstone is not None
        assert tombstone.deleted_at is not None and tombstone.display_name == "deleted"
        assert await uow.users.get_by_telegram_id(boris.id) is None
        assert await uow.settings.get(2) is None
        assert await uow.history.count_for_user(2) == 0
        assert await uow.user_achievements.for_user(2) == []
        assert await uow.partnerships.active_for(1) is None
        assert await uow.history.count_for_user(1) == 2  # Alice keeps her games
        results = [s.result for s in await uow.game_sessions.all_for(1)]
    assert all("Борис" not in json.dumps(r, ensure_ascii=False) for r in results)
    assert await duet.database.check_integrity() == []

    history = await say(duet, alice, "/history")
    assert "Tic-tac-toe with 👤 deleted user" in history.text
    assert "Борис" not in history.text

    # Coming back starts afresh.
    home = await open_home(duet, boris)
    assert "💞 Партнёра пока нет" in home.text
    async with duet.database.read() as uow:
        fresh = await uow.users.get_by_telegram_id(boris.id)
    assert fresh is not None and fresh.id != 2
    link = await create_invite_link(duet, alice)
    assert link


async def test_deleteme_leaves_no_word_name_or_telegram_id_of_the_user(duet: Duet) -> None:
    ann = duet.user(987654321, "Ann")
    bob = duet.user(1002, "Bob")
    await make_couple(duet, ann, bob)
    await open_home(duet, ann)
    await ann.press("👤 Profile")
    await ann.press("✏️ Change name")
    await say(duet, ann, "Annabelle Quill")
    # A question of the day both answered (revealed in Bob's chat), and one only Ann did.
    await free_text_day(duet, ann)
    await say(duet, ann, "My secret answer 42")
    await say(duet, bob, "/today")
    await say(duet, bob, "Bob's answer")
    reveal = await bob.wait_for_text("Annabelle Quill: My secret answer 42")
    # Her reaction and reply on the reveal are her words too.
    mine = await ann.wait_for_text("Bob: Bob's answer")
    await ann.press("🔥", message=mine)
    await ann.press("💬 Reply", message=mine)
    await say(duet, ann, "My secret reply 44")
    await bob.wait_for(lambda u: "Reply from Annabelle Quill: My secret reply 44" in reveal.text)
    duet.clock.advance(timedelta(days=1))
    await free_text_day(duet, ann)
    await say(duet, ann, "Another secret 43")
    await play_and_give_up(duet, ann, bob, bob)

    await say(duet, ann, "/deleteme")
    await ann.press("🗑 Yes, delete everything")
    await duet.settle()

    secrets = ("secret answer 42", "secret 43", "secret reply 44", "Annabelle", "987654321")
    assert await stored_texts(duet, secrets) == []
    # Bob's chat keeps the day, without Ann's words or name.
    await bob.wait_for(lambda u: "👤 deleted user: (deleted)" in reveal.text)
    assert "Bob's answer" in reveal.text
    assert "🔥" not in reveal.text and "secret reply" not in reveal.text
    assert all("secret answer" not in m.text for m in bob.bot_messages)
