"""The user side: a :class:`FakeUser` writes to the bot and presses buttons like a person would.

Everything a user does becomes an update for the bot (``message`` or ``callback_query``) and
shows in their chat (:attr:`FakeUser.messages`). Waiting helpers re-check their condition on
every change of the server and fail with a transcript of the chat.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from .html_entities import utf16_len
from .models import CallbackAnswer, ChatMessage, JsonDict
from .transcript import render_chat
from .world import Account, Chat, World

T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)")
_START_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_LINK_HOSTS = {"t.me", "telegram.me", "telegram.dog"}


class FakeGroup:
    """A group chat the bot is a member of; users post with :meth:`FakeUser.send_in_group`."""

    def __init__(self, world: World, chat: Chat) -> None:
        self._world = world
        self.chat = chat

    @property
    def id(self) -> int:
        return self.chat.id

    @property
    def title(self) -> str:
        return self.chat.title or ""

    @property
    def messages(self) -> list[ChatMessage]:
        """Visible messages of the group, oldest first (users' and the bot's)."""
        return self.chat.visible()

    @property
    def bot_messages(self) -> list[ChatMessage]:
        return [message for message in self.messages if message.from_bot]

    @property
    def last(self) -> ChatMessage | None:
        """The newest visible bot message, or None."""
        bot_messages = self.bot_messages
        return bot_messages[-1] if bot_messages else None

    def transcript(self) -> str:
        return _transcript(self._world, self.chat, f'Group "{self.title}" ({self.id})')


class FakeUser:
    """A Telegram user talking to the bot in a private chat (and in groups)."""

    def __init__(self, world: World, account: Account) -> None:
        self._world = world
        self.account = account

    def __repr__(self) -> str:
        return f"FakeUser({self.id}, {self.first_name!r})"

    # -- identity and the chat ---------------------------------------------------------------

    @property
    def id(self) -> int:
        return self.account.id

    @property
    def first_name(self) -> str:
        return self.account.first_name

    @property
    def chat(self) -> Chat:
        return self._world.chats[self.account.id]

    @property
    def blocked(self) -> bool:
        return self.account.blocked

    def to_api(self) -> JsonDict:
        """The Bot API ``User`` object of this user."""
        return self.account.to_api()

    @property
    def messages(self) -> list[ChatMessage]:
        """The private chat as Telegram shows it now: oldest first, both directions."""
        return self.chat.visible()

    @property
    def bot_messages(self) -> list[ChatMessage]:
        return [message for message in self.messages if message.from_bot]

    @property
    def last(self) -> ChatMessage | None:
        """The newest visible bot message, or None."""
        bot_messages = self.bot_messages
        return bot_messages[-1] if bot_messages else None

    @property
    def chat_action(self) -> str | None:
        """The last ``sendChatAction`` shown in this chat, cleared by the next bot message."""
        return self.chat.last_action

    def transcript(self) -> str:
        return _transcript(self._world, self.chat, f"Chat of {self.first_name} ({self.id})")

    # -- writing -----------------------------------------------------------------------------

    async def send(self, text: str, *, reply_to: ChatMessage | int | None = None) -> ChatMessage:
        """Send a text message; a leading ``/command`` gets a ``bot_command`` entity.

        Returns the user's own message. A user who blocked the bot unblocks it first (what the
        app's "Restart" does), so the bot also gets a ``my_chat_member`` update.
        """
        return self._post(self.chat, text, reply_to)

    async def send_in_group(self, group: FakeGroup, text: str) -> ChatMessage:
        """Post a text message in ``group``."""
        return self._post(group.chat, text, None)

    async def open_link(self, url: str) -> ChatMessage:
        """Open a ``t.me/<bot>?start=PAYLOAD`` deep link: same as sending ``/start PAYLOAD``.

        Raises ``ValueError`` for a link to another bot or an invalid start payload
        (Telegram accepts only ``A-Z a-z 0-9 _ -``, up to 64 characters).
        """
        bot_name, payload = _parse_bot_link(url)
        if bot_name.lower() != self._world.bot.username.lower():
            raise ValueError(f"{url!r} opens @{bot_name}, not @{self._world.bot.username}")
        if payload is None:
            return await self.send("/start")
        if not _START_PAYLOAD.fullmatch(payload):
            raise ValueError(f"{url!r} has an invalid start payload {payload!r}")
        return await self.send(f"/start {payload}")

    async def send_sticker(self, emoji: str = "😀") -> ChatMessage:
        stored = self._world.store_file(b"RIFF-fake-webp", "sticker.webp", "image/webp", "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "FakeStickers",
            "file_size": len(stored.content),
        }
        return self._world.user_posts(self.account, self.chat, kind="sticker", media=sticker)

    async def send_photo(self, caption: str | None = None) -> ChatMessage:
        sizes = []
        for width, height in ((90, 67), (320, 240), (800, 600)):
            stored = self._world.store_file(
                b"\xff\xd8fake-jpeg" * (width // 90), f"photo_{width}.jpg", "image/jpeg", "photos"
            )
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": len(stored.content),
                }
            )
        return self._world.user_posts(
            self.account, self.chat, kind="photo", media=sizes, text=caption or ""
        )

    async def send_voice(self, duration: int = 3) -> ChatMessage:
        stored = self._world.store_file(b"OggS-fake-opus", "voice.ogg", "audio/ogg", "voice")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(stored.content),
        }
        return self._world.user_posts(self.account, self.chat, kind="voice", media=voice)

    def _post(self, chat: Chat, text: str, reply_to: ChatMessage | int | None) -> ChatMessage:
        entities: list[JsonDict] = []
        command = _COMMAND.match(text)
        if command is not None:
            entities.append(
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}
            )
        reply_id = reply_to.message_id if isinstance(reply_to, ChatMessage) else reply_to
        return self._world.user_posts(
            self.account,
            chat,
            text=text,
            html=text,
            entities=entities,
            reply_to_message_id=reply_id,
        )

    # -- pressing buttons --------------------------------------------------------------------

    async def press(
        self,
        label: str,
        *,
        message: ChatMessage | int | None = None,
        group: FakeGroup | None = None,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """Press the inline button labelled exactly ``label`` and wait for the bot's answer.

        Looks in the newest visible message having such a button (or in ``message``), in the
        private chat or in ``group``. Raises ``LookupError`` listing the visible labels if there
        is no such button, ``ValueError`` for a button without ``callback_data`` (a URL button),
        ``TimeoutError`` if the bot never calls ``answerCallbackQuery``.
        """
        chat = group.chat if group is not None else self.chat
        candidates = chat.visible()
        if message is not None:
            wanted = message.message_id if isinstance(message, ChatMessage) else message
            candidates = [m for m in candidates if m.message_id == wanted]
        for candidate in reversed(candidates):
            button = candidate.find_button(label)
            if button is None:
                continue
            if button.callback_data is None:
                raise ValueError(f"button {label!r} has no callback_data (it is a {button.action})")
            return await self._press(chat, candidate.message_id, button.callback_data, timeout)
        raise LookupError(f"no button {label!r}; visible buttons: {_visible_buttons(candidates)}")

    async def press_data(
        self,
        message: ChatMessage | int,
        data: str,
        *,
        group: FakeGroup | None = None,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """Send a callback query with arbitrary ``data`` for ``message`` (forged or stale press).

        A message that no longer exists arrives as an ``InaccessibleMessage`` (date 0).
        """
        chat = group.chat if group is not None else self.chat
        message_id = message.message_id if isinstance(message, ChatMessage) else message
        return await self._press(chat, message_id, data, timeout)

    async def _press(
        self, chat: Chat, message_id: int, data: str, seconds: float
    ) -> CallbackAnswer:
        query = self._world.press(self.account, chat, message_id, data)
        try:
            async with asyncio.timeout(seconds):
                return await asyncio.shield(query.answer)
        except TimeoutError:
            raise TimeoutError(
                f"{self.first_name}'s press ({data!r} on message #{message_id}) was not answered "
                f"with answerCallbackQuery within {seconds}s\n{self.transcript()}"
            ) from None

    # -- waiting -----------------------------------------------------------------------------

    async def wait_for(
        self,
        predicate: Callable[[FakeUser], T | None],
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> T:
        """Wait until ``predicate(self)`` is truthy, re-checking on every server change.

        Returns the truthy value; raises ``TimeoutError`` with the chat's transcript.
        """
        changes = self._world.changes
        try:
            async with asyncio.timeout(timeout):
                while True:
                    seen = changes.version
                    result = predicate(self)
                    if result:
                        return result
                    await changes.wait(since=seen)
        except TimeoutError:
            raise TimeoutError(
                f"condition not met within {timeout}s for {self.first_name}\n{self.transcript()}"
            ) from None

    async def wait_for_text(
        self,
        substring: str,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
        *,
        after: ChatMessage | int | None = None,
    ) -> ChatMessage:
        """Wait until a visible bot message contains ``substring``; return the newest such one.

        ``after`` restricts the search to messages newer than that message (or message id).
        """
        after_id = after.message_id if isinstance(after, ChatMessage) else (after or 0)

        def find(user: FakeUser) -> ChatMessage | None:
            return next(
                (
                    message
                    for message in reversed(user.bot_messages)
                    if message.message_id > after_id and substring in message.text
                ),
                None,
            )

        try:
            return await self.wait_for(find, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"no bot message containing {substring!r} within {timeout}s\n{self.transcript()}"
            ) from None


def _transcript(world: World, chat: Chat, title: str) -> str:
    senders = {account.id: account.first_name for account in world.accounts.values()}
    return render_chat(title, chat.visible(), senders)


def _visible_buttons(messages: list[ChatMessage]) -> str:
    parts = [
        f"#{message.message_id}: {message.button_labels()}"
        for message in messages
        if message.buttons
    ]
    return "; ".join(parts) if parts else "none"


def _parse_bot_link(url: str) -> tuple[str, str | None]:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    query: dict[str, Any] = parse_qs(parts.query)
    if parts.scheme == "tg" and parts.netloc == "resolve":
        names = query.get("domain", [""])
        bot_name = names[0]
    elif parts.netloc.lower() in _LINK_HOSTS:
        bot_name = parts.path.strip("/").split("/")[0]
    else:
        raise ValueError(f"{url!r} is not a Telegram bot link")
    starts = query.get("start")
    return bot_name, starts[0] if starts else None
