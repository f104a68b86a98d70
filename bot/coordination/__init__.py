"""Shared state of the workers serving one bot (see `base`): in memory or in Redis."""

from bot.coordination.base import FloodVerdict, SharedState, key_prefix
from bot.coordination.memory import MemorySharedState

__all__ = ["FloodVerdict", "MemorySharedState", "SharedState", "key_prefix"]
