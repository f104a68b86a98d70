"""A fake Telegram Bot API server and the users who talk to the bot through it.

For end-to-end tests and the offline playground: the real aiogram bot talks HTTP to this
server exactly as it would to ``api.telegram.org``, while test code plays the users. Only
aiohttp and the standard library are used.

Quick tour::

    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from bot.fake_bot_api import FakeBotApi

    async with FakeBotApi(token, bot_id=123456, bot_username="duet_test_bot") as api:
        session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
        bot = Bot(token, session=session)          # start the dispatcher polling with it
        alice = api.add_user(1001, "Alice", language_code="en")
        await alice.send("/start")                 # -> a "message" update (bot_command entity)
        await alice.open_link("https://t.me/duet_test_bot?start=TOKEN")  # "/start TOKEN"
        welcome = await alice.wait_for_text("Welcome")
        answer = await alice.press("Play")         # callback_query; waits for answerCallbackQuery
        print(alice.transcript())                  # the chat, edits marked, buttons numbered
        await api.settle()                         # the bot has fetched everything, gone quiet

The pieces:

* :class:`FakeBotApi` (``server.py``) -- the aiohttp server on ``127.0.0.1`` (free port,
  ``base_url``) and the facade: ``add_user``, ``add_group``, ``block``/``unblock``,
  ``inject`` (429/5xx/dropped connection), ``calls`` (every request, parsed), ``commands()``,
  ``add_latency`` (per method and chat), ``descriptions``, ``short_descriptions``,
  ``menu_buttons``, ``settle()``,
  ``webhook_targets``, ``webhook_pins``, ``callback_answer_timeout`` and ``on_change``.
* :class:`FakeUser` / :class:`FakeGroup` (``client.py``) -- a user's actions (``send``,
  ``open_link``, ``send_sticker``/``send_photo``/``send_voice``, ``press``, ``press_data``,
  ``send_in_group``) and view (``messages``, ``bot_messages``, ``last``, ``transcript()``,
  ``wait_for``, ``wait_for_text``).
* :class:`ChatMessage`, :class:`InlineButton`, :class:`CallbackAnswer`,
  :class:`RecordedCall` (``models.py``) -- plain data. A ``ChatMessage`` is live: edits by the
  bot update it in place.
* :class:`TelegramFault` (``errors.py``) -- a Bot API error answer.

Following changes (``api.on_change``, a :class:`ChangeFeed`): every change of a chat, the
update queue, the recorded calls or a callback answer bumps ``api.on_change.version``. A UI
can redraw with ``async for _ in api.on_change: redraw()`` (bursts coalesce), wait with
``await api.on_change.wait(since=version, timeout=...)``, or register a cheap synchronous
``api.on_change.subscribe(callback)`` (returns an unsubscribe function).

Bot API methods implemented: getMe, getUpdates (real long polling, offset, limit, timeout,
allowed_updates, 409 on a concurrent poll or an active webhook), setWebhook / deleteWebhook /
getWebhookInfo (delivery with the secret header, retries until 2xx), setMyCommands /
getMyCommands / deleteMyCommands, setMyDescription / getMyDescription, setMyShortDescription /
getMyShortDescription, setChatMenuButton / getChatMenuButton, sendMessage, sendDocument,
editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery, sendChatAction,
getChat, leaveChat (the bot then gets no more updates from that group), getFile (and
``/file/bot<token>/<path>`` downloads), close, logOut. Any other method
answers 404 "Not Found"; a wrong token 401 "Unauthorized". Method names are
case-insensitive, parameters come from the query string, a form, multipart or JSON body.

Telegram's rules are enforced so a bot bug Telegram would reject fails the test: unknown chat
(400 "chat not found"), a user who never wrote (403 "bot can't initiate conversation with a
user"), a blocked user (403 "bot was blocked by the user"), empty or too long text (4096
UTF-16 code units after entity parsing), strict HTML (see :mod:`.html_entities`; a bare ``&``
is deliberately an error, stricter than Telegram), inline keyboard rules (see
:mod:`.keyboards`), edit/delete lookups and "message is not modified", callback answers
(unknown, repeated or older than ``callback_answer_timeout`` -> "query is too old...", text
over 200 characters -> MESSAGE_TOO_LONG).

Known simplifications: no inline mode, no Markdown parse modes (HTML only), no flood limits
unless injected, webhook URLs may be plain http on any port, ``allowed_updates`` applies when
an update is created (as on Telegram).
"""

from .changes import ChangeFeed
from .client import FakeGroup, FakeUser
from .errors import TelegramFault
from .faults import InjectedFault
from .html_entities import HtmlParseError, ParsedText, parse_html, utf16_len
from .models import (
    CallbackAnswer,
    ChatMessage,
    Document,
    InlineButton,
    RecordedCall,
    UploadedFile,
)
from .server import DEFAULT_TOKEN, FakeBotApi
from .webhook import SECRET_HEADER, WebhookAttempt

__all__ = [
    "DEFAULT_TOKEN",
    "SECRET_HEADER",
    "CallbackAnswer",
    "ChangeFeed",
    "ChatMessage",
    "Document",
    "FakeBotApi",
    "FakeGroup",
    "FakeUser",
    "HtmlParseError",
    "InjectedFault",
    "InlineButton",
    "ParsedText",
    "RecordedCall",
    "TelegramFault",
    "UploadedFile",
    "WebhookAttempt",
    "parse_html",
    "utf16_len",
]
