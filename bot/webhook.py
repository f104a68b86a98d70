"""Webhook mode: an aiohttp server with aiogram's webhook handler and a health endpoint.

Telegram's secret-token header is checked by aiogram's SimpleRequestHandler (a wrong or
missing secret gets 401 and nothing is processed). With several workers, only the one that
takes a short Redis lock calls setWebhook; without Redis there is one worker and it does.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import Settings
from bot.coordination import key_prefix

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
SETTER_LOCK = "webhook-setter"  # under the bot's key prefix: bots may share a Redis


def webhook_path(settings: Settings) -> str:
    assert settings.webhook_url is not None
    return urlsplit(settings.webhook_url).path or "/"


def build_app(dispatcher: Dispatcher, bot: Bot, settings: Settings) -> web.Application:
    assert settings.webhook_secret is not None
    app = web.Application()
    SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, secret_token=settings.webhook_secret.get_secret_value()
    ).register(app, path=webhook_path(settings))

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get(HEALTH_PATH, health)
    setup_application(app, dispatcher, bot=bot)
    return app


async def claim_webhook_setter(settings: Settings) -> bool:
    """True for the one worker that should call setWebhook (all of them without Redis)."""
    if settings.redis_url is None:
        return True
    from redis.asyncio import Redis  # only needed with REDIS_URL

    redis = Redis.from_url(settings.redis_url)
    try:
        return bool(await redis.set(key_prefix(settings) + SETTER_LOCK, "1", nx=True, ex=60))
    finally:
        await redis.aclose()


async def set_webhook(bot: Bot, settings: Settings, allowed_updates: list[str]) -> None:
    assert settings.webhook_url is not None and settings.webhook_secret is not None  # noqa: PT018
    if not await claim_webhook_setter(settings):
        logger.info("another worker sets the webhook")
        return
    await bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=allowed_updates,
        drop_pending_updates=False,
    )
    logger.info("webhook set to %s", settings.webhook_url)
