"""`python -m bot`: run the bot; `python -m bot locales ...`: maintain the catalogs."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError

from bot.config import Settings
from db import DatabaseError

EXIT_CONFIG = 2


def _settings_error_line(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        name = ".".join(str(loc) for loc in item["loc"]).upper() or "SETTINGS"
        message = "is required" if item["type"] == "missing" else item["msg"]
        if item["type"] == "extra_forbidden":
            message = "is not a Duet setting (check .env for a typo)"
        parts.append(f"{name} {message}")
    return "duet: invalid settings: " + "; ".join(parts)


def _run(settings: Settings) -> int:
    from bot.runtime import Runtime  # imported late: the settings error path stays light

    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        asyncio.run(Runtime(settings).run_polling())
    except DatabaseError as error:
        print(f"duet: DATABASE_PATH {error}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Duet Telegram bot")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot with long polling (the default)")
    locales = commands.add_parser("locales", help="maintain the gettext catalogs")
    locales.add_argument("action", choices=["extract", "update", "check"])
    args = parser.parse_args(argv)

    if args.command == "locales":
        from bot.catalogs import main as catalogs_main

        return catalogs_main(args.action)

    try:
        settings = Settings()  # values come from the environment and .env
    except ValidationError as error:
        print(_settings_error_line(error), file=sys.stderr)
        return EXIT_CONFIG
    return _run(settings)
