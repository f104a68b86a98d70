"""Injected failures: make the next N calls of a method fail the way Telegram fails."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import TelegramFault

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


class FaultInjector:
    def __init__(self) -> None:
        self.rules: list[InjectedFault] = []

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
