"""The daily push benchmark at a toy size: two workers and a kill midway never push anyone
twice, and the sends stay within the bulk limit (counted in virtual time, so a busy
machine cannot fail it)."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.daily_push import run


async def test_two_workers_and_a_restart_push_nobody_twice_within_the_limit(
    tmp_path: Path,
) -> None:
    report = await run(couples=60, rate=30.0, folder=tmp_path)
    assert report["duplicates"] == 0
    assert report["peak_per_s"] <= 30
    assert report["pushes_sent"] + report["lost_to_the_kill"] == 120
    assert report["lost_to_the_kill"] <= 15  # at most the killed worker's one batch
    assert report["virtual_duration_s"] <= report["bound_s"]
