"""Preset emoji avatars; `users.avatar_id` indexes this tuple (append only: ids are stored)."""

from __future__ import annotations

AVATARS: tuple[str, ...] = (
    "🙂", "🦊", "🐼", "🐨", "🦁", "🐯", "🐸", "🐵",
    "🦄", "🐙", "🦋", "🐧", "🐳", "🌸", "🌻", "⭐",
)  # fmt: skip


def avatar(avatar_id: int) -> str:
    """The emoji for an id; an unknown id (a shrunk list) falls back to the first."""
    return AVATARS[avatar_id] if 0 <= avatar_id < len(AVATARS) else AVATARS[0]
