"""Reading Bot API request parameters the way Telegram accepts them.

Telegram takes parameters from the query string, an ``application/x-www-form-urlencoded`` or
``multipart/form-data`` body, or a JSON body. aiogram's ``AiohttpSession`` sends multipart
form data where every value is a string: plain strings as they are, numbers and ``true`` as
JSON text (``"42"``, ``"true"``), dicts and lists JSON-encoded (``reply_markup``...), files as
extra parts referenced by ``attach://<name>``. Falsy values (``False``, ``0``, ``""``,
``None``) are not sent at all.

:func:`read_params` normalises all of this once: known JSON fields are decoded, known integer
and boolean fields converted, so ``RecordedCall.params`` shows typed values. A value that
does not convert stays a string, and the typed getters then answer 400 like Telegram.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .errors import TelegramFault
from .models import JsonDict, UploadedFile

INT_FIELDS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "max_connections",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "user_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "for_channels",
    }
)
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "menu_button",
        "reply_parameters",
        "link_preview_options",
    }
)
_TRUE = {"true", "1"}
_FALSE = {"false", "0", ""}


MethodHandler = Callable[["Params"], Awaitable[Any]]
"""A Bot API method: takes the parameters, returns the JSON ``result`` or raises a fault."""


class Params:
    """Typed access to one request's parameters; errors are Telegram's 400 answers."""

    def __init__(self, values: JsonDict, files: dict[str, UploadedFile] | None = None) -> None:
        self.values = {name: normalize(name, value) for name, value in values.items()}
        self.files = dict(files or {})

    def as_dict(self) -> JsonDict:
        """All parameters, decoded, with file parts as :class:`UploadedFile`."""
        return {**self.values, **self.files}

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def get_str(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise TelegramFault.bad_request(f'field "{name}" must be of type String')

    def get_int(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise TelegramFault.bad_request(f'field "{name}" must be of type Integer')

    def get_bool(self, name: str) -> bool:
        value = self.values.get(name)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        raise TelegramFault.bad_request(f'field "{name}" must be of type Boolean')

    def get_json(self, name: str, error: str | None = None) -> Any:
        """A JSON-typed field, decoded; ``error`` is the 400 description if it is not JSON."""
        value = self.values.get(name)
        if isinstance(value, str) and name in JSON_FIELDS:
            raise TelegramFault.bad_request(error or f"can't parse {name} JSON object")
        return value

    def chat_id(self) -> int | str:
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise TelegramFault.bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value
        raise TelegramFault.bad_request("chat not found")

    def file(self, name: str) -> UploadedFile | str | None:
        """A file parameter: an uploaded part (direct or ``attach://``) or a file_id/URL."""
        if name in self.files:
            return self.files[name]
        value = self.get_str(name)
        if value is not None and value.startswith("attach://"):
            attached = self.files.get(value.removeprefix("attach://"))
            if attached is None:
                raise TelegramFault.bad_request(f"file {value} not found in the request")
            return attached
        return value


def normalize(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in INT_FIELDS or name == "chat_id":
        try:
            return int(value)
        except ValueError:
            return value
    if name in BOOL_FIELDS:
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return value


async def read_params(request: web.Request) -> Params:
    """Collect parameters from the query string and the body (form, multipart or JSON)."""
    values: JsonDict = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as error:
                raise TelegramFault.bad_request("can't parse JSON request body") from error
            if not isinstance(body, dict):
                raise TelegramFault.bad_request("JSON request body must be an Object")
            values.update(body)
        elif request.content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
            form = await request.post()
            for name, field in form.items():
                if isinstance(field, web.FileField):
                    files[name] = UploadedFile(
                        filename=field.filename or name,
                        content=field.file.read(),
                        content_type=field.content_type,
                    )
                else:
                    values[name] = field
    return Params(values, files)
