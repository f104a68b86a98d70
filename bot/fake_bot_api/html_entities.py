"""A strict parser for Telegram's ``parse_mode="HTML"``.

It follows tdlib's ``parse_html`` (the code behind the Bot API server): the same tag set,
the same attribute syntax and error descriptions modelled on Telegram's, e.g.
``Unsupported start tag "x" at byte offset 3`` or
``Can't find end tag corresponding to start tag "b"``. Offsets in the produced entities are in
UTF-16 code units, as in the Bot API.

Supported tags: ``b strong i em u ins s strike del span class="tg-spoiler" tg-spoiler a href
code pre`` (with an optional inner ``code class="language-x"``) ``blockquote [expandable]
tg-emoji emoji-id``. Supported character references: ``&lt; &gt; &amp; &quot;`` and numeric
ones (``&#60;``, ``&#x3C;``).

**Deliberately stricter than Telegram:** in text, a ``&`` that does not start one of those
references (``AT&T``, ``&nbsp;``, ``&#60`` without ``;``) is an error here, while Telegram
silently keeps it literally. A bot that forgets to escape user input would pass for most
inputs on Telegram and break on some; failing loudly in tests catches the bug early. Inside
attribute values (``href="...?a=1&b=2"``) a bare ``&`` is kept literally, as Telegram does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NUMERIC_REFERENCE = re.compile(r"#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,8}));")
_NAMED_REFERENCE = re.compile(r"([a-zA-Z]+);")

UserResolver = Callable[[int], dict[str, Any] | None]


class HtmlParseError(ValueError):
    """Not valid Telegram HTML; ``str(error)`` is what follows "can't parse entities: "."""


@dataclass(frozen=True, slots=True)
class ParsedText:
    """Plain text as Telegram shows it plus the entities (Bot API ``MessageEntity`` dicts)."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _OpenTag:
    name: str
    start: int  # UTF-16 offset in the output
    byte_offset: int
    attributes: dict[str, str]
    text_start: int  # index into the output string
    language: str | None = None


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order entities as Telegram does: by offset, then the longer (outer) one first."""
    return sorted(entities, key=lambda e: (int(e["offset"]), -int(e["length"])))


def parse_html(source: str, *, resolve_user: UserResolver | None = None) -> ParsedText:
    """Parse ``source`` as Telegram HTML or raise :class:`HtmlParseError`.

    ``resolve_user(user_id)`` turns ``<a href="tg://user?id=N">`` into a ``text_mention``
    entity when it returns a Bot API ``User`` dict.
    """
    return _Parser(source, resolve_user).run()


class _Parser:
    def __init__(self, source: str, resolve_user: UserResolver | None) -> None:
        self.src = source
        self.resolve_user = resolve_user
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def fail(self, message: str) -> HtmlParseError:
        return HtmlParseError(message)

    def run(self) -> ParsedText:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                decoded, end = _decode_reference(src, self.pos)
                if decoded is None:
                    raise self.fail(
                        f'Unescaped "&" at byte offset {self.byte_offset(self.pos)} '
                        "(the fake Bot API is stricter than Telegram: write &amp;)"
                    )
                self.emit(decoded)
                self.pos = end
            elif char == "<":
                if src.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.stack:
            raise self.fail(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        return ParsedText("".join(self.out), sort_entities(self.entities))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)
        self.length += len(text)

    def skip_spaces(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos].isspace():
            self.pos += 1

    def start_tag(self) -> None:
        src = self.src
        begin = self.pos
        begin_bytes = self.byte_offset(begin)
        self.pos += 1
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            self.pos += 1
        if self.pos >= len(src):
            raise self.fail(f"Unclosed start tag at byte offset {begin_bytes}")
        name = src[begin + 1 : self.pos].lower()
        if name not in SUPPORTED_TAGS:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {begin_bytes}')
        attributes = self.attributes(name, begin_bytes)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {begin_bytes}')
        if name == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not emoji_id.isdigit() or int(emoji_id) == 0:
                raise self.fail("Invalid custom emoji identifier specified")
        self.stack.append(_OpenTag(name, self.utf16, begin_bytes, attributes, self.length))

    def attributes(self, tag: str, begin_bytes: int) -> dict[str, str]:
        src = self.src
        result: dict[str, str] = {}
        unclosed = f'Unclosed start tag "{tag}" at byte offset {begin_bytes}'
        while True:
            self.skip_spaces()
            if self.pos >= len(src):
                raise self.fail(unclosed)
            if src[self.pos] == ">":
                self.pos += 1
                return result
            name_start = self.pos
            while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] not in "=>":
                self.pos += 1
            name = src[name_start : self.pos].lower()
            if not name:
                raise self.fail(
                    f'Empty attribute name in the tag "{tag}" at byte offset {begin_bytes}'
                )
            self.skip_spaces()
            if self.pos >= len(src) or src[self.pos] != "=":
                if tag == "blockquote" and name == "expandable":
                    result[name] = ""
                    continue
                raise self.fail(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin_bytes}'
                )
            self.pos += 1
            self.skip_spaces()
            if self.pos >= len(src):
                raise self.fail(unclosed)
            result[name] = self.attribute_value(unclosed)

    def attribute_value(self, unclosed: str) -> str:
        src = self.src
        quote = src[self.pos]
        if quote in "'\"":
            self.pos += 1
            chars: list[str] = []
            while self.pos < len(src) and src[self.pos] != quote:
                if src[self.pos] == "&":
                    decoded, end = _decode_reference(src, self.pos)
                    if decoded is not None:
                        chars.append(decoded)
                        self.pos = end
                        continue
                chars.append(src[self.pos])
                self.pos += 1
            if self.pos >= len(src):
                raise self.fail(unclosed)
            self.pos += 1
            return "".join(chars)
        token_start = self.pos
        while self.pos < len(src) and (src[self.pos].isalnum() or src[self.pos] in ".-"):
            self.pos += 1
        if self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            raise self.fail(
                f"Unexpected end of name token at byte offset {self.byte_offset(token_start)}"
            )
        return src[token_start : self.pos].lower()

    def end_tag(self) -> None:
        src = self.src
        begin = self.pos
        begin_bytes = self.byte_offset(begin)
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {begin_bytes}")
        self.pos += 2
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            self.pos += 1
        name = src[begin + 2 : self.pos].lower()
        self.skip_spaces()
        if self.pos >= len(src) or src[self.pos] != ">":
            raise self.fail(f"Unclosed end tag at byte offset {begin_bytes}")
        self.pos += 1
        open_tag = self.stack[-1]
        if name and name != open_tag.name:
            raise self.fail(
                f'Unmatched end tag at byte offset {begin_bytes}, expected "</{open_tag.name}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.close(open_tag)

    def close(self, tag: _OpenTag) -> None:
        length = self.utf16 - tag.start
        if length <= 0:
            return
        entity: dict[str, Any] = {"offset": tag.start, "length": length}
        if tag.name in _SIMPLE_ENTITY_TYPES:
            entity["type"] = _SIMPLE_ENTITY_TYPES[tag.name]
            language = tag.attributes.get("class", "")
            parent = self.stack[-1] if self.stack else None
            if (
                tag.name == "code"
                and parent is not None
                and parent.name == "pre"
                and parent.start == tag.start
                and language.startswith("language-")
            ):
                parent.language = language.removeprefix("language-")
                return
        elif tag.name == "pre":
            entity["type"] = "pre"
            if tag.language:
                entity["language"] = tag.language
        elif tag.name == "blockquote":
            expandable = "expandable" in tag.attributes
            entity["type"] = "expandable_blockquote" if expandable else "blockquote"
        elif tag.name == "tg-emoji":
            entity["type"] = "custom_emoji"
            entity["custom_emoji_id"] = tag.attributes["emoji-id"]
        else:  # "a"
            link = self.link_entity(tag)
            if link is None:
                return
            entity.update(link)
        self.entities.append(entity)

    def link_entity(self, tag: _OpenTag) -> dict[str, Any] | None:
        href = tag.attributes.get("href")
        if href is None:
            href = "".join(self.out)[tag.text_start :]
        href = href.strip()
        user = self.mentioned_user(href)
        if user is not None:
            return {"type": "text_mention", "user": user}
        parts = urlsplit(href if "://" in href else f"http://{href}")
        if parts.scheme.lower() in {"http", "https", "tg", "ton", "ftp"} and (
            parts.netloc or parts.path
        ):
            return {"type": "text_link", "url": href if "://" in href else f"http://{href}/"}
        return None  # Telegram silently drops links it can't understand

    def mentioned_user(self, href: str) -> dict[str, Any] | None:
        parts = urlsplit(href)
        if parts.scheme.lower() != "tg" or parts.netloc.lower() != "user":
            return None
        ids = parse_qs(parts.query).get("id", [])
        if not ids or not ids[0].isdigit() or self.resolve_user is None:
            return None
        return self.resolve_user(int(ids[0]))


def _decode_reference(src: str, pos: int) -> tuple[str | None, int]:
    """Decode the character reference starting at ``src[pos] == "&"``.

    Returns ``(character, index after it)`` or ``(None, pos)`` if it is not a supported one.
    """
    numeric = _NUMERIC_REFERENCE.match(src, pos + 1)
    if numeric is not None:
        hex_digits, decimal_digits = numeric.groups()
        code = int(hex_digits, 16) if hex_digits is not None else int(decimal_digits)
        if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF:
            return chr(code), numeric.end()
        return None, pos
    named = _NAMED_REFERENCE.match(src, pos + 1)
    if named is not None and named.group(1) in _NAMED_REFERENCES:
        return _NAMED_REFERENCES[named.group(1)], named.end()
    return None, pos
