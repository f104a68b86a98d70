"""Duet: a Telegram bot where couples play live two-player games."""

from bot.deferred_models import defer_aiogram_model_builds

# Before anything imports aiogram: its Bot API models are built when first used.
defer_aiogram_model_builds()
