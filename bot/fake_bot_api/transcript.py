"""Human-readable rendering of a chat, for failure messages and the terminal playground."""

from __future__ import annotations

from collections.abc import Sequence

from .models import ChatMessage

EDITED_MARK = "✏️"
_INDENT = "     "


def render_message(message: ChatMessage, sender: str) -> list[str]:
    """The lines for one message: ``#id sender: text``, then its buttons numbered from 1."""
    body = describe_content(message)
    if message.edited:
        body += f" {EDITED_MARK}"
    if message.disable_notification:
        body += " 🔕"
    first, *rest = body.split("\n")
    lines = [f"#{message.message_id} {sender}: {first}"]
    lines.extend(f"{_INDENT}{line}" for line in rest)
    number = 0
    for row in message.buttons:
        cells = []
        for button in row:
            number += 1
            suffix = " ↗" if button.url else ""
            cells.append(f"[{number}] {button.text}{suffix}")
        lines.append(_INDENT + "  ".join(cells))
    return lines


def describe_content(message: ChatMessage) -> str:
    if message.kind == "document" and message.document is not None:
        size = len(message.document.content)
        head = f"📄 {message.document.filename} ({size} bytes)"
        return f"{head}\n{message.text}" if message.text else head
    if message.kind == "sticker" and message.media is not None:
        return f"[sticker {message.media.get('emoji', '')}]".replace(" ]", "]")
    if message.kind in {"photo", "voice"}:
        head = f"[{message.kind}]"
        return f"{head} {message.text}" if message.text else head
    return message.text


def render_chat(title: str, messages: Sequence[ChatMessage], senders: dict[int, str]) -> str:
    """A whole chat: a title line, then every message (``senders`` maps user id to a name)."""
    lines = [f"{title} — {len(messages)} message(s)"]
    for message in messages:
        sender = (
            "bot" if message.from_bot else senders.get(message.sender_id, str(message.sender_id))
        )
        lines.extend(render_message(message, sender))
    return "\n".join(lines)
