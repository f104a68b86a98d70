"""Settings, read once at startup from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram tokens are "<bot id>:<35 url-safe characters>"; be lenient about the length.
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_PLACEHOLDER_SECRET = "replace-with-the-token-from-BotFather"  # .env.example's BOT_TOKEN

Language = Literal["en", "ru"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def default_locales_path() -> Path:
    """`locales/` at the checkout's top; an installed wheel ships it as `bot/locales/`
    (setup.py)."""
    here = Path(__file__).resolve().parent
    shipped = here / "locales"
    return shipped if shipped.is_dir() else here.parent / "locales"


class Settings(BaseSettings):
    """Every setting Duet reads. README has the same table."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        # A typo in .env should stop the bot, not be silently ignored.
        extra="forbid",
        case_sensitive=False,
    )

    bot_token: SecretStr = Field(description="Token from @BotFather.")
    database_path: Path = Field(
        default=Path("data/duet.sqlite3"), description="SQLite database file."
    )
    database_url: SecretStr | None = Field(
        default=None,
        description="postgresql://user:password@host:5432/db to use PostgreSQL instead of "
        "the SQLite file (may hold a password, hence secret).",
    )
    sqlite_checkpoint_interval: float = Field(
        default=1.0,
        ge=0,
        description="SQLite: seconds between copies of the write-ahead log into the database "
        "file, made in the background so no commit waits for one; 0 leaves them to the commits.",
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org",
        description="Bot API server base URL (self-hosted telegram-bot-api or the test server).",
    )
    log_level: LogLevel = "INFO"
    log_updates: bool = Field(
        default=False,
        description="Log aiogram's line for every handled update at INFO too (LOG_LEVEL=DEBUG "
        "always does): the default log keeps one line per important event.",
    )
    default_language: Language = "en"
    invite_lifetime: timedelta = Field(
        default=timedelta(hours=24), description="How long an invite link stays valid."
    )
    presence_idle_timeout: timedelta = Field(
        default=timedelta(minutes=5), description="Idle time after which a user shows offline."
    )
    presence_write_interval: timedelta = Field(
        default=timedelta(minutes=1),
        description="A user seen again within this interval costs no database write.",
    )
    online_notice_cooldown: timedelta = Field(
        default=timedelta(hours=6),
        description="At most one 'your partner is online' message per user in this time.",
    )
    game_idle_timeout: timedelta = Field(
        default=timedelta(minutes=10), description="Idle time after which a live game is abandoned."
    )
    daily_reminder_after: timedelta = Field(
        default=timedelta(hours=4),
        description="When one partner answered the question of the day, remind the other after.",
    )
    daily_push_enabled: bool = Field(
        default=True,
        description="Send each person the question of the day at the time they chose.",
    )
    daily_push_rate: float = Field(
        default=30.0,
        gt=0,
        description="Daily pushes one process sends per second at most (Telegram allows a bot "
        "about 30 a second: with several workers, give each its share).",
    )
    daily_push_tick: float = Field(
        default=30.0, gt=0, description="Longest pause (seconds) between checks for due pushes."
    )
    daily_push_pause_after: timedelta = Field(
        default=timedelta(days=7),
        description="Pushes pause after this long without an answer from either partner.",
    )
    max_concurrent_updates: int = Field(
        default=64,
        ge=1,
        description="Updates one process works on at once; more wait their turn (bounds memory).",
    )
    game_timer_tick: float = Field(
        default=0.25,
        gt=0,
        description="Longest pause (seconds) between checks for due game timers.",
    )
    render_record_interval: float = Field(
        default=1.0,
        gt=0,
        description="Seconds between writes of which game screens were shown (a restart draws "
        "again the games whose last screens were not recorded).",
    )
    reaction_min_delay: float = Field(default=2.0, ge=0, description="Reaction duel: earliest GO.")
    reaction_max_delay: float = Field(default=6.0, ge=0, description="Reaction duel: latest GO.")
    reaction_round_timeout: float = Field(
        default=10.0, gt=0, description="Reaction duel: a round with no tap after GO is void."
    )
    flood_limit: int = Field(
        default=30, ge=1, description="Most updates one user may send within FLOOD_WINDOW."
    )
    flood_window: timedelta = Field(
        default=timedelta(seconds=10), description="Flood control window (and pause)."
    )
    invites_per_hour: int = Field(
        default=10, ge=1, description="Invite links one user may create per hour."
    )
    telegram_retry_attempts: int = Field(
        default=4, ge=1, description="Tries of a Bot API call that got 429, 5xx or a network error."
    )
    telegram_retry_max_wait: float = Field(
        default=30.0, gt=0, description="Longest wait (seconds) before retrying a Bot API call."
    )
    webhook_url: str | None = Field(
        default=None,
        description="Public HTTPS URL Telegram posts updates to; set it to use webhooks.",
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token."
    )
    webhook_host: str = Field(default="0.0.0.0", description="Address the webhook server binds.")
    webhook_port: int = Field(default=8080, ge=1, le=65535, description="Webhook server port.")
    redis_url: str | None = Field(
        default=None, description="Redis for state shared by several workers (FSM, isolation)."
    )
    defer_model_builds: bool = Field(
        default=True,
        description="Build aiogram's Bot API models on first use (bot/deferred_models.py); "
        "false: aiogram's own eager import. Read when the bot package is imported.",
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="text: one readable line per event; json: one JSON object."
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Polling mode: serve Prometheus metrics on this port (webhook mode serves "
        "them on the webhook port at /metrics).",
    )
    metrics_host: str = Field(default="127.0.0.1", description="Address METRICS_PORT binds.")
    owner_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(),
        description="Telegram user ids of the bot's owners (comma-separated): /stats is theirs.",
    )
    locales_path: Path = Field(
        default_factory=default_locales_path,
        description="Folder with the gettext catalogs.",
    )

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value()
        if token.split(":", 1)[-1] == _PLACEHOLDER_SECRET:
            raise ValueError(
                "is still the example from .env.example: put your token from @BotFather"
            )
        if not _TOKEN_RE.fullmatch(token):
            raise ValueError("must look like 123456789:AA... (copy it from @BotFather)")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator(
        "invite_lifetime",
        "presence_idle_timeout",
        "presence_write_interval",
        "game_idle_timeout",
        "daily_reminder_after",
        "daily_push_pause_after",
        "flood_window",
        "online_notice_cooldown",
        mode="before",
    )
    @classmethod
    def _seconds(cls, value: object) -> object:
        """Plain numbers are seconds ("300"); anything else goes to pydantic (ISO 8601)."""
        if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value.strip()):
            return float(value)
        return value

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("database_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # DATABASE_URL= (as compose files and .env templates write it) means SQLite.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.match(r"postgres(ql)?://[^\s]+$", value.get_secret_value()):
            raise ValueError(
                "must be a postgresql:// (or postgres://) URL; leave it unset for SQLite"
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -.
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("must be 1-256 characters of A-Z a-z 0-9 _ -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required with WEBHOOK_URL")
        return self

    @model_validator(mode="after")
    def _reaction_window(self) -> Settings:
        if self.reaction_min_delay > self.reaction_max_delay:
            raise ValueError("REACTION_MIN_DELAY must not exceed REACTION_MAX_DELAY")
        return self

    def game_options(self) -> dict[str, dict[str, float]]:
        """Per-game tunables handed to the pure game rules (games.engine.Setup.options)."""
        return {
            "reaction": {
                "min_delay": self.reaction_min_delay,
                "max_delay": self.reaction_max_delay,
                "round_timeout": self.reaction_round_timeout,
            }
        }

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value
