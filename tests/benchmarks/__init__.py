"""Benchmarks: moves, the aiogram floor, the database at scale, startup.

Run with `python -m tests.benchmarks` (see README, "Benchmarks").
"""
