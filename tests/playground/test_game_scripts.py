"""Every shipped playground script plays to its end in both language orders."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.playground.app import ALIASES
from bot.playground.script import Repeat, ScriptError, parse_script
from bot.playground.session import Press, Send

SCRIPTS = sorted((Path(__file__).parents[2] / "bot" / "playground" / "scripts").glob("*.txt"))


def test_the_new_games_have_scripts() -> None:
    names = {script.stem for script in SCRIPTS}
    assert {"first_tour", "connect_four", "sea_battle"} <= names


# Scripts that end a game (first_tour shows more; daily_ritual plays no game).
GAME_SCRIPTS = [s for s in SCRIPTS if s.stem not in {"first_tour", "daily_ritual"}]


@pytest.mark.parametrize("script", GAME_SCRIPTS, ids=str)
@pytest.mark.parametrize("lang", ["en,ru", "ru,en"])
def test_a_game_script_runs_to_the_end(
    script: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playground", "--script", script.stem, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "🎉" in out and "🏆" in out


def test_repeat_until_parses_into_one_step() -> None:
    text = (
        "alice: /start\nrepeat\n  boris: press 🟦\n  alice: press 🟦\nuntil alice: won | выиграл\n"
    )
    first, loop = parse_script(text, ALIASES)
    assert isinstance(first.what, Send)
    assert isinstance(loop.what, Repeat) and loop.partner == 0 and loop.line == 2
    assert loop.what.texts == ("won", "выиграл")
    assert [step.partner for step in loop.what.steps] == [1, 0]
    assert all(isinstance(step.what, Press) for step in loop.what.steps)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("repeat\nalice: /start\n", "'repeat' without 'until'"),
        ("repeat\nrepeat\nalice: hi\nuntil alice: x\n", "cannot be nested"),
        ("until alice: x\n", "needs a 'repeat'"),
        ("repeat\nuntil alice: x\n", "needs a 'repeat' with steps"),
        ("repeat\nalice: hi\nuntil carol: x\n", "unknown partner"),
    ],
)
def test_repeat_mistakes_are_rejected(text: str, error: str) -> None:
    with pytest.raises(ScriptError, match=error):
        parse_script(text, ALIASES)
