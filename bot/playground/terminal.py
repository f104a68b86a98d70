"""The playground's terminal: read lines without blocking the event loop, redraw on change.

Line-oriented on purpose (standard library only, the terminal's own line editing): each line
typed goes to :meth:`PlaygroundSession.handle`, then the whole screen is redrawn with the
prompt on the last row. Changes that happen while someone is typing (a reply, the reaction
duel's GO) redraw only the rows above the prompt, with the cursor saved and restored, so a
half-typed line stays where it is.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import logging
import os
import shutil
import signal
import threading
from collections.abc import Callable
from typing import TextIO

from bot.playground.render import prompt, render_frame
from bot.playground.session import PlaygroundSession

REDRAW_DELAY = 0.03  # coalesce bursts of changes into one redraw
DEFAULT_SIZE = (100, 30)
_CLEAR = "\x1b[H\x1b[2J"
_HOME = "\x1b[H"
_CLEAR_LINE_END = "\x1b[K"
_SAVE_CURSOR = "\x1b7"
_RESTORE_CURSOR = "\x1b8"


def terminal_size() -> tuple[int, int]:
    size = shutil.get_terminal_size(DEFAULT_SIZE)
    return size.columns, size.lines


class TerminalUI:
    """Runs the interactive playground on a pair of file descriptors (a tty, or pipes)."""

    def __init__(
        self,
        session: PlaygroundSession,
        *,
        stdin: int,
        stdout: TextIO,
        ansi: bool | None = None,
        size: Callable[[], tuple[int, int]] = terminal_size,
        handle_signals: bool = True,
    ) -> None:
        self.session = session
        self._stdin = stdin
        self._stdout = stdout
        self._ansi = ansi if ansi is not None else _supports_ansi(stdout)
        self._size = size
        self._handle_signals = handle_signals
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._dirty = asyncio.Event()
        self._last_frame: list[str] = []

    # -- the loop ------------------------------------------------------------------------------

    async def run(self) -> None:
        """Until ``:quit``, end of input, Ctrl+C or SIGTERM."""
        loop = asyncio.get_running_loop()
        stop_reading = self._start_reader(loop)
        unsubscribe = self.session.duet.api.on_change.subscribe(lambda _version: self.changed())
        self.session.on_view_change = self.changed
        signals = self._install_signals(loop) if self._handle_signals else []
        redrawing = asyncio.create_task(self._redraw_on_change(), name="playground-redraw")
        try:
            self.draw(full=True)
            while not self.session.quit_requested:
                line = await self._lines.get()
                if line is None:
                    break
                await self.session.handle(line)
                if not self._lines.empty():  # pasted or piped lines: one at a time, like a person
                    await self.session.settle()
                self.draw(full=True)
        finally:
            redrawing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await redrawing
            for signal_number in signals:
                loop.remove_signal_handler(signal_number)
            unsubscribe()
            self.session.on_view_change = None
            stop_reading()
            self._write("\r\n" if self._ansi else "\n")

    def changed(self) -> None:
        """Something the screen shows may have changed: redraw soon."""
        self._dirty.set()

    def show_log(self, text: str) -> None:
        """A warning from the bot: shown on the notice line instead of scrolling the screen."""
        self.session.notice = "⚠ " + " ".join(text.split())
        self.changed()

    async def _redraw_on_change(self) -> None:
        while True:
            await self._dirty.wait()
            await asyncio.sleep(REDRAW_DELAY)
            self._dirty.clear()
            self.draw(full=False)

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, *, full: bool) -> None:
        """Write the screen; a partial redraw is skipped when nothing visible changed."""
        columns, rows = self._size()
        frame = render_frame(self.session, columns - 1, rows - 1)
        if not full and frame == self._last_frame:
            return
        self._last_frame = frame
        if not self._ansi:
            self._write("\n" + "\n".join(frame) + "\n" + prompt(self.session))
        elif full:
            self._write(_CLEAR + "\r\n".join(frame) + "\r\n" + prompt(self.session))
        else:
            body = "\r\n".join(line + _CLEAR_LINE_END for line in frame)
            self._write(_SAVE_CURSOR + _HOME + body + _RESTORE_CURSOR)

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # the terminal went away
            self._stdout.write(text)
            self._stdout.flush()

    # -- input ---------------------------------------------------------------------------------

    def _start_reader(self, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
        """Feed typed lines to the queue; returns a function that stops reading."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""

        def feed(data: bytes) -> None:
            nonlocal pending
            if not data:
                if pending.strip():
                    self._lines.put_nowait(pending)
                self._lines.put_nowait(None)  # end of input (Ctrl+D)
                return
            pending += decoder.decode(data)
            while "\n" in pending:
                line, pending = pending.split("\n", 1)
                self._lines.put_nowait(line.rstrip("\r"))

        def on_readable() -> None:
            try:
                data = os.read(self._stdin, 4096)
            except BlockingIOError:
                return
            except OSError:  # EIO: the terminal closed
                data = b""
            if not data:
                loop.remove_reader(self._stdin)
            feed(data)

        try:
            loop.add_reader(self._stdin, on_readable)
        except (OSError, NotImplementedError, ValueError):  # e.g. a regular file: read in a thread
            return self._start_reader_thread(loop, feed)

        def stop() -> None:
            loop.remove_reader(self._stdin)

        return stop

    def _start_reader_thread(
        self, loop: asyncio.AbstractEventLoop, feed: Callable[[bytes], None]
    ) -> Callable[[], None]:
        stopped = threading.Event()

        def read() -> None:
            while not stopped.is_set():
                try:
                    data = os.read(self._stdin, 4096)
                except OSError:
                    data = b""
                try:
                    loop.call_soon_threadsafe(feed, data)
                except RuntimeError:  # the loop is closed
                    return
                if not data:
                    return

        def stop() -> None:
            stopped.set()  # the thread ends at its next read (it is a daemon: never waited for)

        threading.Thread(target=read, name="playground-stdin", daemon=True).start()
        return stop

    def _install_signals(self, loop: asyncio.AbstractEventLoop) -> list[int]:
        installed: list[int] = []
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self._lines.put_nowait, None)
            installed.append(signal_number)
        if hasattr(signal, "SIGWINCH"):
            loop.add_signal_handler(signal.SIGWINCH, lambda: self.draw(full=True))
            installed.append(signal.SIGWINCH)
        return installed


class NoticeLogHandler(logging.Handler):
    """Warnings and errors: to the screen's notice line while the view runs, else to stderr."""

    def __init__(self, fallback: TextIO) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.target: Callable[[str], None] | None = None
        self._fallback = fallback

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            if self.target is not None:
                self.target(text.split("\n", 1)[0])
            else:
                self._fallback.write(text + "\n")
        except Exception:
            self.handleError(record)


def _supports_ansi(stream: TextIO) -> bool:
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM", "") != "dumb"
