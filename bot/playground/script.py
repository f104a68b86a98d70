"""Scripted playground sessions: ``python -m bot playground --script FILE``.

A script is plain text, one step per line, run top to bottom. After every step the run waits
until the bot has handled everything, so a script needs no pauses between ordinary steps::

    # a comment; blank lines are ignored too
    alice: /start                  Alice sends a message: any text or /command
    alice: say press here          "say" sends the rest as is (text starting with a verb)
    alice: press Partner           presses the button whose label is, or else contains,
                                   "Partner" (case-insensitive), in the newest message having one
    alice: press Play | Играть     the first label that matches: one script for both languages
    alice: press 2                 button [2] of the newest keyboard (buttons numbered row by row)
    alice: press 5.3               button 3 of message #5 (an older keyboard, e.g. a board)
    boris: open-link               opens the newest t.me link to the bot shown in the other
                                   partner's chat (else in his own), as tapping it would
    boris: open-link https://t.me/duet_test_bot?start=TOKEN
    boris: sticker                 sends a sticker
    wait 0.5                       pauses (seconds), e.g. for the reaction duel's GO
    advance 1d                     moves the bot's clock ahead (d, h or m): the next day's
                                   question, the daily push at 19:00; later expects look
                                   only at messages that came after it
    expect alice: couple | пара    fails the run unless a bot message in Alice's chat contains
                                   one of the texts within 10 seconds

Partners: ``alice`` (or ``a``) and ``boris`` (or ``b``, ``bob``); their languages come from
``--lang``. The run prints each step, any toast or alert the bot answers a press with, then
both chats' transcripts. It exits 0, or 1 when a step fails (an ``expect`` not met, a button
that is not there), naming the line; a script that cannot be parsed is rejected before the bot
starts (exit 2).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TextIO

from bot.playground.session import (
    Action,
    OpenLink,
    Partner,
    PlaygroundError,
    PlaygroundSession,
    Press,
    Send,
    SendSticker,
    parse_button,
)

EXPECT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Wait:
    seconds: float


@dataclass(frozen=True, slots=True)
class Advance:
    by: timedelta


@dataclass(frozen=True, slots=True)
class Expect:
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Step:
    line: int
    source: str
    partner: int | None  # index into the session's partners (None for ``wait``, ``advance``)
    what: Action | Wait | Advance | Expect


class ScriptError(ValueError):
    """The script cannot be parsed (the message names the file and line)."""


def parse_script(text: str, aliases: Mapping[str, int], name: str = "<script>") -> list[Step]:
    """The steps of a script; ``aliases`` maps lower-case partner names to partner indexes."""
    steps: list[Step] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        source = raw.strip()
        if not source or source.startswith("#"):
            continue
        try:
            steps.append(_parse_line(number, source, aliases))
        except ScriptError as error:
            raise ScriptError(f"{name}:{number}: {error} in {source!r}") from None
    return steps


def _parse_line(number: int, source: str, aliases: Mapping[str, int]) -> Step:
    verb, _, rest = source.partition(" ")
    if verb.lower() == "wait":
        try:
            seconds = float(rest)
        except ValueError:
            raise ScriptError("'wait' needs a number of seconds") from None
        if not 0 <= seconds <= 600:
            raise ScriptError("'wait' takes 0 to 600 seconds")
        return Step(number, source, None, Wait(seconds))
    if verb.lower() == "advance":
        units = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
        amount, unit = rest.strip()[:-1], rest.strip()[-1:].lower()
        if unit not in units or not amount.isdigit():
            raise ScriptError("'advance' takes a whole number of days, hours or minutes: 1d, 3h")
        return Step(number, source, None, Advance(int(amount) * units[unit]))
    expecting = verb.lower() == "expect"
    who, colon, what = (rest if expecting else source).partition(":")
    if not colon:
        raise ScriptError("expected 'NAME: ...', 'expect NAME: TEXT' or 'wait SECONDS'")
    partner = aliases.get(who.strip().lower())
    if partner is None:
        names = ", ".join(sorted(aliases))
        raise ScriptError(f"unknown partner {who.strip()!r} (one of: {names})")
    what = what.strip()
    if expecting:
        texts = tuple(text.strip() for text in what.split("|") if text.strip())
        if not texts:
            raise ScriptError("'expect' needs a text to look for")
        return Step(number, source, partner, Expect(texts))
    return Step(number, source, partner, _parse_action(what))


def _parse_action(what: str) -> Action:
    verb, _, argument = what.partition(" ")
    argument = argument.strip()
    match verb.lower():
        case "press":
            button = parse_button(argument)
            if not argument or not str(button):
                raise ScriptError("'press' needs a button label or number")
            return Press(button)
        case "open-link":
            return OpenLink(argument or None)
        case "sticker" if not argument:
            return SendSticker()
        case "say":
            if not argument:
                raise ScriptError("'say' needs a text")
            return Send(argument)
    if not what:
        raise ScriptError("nothing to send")
    return Send(what)


async def run_script(
    session: PlaygroundSession,
    steps: Sequence[Step],
    out: TextIO,
    *,
    expect_timeout: float | None = None,
) -> str | None:
    """Run the steps, echoing them to ``out``; the failure (None when all passed)."""
    if expect_timeout is None:
        expect_timeout = EXPECT_TIMEOUT
    since: dict[int, int] = {}  # partner -> the newest message id when the clock moved
    for step in steps:
        out.write(f"» {step.source}\n")
        try:
            await _run_step(session, step, expect_timeout, since)
            await session.duet.settle()
        except (PlaygroundError, TimeoutError) as error:
            first_line = str(error).split("\n", 1)[0] or type(error).__name__
            return f"line {step.line}: {step.source}: {first_line}"
        if step.partner is not None and isinstance(step.what, Press):
            toast = session.partners[step.partner].toast
            if toast:
                out.write(f"    {toast}\n")
    return None


async def _run_step(
    session: PlaygroundSession, step: Step, expect_timeout: float, since: dict[int, int]
) -> None:
    if isinstance(step.what, Wait):
        await asyncio.sleep(step.what.seconds)
        return
    if isinstance(step.what, Advance):
        advance = getattr(session.duet.clock, "advance", None)
        if advance is None:
            raise PlaygroundError("this bot's clock cannot be moved")
        for index, each in enumerate(session.partners):
            messages = each.user.bot_messages
            since[index] = messages[-1].message_id if messages else 0
        advance(step.what.by)
        return
    assert step.partner is not None
    partner = session.partners[step.partner]
    if isinstance(step.what, Expect):
        await _expect(partner, step.what.texts, expect_timeout, since.get(step.partner, 0))
        return
    await session.perform(partner, step.what)


async def _expect(
    partner: Partner,
    texts: tuple[str, ...],
    timeout: float,  # noqa: ASYNC109
    after: int = 0,
) -> None:
    def found(user: object) -> bool:
        return any(
            text in message.text
            for message in partner.user.bot_messages
            if message.message_id > after
            for text in texts
        )

    try:
        await partner.user.wait_for(found, timeout=timeout)
    except TimeoutError:
        wanted = " or ".join(repr(text) for text in texts)
        raise PlaygroundError(
            f"no bot message in {partner.name}'s chat contains {wanted} (waited {timeout:g} s)"
        ) from None


def transcripts(session: PlaygroundSession) -> str:
    """Both chats as the fake Telegram renders them, each under a heading with the language."""
    parts = []
    for partner in session.partners:
        heading = f"══ {partner.key} · {partner.name} ({partner.language}) "
        parts.append(heading.ljust(72, "═") + "\n" + partner.user.transcript())
    return "\n\n".join(parts) + "\n"
