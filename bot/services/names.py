"""Display names: defaults from Telegram and validation of names users type.

Names are handled as user-perceived characters (Unicode extended grapheme clusters, from
the `regex` package): an emoji sequence joined with zero-width joiners (👩‍❤️‍👨, 🏳️‍🌈) or a
letter with its accents is one character, counted once and never cut in two.
"""

from __future__ import annotations

import unicodedata

import regex

MAX_NAME_LENGTH = 32
"""In characters as a person counts them (grapheme clusters)."""
MAX_NAME_CODE_POINTS = 64
"""What the database allows (`users.display_name`): a flag or a family emoji is up to ten
code points, so 32 of them are refused as too long rather than cut."""

_CLUSTER = regex.compile(r"\X")
_LINE_BREAKS = frozenset({"Cc", "Zl", "Zp"})
_INVISIBLE = frozenset({"Cf", "Mn", "Me", "Cc", "Zl", "Zp"})


class InvalidName(ValueError):
    """A typed name is not acceptable; `reason` is one of the constants below."""

    EMPTY = "empty"
    TOO_LONG = "too_long"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _clusters(text: str) -> list[str]:
    """The text as user-perceived characters: line breaks and tabs become spaces, and
    invisible characters standing alone (zero-width spaces, direction overrides) are
    dropped; those inside a visible character (a joiner in an emoji) stay. Runs of spaces
    become one, and none is left at either end."""
    kept: list[str] = []
    for cluster in _CLUSTER.findall(text):
        categories = {unicodedata.category(ch) for ch in cluster}
        if categories & _LINE_BREAKS or cluster.isspace():
            cluster = " "
        elif categories <= _INVISIBLE:
            continue
        if cluster == " " and (not kept or kept[-1] == " "):
            continue
        kept.append(cluster)
    while kept and kept[-1] == " ":
        kept.pop()
    return kept


def name_length(text: str) -> int:
    """How long a name is, as `validate_display_name` counts (for messages about it)."""
    return len(_clusters(text))


def validate_display_name(text: str) -> str:
    """Clean and check a name the user typed; raises InvalidName."""
    clusters = _clusters(text)
    if not clusters:
        raise InvalidName(InvalidName.EMPTY)
    name = "".join(clusters)
    if len(clusters) > MAX_NAME_LENGTH or len(name) > MAX_NAME_CODE_POINTS:
        raise InvalidName(InvalidName.TOO_LONG)
    return name


def default_display_name(first_name: str, fallback: str) -> str:
    """A name from Telegram's free-form first name: cleaned as a typed one and shortened to
    fit, whole characters only; `fallback` (a localized "Partner") when nothing is left."""
    kept: list[str] = []
    for cluster in _clusters(first_name):
        if len(kept) == MAX_NAME_LENGTH or sum(map(len, kept)) + len(cluster) > (
            MAX_NAME_CODE_POINTS
        ):
            break
        kept.append(cluster)
    return "".join(kept).strip() or fallback
