"""Small HTML rendering helpers shared by screens. User text is always escaped here."""

from __future__ import annotations

from aiogram import html

from bot.avatars import avatar
from db.repositories.users import User


def name_html(user: User) -> str:
    """Avatar and HTML-escaped display name: safe to put in any HTML message."""
    return f"{avatar(user.avatar_id)} {html.quote(user.display_name)}"
