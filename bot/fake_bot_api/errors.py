"""The error answers of the Bot API, as one exception type.

Method handlers raise :class:`TelegramFault`; the server turns it into Telegram's JSON body
``{"ok": false, "error_code": N, "description": "..."}`` (plus ``parameters`` for 429).
"""

from __future__ import annotations

from typing import Any


class TelegramFault(Exception):
    """A Bot API error answer (HTTP status == ``error_code``)."""

    def __init__(
        self, error_code: int, description: str, *, retry_after: int | None = None
    ) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body

    @classmethod
    def bad_request(cls, detail: str) -> TelegramFault:
        return cls(400, f"Bad Request: {detail}")

    @classmethod
    def unauthorized(cls) -> TelegramFault:
        return cls(401, "Unauthorized")

    @classmethod
    def forbidden(cls, detail: str) -> TelegramFault:
        return cls(403, f"Forbidden: {detail}")

    @classmethod
    def not_found(cls) -> TelegramFault:
        return cls(404, "Not Found")

    @classmethod
    def conflict(cls, detail: str) -> TelegramFault:
        return cls(409, f"Conflict: {detail}")

    @classmethod
    def too_many_requests(cls, retry_after: int) -> TelegramFault:
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


# Descriptions that several modules share, spelled exactly as Telegram spells them.
CHAT_NOT_FOUND = "chat not found"
CANT_INITIATE = "bot can't initiate conversation with a user"
BOT_BLOCKED = "bot was blocked by the user"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
GET_UPDATES_CONFLICT = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)
WEBHOOK_ACTIVE = (
    "can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
