"""Duet: a Telegram bot where couples play live two-player games."""
