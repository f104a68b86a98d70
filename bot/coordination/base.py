"""State that every worker serving the bot must agree on: duplicate updates, flood counters,
cooldowns and write throttles.

One process (the zero-setup default) keeps it in memory (`MemorySharedState`). Several
webhook workers behind a load balancer see different parts of one user's traffic, so there
it lives in Redis (`RedisSharedState`, chosen when `REDIS_URL` is set); otherwise each
limit would be multiplied by the number of workers and a duplicate delivered to another
worker would be handled twice.

Time is always passed in by the caller (from the injected `Clock`) and stored in the values:
a decision never depends on the store's own clock, so a test's fake clock decides alone.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Protocol

from bot.config import Settings


class FloodVerdict(enum.Enum):
    PASS = "pass"  # under the limit: handle the update
    LIMIT_HIT = "limit-hit"  # this update hit the limit: one notice, then muted for the window
    MUTED = "muted"  # still muted: ignore quietly


class SharedState(Protocol):
    spans_workers: bool
    """True when several worker processes share this state (and so the database): one
    process's cached view of a game may then be outdated by another's write."""

    async def first_delivery(self, update_id: int) -> bool:
        """True the first time an update id is seen (by any worker), False for a repeat."""
        ...

    async def claim(self, key: str, at: datetime, hold: timedelta) -> bool:
        """True if nobody holds `key` at `at`; the caller then holds it until `at + hold`.

        "First one wins" for cooldowns and throttles: of several workers claiming at once,
        exactly one gets True.
        """
        ...

    async def release(self, keys: Collection[str]) -> None:
        """Drop claims early (the next `claim` of these keys wins at once)."""
        ...

    async def hit(self, key: str, at: datetime, limit: int, window: timedelta) -> FloodVerdict:
        """Count one event for `key` (a user): at most `limit` in any `window`, sliding.

        The event that would exceed it gets LIMIT_HIT and starts a pause of `window`, during
        which every event gets MUTED; after the pause the count starts from zero.
        """
        ...


def key_prefix(settings: Settings) -> str:
    """Redis keys are namespaced by the bot's id (the token's first part, not secret), so
    two bots can share one Redis without seeing each other's counters."""
    bot_id = settings.bot_token.get_secret_value().split(":", 1)[0]
    return f"duet:{bot_id}:"
