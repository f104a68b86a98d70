"""Startup: from process start to ready, as a person starting `python -m bot` sees it.

Each figure is a fresh process, against the fake Bot API server in this process: from
spawning it to the log line saying it is ready ("Duet is ready", after migrations, the
catalogues, the command menu and the first getMe), after one untimed start that writes
the bytecode cache. For scale: the same for a bare aiogram bot, and the bare cost of
`import aiogram`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.fake_bot_api import FakeBotApi
from bot.playground.runner import BOT_USERNAME, TOKEN

REPOSITORY = Path(__file__).resolve().parents[2]


def _env(api: FakeBotApi, database: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    # A deployment keeps its bytecode cache (an image compiles it, a server writes it on the
    # first start); a sandbox that turns it off would time the compiler instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url, LOG_LEVEL="INFO")
    env["PYTHONPATH"] = str(REPOSITORY)
    if database is not None:
        env["DATABASE_PATH"] = str(database)
    return env


async def _until_ready(args: list[str], env: dict[str, str], marker: str, cwd: Path) -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *args, cwd=cwd, env=env, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL
    )
    assert process.stderr is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(120):
            while True:
                line = (await process.stderr.readline()).decode(errors="replace")
                if not line:
                    raise RuntimeError(f"{args} exited before it was ready:\n{''.join(lines)}")
                lines.append(line)
                if marker in line:
                    return time.perf_counter() - started
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(30):
                    await process.communicate()
            except TimeoutError:
                process.kill()
                await process.wait()


async def _plain(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(*args, cwd=cwd)
    if await process.wait() != 0:
        raise RuntimeError(f"{args} failed")
    return time.perf_counter() - started


async def _rss_after_import(module: str) -> float:
    """Peak RSS (MB) of a process that only imports `module`: the memory floor it sets."""
    code = f"import {module}; from tests.benchmarks.stats import peak_rss_mb; print(peak_rss_mb())"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, cwd=REPOSITORY, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    return float(out.decode().strip())


def _figures(seconds: list[float]) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(seconds), 3),
        "min_s": round(min(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
    }


async def run_startup(
    large_database: Path | None, work: Path, runs: int = 3, *, full: bool = True
) -> dict[str, Any]:
    """Median of `runs` starts each: Duet on the large database and on an empty one, a
    bare aiogram bot, `import aiogram` (only the first when not `full`)."""
    python = sys.executable
    results: dict[str, Any] = {}
    duet = [python, "-m", "bot"]
    async with FakeBotApi(TOKEN, bot_id=int(TOKEN.split(":")[0]), bot_username=BOT_USERNAME) as api:

        async def starts(
            args: list[str], marker: str, database: Callable[[int], Path | None]
        ) -> dict[str, Any]:
            # Untimed: the first start writes the bytecode cache, as on a server.
            await _until_ready(args, _env(api, database(runs)), marker, work)
            return _figures(
                [
                    await _until_ready(args, _env(api, database(run)), marker, work)
                    for run in range(runs)
                ]
            )

        if large_database is not None:
            results["duet_large_database"] = await starts(
                duet, "Duet is ready", lambda run: large_database
            )
        if full or large_database is None:
            results["duet_empty_database"] = await starts(
                duet, "Duet is ready", lambda run: work / f"startup-empty-{run}.sqlite3"
            )
        if full:
            echo = [python, "-m", "tests.benchmarks.echo_bot"]
            results["bare_aiogram_bot"] = await starts(echo, "Echo is ready", lambda run: None)
    if full:
        results["import_aiogram"] = _figures(
            [await _plain([python, "-c", "import aiogram"], work) for _ in range(runs)]
        )
        results["python_alone"] = _figures(
            [await _plain([python, "-c", "pass"], work) for _ in range(runs)]
        )
        results["rss_after_import_mb"] = {
            module: await _rss_after_import(module) for module in ("aiogram", "bot.runtime")
        }
    return results
