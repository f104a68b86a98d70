"""Duet: a Telegram bot where couples play live two-player games."""

from bot.deferred_models import defer_aiogram_model_builds, deferral_wanted

# Before anything imports aiogram: its Bot API models are built when first used, unless
# DEFER_MODEL_BUILDS=0 (the environment or .env) asks for aiogram's own eager import.
if deferral_wanted():
    defer_aiogram_model_builds()
