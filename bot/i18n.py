"""Localization: gettext catalogs read straight from the `.po` files.

aiogram's I18n loads compiled `.mo` files. Duet compiles every `.po` afresh each time the
bot starts, so a maintainer's edit shows after a restart and a stale or missing `.mo` in
`locales/` can never show old text: such files are never read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["DOMAIN", "LANGUAGES", "UserLocaleMiddleware", "_", "__", "load_catalogs", "ngettext"]

DOMAIN = "messages"
LANGUAGES: tuple[str, ...] = ("en", "ru")


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation (Russian has three forms); extracted as `ngettext:1,2`."""
    return _(singular, plural, n)


def load_catalogs(locales_path: Path, default_locale: str) -> I18n:
    """aiogram's I18n over catalogs compiled right now from `locales_path/*/LC_MESSAGES/*.po`.

    Fuzzy entries are left out, so English shows until a translator confirms them. The
    compiled files live in a temporary folder only while I18n reads them at construction.
    """
    with tempfile.TemporaryDirectory(prefix="duet-locales-") as compiled:
        for po_path in sorted(Path(locales_path).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            language = po_path.parent.parent.name
            with po_path.open("rb") as source:
                catalog = read_po(source, locale=language)
            mo_path = Path(compiled) / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            mo_path.parent.mkdir(parents=True)
            with mo_path.open("wb") as target:
                write_mo(target, catalog, use_fuzzy=False)
        return I18n(path=compiled, default_locale=default_locale, domain=DOMAIN)


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
