"""Choosing the database: DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings
from db import Database, database_for
from db.postgres import PostgresDatabase, redact
from db.sqlite import SqliteDatabase

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"


def settings(**values: object) -> Settings:
    return Settings(bot_token=TOKEN, _env_file=None, **values)  # type: ignore[arg-type,call-arg]


@pytest.mark.parametrize(
    "url", ["postgresql://duet:pw@db:5432/duet", "postgres://db/duet?search_path=duet"]
)
def test_postgres_urls_are_accepted_and_kept_secret(url: str) -> None:
    chosen = settings(database_url=url)
    assert chosen.database_url is not None and chosen.database_url.get_secret_value() == url
    assert "pw" not in repr(chosen)


@pytest.mark.parametrize("url", ["mysql://db/duet", "sqlite:///duet.db", "duet.sqlite3"])
def test_other_urls_are_refused_naming_the_setting(url: str) -> None:
    with pytest.raises(ValidationError, match="database_url") as error:
        settings(database_url=url)
    assert "postgresql://" in str(error.value)


def test_an_empty_url_means_sqlite() -> None:
    assert settings(database_url="").database_url is None


def test_the_url_picks_the_engine(tmp_path: Path) -> None:
    assert isinstance(database_for(None, tmp_path / "d.sqlite3"), SqliteDatabase)
    assert isinstance(Database(tmp_path / "d.sqlite3"), SqliteDatabase)  # the old spelling
    assert isinstance(database_for("postgresql://db/duet", tmp_path), PostgresDatabase)


def test_passwords_are_redacted_from_messages() -> None:
    assert redact("postgresql://duet:s3cret@db:5432/x") == "postgresql://duet:***@db:5432/x"
    assert redact("postgresql://db/x") == "postgresql://db/x"
