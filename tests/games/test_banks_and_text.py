"""Question banks, translatable strings and the small engine types."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from games.banks import Question, daily, index, insync, quiz
from games.codec import dump_dataclass, load_dataclass
from games.engine import Button, View
from games.errors import CorruptState
from games.text import N_, NP_, Text, plural, text, to_english

GAMES_DIR = Path(__file__).resolve().parents[2] / "games"
BANKS = {"quiz": quiz.QUESTIONS, "insync": insync.QUESTIONS, "daily": daily.QUESTIONS}


def extracted() -> list[str | tuple[str, ...]]:
    """Every msgid Babel extracts from games/, as the locale tooling will."""
    keywords = {"N_": None, "NP_": (1, 2)}
    return [
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(GAMES_DIR), method_map=[("**.py", "python")], keywords=keywords
        )
    ]


MESSAGES = extracted()


def fields(msgid: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(msgid) if name is not None}


@pytest.mark.parametrize("name", BANKS)
def test_bank_shape(name: str) -> None:
    questions = BANKS[name]
    assert len({q.id for q in questions}) == len(questions)
    for question in questions:
        assert re.fullmatch(r"[a-z][a-z0-9_]+", question.id)
        assert len(set(question.options)) == len(question.options)
        for msgid in (question.prompt, *question.options):
            assert msgid == msgid.strip() and msgid
            assert "{" not in msgid and "}" not in msgid  # they are format templates
            assert msgid in MESSAGES  # wrapped in N_()
        if name == "quiz":
            assert 2 <= len(question.options) <= 4
            # The guesser's wording names the one it is about, once.
            assert question.about is not None and question.about in MESSAGES
            assert fields(question.about) == {"partner"}
            assert question.about.count("{partner}") == 1
        elif name == "insync":
            assert len(question.options) == 2
        else:
            assert len(question.options) in (0, 2, 3, 4)
        if name != "quiz":
            assert question.about is None


def test_daily_bank_mixes_free_text_and_choices() -> None:
    free = [q for q in daily.QUESTIONS if not q.options]
    assert len(free) >= 40
    assert len(daily.QUESTIONS) - len(free) >= 10


def test_index_rejects_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        index((Question("a", "A"), Question("a", "B")))
    assert index((Question("a", "A"),))["a"].prompt == "A"


def test_every_msgid_is_a_safe_template() -> None:
    assert len(MESSAGES) > 300
    for message in MESSAGES:
        forms = message if isinstance(message, tuple) else (message,)
        for form in forms:
            for _, name, spec, conversion in string.Formatter().parse(form):
                if name is not None:
                    assert name.isidentifier(), f"{form!r}: only named placeholders"
                    assert not spec and not conversion, form
            assert "%" not in form, f"{form!r}: Babel would flag it python-format"
            tags = re.findall(r"</?([a-z]+)>", form)
            assert set(tags) <= {"b", "i"}, form
            assert form.count("<b>") == form.count("</b>"), form
            assert form.count("<i>") == form.count("</i>"), form
        if isinstance(message, tuple):
            assert fields(message[0]) - {"n"} == fields(message[1]) - {"n"}
            assert "n" in fields(message[1])


def test_text_helpers() -> None:
    assert N_("x") == "x"
    assert NP_("a", "b") == ("a", "b")
    assert text("{a}", a=1) == Text("{a}", {"a": 1})
    one = plural(("{n} round", "{n} rounds"), 1)
    assert (one.plural, one.n, dict(one.params)) == ("{n} rounds", 1, {"n": 1})
    assert to_english(one) == "1 round"
    assert to_english(plural(("{n} round", "{n} rounds"), 3)) == "3 rounds"
    with pytest.raises(KeyError):
        to_english(Text("{missing}"))


def test_buttons_and_views_are_checked() -> None:
    Button("⬜", "c0")
    Button(Text("Ok"), "abcdefghijkl")
    for action in ("", "A", "with space", "abcdefghijklm", "a_b"):
        with pytest.raises(ValueError, match="bad action"):
            Button("x", action)
    with pytest.raises(ValueError, match="duplicate actions"):
        View(("x",), ((Button("a", "a1"), Button("b", "a1")),))
    assert View(("x",), ((Button("a", "a1"),), (Button("b", "a2"),))).actions == ("a1", "a2")


def test_codec_round_trip_and_strictness() -> None:
    question = Question("id", "Prompt", ("A", "B"))
    data = dump_dataclass(question)
    assert data == {
        "id": "id",
        "prompt": "Prompt",
        "options": ["A", "B"],
        "pack": "us",
        "about": None,
    }
    assert load_dataclass(Question, data) == question
    for bad in (
        {"id": 1, "prompt": "P"},
        {"id": "i", "prompt": "P", "options": "AB"},
        {"id": "i", "prompt": "P", "options": [1]},
        {"prompt": "P"},
        {"id": "i", "prompt": "P", "colour": "red"},
        ["id", "prompt"],
    ):
        with pytest.raises(CorruptState):
            load_dataclass(Question, bad)
