"""Maintainer commands for the gettext catalogs: `python -m bot locales {extract,update,check}`.

These call Babel with Duet's fixed keyword list, so the template the tests check is
produced exactly the way a maintainer produces it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from bot.config import default_locales_path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = default_locales_path()
TEMPLATE = LOCALES / "messages.pot"
SOURCE_DIRS = ("bot", "handlers", "games")
# _ and __ are aiogram's gettext/lazy_gettext; N_/NP_ mark msgids in the pure games package.
KEYWORDS = ("_", "__", "ngettext:1,2", "N_", "NP_:1,2")
# gettext_as(form, msgid): a message about a person, one entry per grammatical form.
GENDERED_KEYWORD = "gettext_as:2"
FORMS = ("male", "female", "neutral")
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def _extract_with(keywords: tuple[str, ...], template: Path) -> None:
    args = ["extract", "--no-default-keywords", "--omit-header", "--sort-by-file"]
    for keyword in keywords:
        args += ["-k", keyword]
    args += ["--ignore-dirs", "fake_bot_api", "-o", str(template)]
    _babel(*args, *(str(ROOT / name) for name in SOURCE_DIRS))


def extract(template: Path = TEMPLATE) -> None:
    """Write the template from the source code.

    A message marked with `gettext_as(form, msgid)` (bot/i18n.py) is about a person and
    enters the template once per grammatical form, as a message with that form as its
    gettext context, so Russian can agree with the person ("ответил", "ответила", and a
    neutral wording)."""
    _extract_with(KEYWORDS, template)
    with tempfile.TemporaryDirectory() as folder:
        gendered_path = Path(folder) / "gendered.pot"
        _extract_with((GENDERED_KEYWORD,), gendered_path)
        gendered = read_catalog(gendered_path)
    if any(message.id for message in gendered):
        catalog = read_catalog(template)
        for message in gendered:
            if not message.id:
                continue
            for form in FORMS:
                catalog.add(
                    message.id,
                    locations=message.locations,
                    flags=message.flags,
                    auto_comments=message.auto_comments,
                    context=form,
                )
        with template.open("wb") as target:
            write_po(target, catalog, omit_header=True, sort_by_file=True)
    # Paths relative to the project, so the template does not depend on the checkout.
    text = template.read_text(encoding="utf-8").replace(f"{ROOT}/", "")
    template.write_text(text, encoding="utf-8")


def language_dirs() -> list[Path]:
    """One folder per language; hidden ones are not (`.compiled`, bot/i18n.py's cache)."""
    return sorted(p for p in LOCALES.iterdir() if p.is_dir() and not p.name.startswith("."))


def update() -> None:
    """Extract, then merge the template into every language's `.po` file."""
    extract()
    for language_dir in language_dirs():
        po_path = language_dir / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            _babel("init", "-i", str(TEMPLATE), "-o", str(po_path), "-l", language_dir.name)
        _babel(
            "update",
            "--no-fuzzy-matching",
            "-i",
            str(TEMPLATE),
            "-o",
            str(po_path),
            "-l",
            language_dir.name,
        )
        if language_dir.name == "en":
            _fill_english(po_path)


def _fill_english(po_path: Path) -> None:
    """English msgstrs start as copies of the msgids so maintainers can reword them in place."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if isinstance(message.string, tuple) and not any(message.string):
                message.string = (message.id[0], message.id[1])
        elif not message.string:
            message.string = message.id
    with po_path.open("wb") as target:
        write_po(target, catalog, width=100, omit_header=False)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems(language: str, template_path: Path = TEMPLATE, locales: Path = LOCALES) -> list[str]:
    """What is wrong with one language's catalog, compared with the template."""
    template = read_catalog(template_path)
    catalog = read_catalog(locales / language / "LC_MESSAGES" / "messages.po", language)
    found: list[str] = []
    expected_forms = get_plural(language).num_plurals
    if catalog.num_plurals != expected_forms:
        found.append(
            f"{language}: header declares {catalog.num_plurals} plural forms, "
            f"the language has {expected_forms}"
        )
    for entry in template:
        if not entry.id:
            continue
        message = catalog.get(entry.id, context=entry.context)
        label = str(entry.id[0] if isinstance(entry.id, (tuple, list)) else entry.id)
        if entry.context:
            label = f"{entry.context}|{label}"
        if message is None:
            found.append(f"{language}: missing {label!r}")
            continue
        if message.fuzzy:
            found.append(f"{language}: fuzzy {label!r}")
        raw = message.string
        strings = [str(s or "") for s in raw] if isinstance(raw, (tuple, list)) else [raw or ""]
        if isinstance(entry.id, tuple) and len(strings) != expected_forms:
            found.append(
                f"{language}: {label!r} has {len(strings)} plural forms, not {expected_forms}"
            )
        if not all(strings):
            found.append(f"{language}: untranslated {label!r}")
            continue
        wanted = placeholders(label)
        for string in strings:
            if placeholders(string) != wanted:
                found.append(f"{language}: placeholders of {label!r} differ in {string!r}")
    for message in catalog:
        if message.id and template.get(message.id, context=message.context) is None:
            found.append(f"{language}: entry not in the template {message.id!r}")
    return found


def template_is_current() -> bool:
    """True when extracting now would give the same messages as the committed template."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "messages.pot"
        extract(fresh)
        new = {(m.id, m.context) for m in read_catalog(fresh) if m.id}
    old = {(m.id, m.context) for m in read_catalog(TEMPLATE) if m.id}
    return new == old


def main(command: str) -> int:
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "check":
        issues = [] if template_is_current() else ["messages.pot is out of date: run update"]
        for language_dir in language_dirs():
            issues += problems(language_dir.name)
            issues += style_problems(language_dir.name)
        for issue in issues:
            print(issue)
        return 1 if issues else 0
    else:
        print("usage: python -m bot locales {extract|update|check}")
        return 2
    return 0


# Russian agrees with the person: «ответил(а)», «он/она» and the like are never written;
# gendered wording comes from gettext contexts (bot/i18n.py, `gettext_as`).
_GENDER_SLASH = re.compile(
    r"[а-яё]\((?:а|ла|ась|ось|ая|яя|ой|ый|ий|на|но|ы|ен|ёл|ел)\)"
    r"|\b(?:он|его|ему|им|нём)\s*/\s*(?:она|её|ей|ней)\b"
    r"|[а-яё]{2,}(?:л|н|ся|ый|ий)\s*/\s*[а-яё]*(?:ла|на|ась|ая)\b",
    re.IGNORECASE,
)
# A game's or pack's title inside a sentence is quoted: «…» in Russian, “…” in English.
TITLE_PLACEHOLDERS = ("{game}", "{pack}")
QUOTES = {"ru": ("«", "»"), "en": ("“", "”")}


def gender_slashes(text: str) -> list[str]:
    """The «(а)»-style and «он/она»-style gender dodges in one Russian string."""
    return [match.group(0) for match in _GENDER_SLASH.finditer(text)]


def unquoted_titles(text: str, titles: tuple[str, ...], language: str) -> list[str]:
    """Titles (and title placeholders) inside a sentence that are not in the language's
    quotes. A title that starts a line is a label ("{game}: 3 games"), and a string that is
    only the title is the title itself."""
    opening, closing = QUOTES[language]
    found = []
    for title in (*TITLE_PLACEHOLDERS, *titles):
        start = text.find(title)
        while start != -1:
            end = start + len(title)
            line_start = start == 0 or text[start - 1] == "\n"
            quoted = text[start - 1 : start] == opening and text[end : end + 1] == closing
            if not quoted and not line_start and text.strip() != title:
                found.append(title)
            start = text.find(title, end)
    return found


def game_titles(language: str) -> tuple[str, ...]:
    """Every game's title as the catalog of `language` writes it."""
    from games.registry import GAMES

    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    titles = []
    for game in GAMES:
        message = catalog.get(game.title)
        titles.append(str(message.string) if message and message.string else game.title)
    return tuple(titles)


def style_problems(language: str, locales: Path = LOCALES) -> list[str]:
    """Titles quoted in sentences (en, ru) and no gender slashes (ru)."""
    if language not in QUOTES:
        return []
    catalog = read_catalog(locales / language / "LC_MESSAGES" / "messages.po", language)
    titles = game_titles(language)
    found = []
    for message in catalog:
        if not message.id:
            continue
        raw = message.string
        strings = [str(s or "") for s in raw] if isinstance(raw, (tuple, list)) else [raw or ""]
        for string in strings:
            for title in unquoted_titles(string, titles, language):
                found.append(f"{language}: title {title} not quoted in {string!r}")
            if language == "ru":
                for slash in gender_slashes(string):
                    found.append(f"{language}: gender slash {slash!r} in {string!r}")
    return found
