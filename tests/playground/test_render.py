"""The renderer alone: chats as plain data in, screen lines out (no bot, no terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from bot.fake_bot_api import FakeBotApi, InlineButton
from bot.playground.render import fit, prompt, render_frame, text_width, wrap
from bot.playground.session import (
    ButtonLabel,
    ButtonNumber,
    Partner,
    PlaygroundError,
    find_button,
    find_start_link,
)


@dataclass
class View:
    partners: Sequence[Partner]
    focus: int = 0
    notice: str | None = None
    show_help: bool = False

    @property
    def focused(self) -> Partner:
        return self.partners[self.focus]


def button(text: str, data: str | None = "x", url: str | None = None) -> InlineButton:
    raw = {"text": text, "url": url} if url else {"text": text, "callback_data": data}
    return InlineButton(text, callback_data=None if url else data, url=url, raw=raw)


def two_chats() -> View:
    api = FakeBotApi()
    alice = api.add_user(1001, "Alice")
    boris = api.add_user(1002, "Boris", language_code="ru")
    world = api.world
    world.add_message(alice.chat, from_bot=False, sender_id=1001, text="/start")
    world.add_message(
        alice.chat,
        from_bot=True,
        sender_id=api.bot.id,
        text="🏠 Duet\nA rather long line that has to wrap inside a narrow pane of the screen",
        buttons=[[button("🎮 Play"), button("💞 Partner")], [button("☀️ Question of the day")]],
    )
    world.add_message(
        alice.chat,
        from_bot=True,
        sender_id=api.bot.id,
        text="💌 https://t.me/duet_test_bot?start=tok_en-1",
        buttons=[[button("📤 Share", url="https://t.me/share/url?url=x")], [button("Home")]],
    )
    return View(
        [
            Partner("A", alice, "en"),
            Partner("B", boris, "ru"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("Борис", 5), ("⬜", 2), ("☀️", 2), ("🙂 Alice", 8), ("é", 1), ("", 0)],
)
def test_text_width_counts_terminal_cells(text: str, width: int) -> None:
    assert text_width(text) == width


def test_fit_and_wrap() -> None:
    assert fit("⬜⬜⬜", 5) == "⬜⬜…"
    assert fit("⬜⬜⬜", 6) == "⬜⬜⬜"
    assert fit("⬜⬜⬜", 4) == "⬜… "
    assert fit("ab", 4) == "ab  "
    assert wrap("one two three", 7, "  ") == ["one two", "  three"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_side_by_side_when_wide() -> None:
    view = two_chats()
    frame = render_frame(view, 100, 24)
    assert len(frame) == 24
    assert all(text_width(line) == 100 for line in frame)
    header = next(line for line in frame if "Alice" in line)
    assert "▶ A · Alice · en · typing here" in header and "  B · Boris · ru" in header
    text = "\n".join(frame)
    assert "(no messages yet: type /start)" in text
    # The newest keyboard is numbered from 1; an older one by message number.
    assert "[1] 📤 Share ↗" in text and "[2] Home" in text
    assert "[2.1] 🎮 Play  [2.2] 💞 Partner" in text and "[2.3] ☀️ Question of the day" in text
    assert "#1 you: /start" in text


def test_stacked_when_narrow_and_the_focus_moves() -> None:
    view = two_chats()
    view.focus = 1
    frame = render_frame(view, 70, 30)
    assert all(text_width(line) == 70 for line in frame)
    alice_header = next(i for i, line in enumerate(frame) if "A · Alice · en" in line)
    boris_header = next(i for i, line in enumerate(frame) if "B · Boris · ru" in line)
    assert alice_header < boris_header
    assert frame[alice_header].startswith("  A") and frame[boris_header].startswith("▶ B")
    assert frame[-1].startswith("text or /command · 1 or 3.2 press")
    assert prompt(view) == "B Boris ▸ "


def test_a_short_pane_keeps_the_newest_lines() -> None:
    frame = render_frame(two_chats(), 100, 10)
    text = "\n".join(frame)
    assert "[2] Home" in text and "#1 you: /start" not in text


def test_find_button_by_number_address_and_label() -> None:
    messages = two_chats().partners[0].user.messages
    assert find_button(messages, ButtonNumber(2))[1].text == "Home"
    message, found = find_button(messages, ButtonNumber(3, message_id=2))
    assert (message.message_id, found.text) == (2, "☀️ Question of the day")
    assert find_button(messages, ButtonLabel(("Играть", "play")))[1].text == "🎮 Play"
    assert find_button(messages, ButtonLabel(("home",)))[1].text == "Home"
    with pytest.raises(PlaygroundError, match=r"message #3 has 1-2, not \[3\]"):
        find_button(messages, ButtonNumber(3))
    with pytest.raises(PlaygroundError, match="no message #7 in"):
        find_button(messages, ButtonNumber(1, message_id=7))
    with pytest.raises(PlaygroundError, match="'e' is ambiguous in message #3: '📤 Share', 'Home'"):
        find_button(messages, ButtonLabel(("e",)))
    with pytest.raises(PlaygroundError, match="no button 'Dance'"):
        find_button(messages, ButtonLabel(("Dance",)))


def test_find_start_link() -> None:
    alice, boris = two_chats().partners
    link = find_start_link(alice.user.messages, "duet_test_bot")
    assert link == "https://t.me/duet_test_bot?start=tok_en-1"
    assert find_start_link(alice.user.messages, "other_bot") is None
    assert find_start_link(boris.user.messages, "duet_test_bot") is None
