"""`python -m tests.benchmarks`: run the benchmarks, print a table, write the figures as JSON.

Each moves scenario runs in a fresh process (so its peak RSS is its own); the database,
HTTP and startup benchmarks run from this one. See README, "Benchmarks".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import bot  # noqa: F401  (before aiogram: its models build on first use, as in `python -m bot`)

REPOSITORY = Path(__file__).resolve().parents[2]
SECTIONS = ("moves", "http", "db", "startup")


@dataclass
class Options:
    couples: list[int]
    rates: list[float]
    paced_seconds: float
    min_moves: int
    http_couples: int
    http_games: int
    http_rate: float
    db_scale: float
    db_path: Path | None
    reuse_db: bool
    db_samples: int
    db_heavy_runs: int
    startup_runs: int
    sections: tuple[str, ...]
    out: Path
    workdir: Path | None
    profile: Path | None
    in_process: bool
    quick: bool


# Defaults of a full run, and of a `--quick` smoke run; any option given explicitly wins.
FULL: dict[str, Any] = {
    "couples": "100,1000,10000",
    "rates": "50,150,500",
    "paced_seconds": 10.0,
    "min_moves": 6_000,
    "http_couples": 100,
    "http_games": 2,
    "http_rate": 50.0,
    "db_scale": 1.0,
    "db_samples": 200,
    "db_heavy_runs": 10,
    "startup_runs": 3,
}
QUICK: dict[str, Any] = {
    "couples": "6",
    "rates": "200",
    "paced_seconds": 0.3,
    "min_moves": 60,
    "http_couples": 2,
    "http_games": 1,
    "http_rate": 50.0,
    "db_scale": 0.0005,
    "db_samples": 5,
    "db_heavy_runs": 2,
    "startup_runs": 1,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description="Duet benchmarks: moves, the aiogram floor, the database at scale, startup.",
    )
    add = parser.add_argument
    add("--couples", help=f"couples per moves scenario, comma list ({FULL['couples']})")
    add("--rates", help="paced phases: updates/s offered by all couples together (50,150,500)")
    add("--paced-seconds", type=float, help="length of each paced phase (10)")
    add("--min-moves", type=int, help="moves in each saturated phase (6000)")
    add("--http-couples", type=int, help="couples in the fake HTTP server run, 0 to skip (100)")
    add("--http-games", type=int, help="games each couple plays over HTTP (2)")
    add("--http-rate", type=float, help="updates/s offered by all couples over HTTP (50)")
    add("--db-scale", type=float, help="1.0 = 100k users, 2M sessions, 4M history rows (1.0)")
    add("--db-path", type=Path, help="build the large database here and keep it")
    add("--reuse-db", action="store_true", help="time the database at --db-path, do not rebuild")
    add("--db-samples", type=int, help="users sampled per query (200)")
    add("--db-heavy-runs", type=int, help="runs of each query for the heaviest user (10)")
    add("--startup-runs", type=int, help="process starts per startup figure (3)")
    add("--only", default=",".join(SECTIONS), help=f"sections to run: {','.join(SECTIONS)}")
    add("--out", type=Path, default=REPOSITORY / "bench-results" / "benchmarks.json")
    add("--workdir", type=Path, help="scratch folder, kept (default: a temporary one, removed)")
    add("--profile", type=Path, help="write pyinstrument profiles of the saturated moves here")
    add("--in-process", action="store_true", help="run the moves scenarios in this process")
    add("--quick", action="store_true", help="a fast smoke run at toy sizes")
    return parser


def parse(argv: list[str] | None) -> Options:
    args = _parser().parse_args(argv)
    base = QUICK if args.quick else FULL
    value = {
        name: base[name] if getattr(args, name) is None else getattr(args, name) for name in base
    }
    sections = tuple(part.strip() for part in args.only.split(",") if part.strip())
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.reuse_db and args.db_path is None:
        raise SystemExit("--reuse-db needs --db-path")
    return Options(
        couples=[int(part) for part in str(value["couples"]).split(",") if part.strip()],
        rates=[float(part) for part in str(value["rates"]).split(",") if part.strip()],
        paced_seconds=value["paced_seconds"],
        min_moves=value["min_moves"],
        http_couples=value["http_couples"],
        http_games=value["http_games"],
        http_rate=value["http_rate"],
        db_scale=value["db_scale"],
        db_path=args.db_path,
        reuse_db=args.reuse_db,
        db_samples=value["db_samples"],
        db_heavy_runs=value["db_heavy_runs"],
        startup_runs=value["startup_runs"],
        sections=sections,
        out=args.out,
        workdir=args.workdir,
        profile=args.profile,
        in_process=args.in_process,
        quick=args.quick,
    )


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def production_logging() -> None:
    """What `python -m bot` configures (INFO, one line per event), written to /dev/null."""
    handler = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115 - for the process
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def environment() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=REPOSITORY, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return "?"
        return done.stdout.strip()

    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "aiogram": version("aiogram"),
        "aiosqlite": version("aiosqlite"),
        "pydantic": version("pydantic"),
        "sqlite": sqlite3.sqlite_version,
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_uncommitted_files": len(git("status", "--porcelain").splitlines()),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def reference_loop_seconds(iterations: int = 2_000_000, runs: int = 3) -> float:
    """The best of `runs` timings of a fixed pure-Python loop: the machine's speed at that
    moment. A VM's share of its host drifts (seen here: by half within minutes), and these
    readings, taken between sections, tell a slow run from a slow machine."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        total = 0
        for i in range(iterations):
            total += i
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


