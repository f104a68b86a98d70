"""The owner's view: what `/stats` shows to the ids in OWNER_IDS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version

from bot.clock import Clock
from db import Database
from db.repositories.owner_stats import OwnerCounts, OwnerStatsRepository


@dataclass(frozen=True)
class OwnerReport:
    counts: OwnerCounts
    version: str


def duet_version() -> str:
    try:
        return version("duet")
    except PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


async def owner_report(database: Database, clock: Clock) -> OwnerReport:
    now = clock.now()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    async with database.read() as uow:
        counts = await OwnerStatsRepository(uow.conn).counts(today, now - timedelta(days=7))
    return OwnerReport(counts, duet_version())
