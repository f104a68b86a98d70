"""Telegram presentation shared by handlers: callback data, keyboards, formatting, screens."""
