"""The question banks as a product: big enough, varied, in both languages, phone-sized.

Counts: a couple playing every day or every evening must not meet a question again for a
long time (issue "Content worth coming back to"); each pack a couple may choose alone must
last 30 days (question of the day) or 10 games (the quiz, In sync).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from games.banks import PACKS, Question, daily, insync, quiz
from games.insync import QUESTIONS_PER_GAME as INSYNC_PER_GAME
from games.quiz import QUESTIONS_PER_GAME as QUIZ_PER_GAME

ROOT = Path(__file__).resolve().parents[2]
BANKS: dict[str, tuple[Question, ...]] = {
    "daily": daily.QUESTIONS,
    "quiz": quiz.QUESTIONS,
    "insync": insync.QUESTIONS,
}
MINIMUM = {"daily": 365, "quiz": 200, "insync": 200}
# What one pack must hold to be offered alone: 30 days, or 10 games of the game's size.
PER_PACK = {"daily": 30, "quiz": 10 * QUIZ_PER_GAME, "insync": 10 * INSYNC_PER_GAME}
# One option per row on a phone: at Telegram's default size a full-width inline button on a
# 360-pt-wide screen shows about 30 characters before it cuts the label with "…"; 28 leaves
# room for the wider Cyrillic letters.
OPTION_WIDTH = 28
STOP_WORDS = frozenset(
    """a an the and or of to in on at for with from by is are be do does did you your yours
    me my we us our i it this that what which who how when where why would could should
    most more ever one ли и в во на с со к ко по о об от за из у что как какой какая какое
    какие ты тебе тебя твой твоя твоё твои мы нас нам наш наша наше наши я мне меня мой моя
    моё мои это бы же ещё или""".split()  # noqa: SIM905 - a word list reads better as text
)


def russian() -> dict[str, str]:
    with (ROOT / "locales" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="ru")
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id}


RU = russian()


def texts(question: Question, language: str) -> list[str]:
    msgids = [question.prompt, *question.options]
    if question.about is not None:
        msgids.append(question.about)
    return msgids if language == "en" else [RU.get(msgid, "") for msgid in msgids]


def content_words(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", text.casefold())
    return frozenset(w for w in words if w not in STOP_WORDS and not w.isdigit())


@pytest.mark.parametrize("name", BANKS)
def test_a_bank_lasts(name: str) -> None:
    assert len(BANKS[name]) >= MINIMUM[name]
    packs = Counter(question.pack for question in BANKS[name])
    assert set(packs) <= set(PACKS)
    short = {pack: count for pack, count in packs.items() if count < PER_PACK[name]}
    assert short == {}, f"{name}: packs too small to be offered alone: {short}"


def test_the_question_of_the_day_mixes_words_and_choices() -> None:
    free = sum(not q.options for q in daily.QUESTIONS)
    assert free >= 0.7 * len(daily.QUESTIONS) and len(daily.QUESTIONS) - free >= 40


@pytest.mark.parametrize("name", BANKS)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_duplicates_or_near_duplicates(name: str, language: str) -> None:
    """Same words in another order, or one question's words all inside another's, count as
    the same question; so does the same pair of choices asked twice (In sync)."""
    prompts = [(q.id, content_words(texts(q, language)[0])) for q in BANKS[name]]
    same = [
        (a, b)
        for (a, words_a), (b, words_b) in itertools.combinations(prompts, 2)
        if words_a == words_b
        or (min(len(words_a), len(words_b)) >= 3 and (words_a <= words_b or words_b <= words_a))
    ]
    assert same == []
    if name == "insync":
        pairs = Counter(
            frozenset(" ".join(sorted(content_words(o))) for o in texts(q, language)[1:3])
            for q in BANKS[name]
        )
        assert [pair for pair, count in pairs.items() if count > 1] == []


@pytest.mark.parametrize("name", BANKS)
def test_every_text_is_translated_and_fits_a_phone(name: str) -> None:
    for question in BANKS[name]:
        english, translated = texts(question, "en"), texts(question, "ru")
        assert all(translated), f"{question.id}: untranslated"
        for label in question.options:
            assert len(label) <= OPTION_WIDTH, label
            assert len(RU[label]) <= OPTION_WIDTH, RU[label]
        if question.about is not None:
            assert RU[question.about].count("{partner}") == 1, question.id
        assert all(text == text.strip() for text in english + translated)


def test_russian_never_dodges_gender_with_slashes() -> None:
    slashes = re.compile(r"[а-яё]\((?:а|ась|ла|на|о|и|ы|ся)\)|\bон\(а\)")
    found = [(msgid, text) for msgid, text in RU.items() if slashes.search(text)]
    assert found == []


def test_content_stats_counts_every_bank_by_pack_and_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.cli import main

    assert main(["content", "stats"]) == 0
    table = capsys.readouterr().out.splitlines()
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in table[2:]}
    for name, bank in BANKS.items():
        count = str(len(bank))
        assert rows[(name, "all")] == [count, count, count]  # questions, en, ru
        for pack, number in Counter(q.pack for q in bank).items():
            assert rows[(name, pack)][0] == str(number)
