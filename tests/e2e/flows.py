"""Multi-step user journeys reused by several end-to-end tests."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta

from bot.fake_bot_api import CallbackAnswer, ChatMessage, FakeUser, InlineButton
from tests.db.introspect import describe
from tests.e2e.harness import Duet

# Buttons of a question of the day that are not answers: Earlier questions, Our questions,
# Menu, Cancel, Change my answer, Set my time zone.
NOT_ANSWERS = ("📜", "✍️", "🏠", "✖️", "✏️", "🕰")
LINK_RE = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)")


async def create_invite_link(duet: Duet, user: FakeUser) -> str:
    """Through the buttons: home menu -> Partner -> Create invite link."""
    await open_home(duet, user)
    await user.press(partner_label(user))
    await user.press(create_label(user))
    message = await user.wait_for_text("t.me/")
    match = LINK_RE.search(message.text)
    assert match, message.text
    return match.group(0)


async def make_couple(duet: Duet, inviter: FakeUser, invitee: FakeUser) -> None:
    link = await create_invite_link(duet, inviter)
    await invitee.open_link(link)
    await duet.settle()
    await invitee.press(accept_label(invitee))
    await duet.settle()


async def couple(duet: Duet) -> tuple[FakeUser, FakeUser]:
    """Alice (English) and Борис (Russian), linked: most stories need both languages."""
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    return alice, boris


def _ru(user: FakeUser) -> bool:
    return (user.account.language_code or "").startswith("ru")


def partner_label(user: FakeUser) -> str:
    return "💞 Партнёр" if _ru(user) else "💞 Partner"


def create_label(user: FakeUser) -> str:
    return "💌 Создать ссылку-приглашение" if _ru(user) else "💌 Create invite link"


def accept_label(user: FakeUser) -> str:
    return "💞 Принять" if _ru(user) else "💞 Accept"


def find_button(message: ChatMessage, label: str) -> InlineButton:
    for row in message.buttons:
        for button in row:
            if button.text == label:
                return button
    raise LookupError(f"no button {label!r} in {message.button_labels()}")


async def say(duet: Duet, user: FakeUser, text: str) -> ChatMessage:
    """Send, wait until the bot has handled everything, return the newest bot message."""
    await user.send(text)
    await duet.settle()
    assert user.last is not None
    return user.last


async def open_home(duet: Duet, user: FakeUser) -> ChatMessage:
    home = await say(duet, user, "/start")
    assert home.text.startswith("🏠"), home.text
    return home


def play_label(user: FakeUser) -> str:
    return "✅ Играть" if _ru(user) else "✅ Play"


async def start_game(duet: Duet, inviter: FakeUser, invitee: FakeUser, title: str) -> None:
    """Inviter picks `title` (in the inviter's language) in /play; the invitee accepts."""
    menu = await say(duet, inviter, "/play")
    await inviter.press(game_label(menu, title), message=menu)
    await duet.settle()
    await invitee.press(play_label(invitee))
    await duet.settle()


def game_label(menu: ChatMessage, title: str) -> str:
    """The /play button of the game titled `title`: its emoji, then the title."""
    labels = [label for label in menu.button_labels() if label.split(" ", 1)[-1] == title]
    assert len(labels) == 1, (title, menu.button_labels())
    return labels[0]


def game_message(user: FakeUser) -> ChatMessage:
    """The newest bot message with game buttons (moves, or session buttons like Give up)."""
    for message in reversed(user.bot_messages):
        data = [b.callback_data or "" for row in message.buttons for b in row]
        if any(d.startswith(("m:", "s:")) for d in data):
            return message
    raise LookupError("no game message:\n" + user.transcript())


def move_buttons(user: FakeUser) -> list[list[InlineButton]]:
    message = game_message(user)
    return [
        [b for b in row if (b.callback_data or "").startswith("m:")]
        for row in message.buttons
        if any((b.callback_data or "").startswith("m:") for b in row)
    ]


async def press_cell(user: FakeUser, index: int) -> CallbackAnswer:
    """Press the tic-tac-toe cell `index` (0..8) of the live board, by its position."""
    cells = [b for row in move_buttons(user) for b in row]
    message = game_message(user)
    return await user.press_data(message.message_id, cells[index].callback_data or "")


def _t(user: FakeUser, en: str, ru: str) -> str:
    return ru if _ru(user) else en


async def play_and_give_up(
    duet: Duet, inviter: FakeUser, invitee: FakeUser, loser: FakeUser
) -> None:
    """A whole tic-tac-toe game through the buttons, ended by `loser` giving up."""
    await start_game(duet, inviter, invitee, _t(inviter, "Tic-tac-toe", "Крестики-нолики"))
    await loser.press(_t(loser, "🏳️ Give up", "🏳️ Сдаться"))
    await loser.press(_t(loser, "🏳️ Yes, give up", "🏳️ Да, сдаюсь"))
    await duet.settle()
    await inviter.press(_t(inviter, "🏠 Menu", "🏠 Меню"), message=game_message(inviter))


def daily_options(screen: ChatMessage) -> list[str]:
    """The answer buttons of a question of the day (no navigation or Cancel)."""
    return [label for label in screen.button_labels() if not label.startswith(NOT_ANSWERS)]


async def free_text_day(duet: Duet, user: FakeUser) -> ChatMessage:
    """Move the clock to the next day whose question is answered in words (most are) and
    open it with /today."""
    for _ in range(30):
        screen = await say(duet, user, "/today")
        if not daily_options(screen):
            return screen
        duet.clock.advance(timedelta(days=1))
    raise AssertionError("no free-text question in 30 days")


async def unlink(duet: Duet, user: FakeUser) -> None:
    """Home -> Partner -> Unlink -> Yes, in English."""
    await open_home(duet, user)
    await user.press("💞 Partner")
    await user.press("💔 Unlink")
    await user.press("💔 Yes, unlink")
    await duet.settle()


async def stored_texts(duet: Duet, texts: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Every (table, column, text) where one of `texts` is still stored, in any column of
    any table (JSON documents included): what /deleteme must leave empty."""
    found = []
    shape = await describe(duet.database)
    async with duet.database.read() as uow:
        for table in shape.columns:
            for row in await uow.conn.fetch_all(f"SELECT * FROM {table}"):
                for column, value in zip(row.keys(), tuple(row), strict=True):
                    found += [(table, column, text) for text in texts if text in str(value)]
    return found


async def go_recorded(duet: Duet, seats: tuple[int, ...] = (0, 1), timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Until the bot has recorded, for each of `seats`, when GO appeared in their chat (the
    reaction duel times each tap from it): a test moving the fake clock before that would
    move the moment itself. Nothing shows it in a chat, so the session is read."""
    async with asyncio.timeout(timeout):
        while True:
            async with duet.database.read() as uow:
                raw = await uow.conn.fetch_value(
                    "SELECT state_json FROM game_sessions ORDER BY id DESC LIMIT 1"
                )
            rounds = json.loads(str(raw))["game"]["rounds"] if raw else []
            if rounds and all(rounds[-1]["shown"][seat] is not None for seat in seats):
                return
            await asyncio.sleep(0.005)


async def play_and_win(duet: Duet, inviter: FakeUser, invitee: FakeUser, winner: FakeUser) -> None:
    """A whole game of rock, paper, scissors that `winner` wins by playing (rock against
    scissors each round): a win that counts for "First victory" and win streaks, as one by
    a give-up does not (#25)."""
    await start_game(
        duet, inviter, invitee, _t(inviter, "Rock, paper, scissors", "Камень, ножницы, бумага")
    )
    loser = invitee if winner is inviter else inviter
    for _ in range(5):
        if not move_buttons(winner):
            break
        await winner.press(_t(winner, "✊ Rock", "✊ Камень"))
        await loser.press(_t(loser, "✌️ Scissors", "✌️ Ножницы"))
        await duet.settle()
    assert not move_buttons(winner), winner.transcript()
    await inviter.press(_t(inviter, "🏠 Menu", "🏠 Меню"), message=game_message(inviter))
