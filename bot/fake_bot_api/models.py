"""Plain data the fake server keeps and hands to tests: messages, buttons, answers, calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]

INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


@dataclass(frozen=True, slots=True)
class InlineButton:
    """One inline keyboard button as the bot sent it (``raw`` is its JSON object)."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    switch_inline_query: str | None = None
    switch_inline_query_current_chat: str | None = None
    raw: JsonDict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def action(self) -> str:
        """The name of the button's action field, e.g. ``"callback_data"`` or ``"url"``."""
        return next((name for name in INLINE_BUTTON_ACTIONS if name in self.raw), "")


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Document:
    """A file sent with ``sendDocument`` (or by a user)."""

    filename: str
    content: bytes
    mime_type: str
    file_id: str
    file_unique_id: str
    caption: str | None = None

    def to_api(self) -> JsonDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.filename,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


@dataclass(eq=False, slots=True)
class ChatMessage:
    """One message of a chat, as Telegram shows it *now*.

    The object is live: an edit by the bot updates it in place (``text``, ``buttons``,
    ``edit_count``...), a deletion sets ``deleted``. Copy a field if you need the old value.
    ``kind`` is ``"text"``, ``"document"``, ``"sticker"``, ``"photo"`` or ``"voice"``.
    For a document, ``text``/``entities`` hold the caption.
    """

    message_id: int
    chat_id: int
    from_bot: bool
    sender_id: int
    date: int
    kind: str = "text"
    text: str = ""
    html: str | None = None
    parse_mode: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    buttons: list[list[InlineButton]] = field(default_factory=list)
    reply_markup: JsonDict | None = None
    edit_count: int = 0
    edit_date: int | None = None
    disable_notification: bool = False
    protect_content: bool = False
    document: Document | None = None
    media: Any = None  # sticker/voice object or the photo's list of sizes, as in the Bot API
    reply_to_message_id: int | None = None
    deleted: bool = False

    @property
    def edited(self) -> bool:
        return self.edit_count > 0

    def button_labels(self) -> list[str]:
        """Labels of all inline buttons, row by row."""
        return [button.text for row in self.buttons for button in row]

    def find_button(self, label: str) -> InlineButton | None:
        """The first inline button whose label is exactly ``label``."""
        return next((b for row in self.buttons for b in row if b.text == label), None)

    def inline_keyboard_json(self) -> list[list[JsonDict]]:
        return [[dict(button.raw) for button in row] for row in self.buttons]


@dataclass(frozen=True, slots=True)
class CallbackAnswer:
    """What the bot passed to ``answerCallbackQuery``."""

    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """One Bot API request the server received, and how it was answered."""

    method: str
    params: JsonDict
    ok: bool
    error_code: int | None
    description: str | None
    timestamp: float
    result: Any = None
