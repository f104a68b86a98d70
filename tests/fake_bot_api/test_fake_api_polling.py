"""Long polling with a real aiogram Dispatcher, and the user-side client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from aiogram import Bot, Dispatcher, F, html
from aiogram.exceptions import TelegramConflictError
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import (
    CallbackQuery,
    ChatMemberUpdated,
    InaccessibleMessage,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.fake_bot_api import FakeBotApi, FakeUser

PollingRunner = Callable[[Dispatcher], AbstractAsyncContextManager[None]]


def make_dispatcher(seen: list[object]) -> Dispatcher:
    """A tiny bot: a welcome with buttons, a game message, replies to media, an echo."""
    dispatcher = Dispatcher()
    menu = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Play", callback_data="play"),
                InlineKeyboardButton(text="Partner", callback_data="partner"),
            ],
            [
                InlineKeyboardButton(text="Silent", callback_data="silent"),
                InlineKeyboardButton(text="Site", url="https://example.com"),
            ],
        ]
    )

    @dispatcher.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        assert message.from_user is not None
        name = html.quote(message.from_user.first_name)
        await message.answer(
            f"Welcome, <b>{name}</b>! payload={command.args}", parse_mode="HTML", reply_markup=menu
        )

    @dispatcher.callback_query(F.data == "play")
    async def play(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Playing")
        await callback.answer("Let's go")

    @dispatcher.callback_query(F.data == "silent")
    async def silent(callback: CallbackQuery) -> None:
        seen.append(callback)

    @dispatcher.callback_query()
    async def other(callback: CallbackQuery) -> None:
        seen.append(callback)
        await callback.answer("Stale", show_alert=True)

    @dispatcher.message(F.sticker | F.photo | F.voice)
    async def media(message: Message) -> None:
        kind = "sticker" if message.sticker else "photo" if message.photo else "voice"
        await message.answer(f"Got {kind}")

    @dispatcher.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"You said: {html.quote(message.text or '')}", parse_mode="HTML")

    @dispatcher.my_chat_member()
    async def member(update: ChatMemberUpdated) -> None:
        seen.append(update.new_chat_member.status)

    return dispatcher


async def test_text_and_button_press_through_long_polling(
    run_polling: PollingRunner, alice: FakeUser
) -> None:
    async with run_polling(make_dispatcher([])):
        mine = await alice.send("/start")
        assert mine.entities == [{"type": "bot_command", "offset": 0, "length": 6}]
        welcome = await alice.wait_for_text("Welcome")
        assert welcome.text == "Welcome, Alice! payload=None"
        assert welcome.entities == [{"offset": 9, "length": 5, "type": "bold"}]

        answer = await alice.press("Play")
        assert (answer.text, answer.show_alert) == ("Let's go", False)
        assert welcome.text == "Playing" and welcome.edited
        assert welcome.buttons == []

        await alice.send("1 < 2 & <b>")
        reply = await alice.wait_for_text("You said")
        assert reply.text == "You said: 1 < 2 & <b>"
    assert alice.transcript() == "\n".join(
        [
            "Chat of Alice (1001) — 4 message(s)",
            "#1 Alice: /start",
            "#2 bot: Playing ✏️",
            "#3 Alice: 1 < 2 & <b>",
            "#4 bot: You said: 1 < 2 & <b>",
        ]
    )


async def test_transcript_numbers_buttons(run_polling: PollingRunner, alice: FakeUser) -> None:
    async with run_polling(make_dispatcher([])):
        await alice.send("/start")
        await alice.wait_for_text("Welcome")
    assert alice.transcript().splitlines()[2:] == [
        "#2 bot: Welcome, Alice! payload=None",
        "     [1] Play  [2] Partner",
        "     [3] Silent  [4] Site ↗",
    ]


async def test_deep_links(run_polling: PollingRunner, alice: FakeUser) -> None:
    async with run_polling(make_dispatcher([])):
        await alice.open_link("https://t.me/duet_test_bot?start=invite-42_x")
        await alice.wait_for_text("payload=invite-42_x")
        await alice.send("/start PAYLOAD")
        await alice.wait_for_text("payload=PAYLOAD")
    with pytest.raises(ValueError, match="not @duet_test_bot"):
        await alice.open_link("https://t.me/other_bot?start=x")
    with pytest.raises(ValueError, match="invalid start payload"):
        await alice.open_link("https://t.me/duet_test_bot?start=a b")


async def test_press_errors(run_polling: PollingRunner, alice: FakeUser) -> None:
    seen: list[object] = []
    async with run_polling(make_dispatcher(seen)):
        await alice.send("/start")
        welcome = await alice.wait_for_text("Welcome")
        with pytest.raises(LookupError, match=r"'Play', 'Partner', 'Silent', 'Site'"):
            await alice.press("Nope")
        with pytest.raises(ValueError, match="no callback_data"):
            await alice.press("Site")
        with pytest.raises(TimeoutError, match="was not answered") as error:
            await alice.press("Silent", message=welcome, timeout=0.2)
        assert "[1] Play" in str(error.value)
        answer = await alice.press_data(welcome.message_id, "forged:1")
        assert (answer.text, answer.show_alert) == ("Stale", True)

        await alice.press("Play")  # the edit removes the keyboard
        with pytest.raises(LookupError, match="visible buttons: none"):
            await alice.press("Partner")
    assert isinstance(seen[-1], CallbackQuery) and seen[-1].data == "forged:1"


async def test_press_on_a_deleted_message_is_inaccessible(
    run_polling: PollingRunner, bot: Bot, alice: FakeUser
) -> None:
    seen: list[object] = []
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "gone soon")
    await bot.delete_message(alice.id, sent.message_id)
    async with run_polling(make_dispatcher(seen)):
        await alice.press_data(sent.message_id, "old")
    callback = seen[-1]
    assert isinstance(callback, CallbackQuery)
    assert isinstance(callback.message, InaccessibleMessage)


async def test_media_messages_parse_in_aiogram(run_polling: PollingRunner, alice: FakeUser) -> None:
    async with run_polling(make_dispatcher([])):
        await alice.send_sticker()
        await alice.wait_for_text("Got sticker")
        await alice.send_photo(caption="look")
        await alice.wait_for_text("Got photo")
        await alice.send_voice()
        await alice.wait_for_text("Got voice")
    assert "[sticker 😀]" in alice.transcript()


async def test_wait_for_returns_the_predicates_value(
    run_polling: PollingRunner, alice: FakeUser, bob: FakeUser
) -> None:
    async with run_polling(make_dispatcher([])):
        await alice.send("one")
        await bob.send("two")
        await alice.send("three")
        replies = await alice.wait_for(
            lambda u: sorted(m.text for m in u.bot_messages) if len(u.bot_messages) == 2 else None
        )
        assert replies == ["You said: one", "You said: three"]
        with pytest.raises(TimeoutError, match=r"condition not met within 0\.05s for Alice"):
            await alice.wait_for(lambda u: len(u.bot_messages) > 5, timeout=0.05)
    assert [m.text for m in bob.bot_messages] == ["You said: two"]


async def test_settle(api: FakeBotApi, run_polling: PollingRunner, alice: FakeUser) -> None:
    await alice.send("queued before the bot runs")
    with pytest.raises(TimeoutError, match="1 undelivered update"):
        await api.settle(quiet=0.01, timeout=0.1)
    async with run_polling(make_dispatcher([])):
        await alice.send("/start")
        await api.settle(quiet=0.05)
        # Updates are handled concurrently (aiogram's handle_as_tasks), so order may vary.
        assert sorted(m.text.split(",")[0] for m in alice.bot_messages) == [
            "Welcome",
            "You said: queued before the bot runs",
        ]


async def test_blocking_reaches_the_bot(
    api: FakeBotApi, run_polling: PollingRunner, alice: FakeUser
) -> None:
    seen: list[object] = []
    async with run_polling(make_dispatcher(seen)):
        await alice.send("hi")
        api.block(alice)
        await api.settle(quiet=0.05)
        await alice.send("I'm back")  # writing again unblocks, as the app's "Restart" does
        await alice.wait_for_text("back")
    assert seen == ["kicked", "member"]


async def test_groups(
    api: FakeBotApi, run_polling: PollingRunner, alice: FakeUser, bob: FakeUser
) -> None:
    group = api.add_group(-100123, "Friends")
    async with run_polling(make_dispatcher([])):
        await alice.send_in_group(group, "/start@duet_test_bot")
        await bob.send_in_group(group, "hello all")
        await api.settle(quiet=0.05)
    assert [m.text for m in group.messages if not m.from_bot] == [
        "/start@duet_test_bot",
        "hello all",
    ]
    assert sorted(m.text.split("!")[0] for m in group.bot_messages) == [
        "Welcome, Alice",
        "You said: hello all",
    ]
    assert group.last is not None and group.last.chat_id == -100123
    assert alice.messages == []


async def test_get_updates_offset_limit_and_allowed_updates(bot: Bot, alice: FakeUser) -> None:
    for text in ("a", "b", "c"):
        await alice.send(text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["a", "b"]
    assert first[1].update_id == first[0].update_id + 1
    again = await bot.get_updates(offset=first[1].update_id + 1)
    assert [u.message.text for u in again if u.message] == ["c"]
    assert await bot.get_updates(offset=again[0].update_id + 1) == []

    await bot.get_updates(allowed_updates=["callback_query"])
    await alice.send("filtered out")
    await alice.send("/start")
    assert await bot.get_updates() == []


async def test_long_poll_returns_when_an_update_arrives(bot: Bot, alice: FakeUser) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    await alice.send("wake up")
    updates = await asyncio.wait_for(poll, 1)
    assert [u.message.text for u in updates if u.message] == ["wake up"]


async def test_concurrent_get_updates_conflict(bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await first
    second.cancel()


async def test_get_updates_conflicts_with_a_webhook(bot: Bot) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(TelegramConflictError, match="can't use getUpdates method while webhook"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == []


async def test_on_change_follows_every_change(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    versions: list[int] = []
    unsubscribe = api.on_change.subscribe(versions.append)
    seen = api.on_change.version
    waiter = asyncio.create_task(api.on_change.wait(since=seen, timeout=1))
    await alice.send("hi")
    assert await waiter > seen
    await bot.send_message(alice.id, "hello")
    unsubscribe()
    count = len(versions)
    await alice.send("more")
    assert count >= 2 and len(versions) == count

    async def first_burst() -> int:
        async for version in api.on_change:
            return version
        raise AssertionError("unreachable")

    burst = asyncio.create_task(first_burst())
    await asyncio.sleep(0)
    await alice.send("again")
    assert await asyncio.wait_for(burst, 1) > seen


async def test_updates_sent_while_the_bot_is_down_wait_for_the_next_run(
    api: FakeBotApi, run_polling: PollingRunner, alice: FakeUser
) -> None:
    async with run_polling(make_dispatcher([])):
        await alice.send("first run")
        await alice.wait_for_text("first run")
    await alice.send("while down")  # wakes the abandoned long poll, whose client is gone
    await asyncio.sleep(0.05)
    assert api.updates.unfetched == 1
    async with run_polling(make_dispatcher([])):
        await alice.wait_for_text("while down")
