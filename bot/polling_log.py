"""Make aiogram's polling failures readable: a 409 Conflict is explained once, not repeated.

aiogram's polling loop retries failed `getUpdates` calls with backoff (so polling resumes
by itself after network errors and 5xx answers) and logs every failure. A 409 means another
instance polls with the same token, or a webhook is set: repeating that every few seconds
helps nobody, so the first one becomes one clear line and later ones are dropped.
"""

from __future__ import annotations

import logging

CONFLICT_EXPLAINED = (
    "Telegram refuses polling (409 Conflict): another process is running this bot with the "
    "same token, or a webhook is set for it. Stop the other instance (or delete the webhook); "
    "polling resumes by itself."
)


class PollingConflictFilter(logging.Filter):
    """For aiogram.dispatcher: explain the first 409 of the process, drop the repeats."""

    def __init__(self) -> None:
        super().__init__()
        self._explained = False
        self._conflict_pending = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "TelegramConflictError" in message:
            self._conflict_pending = True  # aiogram logs a backoff line right after
            if self._explained:
                return False
            self._explained = True
            record.msg, record.args = CONFLICT_EXPLAINED, ()
            return True
        if self._conflict_pending and "Sleep for" in message:
            self._conflict_pending = False
            return False
        return True


def install() -> None:
    """Idempotent: one filter per process, however many times the bot (re)starts."""
    dispatcher_logger = logging.getLogger("aiogram.dispatcher")
    if not any(isinstance(f, PollingConflictFilter) for f in dispatcher_logger.filters):
        dispatcher_logger.addFilter(PollingConflictFilter())
