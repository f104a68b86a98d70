"""The playground's model: two partners, who has the keyboard, and what a typed line means.

Nothing here touches the terminal. :func:`parse_input` turns a line into a :class:`Command`,
:func:`find_button` and :func:`find_start_link` read a chat as plain data, and
:class:`PlaygroundSession` applies commands to the fake users (the interactive view and the
scripted mode share :meth:`PlaygroundSession.perform`).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from bot.fake_bot_api import CallbackAnswer, ChatMessage, FakeUser, InlineButton
from bot.playground.runner import FakeClock, LocalDuet, ShiftedClock

PRESS_TIMEOUT = 10.0

HELP = """\
Keys (type a line, then Enter):
  text or /command   sent by the focused partner (the ▶ pane)
  1, 2, ...          press button [1], [2]... of the newest keyboard in that chat
  3.2                press button 2 of message #3 (an older keyboard, e.g. a game board)
  :a  :b  >          focus partner A, partner B, or switch to the other one
  :open [LINK]       open a t.me link (default: the newest invite link in the other chat)
  https://t.me/...   typing a t.me link opens it too, like tapping it in Telegram
  :press LABEL       press a button by its label (or part of it)
  :sticker           send a sticker
  :advance 11m       move the bot's clock forward (s, m, h, d): expiry, reminders, a new day
  \\TEXT              send TEXT as is (for text that starts with ':' or is a number)
  :help              this help (until the next line)
  :quit              stop (Ctrl+C and Ctrl+D too)"""

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta:
    """``90s``, ``11m``, ``4h``, ``1d``, ``1h30m``; ValueError otherwise."""
    compact = text.replace(" ", "").lower()
    parts = _DURATION_PART.findall(compact)
    if not compact or "".join(number + unit for number, unit in parts) != compact:
        raise ValueError(text)
    return timedelta(seconds=sum(float(number) * _UNITS[unit] for number, unit in parts))


def describe_duration(delta: timedelta) -> str:
    """``1d2h``, ``11m``, ``90s`` -> ``1d 2h``, ``11m``, ``1m 30s``."""
    seconds = round(delta.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts) or "0s"


_NUMBER = re.compile(r"(?:(?P<message>\d+)\.)?(?P<button>\d+)")
_TG_LINK = re.compile(r"(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog)/\S+", re.IGNORECASE)


# -- commands ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ButtonNumber:
    """Button ``number`` (from 1, row by row) of message ``message_id`` (default: the newest
    keyboard)."""

    number: int
    message_id: int | None = None

    def __str__(self) -> str:
        return f"{self.message_id}.{self.number}" if self.message_id else str(self.number)


@dataclass(frozen=True, slots=True)
class ButtonLabel:
    """A button whose label is one of ``labels`` (case-insensitive), in the newest message
    having one; else one whose label contains one of them."""

    labels: tuple[str, ...]

    def __str__(self) -> str:
        return " | ".join(self.labels)


ButtonRef = ButtonNumber | ButtonLabel


@dataclass(frozen=True, slots=True)
class Send:
    text: str


@dataclass(frozen=True, slots=True)
class Press:
    button: ButtonRef


@dataclass(frozen=True, slots=True)
class OpenLink:
    url: str | None = None  # None: the newest start link visible in the other chat, else own


@dataclass(frozen=True, slots=True)
class SendSticker:
    pass


Action = Send | Press | OpenLink | SendSticker
"""Something a partner does in their chat (interactive and scripted modes alike)."""


@dataclass(frozen=True, slots=True)
class Focus:
    partner: int | None  # index into the partners; None: the other one


@dataclass(frozen=True, slots=True)
class ShowHelp:
    pass


@dataclass(frozen=True, slots=True)
class Quit:
    pass


@dataclass(frozen=True, slots=True)
class Nothing:
    pass


@dataclass(frozen=True, slots=True)
class Invalid:
    reason: str


@dataclass(frozen=True, slots=True)
class AdvanceClock:
    delta: timedelta


Command = Action | Focus | ShowHelp | Quit | Nothing | Invalid | AdvanceClock


def parse_button(text: str) -> ButtonRef:
    """``2`` / ``3.2`` -> a number; anything else -> labels separated by ``|``."""
    text = text.strip()
    number = _NUMBER.fullmatch(text)
    if number is not None:
        message = number.group("message")
        return ButtonNumber(int(number.group("button")), int(message) if message else None)
    return ButtonLabel(tuple(label.strip() for label in text.split("|") if label.strip()))


def parse_input(line: str) -> Command:
    """What one typed line means (see :data:`HELP`)."""
    text = line.strip()
    if not text:
        return Nothing()
    if text.startswith("\\"):
        return Send(text[1:]) if text[1:].strip() else Invalid("nothing to send after '\\'")
    if text == ">":
        return Focus(None)
    if _NUMBER.fullmatch(text):
        button = parse_button(text)
        assert isinstance(button, ButtonNumber)
        if button.number == 0:
            return Invalid("buttons are numbered from 1")
        return Press(button)
    if _TG_LINK.fullmatch(text):
        return OpenLink(text)
    if not text.startswith(":"):
        return Send(text)
    name, _, argument = text[1:].partition(" ")
    name, argument = name.lower(), argument.strip()
    simple: dict[str, Command] = {
        "a": Focus(0),
        "b": Focus(1),
        "switch": Focus(None),
        "help": ShowHelp(),
        "h": ShowHelp(),
        "?": ShowHelp(),
        "quit": Quit(),
        "q": Quit(),
        "exit": Quit(),
        "sticker": SendSticker(),
    }
    if name in simple and not argument:
        return simple[name]
    if name == "open":
        return OpenLink(argument or None)
    if name == "press" and argument:
        return Press(parse_button(argument))
    if name == "advance":
        try:
            return AdvanceClock(parse_duration(argument))
        except ValueError:
            return Invalid("':advance' takes a duration: 90s, 11m, 4h, 1d or 1h30m")
    return Invalid(f"unknown command {text!r}: type :help for the keys")


# -- reading a chat ----------------------------------------------------------------------------


class PlaygroundError(Exception):
    """A partner's action cannot be done (no such button, no link to open...)."""


