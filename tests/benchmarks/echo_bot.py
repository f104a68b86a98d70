"""A bare aiogram bot (the startup floor): `python -m tests.benchmarks.echo_bot`.

Polls `TELEGRAM_API_URL` with `BOT_TOKEN`, answers every button press and echoes text, and
logs "Echo is ready" once polling starts: the same moment `python -m bot` logs "Duet is
ready".
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message

logger = logging.getLogger("echo")


async def main() -> None:
    router = Router()

    @router.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "…")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)

    async def ready(bot: Bot) -> None:
        me = await bot.get_me()
        logger.info("Echo is ready as @%s", me.username)

    dispatcher.startup.register(ready)
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    await dispatcher.start_polling(bot, polling_timeout=1)


if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(main())
