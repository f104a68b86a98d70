"""`python -m bot content stats`: how many questions each bank holds, by pack and language.

A maintainer's check that the banks last (a couple playing every day or every evening must
not meet a question again for a long time) and that every question is translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from babel.messages.pofile import read_po

from bot.catalogs import LOCALES, language_dirs
from games.banks import PACKS, daily, insync, quiz, truth_or_dare


class Item(Protocol):
    """A question or a card: its pack and the msgids a player may read of it."""

    @property
    def pack(self) -> str: ...

    @property
    def texts(self) -> tuple[str, ...]: ...


BANKS: dict[str, Sequence[Item]] = {
    "daily": daily.QUESTIONS,
    "quiz": quiz.QUESTIONS,
    "insync": insync.QUESTIONS,
    "truthordare": truth_or_dare.CARDS,
}


def _translated(language: str, locales: Path = LOCALES) -> set[str]:
    with (locales / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    return {m.id for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.fuzzy}


def _complete(item: Item, translated: set[str]) -> bool:
    return all(text in translated for text in item.texts)


def stats_table() -> list[str]:
    """One line per bank and pack, then the bank's total: questions, and how many of them
    read completely in each language."""
    languages = [p.name for p in language_dirs() if p.name != "en"]
    translated = {language: _translated(language) for language in languages}
    width = max(len(name) for name in BANKS)
    header = f"{'bank':<{width}} {'pack':<10} {'questions':>9} {'en':>5}" + "".join(
        f" {language:>5}" for language in languages
    )
    lines = [header, "-" * len(header)]
    for name, bank in BANKS.items():
        for pack in [*PACKS, None]:
            questions = [q for q in bank if pack is None or q.pack == pack]
            if not questions:
                continue
            label = "all" if pack is None else pack
            counts = "".join(
                f" {sum(_complete(q, translated[language]) for q in questions):>5}"
                for language in languages
            )
            total = len(questions)
            lines.append(f"{name:<{width}} {label:<10} {total:>9} {total:>5}{counts}")
    return lines


def main(action: str) -> int:
    if action == "stats":
        print("\n".join(stats_table()))
        return 0
    print("usage: python -m bot content stats")
    return 2
