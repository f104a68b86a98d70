"""Duet's pure game rules: no aiogram, no database, no I/O.

`games.engine` holds the contract (`Game`, `Setup`, `View`, `Outcome`),
`games.registry` the ordered list of games, `games.banks` the question banks.
"""
