"""``python -m bot playground``: the real bot, a fake Telegram and two partners in a terminal.

Everything is local and thrown away at exit: the fake Bot API listens on 127.0.0.1, the
database lives in a temporary folder, the token is a fake one. No setting is read from the
environment or from ``.env``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.cli import settings_error_line
from bot.config import Settings
from bot.fake_bot_api import FakeBotApi
from bot.i18n import LANGUAGES
from bot.playground.runner import BOT_USERNAME, TOKEN, LocalDuet, ShiftedClock
from bot.playground.script import ScriptError, Step, parse_script, run_script, transcripts
from bot.playground.session import Partner, PlaygroundSession
from bot.playground.terminal import NoticeLogHandler, TerminalUI

SCRIPTS = Path(__file__).resolve().parent / "scripts"
FIRST_TOUR = SCRIPTS / "first_tour.txt"
DEFAULT_LANGUAGES = "en,ru"
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    first_name: str
    user_id: int
    aliases: tuple[str, ...]


CAST = (
    Role("A", "Alice", 1001, ("a", "alice")),
    Role("B", "Boris", 1002, ("b", "boris", "bob")),
)
ALIASES = {alias: index for index, role in enumerate(CAST) for alias in role.aliases}


class PlaygroundSettings(Settings):
    """The bot's settings from the arguments only: no environment, no ``.env``."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def parse_languages(value: str) -> tuple[str, str]:
    """``"en,ru"`` -> ("en", "ru"); one language is both partners'."""
    parts = [part.strip().lower() for part in value.split(",") if part.strip()]
    if len(parts) == 1:
        parts *= 2
    if len(parts) != 2 or any(part not in LANGUAGES for part in parts):
        known = ", ".join(LANGUAGES)
        raise ValueError(
            f"--lang takes two languages separated by a comma (each one of {known}), "
            f"e.g. en,ru; got {value!r}"
        )
    return parts[0], parts[1]


@contextlib.asynccontextmanager
async def open_session(
    languages: Sequence[str],
    *,
    verbose: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> AsyncIterator[PlaygroundSession]:
    """Start a fake Telegram and the real bot on a throwaway database; stop and delete both.
    `overrides` are settings (the command line's ``--set``, a script's flood limit)."""
    with tempfile.TemporaryDirectory(prefix="duet-playground-") as folder:
        async with FakeBotApi(TOKEN, bot_username=BOT_USERNAME) as api:
            values: dict[str, Any] = {
                "bot_token": api.token,
                "database_path": Path(folder) / "duet.sqlite3",
                "telegram_api_url": api.base_url,
                "log_level": "INFO" if verbose else "WARNING",
                "daily_push_tick": 0.2,  # a script's `advance` shows the push at once
                **(overrides or {}),
            }
            settings = PlaygroundSettings(**values)
            duet = LocalDuet(api, settings, ShiftedClock())
            await duet.start()
            partners = [
                Partner(
                    key=role.key,
                    user=duet.user(role.user_id, role.first_name, language),
                    language=language,
                )
                for role, language in zip(CAST, languages, strict=True)
            ]
            session = PlaygroundSession(duet, partners)
            try:
                yield session
            finally:
                await session.close()
                await duet.stop()


SCRIPT_FLOOD_LIMIT = 1000
"""Updates one user may send per flood window in a scripted run."""


async def run_script_session(
    steps: Sequence[Step],
    name: str,
    languages: Sequence[str],
    out: TextIO,
    err: TextIO,
    overrides: Mapping[str, str] | None = None,
) -> int:
    """The ``--script`` mode: run, print both transcripts; 0, or 1 when a step failed."""
    # Scripts press at machine speed: a sea battle's "shoot until it is over" loop sends
    # more presses in ten seconds than a person would.
    settings = {"flood_limit": SCRIPT_FLOOD_LIMIT, **(overrides or {})}
    async with open_session(languages, overrides=settings) as session:
        failure = await run_script(session, steps, out)
        out.write("\n" + transcripts(session))
    if failure is not None:
        err.write(f"duet playground: {name}: {failure}\n")
        return EXIT_FAILED
    return 0


async def run_interactive(
    languages: Sequence[str],
    log_sink: NoticeLogHandler | None,
    overrides: Mapping[str, str] | None = None,
) -> int:
    async with open_session(languages, overrides=overrides) as session:
        ui = TerminalUI(session, stdin=sys.stdin.fileno(), stdout=sys.stdout)
        if log_sink is not None:
            log_sink.target = ui.show_log
        try:
            await ui.run()
        finally:
            if log_sink is not None:
                log_sink.target = None
    return 0


@contextlib.contextmanager
def _logging(verbose: bool) -> Iterator[NoticeLogHandler | None]:
    """Quiet: warnings only, to the screen's notice line. Verbose: the bot's log on stderr."""
    root = logging.getLogger()
    level = root.level
    handler: logging.Handler
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.setLevel(logging.INFO)
    else:
        handler = NoticeLogHandler(sys.stderr)
        root.setLevel(logging.WARNING)
    root.addHandler(handler)
    try:
        yield handler if isinstance(handler, NoticeLogHandler) else None
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def find_script(path: Path) -> Path:
    """``path`` itself, or the shipped script of that name (``first_tour``)."""
    shipped = SCRIPTS / path.with_suffix(".txt").name
    if not path.exists() and path.parent == Path() and shipped.is_file():
        return shipped
    return path


# What the playground itself sets up: a fake Telegram, a throwaway SQLite file, one process.
RESERVED = frozenset(
    {"bot_token", "telegram_api_url", "database_path", "database_url", "webhook_url",
     "webhook_secret", "redis_url"}
)  # fmt: skip


def parse_overrides(items: Sequence[str]) -> dict[str, str]:
    """``KEY=VALUE`` items (keys case-insensitive), checked as the bot checks its settings;
    ValueError with one line naming what is wrong."""
    overrides: dict[str, str] = {}
    for item in items:
        key, equals, value = item.partition("=")
        key = key.strip().lower()
        if not equals or not key:
            raise ValueError(f"--set takes KEY=VALUE, not {item!r}")
        if key in RESERVED:
            raise ValueError(f"--set {key.upper()}: the playground sets that itself")
        overrides[key] = value.strip()
    try:
        values: dict[str, Any] = {
            "bot_token": TOKEN,
            "telegram_api_url": "http://127.0.0.1:1",
            "database_path": Path("unused.sqlite3"),
            **overrides,
        }
        PlaygroundSettings(**values)
    except ValidationError as error:
        raise ValueError(settings_error_line(error).removeprefix("duet: ")) from None
    return overrides


def main(
    *,
    lang: str = DEFAULT_LANGUAGES,
    script: Path | None = None,
    verbose: bool = False,
    overrides: Sequence[str] = (),
) -> int:
    try:
        languages = parse_languages(lang)
        settings_overrides = parse_overrides(overrides)
    except ValueError as error:
        print(f"duet playground: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if script is not None:
            script = find_script(script)
            # A script that cannot be read or parsed is refused before anything starts.
            steps = parse_script(script.read_text(encoding="utf-8"), ALIASES, str(script))
    except (OSError, UnicodeDecodeError) as error:
        print(f"duet playground: cannot read the script: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ScriptError as error:
        print(f"duet playground: {error}", file=sys.stderr)
        return EXIT_USAGE
    with _logging(verbose) as log_sink:
        try:
            if script is not None:
                return asyncio.run(
                    run_script_session(
                        steps, str(script), languages, sys.stdout, sys.stderr, settings_overrides
                    )
                )
            return asyncio.run(run_interactive(languages, log_sink, settings_overrides))
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
