"""`python -m bot`: run the bot; `locales ...`: maintain the catalogs; `playground`: try it."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings
from db import DatabaseError

EXIT_CONFIG = 2
EXIT_UNREACHABLE = 1


def settings_error_line(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        name = ".".join(str(loc) for loc in item["loc"]).upper() or "SETTINGS"
        message = "is required" if item["type"] == "missing" else item["msg"]
        if item["type"] == "extra_forbidden":
            message = "is not a Duet setting (check .env for a typo)"
        parts.append(f"{name} {message}")
    return "duet: invalid settings: " + "; ".join(parts)


def _run(settings: Settings) -> int:
    # Imported late: the settings error path stays light.
    from bot.gc_tuning import settle_startup_heap
    from bot.log_format import configure_logging
    from bot.runtime import Runtime

    configure_logging(settings.log_level, settings.log_format)
    if not settings.log_updates and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # aiogram says "Update id=... is handled" at INFO for every update: one line per
        # important event is the default (#25); LOG_UPDATES=1 or LOG_LEVEL=DEBUG bring it back.
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    if not settings.defer_model_builds:
        logging.getLogger("bot").info(
            "Bot API models: built by aiogram at import (DEFER_MODEL_BUILDS=0)"
        )
    # Everything imported so far lives as long as the process: keep it out of the
    # collector's way (bot/gc_tuning.py).
    settle_startup_heap()
    from aiogram.exceptions import (
        TelegramNetworkError,
        TelegramServerError,
        TelegramUnauthorizedError,
    )

    try:
        asyncio.run(Runtime(settings).run())
    except TelegramUnauthorizedError:
        print(
            "duet: BOT_TOKEN was refused by Telegram (401 Unauthorized):"
            " copy the token from @BotFather again",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except (TelegramNetworkError, TelegramServerError) as error:
        # The retries (one log line each) are spent: one line, no traceback.
        print(
            f"duet: the Bot API at TELEGRAM_API_URL ({settings.telegram_api_url}) could not"
            f" be reached at startup: {error.message}",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    except DatabaseError as error:
        setting = "DATABASE_PATH" if settings.database_url is None else "DATABASE_URL"
        print(f"duet: {setting} {error}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Duet Telegram bot")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot with long polling (the default)")
    locales = commands.add_parser("locales", help="maintain the gettext catalogs")
    locales.add_argument("action", choices=["extract", "update", "check"])
    backup = commands.add_parser(
        "backup",
        help="copy the SQLite database, consistently, while the bot runs",
        description="Write a consistent copy of the SQLite database (DATABASE_PATH) to PATH "
        "with SQLite's online backup API; the bot may keep running. Restoring: "
        "docs/operations.md. PostgreSQL (DATABASE_URL): use pg_dump.",
    )
    backup.add_argument("path", type=Path, metavar="PATH", help="where to write the copy")
    content = commands.add_parser(
        "content", help="the question banks: counts per pack and language"
    )
    content.add_argument("action", choices=["stats"])
    playground = commands.add_parser(
        "playground",
        help="try Duet offline as both partners: no token, no network",
        description="Run the real bot against a fake Telegram on 127.0.0.1 with a throwaway "
        "database, and play both partners in the terminal (or run a script). "
        "Reads no settings: no BOT_TOKEN, no .env.",
    )
    playground.add_argument(
        "--lang",
        default="en,ru",
        metavar="A,B",
        help="the two partners' languages (en or ru), default en,ru",
    )
    playground.add_argument(
        "--script",
        type=Path,
        metavar="FILE",
        help="run a scripted session and print both transcripts: a file, or the name of a "
        "shipped script such as first_tour (format: the top of bot/playground/script.py)",
    )
    playground.add_argument(
        "--set",
        action="append",
        default=[],
        dest="overrides",
        metavar="KEY=VALUE",
        help="a setting for this run, e.g. --set GAME_IDLE_TIMEOUT=30 (repeatable; "
        "docs/settings.md lists them)",
    )
    playground.add_argument("--verbose", action="store_true", help="show the bot's log")
    args = parser.parse_args(argv)

    if args.command == "locales":
        from bot.catalogs import main as catalogs_main

        return catalogs_main(args.action)
    if args.command == "content":
        from bot.content import main as content_main

        return content_main(args.action)
    if args.command == "playground":
        from bot.playground.app import main as playground_main

        return playground_main(
            lang=args.lang, script=args.script, verbose=args.verbose, overrides=args.overrides
        )

    try:
        settings = Settings()  # values come from the environment and .env
    except ValidationError as error:
        print(settings_error_line(error), file=sys.stderr)
        return EXIT_CONFIG
    if args.command == "backup":
        return _backup(settings, args.path)
    return _run(settings)


def _backup(settings: Settings, target: Path) -> int:
    from db.backup import BackupError, backup_sqlite

    if settings.database_url is not None:
        print(
            "duet: backup copies the SQLite database; with DATABASE_URL use "
            'pg_dump --format=custom --file=duet.dump "$DATABASE_URL" '
            "(docs/operations.md)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    started = time.monotonic()
    try:
        size = backup_sqlite(settings.database_path, target)
    except BackupError as error:
        print(f"duet: backup failed: {error}", file=sys.stderr)
        return 1
    print(
        f"duet: backed up {settings.database_path} to {target} "
        f"({size / 1_000_000:.1f} MB in {time.monotonic() - started:.1f} s)"
    )
    return 0
