"""Translatable text: games mark English msgids and return `Text`; they never translate.

`N_` and `NP_` are identity markers so Babel can extract the strings
(keywords ``N_`` and ``NP_:1,2``). msgids are ``str.format`` templates with named
placeholders only and may contain trusted Telegram HTML (``<b>``, ``<i>``).
The renderer always provides ``{partner}`` and ``{me}`` (escaped names with avatars).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

__all__ = ["NP_", "N_", "Param", "Text", "plural", "text", "to_english"]

Param: TypeAlias = "int | float | str | Text"
"""A placeholder value: numbers, user data (``str``, HTML-escaped by the renderer)
or a nested `Text` (translated, then inserted as trusted text)."""


def N_(msgid: str) -> str:
    """Mark a msgid for extraction; returns it unchanged."""
    return msgid


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural msgid pair for extraction; returns the pair unchanged."""
    return singular, plural


@dataclass(frozen=True)
class Text:
    """A msgid with its parameters, to be translated and formatted by the renderer."""

    msgid: str
    params: Mapping[str, Param] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None

    def __post_init__(self) -> None:
        if (self.plural is None) != (self.n is None):
            raise ValueError("a plural Text needs both `plural` and `n`")


def text(msgid: str, /, **params: Param) -> Text:
    """``text(N_("Score: {score}"), score=3)``."""
    return Text(msgid, params)


def plural(forms: tuple[str, str], n: int, /, **params: Param) -> Text:
    """``plural(NP_("{n} round", "{n} rounds"), 3)``; ``n`` is also passed as ``{n}``."""
    singular, plural_form = forms
    return Text(singular, {"n": n, **params}, plural=plural_form, n=n)


def to_english(item: Text | str, *, partner: str = "Partner", me: str = "Me") -> str:
    """Format a `Text` with its English msgids (for logs and tests; not a translation).

    Raises `KeyError` if a placeholder has no value, which tests use to catch typos.
    """
    if isinstance(item, str):
        return item
    template = item.msgid
    if item.plural is not None and item.n != 1:
        template = item.plural
    values: dict[str, object] = {"partner": partner, "me": me}
    for name, value in item.params.items():
        values[name] = (
            to_english(value, partner=partner, me=me) if isinstance(value, Text) else value
        )
    return template.format_map(values)
