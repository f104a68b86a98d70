"""Nothing strands a game: a saved move whose screens Telegram failed to show is shown by the
next press on either board (a crash between the two is tests/e2e/test_crash.py's)."""

from __future__ import annotations

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import game_message, make_couple, move_buttons, press_cell, start_game
from tests.e2e.harness import Duet


def marks(user: FakeUser) -> int:
    return sum(b.text != "⬜" for row in move_buttons(user) for b in row)


async def test_a_move_whose_edits_failed_is_shown_by_the_next_press(start_duet: object) -> None:
    duet: Duet = await start_duet(telegram_retry_attempts=1)  # type: ignore[operator]
    alice, boris = duet.user(1001, "Alice"), duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    failing = duet.api.inject(method="editMessageText", status=502, times=2)
    await press_cell(boris, 4)  # the invitee moves first; saved, and neither chat shows it
    await duet.settle()
    assert failing.remaining == 0
    assert marks(alice) == 0 and marks(boris) == 0
    assert "Your move" in game_message(boris).text  # Boris would wait for himself

    answer = await press_cell(boris, 0)
    assert answer.text == "Not your turn yet."
    await duet.settle()
    assert marks(alice) == 1 and marks(boris) == 1
    assert "Your move" in game_message(alice).text
    await press_cell(alice, 0)  # and the game goes on
    await duet.settle()
    assert marks(boris) == 2


async def test_the_partner_behind_can_still_make_their_move(start_duet: object) -> None:
    duet: Duet = await start_duet(telegram_retry_attempts=1)  # type: ignore[operator]
    alice, boris = duet.user(1001, "Alice"), duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    duet.api.inject(method="editMessageText", status=502, times=2)
    await press_cell(boris, 4)
    await duet.settle()
    # Alice's board still says Boris is thinking, but it is her turn: her tap is her move,
    # and both chats then show both moves.
    answer = await press_cell(alice, 0)
    assert answer.text is None
    await duet.settle()
    assert marks(alice) == 2 and marks(boris) == 2
    assert "Your move" in game_message(boris).text
