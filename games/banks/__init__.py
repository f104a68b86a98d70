"""Question banks: plain data, every English string marked with `N_`.

Ids are stable (they are stored in game states and histories): never reuse or renumber
them, and add new questions with new ids. Deleting a question makes in-progress games
that use it fail to load (`CorruptState`), so retire questions between releases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Question", "index"]


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    """N_ msgid."""
    options: tuple[str, ...] = ()
    """N_ msgids of the choices; empty for a free-text question."""


def index(questions: tuple[Question, ...]) -> Mapping[str, Question]:
    """Questions by id; raises `ValueError` on duplicate ids."""
    by_id = {question.id: question for question in questions}
    if len(by_id) != len(questions):
        raise ValueError("duplicate question ids")
    return MappingProxyType(by_id)
