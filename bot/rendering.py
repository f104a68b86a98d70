"""Small HTML rendering helpers shared by screens. User text is always escaped here."""

from __future__ import annotations

from aiogram import html

from bot.avatars import name_prefix
from bot.i18n import _
from db.repositories.users import User


def name_html(user: User) -> str:
    """The chosen avatar (the default one is not shown) and the HTML-escaped display name:
    safe to put in any HTML message. A user who deleted their data is nobody in particular."""
    if user.deleted_at is not None:
        return _("👤 deleted user")
    return f"{name_prefix(user.avatar_id)}{html.quote(user.display_name)}"
