"""Duet without Telegram: the real bot against the fake Bot API server on loopback.

Used by the end-to-end tests and by `python -m bot playground`.
"""

from bot.playground.runner import FakeClock, LocalDuet, local_settings

__all__ = ["FakeClock", "LocalDuet", "local_settings"]
