"""The state of the fake Telegram: users, chats, their messages, callback queries, files.

The world knows nothing about HTTP. Users act on it through :mod:`.client`, the bot through
the method handlers in :mod:`.methods`; both end in :meth:`World.changed`.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .changes import ChangeFeed
from .errors import BOT_BLOCKED, CANT_INITIATE, CHAT_NOT_FOUND, QUERY_TOO_OLD, TelegramFault
from .models import CallbackAnswer, ChatMessage, JsonDict
from .updates import UpdateQueue


@dataclass(frozen=True, slots=True)
class BotIdentity:
    id: int
    username: str
    first_name: str

    def to_api(self) -> JsonDict:
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }


@dataclass(slots=True)
class Account:
    """A Telegram user known to the fake server."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_premium: bool = False
    is_bot: bool = False  # another bot (Telegram never lets one write to a bot; a fake can)
    started: bool = False  # has written to the bot in private
    blocked: bool = False  # has blocked the bot

    def to_api(self) -> JsonDict:
        user: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        if self.is_premium:
            user["is_premium"] = True
        return user


@dataclass(eq=False, slots=True)
class Chat:
    """A chat the bot is in: a user's private chat or a group."""

    id: int
    type: str  # "private", "group" or "supergroup"
    account: Account | None = None
    title: str | None = None
    username: str | None = None
    messages: list[ChatMessage] = field(default_factory=list)
    next_message_id: int = 1
    last_action: str | None = None
    members: set[int] = field(default_factory=set)
    bot_left: bool = False
    """The bot left this group (``leaveChat``): it gets no more updates from it."""

    @property
    def chat_instance(self) -> str:
        return f"{abs(self.id) * 7919 % 10**18:018d}"

    def visible(self) -> list[ChatMessage]:
        return [message for message in self.messages if not message.deleted]

    def find(self, message_id: int) -> ChatMessage | None:
        for message in self.messages:
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def to_api(self) -> JsonDict:
        if self.account is not None:
            chat: JsonDict = {
                "id": self.id,
                "type": "private",
                "first_name": self.account.first_name,
            }
            if self.account.last_name:
                chat["last_name"] = self.account.last_name
            if self.account.username:
                chat["username"] = self.account.username
            return chat
        chat = {"id": self.id, "type": self.type, "title": self.title or ""}
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass(slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    filename: str
    mime_type: str
    file_path: str


@dataclass(eq=False, slots=True)
class PendingCallback:
    """A callback query sent to the bot and (maybe) answered."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created_at: float  # event loop time
    answer: asyncio.Future[CallbackAnswer]

    @property
    def answered(self) -> bool:
        return self.answer.done()


class World:
    def __init__(self, bot: BotIdentity, changes: ChangeFeed, updates: UpdateQueue) -> None:
        self.bot = bot
        self.changes = changes
        self.updates = updates
        self.accounts: dict[int, Account] = {}
        self.chats: dict[int, Chat] = {}
        self.callbacks: dict[str, PendingCallback] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_answer_timeout = 15.0
        self._ids: Iterator[int] = itertools.count(1)

    # -- bookkeeping -------------------------------------------------------------------------

    def changed(self) -> None:
        self.changes.notify()

    @staticmethod
    def now() -> int:
        return int(time.time())

    def next_id(self) -> int:
        return next(self._ids)

    def add_account(self, account: Account) -> Chat:
        if account.id in self.chats or account.id <= 0:
            raise ValueError(f"id {account.id} is already used or not a valid user id")
        self.accounts[account.id] = account
        chat = Chat(id=account.id, type="private", account=account)
        self.chats[account.id] = chat
        self.changed()
        return chat

    def add_group(self, chat_id: int, title: str, username: str | None = None) -> Chat:
        if chat_id in self.chats or chat_id >= 0:
            raise ValueError(f"id {chat_id} is already used or not a valid group id (< 0)")
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        chat = Chat(id=chat_id, type=kind, title=title, username=username)
        self.chats[chat_id] = chat
        self.changed()
        return chat

    def store_file(self, content: bytes, filename: str, mime_type: str, folder: str) -> StoredFile:
        number = self.next_id()
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:08d}{folder}",
            file_unique_id=f"AgAD{number:08d}",
            content=content,
            filename=filename,
            mime_type=mime_type,
            file_path=f"{folder}/file_{number}{_suffix(filename)}",
        )
        self.files[stored.file_id] = stored
        return stored

    def resolve_user(self, user_id: int) -> JsonDict | None:
        account = self.accounts.get(user_id)
        return account.to_api() if account is not None else None

    # -- chat lookup with Telegram's rules -------------------------------------------------

    def known_chat(self, chat_id: int | str) -> Chat:
        """The chat ``chat_id`` names (an id or a group's ``@username``) or 400 chat not found."""
        if isinstance(chat_id, str):
            wanted = chat_id.removeprefix("@").lower()
            for chat in self.chats.values():
                if chat.username and chat.account is None and chat.username.lower() == wanted:
                    return chat
            raise TelegramFault.bad_request(CHAT_NOT_FOUND)
        found = self.chats.get(chat_id)
        if found is None:
            raise TelegramFault.bad_request(CHAT_NOT_FOUND)
        return found

    def writable_chat(self, chat_id: int | str) -> Chat:
        """A chat the bot may post to: known, and for users started and not blocked."""
        chat = self.known_chat(chat_id)
        if chat.bot_left:
            raise TelegramFault.forbidden("bot is not a member of the group chat")
        if chat.account is not None:
            if chat.account.blocked:
                raise TelegramFault.forbidden(BOT_BLOCKED)
            if not chat.account.started:
                raise TelegramFault.forbidden(CANT_INITIATE)
        return chat

    # -- messages ----------------------------------------------------------------------------

    def add_message(
        self, chat: Chat, *, from_bot: bool, sender_id: int, **fields: Any
    ) -> ChatMessage:
        message = ChatMessage(
            message_id=chat.next_message_id,
            chat_id=chat.id,
            from_bot=from_bot,
            sender_id=sender_id,
            date=self.now(),
            **fields,
        )
        chat.next_message_id += 1
        chat.messages.append(message)
        if from_bot:
            chat.last_action = None
        self.changed()
        return message

    def message_json(self, message: ChatMessage, *, with_reply: bool = True) -> JsonDict:
        chat = self.chats[message.chat_id]
        sender = self.bot.to_api() if message.from_bot else self._sender_json(message.sender_id)
        data: JsonDict = {
            "message_id": message.message_id,
            "from": sender,
            "chat": chat.to_api(),
            "date": message.date,
        }
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.reply_to_message_id is not None and with_reply:
            replied = chat.find(message.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = self.message_json(replied, with_reply=False)
        text_key, entities_key = ("text", "entities")
        if message.kind == "document" and message.document is not None:
            data["document"] = message.document.to_api()
            text_key, entities_key = ("caption", "caption_entities")
        elif message.media is not None:
            data[message.kind] = message.media
            text_key, entities_key = ("caption", "caption_entities")
        if message.text:
            data[text_key] = message.text
        if message.entities:
            data[entities_key] = message.entities
        if message.protect_content:
            data["has_protected_content"] = True
        if message.buttons:
            data["reply_markup"] = {"inline_keyboard": message.inline_keyboard_json()}
        return data

    def _sender_json(self, user_id: int) -> JsonDict:
        account = self.accounts.get(user_id)
        if account is None:
            return {"id": user_id, "is_bot": False, "first_name": str(user_id)}
        return account.to_api()

    # -- things users do ---------------------------------------------------------------------

    def user_posts(self, account: Account, chat: Chat, **fields: Any) -> ChatMessage:
        """``account`` posts a message in ``chat``; the bot gets a ``message`` update."""
        if chat.account is not None:
            if account.blocked:
                self.set_blocked(account, blocked=False)
            account.started = True
        else:
            chat.members.add(account.id)
        message = self.add_message(chat, from_bot=False, sender_id=account.id, **fields)
        if not chat.bot_left:
            self.updates.push("message", self.message_json(message), key=account.id)
        return message

    def press(self, account: Account, chat: Chat, message_id: int, data: str) -> PendingCallback:
        """``account`` presses a callback button; the bot gets a ``callback_query`` update."""
        loop = asyncio.get_running_loop()
        query = PendingCallback(
            id=f"{account.id}{self.next_id():010d}",
            user_id=account.id,
            chat_id=chat.id,
            message_id=message_id,
            data=data,
            created_at=loop.time(),
            answer=loop.create_future(),
        )
        self.callbacks[query.id] = query
        message = chat.find(message_id)
        message_json = (
            self.message_json(message)
            if message is not None
            else {"chat": chat.to_api(), "message_id": message_id, "date": 0}
        )
        payload = {
            "id": query.id,
            "from": account.to_api(),
            "message": message_json,
            "chat_instance": chat.chat_instance,
            "data": data,
        }
        self.updates.push("callback_query", payload, key=account.id)
        return query

    def set_blocked(self, account: Account, *, blocked: bool) -> None:
        """Block or unblock the bot; the bot gets a ``my_chat_member`` update, like on Telegram."""
        if account.blocked == blocked:
            return
        account.blocked = blocked
        member: JsonDict = {"status": "member", "user": self.bot.to_api()}
        kicked: JsonDict = {"status": "kicked", "user": self.bot.to_api(), "until_date": 0}
        payload = {
            "chat": self.chats[account.id].to_api(),
            "from": account.to_api(),
            "date": self.now(),
            "old_chat_member": member if blocked else kicked,
            "new_chat_member": kicked if blocked else member,
        }
        self.updates.push("my_chat_member", payload, key=account.id)
        self.changed()

    # -- callback answers --------------------------------------------------------------------

    def answer_callback(self, query_id: str, answer: CallbackAnswer) -> None:
        """Resolve a pending callback query or raise Telegram's "query is too old" fault."""
        query = self.callbacks.get(query_id)
        loop = asyncio.get_running_loop()
        if (
            query is None
            or query.answered
            or loop.time() - query.created_at > self.callback_answer_timeout
        ):
            raise TelegramFault.bad_request(QUERY_TOO_OLD)
        query.answer.set_result(answer)
        self.changed()


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:] if dot >= 0 and len(filename) - dot <= 8 else ""
