"""Drawing the playground as plain text lines: two panes, side by side or one above the other.

Pure functions of the session and a terminal size; the terminal layer only writes the lines.
Widths are counted in terminal cells (wide emoji and CJK take two, combining marks none), so
the panes line up on terminals that follow Unicode's East Asian Width and emoji presentation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from bot.fake_bot_api import ChatMessage
from bot.fake_bot_api.transcript import EDITED_MARK, describe_content
from bot.playground.session import HELP, Partner, current_keyboard

MIN_PANE_WIDTH = 36  # below two of these (plus the gutter) the panes are stacked
GUTTER = " │ "
TITLE = "Duet playground · offline, fake Telegram"
EMPTY_CHAT = "(no messages yet: type /start)"
_VARIATION_SELECTOR_16 = "\ufe0f"
_INDENT = "   "


class Screen(Protocol):
    """What the renderer reads (a :class:`~bot.playground.session.PlaygroundSession`)."""

    @property
    def partners(self) -> Sequence[Partner]: ...

    @property
    def focused(self) -> Partner: ...

    @property
    def notice(self) -> str | None: ...

    @property
    def show_help(self) -> bool: ...


# -- measuring text ----------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Terminal cells ``text`` takes on one line."""
    width = 0
    previous = 1
    for char in text:
        if char == _VARIATION_SELECTOR_16:
            width += 1 if previous == 1 else 0  # emoji presentation of a narrow symbol
            previous = 2
            continue
        cells = _char_width(char)
        width += cells
        if cells:
            previous = cells
    return width


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded with spaces to exactly ``width`` cells."""
    if text_width(text) <= width:
        return text + " " * (width - text_width(text))
    kept = ""
    for char in text:
        if text_width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…" + " " * (width - 1 - text_width(kept))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Greedy word wrap by cells; lines after the first start with ``indent``.

    Words longer than a line are split.
    """
    lines: list[str] = []
    current = ""

    def room() -> int:
        return max(1, width - (text_width(indent) if lines else 0))

    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate) <= room():
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and text_width(current + char) > room():
                lines.append(current)
                current = ""
            current += char
    lines.append(current)
    return [line if number == 0 else indent + line for number, line in enumerate(lines)]


# -- one chat ----------------------------------------------------------------------------------


def message_lines(
    message: ChatMessage, width: int, *, current: bool, own_name: str = "you"
) -> list[str]:
    """A message as its chat shows it: ``#id sender: text``, then its buttons.

    The current keyboard's buttons are numbered ``[1] [2]``; older messages' buttons carry
    their address ``[3.1]``, which is also what one types to press them.
    """
    sender = "bot" if message.from_bot else own_name
    body = describe_content(message)
    if message.edited:
        body += f" {EDITED_MARK}"
    lines: list[str] = []
    first, *rest = body.split("\n")
    lines.extend(wrap(f"#{message.message_id} {sender}: {first}", width, _INDENT))
    for paragraph in rest:
        lines.extend(_INDENT + line for line in wrap(paragraph, width - len(_INDENT)))
    number = 0
    for row in message.buttons:
        cells = []
        for button in row:
            number += 1
            address = str(number) if current else f"{message.message_id}.{number}"
            link = " ↗" if button.url else ""
            cells.append(f"[{address}] {button.text}{link}")
        lines.extend(_button_rows(cells, width))
    return [fit(line, width) for line in lines]


def _button_rows(cells: Sequence[str], width: int) -> list[str]:
    rows: list[str] = []
    current = ""
    for cell in cells:
        candidate = f"{current}  {cell}" if current else _INDENT + cell
        if current and text_width(candidate) > width:
            rows.append(current)
            candidate = _INDENT + cell
        current = candidate
    if current:
        rows.append(current)
    return rows


def pane_lines(partner: Partner, focused: bool, width: int, height: int) -> list[str]:
    """A partner's pane: a header, the newest part of the chat, the last toast; ``height`` lines."""
    marker = "▶" if focused else " "
    typing = " · typing here" if focused else ""
    header = f"{marker} {partner.key} · {partner.name} · {partner.language}{typing}"
    rule = ("━" if focused else "─") * width
    messages = partner.user.messages
    keyboard = current_keyboard(messages)
    body: list[str] = []
    for message in messages:
        body.extend(message_lines(message, width, current=message is keyboard))
    if not messages:
        body.append(fit(EMPTY_CHAT, width))
    if partner.toast:
        body.extend(fit(line, width) for line in wrap(partner.toast, width, _INDENT))
    room = max(0, height - 2)
    shown = body[-room:] if room else []
    shown += [" " * width] * (room - len(shown))
    return [fit(header, width), rule, *shown][:height]


# -- the whole screen --------------------------------------------------------------------------


def side_by_side(width: int) -> bool:
    return width >= 2 * MIN_PANE_WIDTH + len(GUTTER)


def render_frame(session: Screen, width: int, height: int) -> list[str]:
    """The screen above the prompt: exactly ``height`` lines, none wider than ``width``."""
    width = max(20, width)
    height = max(8, height)
    hint = "text or /command · 1 or 3.2 press · > switch · :open link · :help · :quit"
    footer = [fit(session.notice or "", width), fit(hint, width)]
    room = height - 1 - len(footer)
    if session.show_help:
        middle = [fit(line, width) for line in HELP.split("\n")][:room]
        middle += [" " * width] * (room - len(middle))
    elif side_by_side(width):
        left_width = (width - len(GUTTER)) // 2
        right_width = width - len(GUTTER) - left_width
        first, second = session.partners
        left = pane_lines(first, first is session.focused, left_width, room)
        right = pane_lines(second, second is session.focused, right_width, room)
        middle = [a + GUTTER + b for a, b in zip(left, right, strict=True)]
    else:
        top_height = room // 2
        first, second = session.partners
        middle = pane_lines(first, first is session.focused, width, top_height)
        middle += pane_lines(second, second is session.focused, width, room - top_height)
    return [fit(TITLE, width), *middle, *footer]


def prompt(session: Screen) -> str:
    return f"{session.focused.key} {session.focused.name} ▸ "
