"""Small HTML rendering helpers shared by screens. User text is always escaped here."""

from __future__ import annotations

from aiogram import html

from bot.avatars import avatar
from bot.i18n import _
from db.repositories.users import User


def name_html(user: User) -> str:
    """Avatar and HTML-escaped display name: safe to put in any HTML message. A user who
    deleted their data is nobody in particular."""
    if user.deleted_at is not None:
        return _("👤 deleted user")
    return f"{avatar(user.avatar_id)} {html.quote(user.display_name)}"
