"""The playground for trying time: `--set KEY=VALUE` overrides, an `advance` step that moves
the bot's clock, `expect` that reads button labels too, and `press` that prefers an exact
label over one that only contains the text."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.fake_bot_api.models import ChatMessage, InlineButton
from bot.playground.app import ALIASES, parse_overrides
from bot.playground.script import Advance, ScriptError, parse_script
from bot.playground.session import PlaygroundSession, find_button, parse_button, parse_duration

SCRIPT = """\
alice: /invite
boris: open-link
boris: press Accept
expect alice: are now a couple
alice: /play
# Only a button of that screen says "Question packs": expect reads labels too.
expect alice: 🎴 Question packs
alice: press Tic-tac-toe
boris: press Play
expect boris: Your move
advance 2m
expect alice: Boris did not move for 1 minute
"""


@pytest.fixture(autouse=True)
def _temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))


def test_set_and_advance_let_a_game_expire_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "expire.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    args = ["playground", "--script", str(script), "--lang", "en,en"]
    assert main([*args, "--set", "GAME_IDLE_TIMEOUT=60", "--set", "game_timer_tick=0.05"]) == 0, (
        capsys.readouterr()
    )
    out = capsys.readouterr().out
    assert "» advance 2m" in out
    assert "Boris did not move for 1 minute" in out


def test_set_is_checked_before_the_bot_starts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playground", "--set", "GAME_IDLE_TIMEOUT=soon"]) == 2
    assert "GAME_IDLE_TIMEOUT" in capsys.readouterr().err
    assert main(["playground", "--set", "NOT_A_SETTING=1"]) == 2
    assert "NOT_A_SETTING is not a Duet setting" in capsys.readouterr().err
    assert main(["playground", "--set", "BOT_TOKEN=1:x"]) == 2
    assert "the playground sets that itself" in capsys.readouterr().err
    assert main(["playground", "--set", "GAME_IDLE_TIMEOUT"]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err
    assert parse_overrides(["game_idle_timeout=30", "LOG_FORMAT=json"]) == {
        "game_idle_timeout": "30",
        "log_format": "json",
    }


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("90s", timedelta(seconds=90)),
        ("11m", timedelta(minutes=11)),
        ("4h", timedelta(hours=4)),
        ("1d", timedelta(days=1)),
        ("1h30m", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
    ],
)
def test_durations(text: str, delta: timedelta) -> None:
    assert parse_duration(text) == delta
    (step,) = parse_script(f"advance {text}", ALIASES)
    assert step.what == Advance(delta) and step.partner is None


@pytest.mark.parametrize(
    "line", ["advance", "advance soon", "advance 5", "advance 0s", "advance 500d"]
)
def test_bad_advances_name_the_line(line: str) -> None:
    with pytest.raises(ScriptError, match=r"<script>:1: 'advance'"):
        parse_script(line, ALIASES)


def _message(message_id: int, *labels: str) -> ChatMessage:
    buttons = [
        [InlineButton(text=label, callback_data=f"{message_id}:{label}")] for label in labels
    ]
    return ChatMessage(message_id, chat_id=1, from_bot=True, sender_id=0, date=0, buttons=buttons)


def test_press_prefers_an_exact_label_in_an_older_message() -> None:
    older = _message(1, "Play")
    newer = _message(2, "Play again")
    message, button = find_button([older, newer], parse_button("play"))
    assert (message.message_id, button.text) == (1, "Play")
    # Without an exact label anywhere, the newest message containing the text.
    message, button = find_button([_message(1, "Replay"), newer], parse_button("play"))
    assert (message.message_id, button.text) == (2, "Play again")


async def test_advance_in_the_terminal(session: PlaygroundSession) -> None:
    before = session.duet.clock.now()
    await session.handle(":advance 1d2h")
    assert session.notice == "⏩ the bot's clock moved 1d 2h ahead"
    assert session.duet.clock.now() - before >= timedelta(days=1)
    await session.handle(":advance soon")
    assert session.notice is not None and session.notice.startswith("✖ ':advance' takes")
