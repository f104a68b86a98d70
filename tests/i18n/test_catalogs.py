"""Every string exists in both languages, and what a maintainer edits is what users see."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from bot import catalogs, i18n
from bot.i18n import language_from_telegram, load_catalogs

RU_HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
)


def test_template_is_up_to_date_with_the_source() -> None:
    assert catalogs.template_is_current(), "run: python -m bot locales update"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_catalog_is_complete(language: str) -> None:
    assert catalogs.problems(language) == []


def _locales_with_ru(tmp_path: Path, template: str, ru_body: str) -> Path:
    (tmp_path / "messages.pot").write_text(template, encoding="utf-8")
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if ru_body == "WRONG_HEADER":  # a Russian catalog declaring English plural rules
        header = re.sub(r"nplurals=3; plural=.*?;", "nplurals=2; plural=(n != 1);", RU_HEADER)
        ru_body = header + GOOD_RU.replace('msgstr[2] "{count} игр"\n', "")
    else:
        ru_body = RU_HEADER + ru_body
    (folder / "messages.po").write_text(ru_body, encoding="utf-8")
    return tmp_path


TEMPLATE = (
    'msgid "Hello, {name}"\nmsgstr ""\n\n'
    'msgid "{count} game"\nmsgid_plural "{count} games"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
)
GOOD_RU = (
    'msgid "Hello, {name}"\nmsgstr "Привет, {name}"\n\n'
    'msgid "{count} game"\nmsgid_plural "{count} games"\n'
    'msgstr[0] "{count} игра"\nmsgstr[1] "{count} игры"\nmsgstr[2] "{count} игр"\n\n'
)


@pytest.mark.parametrize(
    ("ru_body", "complaint"),
    [
        (GOOD_RU, None),
        (GOOD_RU.replace('msgid "Hello, {name}"\nmsgstr "Привет, {name}"\n\n', ""), "missing"),
        (GOOD_RU.replace('msgstr "Привет, {name}"', 'msgstr ""'), "untranslated"),
        ("#, fuzzy\n" + GOOD_RU, "fuzzy"),
        (GOOD_RU.replace('{name}"\n\n', '{имя}"\n\n', 1), "placeholders"),
        (GOOD_RU.replace('msgstr[2] "{count} игр"\n', ""), "untranslated"),
        ("WRONG_HEADER", "plural forms"),
        (GOOD_RU.replace('"{count} игры"', '"игры"'), "placeholders"),
    ],
)
def test_checker_catches_each_kind_of_problem(
    tmp_path: Path, ru_body: str, complaint: str | None
) -> None:
    locales = _locales_with_ru(tmp_path, TEMPLATE, ru_body)
    found = catalogs.problems("ru", locales / "messages.pot", locales)
    if complaint is None:
        assert found == []
    else:
        assert any(complaint in problem for problem in found), found


def test_po_edits_show_after_restart_and_stale_mo_is_ignored(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(catalogs.LOCALES, locales)
    po = locales / "ru" / "LC_MESSAGES" / "messages.po"
    # A stale compiled catalog from an older release must not win over the .po file.
    (po.parent / "messages.mo").write_bytes(b"garbage that is not a catalog")
    i18n = load_catalogs(locales, "en")
    assert i18n.gettext("Home menu", locale="ru") == "Меню"

    entry = 'msgid "Home menu"\nmsgstr "Меню"'
    text = po.read_text(encoding="utf-8")
    assert entry in text
    po.write_text(text.replace(entry, 'msgid "Home menu"\nmsgstr "Домой"'), encoding="utf-8")
    assert load_catalogs(locales, "en").gettext("Home menu", locale="ru") == ("Домой")


def test_a_start_reads_the_catalogs_the_last_start_compiled_until_a_po_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(catalogs.LOCALES, locales, ignore=shutil.ignore_patterns(i18n.COMPILED))
    load_catalogs(locales, "en")
    compiled = list((locales / i18n.COMPILED).iterdir())
    assert len(compiled) == 1

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again although no .po changed")

    with monkeypatch.context() as patched:
        patched.setattr(i18n, "_compile", no_compiling)
        assert load_catalogs(locales, "en").gettext("Home menu", locale="ru") == "Меню"

    po = locales / "ru" / "LC_MESSAGES" / "messages.po"
    entry = 'msgid "Home menu"\nmsgstr "Меню"'
    text = po.read_text(encoding="utf-8")
    assert entry in text
    po.write_text(text.replace(entry, 'msgid "Home menu"\nmsgstr "Домой"'), encoding="utf-8")
    assert load_catalogs(locales, "en").gettext("Home menu", locale="ru") == "Домой"
    # The older catalogs are gone: one compiled set, the current one.
    assert [p.name for p in (locales / i18n.COMPILED).iterdir()] != [compiled[0].name]
    assert len(list((locales / i18n.COMPILED).iterdir())) == 1
    # The cache is not a language: `locales check` and `update` leave it alone.
    monkeypatch.setattr(catalogs, "LOCALES", locales)
    assert [folder.name for folder in catalogs.language_dirs()] == ["en", "ru"]


def test_a_locales_folder_that_cannot_be_written_still_gives_catalogs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(catalogs.LOCALES, locales, ignore=shutil.ignore_patterns(i18n.COMPILED))

    def read_only(*args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(i18n, "_compile_into_cache", read_only)
    assert load_catalogs(locales, "en").gettext("Home menu", locale="ru") == "Меню"
    assert not (locales / i18n.COMPILED).exists()


def test_fuzzy_entries_fall_back_to_english(tmp_path: Path) -> None:
    locales = _locales_with_ru(tmp_path, TEMPLATE, "#, fuzzy\n" + GOOD_RU)
    i18n = load_catalogs(locales, "en")
    assert i18n.gettext("Hello, {name}", locale="ru") == "Hello, {name}"


def test_russian_plural_forms(tmp_path: Path) -> None:
    locales = _locales_with_ru(tmp_path, TEMPLATE, GOOD_RU)
    i18n = load_catalogs(locales, "en")
    forms = {
        n: i18n.gettext("{count} game", "{count} games", n, locale="ru")
        for n in (1, 3, 5, 21, 22, 25, 11)
    }
    assert forms == {
        1: "{count} игра", 21: "{count} игра",
        3: "{count} игры", 22: "{count} игры",
        5: "{count} игр", 25: "{count} игр", 11: "{count} игр",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("RU", "ru"),
        ("en", "en"),
        ("uk", "en"),
        ("de", "en"),
        (None, "en"),
    ],
)
def test_language_from_telegram(code: str | None, expected: str) -> None:
    assert language_from_telegram(code, "en") == expected


def test_catalogs_kept_by_one_user_are_read_by_another(tmp_path: Path) -> None:
    """Installed and first started as root, then run as an app user: the second reads what
    the first compiled (as a user of its own, not through root's rights)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to start the second run as another user (nobody)")
    shared = Path(tempfile.mkdtemp(prefix="duet-locales-"))  # not under root's private tmp
    try:
        os.chmod(shared, 0o755)
        locales = shared / "locales"
        shutil.copytree(catalogs.LOCALES, locales, ignore=shutil.ignore_patterns(i18n.COMPILED))
        os.chmod(locales, 0o755)
        old = os.umask(0o077)  # a strict umask must not make the kept catalogs private
        try:
            load_catalogs(locales, "en")
        finally:
            os.umask(old)
        # The other user reads the kept catalog as I18n would, with gettext (their Python
        # needs nothing of ours: root's Python and virtualenv may be closed to them).
        kept = next((locales / i18n.COMPILED).iterdir()) / "ru" / "LC_MESSAGES" / "messages.mo"
        script = (
            "import gettext, sys; print(gettext.GNUTranslations(open(sys.argv[1], 'rb'))"
            ".gettext('Home menu'))"
        )
        python = next(
            (p for p in ("/usr/bin/python3", "/usr/local/bin/python3") if os.access(p, os.X_OK)),
            None,
        )
        if python is None:
            pytest.skip("no system Python another user may run")
        run = subprocess.run(
            [python, "-c", script, str(kept)],
            capture_output=True,
            text=True,
            user="nobody",
            cwd=shared,
            timeout=60,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "Меню"
    finally:
        shutil.rmtree(shared, ignore_errors=True)
