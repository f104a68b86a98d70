"""Display names: defaults from Telegram and validation of names users type."""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 32


class InvalidName(ValueError):
    """A typed name is not acceptable; `reason` is one of the constants below."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL = "control"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _has_control(text: str) -> bool:
    # Cc covers line breaks and tabs; Cf would allow invisible direction overrides.
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in text)


def validate_display_name(text: str) -> str:
    """Trim and check a name the user typed; raises InvalidName."""
    name = text.strip()
    if _has_control(name):
        raise InvalidName(InvalidName.CONTROL)
    if not name:
        raise InvalidName(InvalidName.EMPTY)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidName(InvalidName.TOO_LONG)
    return name


def default_display_name(first_name: str, fallback: str) -> str:
    """Telegram first names are free-form; keep what fits our rules."""
    cleaned = "".join(ch for ch in first_name if not _has_control(ch)).strip()
    cleaned = " ".join(cleaned.split())[:MAX_NAME_LENGTH].strip()
    return cleaned or fallback
