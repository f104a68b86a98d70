"""Localization: gettext catalogs read straight from the `.po` files.

aiogram's I18n loads compiled `.mo` files. Duet compiles the `.po` files itself and keeps
the result under `locales/.compiled/`, named by a digest of every `.po` file's content: a
maintainer's edit shows after a restart, and a stale or missing `.mo` can never show old
text (a `.mo` beside a `.po` is never read, and a changed `.po` is a new digest).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware, get_i18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __
from babel import __version__ as babel_version
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DOMAIN",
    "FORMS",
    "LANGUAGES",
    "Form",
    "UserLocaleMiddleware",
    "_",
    "__",
    "gettext_as",
    "load_catalogs",
    "ngettext",
]

DOMAIN = "messages"
COMPILED = ".compiled"  # under the locales folder: the compiled catalogs, by digest
LANGUAGES: tuple[str, ...] = ("en", "ru")


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation (Russian has three forms); extracted as `ngettext:1,2`."""
    return _(singular, plural, n)


Form = Literal["male", "female", "neutral"]
"""How Duet speaks to and of a person where a language has grammatical gender (Russian:
«ты ответил», «ты ответила»; neutral: a wording that needs neither). English ignores it."""
FORMS: tuple[Form, ...] = ("male", "female", "neutral")


def gettext_as(form: Form | None, message: str) -> str:
    """`message` in the current language, worded for a person of grammatical `form` (None:
    not chosen, the neutral wording). The catalogs hold the message once per form, with the
    form as its gettext context (`pgettext`); `python -m bot locales update` adds all three
    for every message marked with this function."""
    i18n = get_i18n()
    catalog = i18n.locales.get(i18n.current_locale)
    if catalog is None:
        return message
    return catalog.pgettext(form or "neutral", message)


def load_catalogs(locales_path: Path, default_locale: str) -> I18n:
    """aiogram's I18n over catalogs compiled from `locales_path/*/LC_MESSAGES/*.po`.

    Fuzzy entries are left out, so English shows until a translator confirms them.
    Compiling takes a twentieth of a start, so it is done once per content of the `.po`
    files and kept in `locales_path/.compiled/`; where that cannot be written (a read-only
    image), the catalogs are compiled into a temporary folder that I18n reads and forgets.
    """
    sources = sorted(Path(locales_path).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    cache = Path(locales_path) / COMPILED
    kept = cache / _digest(sources)
    if not kept.is_dir():
        with contextlib.suppress(OSError):
            _compile_into_cache(sources, cache, kept)
    if not _readable(kept, sources):
        # Not writable (a read-only image), or written by another user whose files this one
        # cannot read (an older Duet kept them private): compiled for this start only.
        with tempfile.TemporaryDirectory(prefix="duet-locales-") as compiled:
            _compile(sources, Path(compiled))
            return I18n(path=compiled, default_locale=default_locale, domain=DOMAIN)
    return I18n(path=kept, default_locale=default_locale, domain=DOMAIN)


def _digest(sources: list[Path]) -> str:
    """Names the compiled catalogs: every `.po` file's language and bytes, and the compiler."""
    digest = hashlib.sha256(f"babel {babel_version}, no fuzzy\n".encode())
    for po_path in sources:
        digest.update(po_path.parent.parent.name.encode() + b"\0")
        digest.update(hashlib.sha256(po_path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _compile(sources: list[Path], target: Path) -> None:
    for po_path in sources:
        language = po_path.parent.parent.name
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=language)
        mo_path = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo_path.parent.mkdir(parents=True)
        with mo_path.open("wb") as compiled:
            write_mo(compiled, catalog, use_fuzzy=False)


def _readable(kept: Path, sources: list[Path]) -> bool:
    return kept.is_dir() and all(
        os.access(kept / po.parent.parent.name / "LC_MESSAGES" / f"{DOMAIN}.mo", os.R_OK)
        for po in sources
    )


def _compile_into_cache(sources: list[Path], cache: Path, kept: Path) -> None:
    """Compiled beside, then renamed into place: workers starting together never read a
    half-written catalog (the one that renames second keeps the other's). Older digests
    are removed.

    Readable by every user, whatever the umask: the usual install runs the bot once as
    root (or as the installer) and then as an app user, who must read what the first run
    kept (the catalogs are public text; only their owner may change them)."""
    cache.mkdir(exist_ok=True)
    if cache.stat().st_uid == os.geteuid():
        os.chmod(cache, 0o755)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    try:
        _compile(sources, building)
        for folder, _, files in os.walk(building):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        with contextlib.suppress(OSError):  # another worker's is there: the same catalogs
            os.rename(building, kept)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for other in cache.iterdir():
        if other.name != kept.name and not other.name.startswith("building-"):
            shutil.rmtree(other, ignore_errors=True)


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Telegram's `language_code` -> a supported language (`ru*` -> ru, anything else -> en)."""
    if language_code is None:
        return default
    return "ru" if language_code.lower().startswith("ru") else "en"


def speaks_ours(language_code: str | None) -> bool:
    """Whether Telegram's language is one Duet speaks (unknown counts as yes: nothing to ask)."""
    return language_code is None or language_code.lower().startswith(LANGUAGES)


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
