"""Domain services: what handlers call. They own transactions and never touch aiogram types."""
