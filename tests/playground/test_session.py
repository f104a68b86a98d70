"""The playground's input layer, driven directly: typed lines -> the real bot -> the screen."""

from __future__ import annotations

import asyncio
import io
import os

import pytest

from bot.playground.render import render_frame
from bot.playground.session import (
    ButtonLabel,
    ButtonNumber,
    Focus,
    Invalid,
    Nothing,
    OpenLink,
    PlaygroundSession,
    Press,
    Quit,
    Send,
    SendSticker,
    ShowHelp,
    numbered_buttons,
    parse_input,
)
from bot.playground.terminal import TerminalUI
from tests.playground.conftest import settle


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("/start", Send("/start")),
        ("  hello there ", Send("hello there")),
        ("", Nothing()),
        ("3", Press(ButtonNumber(3))),
        ("3.2", Press(ButtonNumber(2, message_id=3))),
        ("0", Invalid("buttons are numbered from 1")),
        ("\\42", Send("42")),
        ("\\:)", Send(":)")),
        (">", Focus(None)),
        (":a", Focus(0)),
        (":B", Focus(1)),
        (":switch", Focus(None)),
        (":open", OpenLink(None)),
        (
            ":open https://t.me/duet_test_bot?start=x",
            OpenLink("https://t.me/duet_test_bot?start=x"),
        ),
        ("https://t.me/duet_test_bot?start=abc", OpenLink("https://t.me/duet_test_bot?start=abc")),
        ("t.me/duet_test_bot?start=abc", OpenLink("t.me/duet_test_bot?start=abc")),
        (":press Give up | Сдаться", Press(ButtonLabel(("Give up", "Сдаться")))),
        (":press 4", Press(ButtonNumber(4))),
        (":sticker", SendSticker()),
        (":help", ShowHelp()),
        (":quit", Quit()),
        (":q", Quit()),
        (":dance", Invalid("unknown command ':dance': type :help for the keys")),
    ],
)
def test_parse_input(line: str, command: object) -> None:
    assert parse_input(line) == command


def screen(session: PlaygroundSession, width: int = 130) -> str:
    return "\n".join(render_frame(session, width, 44))


async def test_type_switch_and_press_by_number_and_by_address(session: PlaygroundSession) -> None:
    alice, boris = session.partners
    await session.handle("/start")
    await settle(session)
    assert alice.user.messages[0].text == "/start"
    assert boris.user.messages == []
    view = screen(session)
    assert "▶ A · Alice · en · typing here" in view and "  B · Boris · ru" in view
    assert "[1] 💌 Invite your partner" in view  # the newest keyboard: plain numbers
    assert "[2] 🎮 Play  [3] 💞 Partner" in view

    await session.handle("/invite")
    await settle(session)
    view = screen(session)
    assert "[2] 🏠 Menu" in view  # the invite is the newest keyboard now...
    assert "[2.2] 🎮 Play  [2.3] 💞 Partner" in view  # ...the home menu keeps its address
    home = alice.user.chat.find(2)
    assert home is not None and home.edit_count == 0
    await session.handle("2.3")  # Partner, on the older home menu: it turns into that screen
    await settle(session)
    assert home.edit_count == 1 and "💞" in home.text

    await session.handle(">")
    assert session.focused is boris
    assert "▶ B · Boris · ru · typing here" in screen(session)
    await session.handle(":open")  # the newest invite link in Alice's chat
    await settle(session)
    invitation = boris.user.last
    assert invitation is not None and "приглашает тебя" in invitation.text
    accept = [b.text for b in numbered_buttons(invitation)].index("💞 Принять") + 1
    await session.handle(str(accept))
    await settle(session)
    assert "Теперь ты и Alice — пара в Duet!" in invitation.text
    assert "are now a couple" in (alice.user.last.text if alice.user.last else "")

    await session.handle(":a")
    assert session.focused is alice
    await session.handle("\\42")  # sent as text, not a press
    await settle(session)
    assert alice.user.messages[-2].text == "42"


