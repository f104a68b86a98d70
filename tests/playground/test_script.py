"""The scripted mode: the shipped first tour through `python -m bot playground --script`."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

import bot.playground.script as script_module
from bot.cli import main
from bot.playground.app import ALIASES, FIRST_TOUR
from bot.playground.script import Expect, ScriptError, Wait, parse_script
from bot.playground.session import ButtonLabel, ButtonNumber, OpenLink, Press, Send, SendSticker


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the playground makes its throwaway database folder (and must remove it)."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def split_transcripts(output: str) -> tuple[str, str, str]:
    """(the step log, Alice's transcript, Boris's transcript)."""
    steps, alice_part = output.split("══ A · Alice (en) ", 1)
    alice, boris = alice_part.split("══ B · Boris (ru) ", 1)
    return steps, alice, boris


def test_first_tour_runs_and_prints_both_transcripts(
    capsys: pytest.CaptureFixture[str], temp_root: Path
) -> None:
    assert main(["playground", "--script", str(FIRST_TOUR)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    steps, alice, boris = split_transcripts(captured.out)
    assert "» boris: open-link" in steps and "» expect boris: 1. Tic-tac-toe · 🏆 win" in steps

    # Alice: the invite link, the couple, her board with Boris's winning column, the history.
    link = re.search(r"https://t\.me/duet_test_bot\?start=([\w-]+)", alice)
    assert link is not None
    assert "💞 You and Boris are now a couple in Duet!" in alice
    assert "🏆 Boris wins this time!" in alice
    board = "[1] ⭕  [2] ❎  [3] ⭕\n     [4] ⬜  [5] ❎  [6] ⬜\n     [7] ⬜  [8] ❎  [9] ⬜"
    assert board in alice
    assert "📜 History with Boris" in alice and "1. Tic-tac-toe · loss" in alice

    # Boris, in Russian: he opened the same link, won, and his history says so.
    assert f"#1 Boris: /start {link.group(1)}" in boris
    assert "Теперь ты и Alice — пара в Duet!" in boris
    assert "🎉 Победа за тобой!" in boris and board in boris
    assert "📜 История: ты и Alice" in boris and "1. Крестики-нолики · 🏆 победа" in boris
    assert "Tic-tac-toe" not in boris

    assert list(temp_root.iterdir()) == []  # the throwaway database is gone


def test_the_tour_runs_in_other_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playground", "--script", "first_tour", "--lang", "ru,en"]) == 0
    out = capsys.readouterr().out
    assert "══ A · Alice (ru) " in out and "══ B · Boris (en) " in out
    assert "🎉 You win!" in out and "🏆 На этот раз побеждает Boris!" in out


def test_a_failed_expectation_prints_the_transcripts_and_exits_1(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    temp_root: Path,
) -> None:
    monkeypatch.setattr(script_module, "EXPECT_TIMEOUT", 0.5)
    # The playground reads no settings: a broken .env and environment must not matter.
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("BOT_TOKEN=broken\nNOT_A_SETTING=1\n", encoding="utf-8")
    monkeypatch.setenv("BOT_TOKEN", "broken")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "must-not-exist" / "db.sqlite3"))
    script = tmp_path / "tour.txt"
    script.write_text("alice: /start\nexpect alice: Bonjour | Hola\nboris: /start\n", "utf-8")

    assert main(["playground", "--script", str(script), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "» alice: /start" in captured.out
    assert "» boris: /start" not in captured.out  # the run stops at the failed step
    assert "Chat of Alice (1001)" in captured.out and "👋 Hi, Alice!" in captured.out
    assert "Chat of Boris (1002) — 0 message(s)" in captured.out
    assert captured.err == (
        f"duet playground: {script}: line 2: expect alice: Bonjour | Hola: no bot message in "
        "Alice's chat contains 'Bonjour' or 'Hola' (waited 0.5 s)\n"
    )
    assert not (tmp_path / "must-not-exist").exists()
    assert list(temp_root.iterdir()) == []


def test_usage_errors_exit_2_before_the_bot_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "bad.txt"
    script.write_text("# fine\n\ncarol: /start\n", encoding="utf-8")
    assert main(["playground", "--script", str(script)]) == 2
    assert capsys.readouterr().err == (
        f"duet playground: {script}:3: unknown partner 'carol' "
        "(one of: a, alice, b, bob, boris) in 'carol: /start'\n"
    )
    assert main(["playground", "--lang", "en,de"]) == 2
    assert "--lang takes two languages" in capsys.readouterr().err
    assert main(["playground", "--script", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read the script" in capsys.readouterr().err


def test_script_format() -> None:
    text = """
        # comment
        alice: /start
        a: hello there
        bob: press Accept | Принять
        boris: press 2
        b: press 5.3
        alice: open-link
        alice: open-link https://t.me/duet_test_bot?start=abc
        alice: say press on
        alice: sticker
        wait 0.5
        expect boris: couple | пара
    """
    steps = parse_script(text, ALIASES)
    assert [(step.line, step.partner, step.what) for step in steps] == [
        (3, 0, Send("/start")),
        (4, 0, Send("hello there")),
        (5, 1, Press(ButtonLabel(("Accept", "Принять")))),
        (6, 1, Press(ButtonNumber(2))),
        (7, 1, Press(ButtonNumber(3, message_id=5))),
        (8, 0, OpenLink(None)),
        (9, 0, OpenLink("https://t.me/duet_test_bot?start=abc")),
        (10, 0, Send("press on")),
        (11, 0, SendSticker()),
        (12, None, Wait(0.5)),
        (13, 1, Expect(("couple", "пара"))),
    ]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("alice /start", "expected 'NAME: ...'"),
        ("wait soon", "'wait' needs a number of seconds"),
        ("wait 6000", "'wait' takes 0 to 600 seconds"),
        ("expect alice:", "'expect' needs a text"),
        ("alice: press", "'press' needs a button label or number"),
        ("alice:", "nothing to send"),
        ("eve: hi", "unknown partner 'eve'"),
    ],
)
def test_script_errors_name_the_line(line: str, error: str) -> None:
    with pytest.raises(ScriptError, match=r"^tour\.txt:2: ") as raised:
        parse_script(f"# first\n{line}\n", ALIASES, "tour.txt")
    assert error in str(raised.value)


def test_the_daily_ritual_runs_offline_and_the_next_question_comes_by_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["playground", "--script", "daily_ritual"]) == 0
    _steps, alice, boris = split_transcripts(capsys.readouterr().out)
    assert "💬 Alice: ответ на вопрос дня готов — твоя очередь!" in boris
    assert "Reply from Boris: Договорились!" in alice
    days = set(re.findall(r"☀️ Question of the day · (.+)", alice))
    assert len(days) == 2  # today's, and the next day's pushed after `advance 1d`
