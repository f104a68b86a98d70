"""Bot API methods that act on chats: send, edit, delete, answer callbacks, chat info.

Each handler takes the request's :class:`Params` and returns the JSON ``result`` or raises
:class:`TelegramFault` with Telegram's description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import NOT_MODIFIED, TelegramFault
from .html_entities import HtmlParseError, parse_html, sort_entities, utf16_len
from .keyboards import parse_reply_markup
from .models import CallbackAnswer, ChatMessage, Document, InlineButton, JsonDict, UploadedFile
from .params import MethodHandler, Params
from .world import Chat, StoredFile, World

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_ANSWER_LENGTH = 200
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


@dataclass(frozen=True, slots=True)
class FormattedText:
    source: str
    text: str
    entities: list[JsonDict]
    parse_mode: str | None


class ChatMethods:
    def __init__(self, world: World) -> None:
        self.world = world

    def table(self) -> dict[str, MethodHandler]:
        return {
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "getChat": self.get_chat,
            "leaveChat": self.leave_chat,
            "getFile": self.get_file,
        }

    # -- sending -----------------------------------------------------------------------------

    async def send_message(self, params: Params) -> JsonDict:
        chat = self.world.writable_chat(params.chat_id())
        text = self.formatted(params, "text", "entities")
        if not text.text.strip():
            raise TelegramFault.bad_request("message text is empty")
        if utf16_len(text.text) > MAX_TEXT_LENGTH:
            raise TelegramFault.bad_request("message is too long")
        buttons, markup = self.reply_markup(params)
        message = self.world.add_message(
            chat,
            from_bot=True,
            sender_id=self.world.bot.id,
            text=text.text,
            html=text.source,
            parse_mode=text.parse_mode,
            entities=text.entities,
            buttons=buttons,
            reply_markup=markup,
            reply_to_message_id=self.reply_to(params, chat),
            **self.delivery_flags(params),
        )
        return self.world.message_json(message)

    async def send_document(self, params: Params) -> JsonDict:
        chat = self.world.writable_chat(params.chat_id())
        stored = self.document_file(params)
        caption = self.formatted(params, "caption", "caption_entities", required=False)
        if utf16_len(caption.text) > MAX_CAPTION_LENGTH:
            raise TelegramFault.bad_request("message caption is too long")
        buttons, markup = self.reply_markup(params)
        document = Document(
            filename=stored.filename,
            content=stored.content,
            mime_type=stored.mime_type,
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            caption=caption.text or None,
        )
        message = self.world.add_message(
            chat,
            from_bot=True,
            sender_id=self.world.bot.id,
            kind="document",
            text=caption.text,
            html=caption.source or None,
            parse_mode=caption.parse_mode,
            entities=caption.entities,
            buttons=buttons,
            reply_markup=markup,
            document=document,
            reply_to_message_id=self.reply_to(params, chat),
            **self.delivery_flags(params),
        )
        return self.world.message_json(message)

    def document_file(self, params: Params) -> StoredFile:
        document = params.file("document")
        if document is None:
            raise TelegramFault.bad_request("there is no document in the request")
        if isinstance(document, UploadedFile):
            return self.world.store_file(
                document.content, document.filename, document.content_type, "documents"
            )
        if document in self.world.files:
            return self.world.files[document]
        parts = urlsplit(document)
        if parts.scheme in {"http", "https"} and parts.netloc:
            name = parts.path.rsplit("/", 1)[-1] or "file"
            return self.world.store_file(b"", name, "application/octet-stream", "documents")
        raise TelegramFault.bad_request("wrong file identifier/HTTP URL specified")

    # -- editing -----------------------------------------------------------------------------

    async def edit_message_text(self, params: Params) -> JsonDict:
        message = self.message_to_edit(params)
        if message.kind != "text":
            raise TelegramFault.bad_request("there is no text in the message to edit")
        text = self.formatted(params, "text", "entities")
        if not text.text.strip():
            raise TelegramFault.bad_request("message text is empty")
        if utf16_len(text.text) > MAX_TEXT_LENGTH:
            raise TelegramFault.bad_request("message is too long")
        buttons, markup = self.reply_markup(params)
        if (
            text.text == message.text
            and text.entities == message.entities
            and _keyboard(buttons) == message.inline_keyboard_json()
        ):
            raise TelegramFault.bad_request(NOT_MODIFIED)
        message.text = text.text
        message.html = text.source
        message.parse_mode = text.parse_mode
        message.entities = text.entities
        self.apply_edit(message, buttons, markup)
        return self.world.message_json(message)

    async def edit_message_reply_markup(self, params: Params) -> JsonDict:
        message = self.message_to_edit(params)
        buttons, markup = self.reply_markup(params)
        if _keyboard(buttons) == message.inline_keyboard_json():
            raise TelegramFault.bad_request(NOT_MODIFIED)
        self.apply_edit(message, buttons, markup)
        return self.world.message_json(message)

    def message_to_edit(self, params: Params) -> ChatMessage:
        if params.has("inline_message_id"):
            raise TelegramFault.bad_request("MESSAGE_ID_INVALID")
        chat = self.world.writable_chat(params.chat_id())
        message_id = params.get_int("message_id")
        if message_id is None:
            raise TelegramFault.bad_request("message identifier is not specified")
        message = chat.find(message_id)
        if message is None:
            raise TelegramFault.bad_request("message to edit not found")
        if not message.from_bot:
            raise TelegramFault.bad_request("message can't be edited")
        return message

    def apply_edit(
        self, message: ChatMessage, buttons: list[list[InlineButton]], markup: JsonDict | None
    ) -> None:
        message.buttons = buttons
        message.reply_markup = markup
        message.edit_count += 1
        message.edit_date = self.world.now()
        self.world.changed()

    async def delete_message(self, params: Params) -> bool:
        chat = self.world.known_chat(params.chat_id())
        message_id = params.get_int("message_id")
        message = chat.find(message_id) if message_id is not None else None
        if message is None:
            raise TelegramFault.bad_request("message to delete not found")
        message.deleted = True
        self.world.changed()
        return True

    # -- callbacks, actions, info ------------------------------------------------------------

    async def answer_callback_query(self, params: Params) -> bool:
        query_id = params.get_str("callback_query_id") or ""
        text = params.get_str("text")
        if text is not None and utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise TelegramFault.bad_request("MESSAGE_TOO_LONG")
        url = params.get_str("url")
        if url is not None and not self.is_allowed_callback_url(url):
            raise TelegramFault.bad_request("URL_INVALID")
        answer = CallbackAnswer(
            text=text,
            show_alert=params.get_bool("show_alert"),
            url=url,
            cache_time=params.get_int("cache_time") or 0,
        )
        self.world.answer_callback(query_id, answer)
        return True

    def is_allowed_callback_url(self, url: str) -> bool:
        """Telegram only opens ``t.me/<this bot>?start=...`` links (and game URLs) from here."""
        parts = urlsplit(url if "://" in url else f"https://{url}")
        path_bot = parts.path.strip("/").lower()
        return parts.netloc.lower() in {"t.me", "telegram.me"} and (
            path_bot == self.world.bot.username.lower()
        )

    async def send_chat_action(self, params: Params) -> bool:
        chat = self.world.writable_chat(params.chat_id())
        action = params.get_str("action")
        if action not in CHAT_ACTIONS:
            raise TelegramFault.bad_request("wrong parameter action in request")
        chat.last_action = action
        self.world.changed()
        return True

    async def leave_chat(self, params: Params) -> bool:
        chat = self.world.known_chat(params.chat_id())
        if chat.account is not None:
            raise TelegramFault.bad_request("chat member status can't be changed in private chats")
        if chat.bot_left:
            raise TelegramFault.forbidden("bot is not a member of the group chat")
        chat.bot_left = True
        self.world.changed()
        return True

    async def get_chat(self, params: Params) -> JsonDict:
        chat = self.world.known_chat(params.chat_id())
        if chat.account is not None and not chat.account.started:
            raise TelegramFault.bad_request("chat not found")
        info = chat.to_api()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return info

    async def get_file(self, params: Params) -> JsonDict:
        stored = self.world.files.get(params.get_str("file_id") or "")
        if stored is None:
            raise TelegramFault.bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    # -- shared parameter handling -----------------------------------------------------------

    def formatted(
        self, params: Params, text_field: str, entities_field: str, *, required: bool = True
    ) -> FormattedText:
        source = params.get_str(text_field)
        if source is None:
            if required:
                raise TelegramFault.bad_request("message text is empty")
            source = ""
        entities = params.get_json(entities_field, "can't parse entities JSON object")
        if entities is not None:
            return FormattedText(source, source, self.explicit_entities(source, entities), None)
        parse_mode = params.get_str("parse_mode") or None
        if parse_mode is None:
            return FormattedText(source, source, [], None)
        mode = parse_mode.lower()
        if mode == "html":
            try:
                parsed = parse_html(source, resolve_user=self.world.resolve_user)
            except HtmlParseError as error:
                raise TelegramFault.bad_request(f"can't parse entities: {error}") from error
            return FormattedText(source, parsed.text, parsed.entities, parse_mode)
        if mode in {"markdown", "markdownv2"}:
            raise TelegramFault.bad_request(
                "can't parse entities: the fake Bot API implements only parse_mode HTML"
            )
        raise TelegramFault.bad_request("unsupported parse_mode")

    @staticmethod
    def explicit_entities(text: str, entities: Any) -> list[JsonDict]:
        if not isinstance(entities, list):
            raise TelegramFault.bad_request("can't parse entities JSON object")
        limit = utf16_len(text)
        result: list[JsonDict] = []
        for entity in entities:
            if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
                raise TelegramFault.bad_request("can't parse entities: entity must have a type")
            offset, length = entity.get("offset"), entity.get("length")
            if not isinstance(offset, int) or not isinstance(length, int):
                raise TelegramFault.bad_request("can't parse entities: wrong entity offset")
            if offset < 0 or length <= 0 or offset + length > limit:
                continue  # Telegram silently drops entities outside the text
            result.append({k: v for k, v in entity.items() if v is not None})
        return sort_entities(result)

    @staticmethod
    def reply_markup(params: Params) -> tuple[list[list[InlineButton]], JsonDict | None]:
        markup = params.get_json("reply_markup", "can't parse reply keyboard markup JSON object")
        return parse_reply_markup(markup)

    @staticmethod
    def reply_to(params: Params, chat: Chat) -> int | None:
        reply = params.get_json("reply_parameters")
        allow_missing = params.get_bool("allow_sending_without_reply")
        message_id = params.get_int("reply_to_message_id")
        if isinstance(reply, dict):
            reply_id = reply.get("message_id")
            message_id = reply_id if isinstance(reply_id, int) else None
            allow_missing = bool(reply.get("allow_sending_without_reply", allow_missing))
        if message_id is None:
            return None
        if chat.find(message_id) is None:
            if allow_missing:
                return None
            raise TelegramFault.bad_request("message to be replied not found")
        return message_id

    @staticmethod
    def delivery_flags(params: Params) -> dict[str, bool]:
        return {
            "disable_notification": params.get_bool("disable_notification"),
            "protect_content": params.get_bool("protect_content"),
        }


def _keyboard(buttons: list[list[InlineButton]]) -> list[list[JsonDict]]:
    return [[dict(button.raw) for button in row] for row in buttons]