def current_keyboard(messages: Sequence[ChatMessage]) -> ChatMessage | None:
    """The newest bot message that has inline buttons: the one plain numbers press."""
    return next((m for m in reversed(messages) if m.from_bot and m.buttons), None)


def numbered_buttons(message: ChatMessage) -> list[InlineButton]:
    """The message's buttons in the order they are numbered (row by row, from 1)."""
    return [button for row in message.buttons for button in row]


def find_button(
    messages: Sequence[ChatMessage], ref: ButtonRef
) -> tuple[ChatMessage, InlineButton]:
    """The message and button ``ref`` names in a chat, or :class:`PlaygroundError`."""
    if isinstance(ref, ButtonNumber):
        if ref.message_id is None:
            message = current_keyboard(messages)
            if message is None:
                raise PlaygroundError("there are no buttons in this chat")
        else:
            message = next((m for m in messages if m.message_id == ref.message_id), None)
            if message is None:
                raise PlaygroundError(f"there is no message #{ref.message_id} in this chat")
        buttons = numbered_buttons(message)
        if not 1 <= ref.number <= len(buttons):
            have = f"1-{len(buttons)}" if buttons else "no buttons"
            raise PlaygroundError(f"message #{message.message_id} has {have}, not [{ref}]")
        return message, buttons[ref.number - 1]
    wanted = [label.casefold() for label in ref.labels]
    offered = [m for m in reversed(messages) if m.from_bot]
    # An exact label anywhere in the chat wins over a label that only contains the text.
    for message in offered:
        exact = [b for b in numbered_buttons(message) if b.text.casefold() in wanted]
        if exact:
            return message, exact[0]
    for message in offered:
        buttons = numbered_buttons(message)
        partial = [b for b in buttons if any(label in b.text.casefold() for label in wanted)]
        if len(partial) > 1:
            labels = ", ".join(repr(b.text) for b in partial)
            raise PlaygroundError(
                f"{str(ref)!r} is ambiguous in message #{message.message_id}: {labels}"
            )
        if partial:
            return message, partial[0]
    raise PlaygroundError(f"no button {str(ref)!r} in this chat")


