"""Scripted playground sessions: ``python -m bot playground --script FILE``.

A script is plain text, one step per line, run top to bottom. After every step the run waits
until the bot has handled everything, so a script needs no pauses between ordinary steps::

    # a comment; blank lines are ignored too
    alice: /start                  Alice sends a message: any text or /command
    alice: say press here          "say" sends the rest as is (text starting with a verb)
    alice: press Partner           presses the button labelled exactly "Partner" (case-
                                   insensitive) in the newest message having one; if no message
                                   has it, the one whose label contains "Partner"
    alice: press Play | Играть     the first label that matches: one script for both languages
    alice: press 2                 button [2] of the newest keyboard (buttons numbered row by row)
    alice: press 5.3               button 3 of message #5 (an older keyboard, e.g. a board)
    boris: open-link               opens the newest t.me link to the bot shown in the other
                                   partner's chat (else in his own), as tapping it would
    boris: open-link https://t.me/duet_test_bot?start=TOKEN
    boris: sticker                 sends a sticker
    wait 0.5                       pauses (seconds), e.g. for the reaction duel's GO
    advance 11m                    moves the bot's clock forward (s, m, h, d; 1h30m): idle
                                   games expire, reminders and the next day's question come;
                                   later expects look only at messages sent or edited
                                   after it
    expect alice: couple | пара    fails the run unless a bot message in Alice's chat contains
                                   one of the texts, in its text or a button's label, within
                                   10 seconds
    repeat                         runs the steps up to the matching "until" again and again
      boris: press 🟦              (at most 200 times, no nesting) and stops as soon as, before
      alice: press 🟦              any of them, a bot message in Boris's chat contains one of
    until boris: You win | Победа  the texts: for games whose length depends on chance

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
    parse_duration,
)

EXPECT_TIMEOUT = 10.0
REPEAT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Wait:
    seconds: float


@dataclass(frozen=True, slots=True)
class Advance:
    delta: timedelta


@dataclass(frozen=True, slots=True)
class Expect:
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    steps: tuple[Step, ...]
    texts: tuple[str, ...]
    """Stop once a bot message in the step's partner's chat contains one of these."""


@dataclass(frozen=True, slots=True)
class Step:
    line: int
    source: str
    partner: int | None  # index into the session's partners (None for wait and advance)
    what: Action | Wait | Advance | Expect | Repeat


class ScriptError(ValueError):
    """The script cannot be parsed (the message names the file and line)."""


def parse_script(text: str, aliases: Mapping[str, int], name: str = "<script>") -> list[Step]:
    """The steps of a script; ``aliases`` maps lower-case partner names to partner indexes."""
    steps: list[Step] = []
    repeated: list[Step] | None = None  # the steps of an open "repeat"
    opened = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        source = raw.strip()
        if not source or source.startswith("#"):
            continue
        try:
            verb = source.partition(" ")[0].lower()
            if source.lower() == "repeat":
                if repeated is not None:
                    raise ScriptError("'repeat' cannot be nested")
                repeated, opened = [], number
            elif verb == "until":
                if not repeated:
                    raise ScriptError("'until' needs a 'repeat' with steps before it")
                expect = _parse_line(number, "expect" + source[len(verb) :], aliases)
                assert isinstance(expect.what, Expect)
                loop = Repeat(tuple(repeated), expect.what.texts)
                steps.append(Step(opened, source, expect.partner, loop))
                repeated = None
            else:
                (steps if repeated is None else repeated).append(
                    _parse_line(number, source, aliases)
                )
        except ScriptError as error:
            raise ScriptError(f"{name}:{number}: {error} in {source!r}") from None
    if repeated is not None:
        raise ScriptError(f"{name}:{opened}: 'repeat' without 'until'")
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
        try:
            delta = parse_duration(rest)
        except ValueError:
            raise ScriptError(
                "'advance' needs a duration such as 90s, 11m, 4h, 1d or 1h30m"
            ) from None
        if not timedelta(0) < delta <= timedelta(days=400):
            raise ScriptError("'advance' takes more than 0 and at most 400 days")
        return Step(number, source, None, Advance(delta))
    expecting = verb.lower() == "expect"
    who, colon, what = (rest if expecting else source).partition(":")
    if not colon:
        raise ScriptError(
            "expected 'NAME: ...', 'expect NAME: TEXT', 'wait SECONDS' or 'advance DURATION'"
        )
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
    # partner -> each message's edit count when the clock last moved (`advance`)
    since: dict[int, dict[int, int]] = {}
    for step in steps:
        if isinstance(step.what, Repeat):
            failure = await _run_repeat(session, step, step.what, out, expect_timeout)
            if failure:
                return failure
            continue
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


async def _run_repeat(
    session: PlaygroundSession, step: Step, loop: Repeat, out: TextIO, expect_timeout: float
) -> str | None:
    assert step.partner is not None
    partner = session.partners[step.partner]

    def done() -> bool:
        return any(text in m.text for m in partner.user.bot_messages for text in loop.texts)

    for _ in range(REPEAT_LIMIT):
        for inner in loop.steps:
            if done():
                out.write(f"» {step.source}\n")
                return None
            failure = await run_script(session, [inner], out, expect_timeout=expect_timeout)
            if failure:
                return failure
    return f"line {step.line}: repeat: {step.source!r} not met after {REPEAT_LIMIT} rounds"


async def _run_step(
    session: PlaygroundSession,
    step: Step,
    expect_timeout: float,
    since: dict[int, dict[int, int]],
) -> None:
    if isinstance(step.what, Wait):
        await asyncio.sleep(step.what.seconds)
        return
    if isinstance(step.what, Advance):
        for index, each in enumerate(session.partners):
            since[index] = {m.message_id: m.edit_count for m in each.user.bot_messages}
        session.advance_clock(step.what.delta)
        return
    assert step.partner is not None
    partner = session.partners[step.partner]
    if isinstance(step.what, Expect):
        await _expect(partner, step.what.texts, expect_timeout, since.get(step.partner))
        return
    assert not isinstance(step.what, Repeat)  # run_script runs those
    await session.perform(partner, step.what)


async def _expect(
    partner: Partner,
    texts: tuple[str, ...],
    timeout: float,  # noqa: ASYNC109
    seen: dict[int, int] | None = None,
) -> None:
    def found(user: object) -> bool:
        return any(
            text in message.text or any(text in label for label in message.button_labels())
            for message in partner.user.bot_messages
            if seen is None or seen.get(message.message_id, -1) < message.edit_count
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
