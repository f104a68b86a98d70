"""/stats: the owner's view, for the ids in OWNER_IDS only."""

from __future__ import annotations

from tests.e2e.conftest import StartDuet
from tests.e2e.flows import make_couple, say, start_game


async def test_owner_sees_stats_and_others_get_the_unknown_command_answer(
    start_duet: StartDuet,
) -> None:
    duet = await start_duet(owner_ids=frozenset({1001, 777}))
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")

    stats = await say(duet, alice, "/stats")
    assert stats.text.startswith("📊 Duet ")
    assert "Users: 2\n" in stats.text
    assert "Couples: 1\n" in stats.text
    assert "Games started: 1 today, 1 in 7 days" in stats.text
    assert "Games finished: 0 today, 0 in 7 days" in stats.text
    assert "Live games now: 1\n" in stats.text
    assert "Questions of the day answered by both: 0 today, 0 in 7 days" in stats.text
    assert " MB" in stats.text

    # Not an owner: as if the command did not exist.
    answer = await say(duet, boris, "/stats")
    assert answer.text == "Я не знаю такой команды. Отправь /start, чтобы открыть меню."
    assert "📊" not in boris.transcript()


async def test_no_owners_by_default(start_duet: StartDuet) -> None:
    duet = await start_duet()
    alice = duet.user(1001, "Alice", "en")
    answer = await say(duet, alice, "/stats")
    assert answer.text == "I don't know that command. Send /start for the menu."
