"""Injected failures: make the next N calls of a method fail the way Telegram fails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .errors import TelegramFault


class ClockLike(Protocol):
    """Anything with ``now()`` (the bot's `bot.clock.Clock`, a test's fake clock)."""

    def now(self) -> datetime: ...


_DEFAULT_DESCRIPTIONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(slots=True)
class InjectedFault:
    """One injected failure rule; ``remaining`` counts down with each matching call.

    ``method=None`` matches every method, ``getUpdates`` included. With ``drop_connection``
    the server closes the connection without answering (the client sees a network error).
    """

    method: str | None
    status: int
    retry_after: int
    remaining: int
    description: str | None = None
    drop_connection: bool = False

    def matches(self, method: str) -> bool:
        return self.remaining > 0 and (self.method is None or self.method.lower() == method.lower())

    def to_fault(self) -> TelegramFault:
        if self.status == 429:
            fault = TelegramFault.too_many_requests(self.retry_after)
            if self.description:
                fault.description = self.description
            return fault
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.status, "Error")
        return TelegramFault(self.status, description)


@dataclass(slots=True)
class Latency:
    """Matching calls wait ``seconds`` before Telegram carries them out and answers: the
    effect (a message edited, say) shows in the chat when the bot gets its answer.

    ``method=None`` matches every method but ``getUpdates``; ``chat_id=None`` every chat.
    With a ``clock`` the wait is on that clock, not in real time: the call is carried out
    once the clock reads ``seconds`` past the moment the call arrived (a test moves a fake
    clock, so a latency of 150 ms is exactly 150 ms of the bot's time, however busy the
    machine is).
    """

    seconds: float
    method: str | None = None
    chat_id: int | str | None = None
    clock: ClockLike | None = None

    def matches(self, method: str, chat_id: object) -> bool:
        if self.method is None and method == "getUpdates":
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id


class FaultInjector:
    def __init__(self) -> None:
        self.rules: list[InjectedFault] = []
        self.latencies: list[Latency] = []

    def delay_for(self, method: str, chat_id: object) -> float:
        """How long a call waits in real time: the longest matching latency (0 without one)."""
        return max(
            (
                rule.seconds
                for rule in self.latencies
                if rule.clock is None and rule.matches(method, chat_id)
            ),
            default=0.0,
        )

    def clocked_for(self, method: str, chat_id: object) -> list[Latency]:
        """The matching latencies measured on a clock of their own."""
        return [
            rule
            for rule in self.latencies
            if rule.clock is not None and rule.matches(method, chat_id)
        ]

    def add(self, rule: InjectedFault) -> InjectedFault:
        self.rules.append(rule)
        return rule

    def take(self, method: str) -> InjectedFault | None:
        """The first active rule matching ``method``, counted down; None if there is none."""
        for rule in self.rules:
            if rule.matches(method):
                rule.remaining -= 1
                return rule
        return None

    def clear(self) -> None:
        self.rules.clear()
        self.latencies.clear()
