"""Showing a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

import contextlib
import html as html_lib
import re

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.ui.screens import ScreenContent

ALERT_LIMIT = 200  # Telegram rejects longer callback answers


def is_not_modified(error: TelegramBadRequest) -> bool:
    return "message is not modified" in error.message


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit in place; an identical edit (a double press) is not an error."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        if not is_not_modified(error):
            raise


async def show(event: Message | CallbackQuery, screen: ScreenContent) -> None:
    """Buttons edit their own message; commands and typed text get a new message."""
    text, markup = screen
    if isinstance(event, CallbackQuery):
        if isinstance(event.message, Message) and event.message.text is not None:
            await edit(event.message, text, markup)
            return
        # A message too old for Telegram to hand back, or one with no text to replace (a
        # document, such as /export's, under forged data): send the screen fresh.
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)  # type: ignore[union-attr]
        return
    await event.answer(text, reply_markup=markup)


def alert(answer: CallbackAnswer, text: str) -> None:
    """Make the pending callback answer (sent by CallbackAnswerMiddleware) a popup alert."""
    answer.text = text[:ALERT_LIMIT]
    answer.show_alert = True


def html_to_plain(text: str) -> str:
    """Alerts are plain text: drop our markup and unescape entities."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", text))


async def answer_now(query: CallbackQuery, answer: CallbackAnswer) -> None:
    """Answer the press before slow work (editing two chats), with the alert set so far; the
    middleware then stays quiet."""
    answer.disable()
    await query.answer(text=answer.text, show_alert=answer.show_alert)


async def retire_prompt(bot: Bot, chat_id: int, prompt_id: object) -> None:
    """A prompt that asked for text ("send your new name") was answered: its Cancel button
    has nothing left to cancel. `prompt_id` comes from FSM data (anything but an int is
    ignored); a message Telegram no longer lets us edit is left as it is."""
    if not isinstance(prompt_id, int):
        return
    with contextlib.suppress(TelegramBadRequest):
        await bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=prompt_id, reply_markup=None
        )
