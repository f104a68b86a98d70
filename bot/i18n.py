"""Localization: gettext catalogs read straight from the `.po` files.

aiogram's I18n loads compiled `.mo` files. Duet compiles each `.po` in memory when the
bot starts, so a maintainer's edit shows after a restart and a stale or missing `.mo`
can never show old text: `.mo` files are not used at all.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["DOMAIN", "LANGUAGES", "CatalogI18n", "UserLocaleMiddleware", "_", "__", "ngettext"]

DOMAIN = "messages"
LANGUAGES: tuple[str, ...] = ("en", "ru")


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation (Russian has three forms); extracted as `ngettext:1,2`."""
    return _(singular, plural, n)


def compile_po(po_path: Path) -> gettext.GNUTranslations:
    """Compile one `.po` file in memory; fuzzy entries are left out (English shows)."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class CatalogI18n(I18n):
    """aiogram's I18n, fed from `.po` files instead of `.mo` files."""

    def find_locales(self) -> dict[str, gettext.GNUTranslations]:
        translations: dict[str, gettext.GNUTranslations] = {}
        for locale_dir in sorted(Path(self.path).iterdir()):
            po_path = locale_dir / "LC_MESSAGES" / f"{self.domain}.po"
            if po_path.is_file():
                translations[locale_dir.name] = compile_po(po_path)
        return translations


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Telegram's `language_code` -> a supported language (`ru*` -> ru, anything else -> en)."""
    if language_code is None:
        return default
    return "ru" if language_code.lower().startswith("ru") else "en"


class UserLocaleMiddleware(I18nMiddleware):
    """The language is the user's saved setting (loaded earlier by UserContextMiddleware)."""

    def __init__(self, i18n: I18n, default_language: str) -> None:
        super().__init__(i18n)
        self._default_language = default_language

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user_settings = data.get("user_settings")
        if user_settings is not None:
            return str(user_settings.language)
        tg_user: User | None = data.get("event_from_user")
        return language_from_telegram(
            tg_user.language_code if tg_user else None, self._default_language
        )
