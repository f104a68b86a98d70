"""Small numeric helpers shared by the benchmarks."""

from __future__ import annotations

import math
import resource
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (`fraction` in 0..1) of unsorted values; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    """p50 / p95 / p99 / max of durations in seconds, as milliseconds."""
    return {
        "p50_ms": round(percentile(values, 0.50) * 1000, 3),
        "p95_ms": round(percentile(values, 0.95) * 1000, 3),
        "p99_ms": round(percentile(values, 0.99) * 1000, 3),
        "max_ms": round(max(values) * 1000, 3) if values else math.nan,
    }


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (10^6 bytes).

    Linux's VmHWM: `ru_maxrss` would carry over the parent's peak across fork and exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) * 1024 / 1e6, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1)


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except OSError:  # not Linux: the peak is the best we have
        return peak_rss_mb()
    return round(pages * resource.getpagesize() / 1e6, 1)


@dataclass
class Span:
    """Wall and CPU seconds of a stretch of work (CPU counts every thread: SQLite's too)."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, other: Span) -> None:
        self.wall += other.wall
        self.cpu += other.cpu


@contextmanager
def measured(into: Span) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        into.wall += time.perf_counter() - wall
        into.cpu += time.process_time() - cpu
