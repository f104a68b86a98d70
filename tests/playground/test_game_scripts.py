"""Every shipped playground script plays to its end in both language orders."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

SCRIPTS = sorted((Path(__file__).parents[2] / "bot" / "playground" / "scripts").glob("*.txt"))


def test_the_new_games_have_scripts() -> None:
    names = {script.stem for script in SCRIPTS}
    assert {"first_tour", "connect_four"} <= names


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s.stem != "first_tour"], ids=str)
@pytest.mark.parametrize("lang", ["en,ru", "ru,en"])
def test_a_game_script_runs_to_the_end(
    script: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playground", "--script", script.stem, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "🎉" in out and "🏆" in out
