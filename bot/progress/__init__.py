"""Achievements and couple statistics: pure rules over a user's ended sessions.

No aiogram, no database, no I/O. The caller builds `PlayedGame` records from the
history and ``game_sessions.result_json``, then stores or renders what these rules return.
"""
