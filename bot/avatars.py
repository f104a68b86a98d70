"""Preset emoji avatars; `users.avatar_id` indexes this tuple (append only: ids are stored)."""

from __future__ import annotations

AVATARS: tuple[str, ...] = (
    "🙂", "🦊", "🐼", "🐨", "🦁", "🐯", "🐸", "🐵",
    "🦄", "🐙", "🦋", "🐧", "🐳", "🌸", "🌻", "⭐",
)  # fmt: skip


def avatar(avatar_id: int) -> str:
    """The emoji for an id; an unknown id (a shrunk list) falls back to the first."""
    return AVATARS[avatar_id] if 0 <= avatar_id < len(AVATARS) else AVATARS[0]


DEFAULT = 0
"""Everyone starts with the first avatar; it is not shown before names (only a chosen one)."""


def name_prefix(avatar_id: int) -> str:
    """What goes before a name: a chosen avatar and a space, or nothing for the default."""
    shown = avatar(avatar_id)
    return "" if shown == AVATARS[DEFAULT] else f"{shown} "