async def test_mistakes_show_a_notice_and_change_nothing(session: PlaygroundSession) -> None:
    alice, _ = session.partners
    await session.handle("1")
    assert session.notice == "✖ Alice: there are no buttons in this chat"
    await session.handle(":open")
    assert session.notice == "✖ Alice: no invite link to open: let Boris send /invite first"
    await session.handle("/start")
    await settle(session)
    await session.handle("12")
    assert session.notice == "✖ Alice: message #2 has 1-8, not [12]"
    await session.handle("9.1")
    assert session.notice == "✖ Alice: there is no message #9 in this chat"
    await session.handle(":dance")
    assert session.notice == "✖ unknown command ':dance': type :help for the keys"
    assert session.notice in screen(session)
    await session.handle("")
    assert session.notice is None
    assert len(alice.user.messages) == 2


async def test_help_then_quit(session: PlaygroundSession) -> None:
    await session.handle(":help")
    assert session.show_help
    view = screen(session)
    assert "Keys (type a line, then Enter):" in view and "3.2" in view
    assert "Alice · en" not in view  # help replaces the panes...
    await session.handle("")
    assert not session.show_help  # ...until the next line
    assert "▶ A · Alice · en" in screen(session)
    await session.handle(":quit")
    assert session.quit_requested


async def test_a_refused_press_shows_the_bots_alert_in_that_pane(
    session: PlaygroundSession,
) -> None:
    alice, boris = session.partners
    for line in ["/invite", ">", ":open", ":press Принять", "/play", ":press Крестики-нолики"]:
        await session.handle(line)
        await settle(session)
    await session.handle(":a")
    await session.handle(":press Play")
    await settle(session)
    await session.handle("5")  # Alice was invited, so she starts: fine
    await settle(session)
    assert alice.toast is None
    await session.handle("1")  # not her turn now
    await settle(session)
    assert alice.toast == "⚠️ Not your turn yet."
    assert "⚠️ Not your turn yet." in screen(session)
    assert boris.toast is None


async def test_terminal_reads_lines_and_redraws_when_the_bot_answers(
    session: PlaygroundSession,
) -> None:
    """The I/O layer over a pipe: no pty, no blocking read, partial redraws keep the prompt."""
    read_end, write_end = os.pipe()
    out = io.StringIO()
    ui = TerminalUI(
        session, stdin=read_end, stdout=out, ansi=True, size=lambda: (120, 40), handle_signals=False
    )
    running = asyncio.create_task(ui.run())
    try:
        os.write(write_end, b":b\n/start\n")
        boris = session.partners[1].user
        await boris.wait_for_text("Привет")
        await settle(session)
        for _ in range(100):
            if "Добро пожаловать" in out.getvalue():
                break
            await asyncio.sleep(0.02)
        written = out.getvalue()
        assert written.startswith("\x1b[H\x1b[2J")  # a full redraw after each line
        assert written.endswith("\x1b8")  # the reply came later: drawn above the prompt only
        partial = written.removesuffix("\x1b8").rsplit("\x1b7\x1b[H", 1)[-1]
        assert partial.count("\n") == 38 and "Добро пожаловать" in partial
        assert "B Boris ▸ " in written
        os.write(write_end, b":quit\n")
        await asyncio.wait_for(running, 5)
    finally:
        running.cancel()
        os.close(write_end)
        os.close(read_end)


async def test_piped_lines_run_one_after_the_other_until_the_end_of_input(
    session: PlaygroundSession,
) -> None:
    read_end, write_end = os.pipe()
    out = io.StringIO()
    ui = TerminalUI(session, stdin=read_end, stdout=out, ansi=False, handle_signals=False)
    running = asyncio.create_task(ui.run())
    # Each line waits for the bot to answer the previous one, so :open finds the link.
    os.write(write_end, b"/invite\n>\n:open")
    os.close(write_end)  # Ctrl+D: the unfinished line is still sent, then the view stops
    await asyncio.wait_for(running, 10)
    os.close(read_end)
    await settle(session)
    boris = session.partners[1].user
    assert boris.messages[0].text.startswith("/start ")
    assert session.notice is None
    assert "\x1b" not in out.getvalue()
    assert out.getvalue().endswith("B Boris ▸ \n")
