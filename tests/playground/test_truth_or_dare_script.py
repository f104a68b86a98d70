"""The shipped Truth or dare script plays all ten cards, in both languages."""

from __future__ import annotations

import pytest

from bot.cli import main


@pytest.mark.parametrize("languages", ["en,ru", "ru,en"])
def test_truth_or_dare_script_plays_to_the_last_card(
    capsys: pytest.CaptureFixture[str], languages: str
) -> None:
    assert main(["playground", "--script", "truth_or_dare", "--lang", languages]) == 0
    out = capsys.readouterr().out
    assert "🃏 That was the last card." in out and "🃏 Это была последняя карточка." in out
    assert "💬 Truths answered: 5" in out and "🎯 Выполнено заданий: 4" in out
    assert out.count("💬 5 · 🎯 4") >= 1  # the history line
    assert "10. ✅" in out
