"""The interactive playground in a real pseudo-terminal: `python -m bot playground`."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")

ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[A-Za-z]|[78])")
TIMEOUT = 20.0


class Terminal:
    """The screen side of a pty: type lines, wait for text to be drawn."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.output = ""
        self._mark = 0
        self._raw = b""

    def type(self, line: str) -> None:
        self._mark = len(self.output)  # look only at what is drawn after this line
        os.write(self.master, (line + "\n").encode())

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, self.output[self._mark :])
            if found:
                return found
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                tail = self.output[-4000:]
                raise AssertionError(f"{pattern!r} was not drawn within {timeout}s:\n{tail}")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            return False
        self._raw += chunk
        self.output = ANSI.sub("", self._raw.decode("utf-8", errors="replace"))
        return bool(chunk)


@pytest.fixture
def playground(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Terminal]]:
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "COLUMNS": "150",
        "LINES": "50",
        "TMPDIR": str(tmp_path),
        "BOT_TOKEN": "not-read",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "playground", "--lang", "en,en"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield process, Terminal(master)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        os.close(master)


def test_invite_and_one_move_through_the_terminal(
    playground: tuple[subprocess.Popen[bytes], Terminal], tmp_path: Path
) -> None:
    process, screen = playground
    screen.wait_for(r"A Alice ▸ $")  # the prompt, on the last row
    assert "▶ A · Alice · en · typing here" in screen.output
    (folder,) = tmp_path.iterdir()  # the throwaway database's
    assert folder.name.startswith("duet-playground-")

    screen.type("/start")
    screen.wait_for(r"No partner yet")
    screen.type("/invite")
    screen.wait_for(r"start=[\w-]+")

    screen.type(">")  # Boris opens the link shown in Alice's chat and accepts
    screen.wait_for(r"▶ B · Boris · en · typing here")
    screen.type(":open")
    accept = screen.wait_for(r"\[(\d+)\] 💞 Accept").group(1)
    screen.type(accept)
    screen.wait_for(r"You and Alice are now a couple")

    screen.type("/play")  # Boris invites Alice to tic-tac-toe; she accepts and starts
    tic_tac_toe = screen.wait_for(r"\[(\d+)\] ⭕ Tic-tac-toe").group(1)
    screen.type(tic_tac_toe)
    screen.type(":a")
    play = screen.wait_for(r"\[(\d+)\] ✅ Play").group(1)
    screen.type(play)
    screen.wait_for(r"Your move! You play ❌")
    screen.type("5")  # the middle cell
    screen.wait_for(r"\[5\] ❌")  # on both boards
    screen.wait_for(r"Your move! You play ⭕")  # Boris's turn

    screen.type(":quit")
    assert process.wait(TIMEOUT) == 0
    assert list(tmp_path.iterdir()) == []  # the throwaway database is gone
