"""All games, in the order the bot offers them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from games.connect_four import ConnectFour
from games.engine import CATEGORIES, Game
from games.insync import InSync
from games.quiz import Quiz
from games.reaction import Reaction
from games.rps import Rps
from games.sea_battle import SeaBattle
from games.tictactoe import TicTacToe
from games.truth_or_dare import TruthOrDare

__all__ = ["GAMES", "get_game"]

GAMES: tuple[Game[Any], ...] = (
    TicTacToe(),
    Rps(),
    Reaction(),
    Quiz(),
    InSync(),
    TruthOrDare(),
    ConnectFour(),
    SeaBattle(),
)

_BY_KEY: Mapping[str, Game[Any]] = MappingProxyType({game.key: game for game in GAMES})

if len(_BY_KEY) != len(GAMES) or any(game.category not in CATEGORIES for game in GAMES):
    raise RuntimeError("game keys must be unique and categories known")


def get_game(key: str) -> Game[Any]:
    """The game with this key; raises `KeyError` for an unknown key."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown game {key!r}") from None
