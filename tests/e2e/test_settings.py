"""Settings end to end: toggles edit in place, and each one shows its effect."""

from __future__ import annotations

from tests.e2e.flows import game_message, make_couple, move_buttons, open_home, say, start_game
from tests.e2e.harness import Duet


async def test_toggles_edit_the_settings_message_in_place(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    await open_home(duet, alice)
    await alice.press("⚙️ Settings")
    screen = alice.last
    assert screen is not None
    assert screen.button_labels()[:4] == [
        "Theme: ☀️ Light",
        "Language: 🇬🇧 English",
        "Sound: 🔔 On",
        "Notifications: 📣 On",
    ]
    count = len(alice.messages)
    await alice.press("Theme: ☀️ Light")
    await alice.press("Notifications: 📣 On")
    assert screen.button_labels()[:4] == [
        "Theme: 🌙 Dark",
        "Language: 🇬🇧 English",
        "Sound: 🔔 On",
        "Notifications: 🔇 Off",
    ]
    assert len(alice.messages) == count
    async with duet.database.read() as uow:
        prefs = await uow.settings.get(1)
    assert prefs is not None and prefs.theme == "dark" and not prefs.notifications


async def test_language_switch_rerenders_and_sets_the_chat_menu(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    screen = await say(duet, alice, "/settings")
    await alice.press("Language: 🇬🇧 English")
    assert screen.text.startswith("⚙️ Настройки")
    assert "Язык: 🇷🇺 Русский" in screen.button_labels()
    menu = dict(duet.api.commands(scope="chat", chat_id=alice.id))
    assert menu["start"] == "Меню"
    home = await open_home(duet, alice)
    assert "🎮 Играть" in home.button_labels()
    await alice.press("⚙️ Настройки")
    await alice.press("Язык: 🇷🇺 Русский")
    assert dict(duet.api.commands(scope="chat", chat_id=alice.id))["start"] == "Home menu"


async def test_sound_off_makes_every_message_to_that_user_silent(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await say(duet, boris, "/settings")
    await boris.press("Звук: 🔔 Вкл.")
    home = await open_home(duet, boris)
    assert home.disable_notification is True
    loud = await open_home(duet, alice)
    assert loud.disable_notification is False
    # Messages caused by the partner respect the recipient's setting too.
    await start_game(duet, alice, boris, "Tic-tac-toe")
    invitations = [
        c for c in duet.api.calls_to("sendMessage") if c.params.get("chat_id") == boris.id
    ]
    assert invitations[-1].params.get("disable_notification") is True


async def test_dark_theme_changes_the_board(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await say(duet, boris, "/settings")
    await boris.press("Theme: ☀️ Light")
    await start_game(duet, alice, boris, "Tic-tac-toe")
    light = {b.text for row in move_buttons(alice) for b in row}
    dark = {b.text for row in move_buttons(boris) for b in row}
    assert light != dark
    assert game_message(boris).text.startswith("Tic-tac-toe")


async def test_settings_preview_the_theme_and_the_toggle_redraws_it(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    for user, toggle, light, dark in (
        (
            alice,
            "Theme: ☀️ Light",
            "🎨 Boards in this theme: ❌⭕⬜ ▰▰▰▱▱",
            "🎨 Boards in this theme: ✖️⚪⬛ ●●●○○",
        ),
        (
            boris,
            "Тема: ☀️ Светлая",
            "🎨 Так тема рисует доски: ❌⭕⬜ ▰▰▰▱▱",
            "🎨 Так тема рисует доски: ✖️⚪⬛ ●●●○○",
        ),
    ):
        screen = await say(duet, user, "/settings")
        assert light in screen.text.split("\n\n") and dark not in screen.text
        count = len(user.messages)
        await user.press(toggle, message=screen)
        assert dark in screen.text.split("\n\n") and light not in screen.text
        assert len(user.messages) == count  # the same message, edited
        await user.press(screen.button_labels()[0], message=screen)  # and back
        assert light in screen.text.split("\n\n")
