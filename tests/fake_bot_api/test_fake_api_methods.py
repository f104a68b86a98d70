"""Bot API methods and Telegram's rules, driven by a real aiogram Bot."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
)

from bot.fake_bot_api import FakeBotApi, FakeUser

BAD_REQUEST_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=label) for label in labels]
        ]
    )


class GetUnknown(TelegramMethod[bool]):
    __returning__ = bool
    __api_method__ = "getSomethingThatDoesNotExist"


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (123456, True, "duet_test_bot", "Duet")


async def test_wrong_token_is_unauthorized(make_bot: Callable[[str], Bot]) -> None:
    with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
        await make_bot("42:wrong").get_me()


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    with pytest.raises(TelegramNotFound, match="Not Found"):
        await bot(GetUnknown())


async def test_send_message_to_the_chat(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(
        alice.id,
        "<b>Hello</b>, Alice &amp; co",
        parse_mode="HTML",
        disable_notification=True,
        reply_markup=keyboard("Play", "Partner"),
    )
    assert sent.text == "Hello, Alice & co"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    message = alice.last
    assert message is not None and message.message_id == sent.message_id == 2
    assert message.html == "<b>Hello</b>, Alice &amp; co"
    assert message.disable_notification is True
    assert message.button_labels() == ["Play", "Partner"]
    assert message.buttons[0][0].callback_data == "Play"
    assert [m.from_bot for m in alice.messages] == [False, True]


async def test_without_parse_mode_text_is_literal(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "<b>not bold</b> & raw")
    assert sent.text == "<b>not bold</b> & raw"
    assert sent.entities is None
    assert alice.last is not None and alice.last.disable_notification is False


async def test_chat_rules(api: FakeBotApi, bot: Bot, alice: FakeUser, bob: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(999, "x")
    with pytest.raises(
        TelegramForbiddenError, match="Forbidden: bot can't initiate conversation with a user"
    ):
        await bot.send_message(bob.id, "x")
    await alice.send("hi")
    api.block(alice)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(alice.id, "x")
    api.unblock(alice)
    await bot.send_message(alice.id, "back")


async def test_block_queues_my_chat_member_updates(
    api: FakeBotApi, bot: Bot, alice: FakeUser
) -> None:
    await alice.send("hi")
    api.block(alice)
    api.unblock(alice)
    updates = await bot.get_updates()
    member_updates = [u.my_chat_member for u in updates if u.my_chat_member is not None]
    assert [(u.old_chat_member.status, u.new_chat_member.status) for u in member_updates] == [
        ("member", "kicked"),
        ("kicked", "member"),
    ]
    assert member_updates[0].from_user.id == alice.id


@pytest.mark.parametrize(
    ("text", "parse_mode", "description"),
    [
        ("", None, "Bad Request: message text is empty"),
        ("  \n ", None, "Bad Request: message text is empty"),
        ("x" * 4097, None, "Bad Request: message is too long"),
        ("😀" * 2049, None, "Bad Request: message is too long"),
        ("<b>" + "x" * 4097 + "</b>", "HTML", "Bad Request: message is too long"),
        ("<p>x</p>", "HTML", 'can\'t parse entities: Unsupported start tag "p" at byte offset 0'),
        ("<b>x", "HTML", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", "HTML", "can't parse entities: Unsupported start tag"),
        ("Tom & Jerry", "HTML", 'can\'t parse entities: Unescaped "&"'),
    ],
)
async def test_text_rules(
    bot: Bot, alice: FakeUser, text: str, parse_mode: str | None, description: str
) -> None:
    await alice.send("hi")
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(alice.id, text, parse_mode=parse_mode)
    assert description in error.value.message


async def test_text_limits_count_after_entity_parsing(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert sent.text is not None and len(sent.text) == 4096


@pytest.mark.parametrize(
    ("button", "description"),
    [
        ({"text": "x", "callback_data": "é" * 33}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "callback_data": ""}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "url": "not a url"}, "BUTTON_URL_INVALID"),
        ({"text": "x", "url": "ftp://example.com"}, "BUTTON_URL_INVALID"),
        ({"text": "x"}, "Text buttons are unallowed in the inline keyboard"),
        ({"text": "", "callback_data": "x"}, "BUTTON_TEXT_INVALID"),
        ({"text": "x", "callback_data": "x", "url": "https://a.b"}, "exactly one"),
    ],
)
async def test_keyboard_rules(
    bot: Bot, alice: FakeUser, button: dict[str, str], description: str
) -> None:
    await alice.send("hi")
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton.model_validate(button)]])
    with pytest.raises(TelegramBadRequest, match=description):
        await bot.send_message(alice.id, "x", reply_markup=markup)


async def test_keyboard_size_limits(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sixty_four_bytes = "é" * 32
    await bot.send_message(alice.id, "ok", reply_markup=keyboard(*[sixty_four_bytes] * 8))
    with pytest.raises(TelegramBadRequest, match="BUTTONS_TOO_MUCH"):
        await bot.send_message(alice.id, "x", reply_markup=keyboard(*"abcdefghi"))
    rows = [[InlineKeyboardButton(text="b", callback_data="b")] * 8 for _ in range(13)]
    with pytest.raises(TelegramBadRequest, match="REPLY_MARKUP_TOO_LONG"):
        await bot.send_message(
            alice.id, "x", reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
        )
    url_button = InlineKeyboardButton(text="Open", url="https://t.me/duet_test_bot?start=abc")
    await bot.send_message(
        alice.id, "ok", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[url_button]])
    )


async def test_edit_rules(bot: Bot, alice: FakeUser) -> None:
    user_message = await alice.send("hi")
    sent = await bot.send_message(alice.id, "Score: 0", reply_markup=keyboard("Play"))
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(chat_id=alice.id, message_id=99, text="x")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(chat_id=alice.id, message_id=user_message.message_id, text="x")
    with pytest.raises(TelegramBadRequest) as error:
        await bot.edit_message_text(
            chat_id=alice.id,
            message_id=sent.message_id,
            text="Score: 0",
            reply_markup=keyboard("Play"),
        )
    assert error.value.message == BAD_REQUEST_NOT_MODIFIED

    edited = await bot.edit_message_text(
        chat_id=alice.id, message_id=sent.message_id, text="Score: 1", reply_markup=keyboard("Play")
    )
    assert not isinstance(edited, bool) and edited.edit_date is not None
    message = alice.last
    assert message is not None and message.text == "Score: 1" and message.edit_count == 1
    assert message.edited and "✏️" in alice.transcript()

    # Telegram drops the keyboard when editMessageText has no reply_markup.
    await bot.edit_message_text(chat_id=alice.id, message_id=sent.message_id, text="Score: 2")
    assert message.buttons == []


async def test_edit_reply_markup(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "Pick", reply_markup=keyboard("A", "B"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=alice.id, message_id=sent.message_id, reply_markup=keyboard("A", "B")
        )
    await bot.edit_message_reply_markup(
        chat_id=alice.id, message_id=sent.message_id, reply_markup=keyboard("C")
    )
    assert alice.last is not None and alice.last.button_labels() == ["C"]
    await bot.edit_message_reply_markup(chat_id=alice.id, message_id=sent.message_id)
    assert alice.last.buttons == []
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=alice.id, message_id=sent.message_id)


async def test_delete_message(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "temporary")
    assert await bot.delete_message(alice.id, sent.message_id) is True
    assert [m.text for m in alice.messages] == ["hi"]
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)


async def test_answer_callback_rules(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_message(alice.id, "Pick", reply_markup=keyboard("A"))
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query("no-such-query")

    query = api.world.press(alice.account, alice.chat, sent.message_id, "A")
    with pytest.raises(TelegramBadRequest, match="Bad Request: MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query.id, text="x" * 201)
    await bot.answer_callback_query(query.id, text="Done", show_alert=True)
    assert query.answer.result().text == "Done" and query.answer.result().show_alert
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)

    api.callback_answer_timeout = 0.0
    late = api.world.press(alice.account, alice.chat, sent.message_id, "A")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(late.id)


async def test_send_document(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    sent = await bot.send_document(
        alice.id,
        BufferedInputFile(b"round,score\n1,3\n", filename="history.csv"),
        caption="Your <i>history</i>",
        parse_mode="HTML",
        disable_notification=True,
    )
    assert sent.document is not None and sent.document.file_name == "history.csv"
    assert sent.caption == "Your history"
    message = alice.last
    assert message is not None and message.document is not None
    assert message.document.content == b"round,score\n1,3\n"
    assert message.document.caption == "Your history"
    assert message.disable_notification
    assert "📄 history.csv (16 bytes)" in alice.transcript()

    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == b"round,score\n1,3\n"

    again = await bot.send_document(alice.id, sent.document.file_id)
    assert again.document is not None and again.document.file_name == "history.csv"


async def test_chat_action_and_get_chat(bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    assert await bot.send_chat_action(alice.id, "typing")
    assert alice.chat_action == "typing"
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(alice.id, "dancing")
    chat = await bot.get_chat(alice.id)
    assert (chat.id, chat.type, chat.first_name) == (alice.id, "private", "Alice")


async def test_commands_descriptions_menu(api: FakeBotApi, bot: Bot, alice: FakeUser) -> None:
    await alice.send("hi")
    await bot.set_my_commands([BotCommand(command="start", description="Start")])
    await bot.set_my_commands(
        [BotCommand(command="play", description="Играть")],
        scope=BotCommandScopeAllPrivateChats(),
        language_code="ru",
    )
    await bot.set_my_commands(
        [BotCommand(command="help", description="Help")],
        scope=BotCommandScopeChat(chat_id=alice.id),
    )
    assert api.commands() == [("start", "Start")]
    assert api.commands("all_private_chats", "ru") == [("play", "Играть")]
    assert api.commands("chat", chat_id=alice.id) == [("help", "Help")]
    fetched = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="ru")
    assert [c.command for c in fetched] == ["play"]
    await bot.delete_my_commands()
    assert api.commands() == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])

    await bot.set_my_description("Play with your partner", language_code="en")
    await bot.set_my_short_description("Games for two")
    assert api.descriptions == {"en": "Play with your partner"}
    assert api.short_descriptions == {"": "Games for two"}
    assert (
        await bot.get_my_description(language_code="en")
    ).description == "Play with your partner"
    assert (await bot.get_my_short_description()).short_description == "Games for two"

    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert api.menu_buttons == {None: {"type": "commands"}}


async def test_calls_are_recorded_with_parsed_params(
    api: FakeBotApi, bot: Bot, alice: FakeUser
) -> None:
    await alice.send("hi")
    await bot.send_message(alice.id, "x", disable_notification=True, reply_markup=keyboard("A"))
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(alice.id, "")
    ok_call, failed_call = api.calls_to("sendMessage")
    assert ok_call.ok and ok_call.params["chat_id"] == alice.id
    assert ok_call.params["disable_notification"] is True
    assert ok_call.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    assert not failed_call.ok and failed_call.error_code == 400
    assert failed_call.description == "Bad Request: message text is empty"


async def test_json_and_query_string_bodies(api: FakeBotApi, alice: FakeUser) -> None:
    await alice.send("hi")
    url = f"{api.base_url}/bot{api.token}/sendMessage"
    async with aiohttp.ClientSession() as http:
        payload = {"chat_id": alice.id, "text": "json", "disable_notification": True}
        async with http.post(url, json=payload) as response:
            body = await response.json()
            assert body["ok"] is True and body["result"]["text"] == "json"
        async with http.get(url, params={"chat_id": str(alice.id), "text": "query"}) as response:
            assert (await response.json())["result"]["text"] == "query"
        async with http.get(f"{api.base_url}/bot{api.token}/GETME") as response:
            assert (await response.json())["result"]["username"] == "duet_test_bot"
        async with http.get(f"{api.base_url}/bot{api.token}/sendMessage") as response:
            assert response.status == 400
            assert await response.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: chat_id is empty",
            }
    assert [m.text for m in alice.bot_messages] == ["json", "query"]
    assert alice.bot_messages[0].disable_notification
