"""Question banks: plain data, every English string marked with `N_`.

Ids are stable (they are stored in game states and histories): never reuse or renumber
them, and add new questions with new ids. Deleting a question makes in-progress games
that use it fail to load (`CorruptState`), so retire questions between releases.

Every question belongs to one themed pack (`PACKS`); a couple chooses the packs it wants,
and the 18+ `SPICY` pack only when both partners turned it on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["DEFAULT_PACK", "PACKS", "SPICY", "Question", "index"]

US = "us"
FUN = "fun"
MEMORIES = "memories"
FUTURE = "future"
DEEP = "deep"
SPICY = "spicy"
PACKS: tuple[str, ...] = (US, FUN, MEMORIES, FUTURE, DEEP, SPICY)
"""Pack keys, in the order screens list them. Stored in settings: never rename one."""
DEFAULT_PACK = US


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    """N_ msgid, addressed to the one who answers about themselves ("you")."""
    options: tuple[str, ...] = ()
    """N_ msgids of the choices; empty for a free-text question."""
    pack: str = DEFAULT_PACK
    """One of `PACKS`."""
    about: str | None = None
    """N_ msgid of the same question as the partner who guesses reads it, with
    `{partner}` for the one it is about ("In the car, {partner} usually…"): the quiz."""

    def __post_init__(self) -> None:
        if self.pack not in PACKS:
            raise ValueError(f"question {self.id}: unknown pack {self.pack!r}")

    @property
    def texts(self) -> tuple[str, ...]:
        """Every msgid a player may read of it."""
        about = () if self.about is None else (self.about,)
        return (self.prompt, *self.options, *about)


def index(questions: tuple[Question, ...]) -> Mapping[str, Question]:
    """Questions by id; raises `ValueError` on duplicate ids."""
    by_id = {question.id: question for question in questions}
    if len(by_id) != len(questions):
        raise ValueError("duplicate question ids")
    return MappingProxyType(by_id)
