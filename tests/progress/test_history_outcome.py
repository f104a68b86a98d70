"""What a /history entry says happened, from each seat, in English and Russian."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot import catalogs
from bot.i18n import load_catalogs
from bot.ui.progress_screens import outcome
from db.repositories.history import HistoryEntry, HistoryLine

I18N = load_catalogs(catalogs.LOCALES, "en")


def line(game: str, short: str, seat: int = 0, **result: Any) -> HistoryLine:
    entry = HistoryEntry(1, 1, 1, datetime(2026, 11, 24, tzinfo=UTC), short)
    return HistoryLine(entry, game, game, seat, result)


def said(entry: HistoryLine, locale: str) -> str:
    with I18N.context(), I18N.use_locale(locale):
        return outcome(entry)


@pytest.mark.parametrize(
    ("entry", "english", "russian"),
    [
        (line("rps", "win", scores=[2, 1]), "🏆 2:1", "🏆 2:1"),
        (line("reaction", "loss", seat=1, scores=[2, 1]), "loss 1:2", "поражение 1:2"),
        (line("reaction", "draw", scores=[2, 2]), "🤝 2:2", "🤝 2:2"),
        # Tic-tac-toe's 1:0 only says who won; a score that is not one says nothing.
        (line("tictactoe", "win", scores=[1, 0]), "🏆 win", "🏆 победа"),
        (line("rps", "win", scores=[2, True]), "🏆 win", "🏆 победа"),
        (line("rps", "loss", scores="2:1"), "loss", "поражение"),
        (
            line("rps", "win", scores=None, given_up_by=2),
            "🏆 win by forfeit",
            "🏆 техническая победа",
        ),
        (line("rps", "gave_up", given_up_by=1), "🏳️ gave up", "🏳️ партия сдана"),
        # The couple's score, as the quiz's ending says it; a row without it: one side's.
        (line("quiz", "4/5", scores=[4, 5], details={"steps": [{}] * 10}), "🧠 9/10", "🧠 9/10"),
        (line("quiz", "4/5"), "🧠 4/5", "🧠 4/5"),
        (line("insync", "71%"), "💞 71% in sync", "💞 71% совпадений"),
        (line("truthordare", "💬 4 · 🎯 6"), "💬 4 · 🎯 6", "💬 4 · 🎯 6"),
        (line("tictactoe", "abandoned"), "⌛ abandoned", "⌛ не доиграна"),
        (line("truthordare", "stopped"), "⏹ stopped", "⏹ остановлена"),
        (line("rps", "<b>odd</b>"), "&lt;b&gt;odd&lt;/b&gt;", "&lt;b&gt;odd&lt;/b&gt;"),
    ],
)
def test_an_entry_says_what_happened(entry: HistoryLine, english: str, russian: str) -> None:
    assert said(entry, "en") == english
    assert said(entry, "ru") == russian