def find_start_link_in(text: str, bot_username: str) -> str | None:
    """The last ``t.me/<bot>?start=...`` link in ``text``."""
    pattern = re.compile(
        rf"(?:https?://)?(?:t\.me|telegram\.me)/{re.escape(bot_username)}\?start=[\w-]+",
        re.IGNORECASE,
    )
    found = [match.group() for match in pattern.finditer(text)]
    return found[-1] if found else None


def find_start_link(messages: Sequence[ChatMessage], bot_username: str) -> str | None:
    """The newest ``t.me/<bot>?start=...`` link shown in a chat's bot messages."""
    for message in reversed(messages):
        link = find_start_link_in(message.text, bot_username) if message.from_bot else None
        if link is not None:
            return link
    return None


# -- the session -------------------------------------------------------------------------------


@dataclass(eq=False)
class Partner:
    """One of the two people in the playground, and what their pane shows besides the chat."""

    key: str  # "A" or "B"
    user: FakeUser
    language: str
    toast: str | None = None  # the bot's last callback answer (a toast or an alert)

    @property
    def name(self) -> str:
        return self.user.first_name


@dataclass(eq=False)
class PlaygroundSession:
    """The state of the view (focus, notices, help, quit) and the actions on the fake users."""

    duet: LocalDuet
    partners: Sequence[Partner]
    focus: int = 0
    notice: str | None = None  # one line under the panes: errors, hints, warnings from the bot
    show_help: bool = False
    quit_requested: bool = False
    on_view_change: Callable[[], None] | None = None  # the chats' changes come from the api
    _presses: set[asyncio.Task[None]] = field(default_factory=set, init=False)

    @property
    def focused(self) -> Partner:
        return self.partners[self.focus]

    def other(self, partner: Partner) -> Partner:
        return next(p for p in self.partners if p is not partner)

    @property
    def bot_username(self) -> str:
        return self.duet.api.bot.username

    # -- interactive input ---------------------------------------------------------------------

    async def handle(self, line: str) -> None:
        """Apply one typed line. Button presses are answered in the background (see :meth:`idle`),
        so a slow answer never holds up the next line."""
        command = parse_input(line)
        self.show_help = False
        self.notice = None
        match command:
            case Nothing():
                pass
            case Focus(partner=index):
                self.focus = (self.focus + 1) % len(self.partners) if index is None else index
            case ShowHelp():
                self.show_help = True
            case Quit():
                self.quit_requested = True
            case Invalid(reason=reason):
                self.notice = f"✖ {reason}"
            case AdvanceClock(delta=delta):
                try:
                    self.advance_clock(delta)
                    self.notice = f"⏩ the bot's clock moved {describe_duration(delta)} ahead"
                except PlaygroundError as error:
                    self.notice = f"✖ {error}"
            case Press(button=ref):
                await self._try(self.focused, self._press(self.focused, ref, wait=False))
            case Send() | OpenLink() | SendSticker():
                await self._try(self.focused, self.perform(self.focused, command))

    def advance_clock(self, delta: timedelta) -> None:
        clock = self.duet.clock
        if not isinstance(clock, ShiftedClock | FakeClock):
            raise PlaygroundError("this bot's clock cannot be moved")
        clock.advance(delta)

    async def _try(self, partner: Partner, action: Awaitable[object]) -> None:
        try:
            await action
        except PlaygroundError as error:
            self.notice = f"✖ {partner.name}: {error}"

    async def idle(self) -> None:
        """Until every background press was answered (tests and shutdown)."""
        while self._presses:
            await asyncio.gather(*self._presses, return_exceptions=True)

    async def settle(self) -> None:
        """Until the presses were answered and the bot handled everything sent so far."""
        await self.idle()
        with contextlib.suppress(TimeoutError):  # a busy bot: the view redraws when it is done
            await self.duet.settle()

    async def close(self) -> None:
        for task in list(self._presses):
            task.cancel()
        await asyncio.gather(*self._presses, return_exceptions=True)

    def _view_changed(self) -> None:
        if self.on_view_change is not None:
            self.on_view_change()

    # -- actions shared with scripts -----------------------------------------------------------

    async def perform(self, partner: Partner, action: Action) -> CallbackAnswer | None:
        """Do ``action`` as ``partner``; a press waits for the bot's callback answer.

        Raises :class:`PlaygroundError` (nothing to press or open) or ``TimeoutError`` (the bot
        did not answer a press).
        """
        match action:
            case Send(text=text):
                await partner.user.send(text)
            case SendSticker():
                await partner.user.send_sticker()
            case OpenLink(url=url):
                await self._open(partner, url)
            case Press(button=ref):
                return await self._press(partner, ref, wait=True)
        return None

    async def _press(
        self, partner: Partner, ref: ButtonRef, *, wait: bool
    ) -> CallbackAnswer | None:
        """Find the button now (errors at once); the answer is awaited or left to a task."""
        partner.toast = None
        message, button = find_button(partner.user.messages, ref)
        if button.callback_data is None:
            await self._follow_button_link(partner, button)
            return None
        answering = self._answer(partner, message.message_id, button)
        if wait:
            return await answering
        task = asyncio.create_task(self._answer_in_background(partner, answering, button))
        self._presses.add(task)
        task.add_done_callback(self._presses.discard)
        return None

    async def _answer(
        self, partner: Partner, message_id: int, button: InlineButton
    ) -> CallbackAnswer:
        data = button.callback_data or ""
        answer = await partner.user.press_data(message_id, data, timeout=PRESS_TIMEOUT)
        partner.toast = describe_answer(answer)
        self._view_changed()
        return answer

    async def _answer_in_background(
        self, partner: Partner, answering: Awaitable[CallbackAnswer], button: InlineButton
    ) -> None:
        try:
            await answering
        except TimeoutError:
            self.notice = f"✖ {partner.name}: the bot did not answer the press of {button.text!r}"
            self._view_changed()

    async def _open(self, partner: Partner, url: str | None) -> None:
        if url is None:
            url = find_start_link(self.other(partner).user.messages, self.bot_username)
            url = url or find_start_link(partner.user.messages, self.bot_username)
        if url is None:
            other = self.other(partner).name
            raise PlaygroundError(f"no invite link to open: let {other} send /invite first")
        try:
            await partner.user.open_link(url)
        except ValueError as error:
            raise PlaygroundError(str(error)) from None

    async def _follow_button_link(self, partner: Partner, button: InlineButton) -> None:
        """A URL button: a link to this bot opens it; anything else is only described."""
        url = button.url or ""
        if find_start_link_in(url, self.bot_username) is not None:
            await self._open(partner, url)
        elif "t.me/share/" in url:
            self.notice = (
                f"ℹ {button.text!r} opens Telegram's share sheet; here, switch to "
                f"{self.other(partner).name} and type :open"
            )
        else:
            self.notice = f"ℹ {button.text!r} would open {url or 'something Telegram-only'}"


def describe_answer(answer: CallbackAnswer) -> str | None:
    """How Telegram shows a callback answer: nothing, a toast, or an alert box."""
    if not answer.text:
        return None
    return f"⚠️ {answer.text}" if answer.show_alert else f"💬 {answer.text}"
