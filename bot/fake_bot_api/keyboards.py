"""Validation of ``reply_markup`` against Telegram's rules for inline keyboards.

Enforced: every inline button has a non-empty ``text`` and exactly one action field;
``callback_data`` is 1-64 bytes of UTF-8 (``BUTTON_DATA_INVALID``); ``url`` is an absolute
http(s) or tg URL (``BUTTON_URL_INVALID``); at most 8 buttons in a row and 100 in total.
Reply keyboards, ``remove_keyboard`` and ``force_reply`` are accepted and kept as raw JSON.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .errors import TelegramFault
from .models import INLINE_BUTTON_ACTIONS, InlineButton, JsonDict

MAX_BUTTONS_IN_ROW = 8
MAX_BUTTONS = 100
MAX_CALLBACK_DATA_BYTES = 64

_BUTTON = "can't parse inline keyboard button"


def parse_reply_markup(markup: Any) -> tuple[list[list[InlineButton]], JsonDict | None]:
    """Validate a decoded ``reply_markup``; return (inline buttons, the markup as JSON)."""
    if markup is None:
        return [], None
    if not isinstance(markup, dict):
        raise TelegramFault.bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return [], markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise TelegramFault.bad_request(
            'can\'t parse inline keyboard markup: field "inline_keyboard" must be an Array '
            "of Arrays"
        )
    total = 0
    parsed: list[list[InlineButton]] = []
    for row in rows:
        if len(row) > MAX_BUTTONS_IN_ROW:
            raise TelegramFault.bad_request("BUTTONS_TOO_MUCH")
        total += len(row)
        parsed.append([parse_inline_button(button) for button in row])
    if total > MAX_BUTTONS:
        raise TelegramFault.bad_request("REPLY_MARKUP_TOO_LONG")
    parsed = [row for row in parsed if row]
    return parsed, {"inline_keyboard": [[dict(b.raw) for b in row] for row in parsed]}


def parse_inline_button(button: Any) -> InlineButton:
    if not isinstance(button, dict):
        raise TelegramFault.bad_request(f"{_BUTTON}: InlineKeyboardButton must be an Object")
    raw = {key: value for key, value in button.items() if value is not None}
    text = raw.get("text")
    if not isinstance(text, str):
        raise TelegramFault.bad_request(f'{_BUTTON}: Field "text" must be of type String')
    if not text.strip():
        raise TelegramFault.bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in INLINE_BUTTON_ACTIONS if name in raw]
    if not actions:
        raise TelegramFault.bad_request(
            f"{_BUTTON}: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise TelegramFault.bad_request(
            f"{_BUTTON}: exactly one of the optional fields must be used, got {', '.join(actions)}"
        )
    callback_data = raw.get("callback_data")
    if "callback_data" in raw and not _is_valid_callback_data(callback_data):
        raise TelegramFault.bad_request("BUTTON_DATA_INVALID")
    url = raw.get("url")
    if "url" in raw and (not isinstance(url, str) or not is_valid_button_url(url)):
        raise TelegramFault.bad_request("BUTTON_URL_INVALID")
    return InlineButton(
        text=text,
        callback_data=callback_data,
        url=url,
        switch_inline_query=raw.get("switch_inline_query"),
        switch_inline_query_current_chat=raw.get("switch_inline_query_current_chat"),
        raw=raw,
    )


def _is_valid_callback_data(data: Any) -> bool:
    return isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES


def is_valid_button_url(url: str) -> bool:
    if not url or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        return bool(host) and all(label for label in host.split("."))
    if scheme == "tg":
        return bool(parts.netloc or parts.path)
    return False