# -- sections ------------------------------------------------------------------------------------


def _moves_in_subprocess(options: Options, couples: int, work: Path) -> dict[str, Any]:
    out = work / f"moves-{couples}.json"
    command = [
        sys.executable, "-m", "tests.benchmarks", "worker", str(couples),
        "--rates", ",".join(f"{rate:g}" for rate in options.rates),
        "--paced-seconds", str(options.paced_seconds),
        "--min-moves", str(options.min_moves), "--out", str(out), "--workdir", str(work),
    ]  # fmt: skip
    if options.profile is not None:
        command += ["--profile", str(options.profile)]
    subprocess.run(command, cwd=REPOSITORY, check=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


async def _moves_here(options: Options, couples: int, work: Path) -> dict[str, Any]:
    from tests.benchmarks.moves import run_moves

    directory = Path(tempfile.mkdtemp(prefix=f"moves-{couples}-", dir=work))
    return await run_moves(
        couples,
        directory,
        rates=options.rates,
        paced_seconds=options.paced_seconds,
        min_moves=options.min_moves,
        profile_dir=options.profile,
        progress=_progress,
    )


def run_moves_section(options: Options, work: Path) -> list[dict[str, Any]]:
    results = []
    for couples in options.couples:
        if options.in_process:
            results.append(asyncio.run(_moves_here(options, couples, work)))
        else:
            results.append(_moves_in_subprocess(options, couples, work))
    return results


def run_http_section(options: Options, work: Path) -> dict[str, Any]:
    from tests.benchmarks.http_run import run_http

    directory = Path(tempfile.mkdtemp(prefix="http-", dir=work))
    return asyncio.run(
        run_http(
            options.http_couples,
            directory,
            games_per_couple=options.http_games,
            rate=options.http_rate,
            progress=_progress,
        )
    )


def run_db_section(options: Options, work: Path) -> tuple[dict[str, Any], Path]:
    from tests.benchmarks.bigdb import Scale, build, describe
    from tests.benchmarks.queries import run_queries

    path = options.db_path or work / "large.sqlite3"
    if options.reuse_db:
        _progress(f"database: reusing {path}")
        built = describe(path)
    else:
        built = build(path, Scale.of(options.db_scale), progress=_progress)
    queries = asyncio.run(
        run_queries(
            built,
            samples=options.db_samples,
            heavy_runs=options.db_heavy_runs,
            progress=_progress,
        )
    )
    return {"database": built.summary(), "queries": queries}, path


def run_startup_section(options: Options, database: Path | None, work: Path) -> dict[str, Any]:
    from tests.benchmarks.startup import run_startup

    _progress("startup: python -m bot against the fake Bot API server")
    return asyncio.run(
        run_startup(database, work, runs=options.startup_runs, full=not options.quick)
    )


# -- main ----------------------------------------------------------------------------------------


def _save(results: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run(options: Options, echo: Callable[[str], None] = print) -> dict[str, Any]:
    from tests.benchmarks.report import table, targets

    results: dict[str, Any] = {"environment": environment(), "options": _jsonable(options)}
    speed: dict[str, float] = {"start": reference_loop_seconds()}
    results["environment"]["reference_loop_s"] = speed
    scratch = options.workdir or Path(tempfile.mkdtemp(prefix="duet-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        large: Path | None = None
        if "moves" in options.sections:
            results["moves"] = run_moves_section(options, scratch)
            speed["after moves"] = reference_loop_seconds()
            _save(results, options.out)
        if "http" in options.sections and options.http_couples > 0:
            results["http"] = run_http_section(options, scratch)
            speed["after http"] = reference_loop_seconds()
            _save(results, options.out)
        if "db" in options.sections:
            results["database"], large = run_db_section(options, scratch)
            speed["after db"] = reference_loop_seconds()
            _save(results, options.out)
        if "startup" in options.sections:
            results["startup"] = run_startup_section(options, large, scratch)
            speed["after startup"] = reference_loop_seconds()
        results["environment"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        results["targets"] = targets(results)
        _save(results, options.out)
    finally:
        if options.workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    echo(table(results))
    echo(f"\nFigures written to {options.out}")
    return results


def _jsonable(options: Options) -> dict[str, Any]:
    return {
        key: str(value) if isinstance(value, Path) else value
        for key, value in vars(options).items()
    }


def worker(argv: list[str]) -> int:
    """One moves scenario in this (fresh) process: `worker COUPLES --out FILE ...`."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks worker")
    parser.add_argument("couples", type=int)
    parser.add_argument("--rates", required=True)
    parser.add_argument("--paced-seconds", type=float, required=True)
    parser.add_argument("--min-moves", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    options = parse(["--rates", args.rates])
    options.paced_seconds = args.paced_seconds
    options.min_moves = args.min_moves
    options.profile = args.profile
    result = asyncio.run(_moves_here(options, args.couples, args.workdir))
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    production_logging()
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    run(parse(argv))
    return 0
