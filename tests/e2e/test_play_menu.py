"""/play: each game's button carries its emoji, one-game categories get no heading, the way
home is named like everywhere else, and names show no default avatar."""

from __future__ import annotations

from games.registry import GAMES
from tests.e2e.flows import make_couple, say
from tests.e2e.harness import Duet


async def test_every_game_button_carries_its_emoji_and_no_lone_heading(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    menu = await say(duet, alice, "/play")
    labels = menu.button_labels()
    for game in GAMES:
        emoji = getattr(game, "emoji", None)
        assert emoji, f"{game.key} names no emoji"
        assert f"{emoji} {game.title}" in labels
        assert f"{emoji} <b>{game.title}</b> — " in menu.text or f"{emoji} {game.title} — " in (
            menu.text
        )
    categories = {game.category for game in GAMES}
    lone = [c for c in categories if sum(g.category == c for g in GAMES) == 1]
    for heading in ("♟ Classic", "⚔️ Duel", "⚡ Reaction", "❓ Quiz", "💞 Romantic"):
        if any(heading.lower().endswith(c) for c in lone):
            assert f"\n{heading}\n" not in menu.text
    assert labels[-1] == "🏠 Menu"


async def test_home_is_named_the_same_everywhere(duet: Duet) -> None:
    boris = duet.user(1002, "Борис", "ru")
    for command in ("/play", "/today", "/history", "/achievements", "/settings"):
        screen = await say(duet, boris, command)
        assert "🏠 Меню" in screen.button_labels(), (command, screen.button_labels())
        assert not any(label.startswith("⬅️ Меню") for label in screen.button_labels())


async def test_the_default_avatar_is_not_shown_but_a_chosen_one_is(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    home = await say(duet, alice, "/start")
    assert "💞 Partner: Boris" in home.text
    assert "🙂" not in home.text
    await say(duet, boris, "/start")
    await boris.press("👤 Profile")
    await boris.press("🖼 Change avatar")
    await boris.press("🦊")
    home = await say(duet, alice, "/start")
    assert "💞 Partner: 🦊 Boris" in home.text
