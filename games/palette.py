"""Theme palettes: every symbol the games draw, as pure data."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DARK", "LIGHT", "PALETTES", "Palette", "palette_for"]


@dataclass(frozen=True)
class Palette:
    """Symbols used by views; the light and dark themes differ where contrast matters."""

    name: str
    # tic-tac-toe
    cell_empty: str
    cell_x: str
    cell_o: str
    cell_x_win: str
    cell_o_win: str
    # bars (progress, scores)
    bar_filled: str
    bar_empty: str
    # answers
    correct: str
    wrong: str
    match: str
    mismatch: str
    # reaction duel
    wait: str
    go: str
    # rock-paper-scissors
    rock: str
    paper: str
    scissors: str
    # a player's pending choice is in, but not shown
    pending: str
    # connect four: empty, each seat's piece, its last move and a winning line
    c4_empty: str = "⚪"
    c4_first: str = "🔴"
    c4_second: str = "🟡"
    c4_first_last: str = "🟥"
    c4_second_last: str = "🟨"
    c4_first_win: str = "❤️"
    c4_second_win: str = "💛"
    # sea battle: water nobody shot at, a ship, a miss, a hit, a sunk ship, water beside one
    sea_water: str = "🟦"
    sea_ship: str = "🚢"
    sea_miss: str = "⚪"
    sea_hit: str = "💥"
    sea_sunk: str = "❌"
    sea_near: str = "▫️"

    def bar(self, filled: int, total: int) -> str:
        """A bar of `total` cells, the first `filled` of them filled."""
        filled = max(0, min(filled, total))
        return self.bar_filled * filled + self.bar_empty * (total - filled)

    def preview(self) -> str:
        """A glimpse of what the theme draws (/settings): a tic-tac-toe row and a bar."""
        return f"{self.cell_x}{self.cell_o}{self.cell_empty} {self.bar(3, 5)}"


LIGHT = Palette(
    name="light",
    cell_empty="⬜",
    cell_x="❌",
    cell_o="⭕",
    cell_x_win="❎",
    cell_o_win="🟢",
    bar_filled="▰",
    bar_empty="▱",
    correct="✅",
    wrong="❌",
    match="💞",
    mismatch="💔",
    wait="🔴",
    go="🟢",
    rock="✊",
    paper="✋",
    scissors="✌️",
    pending="⏳",
)

DARK = Palette(
    name="dark",
    cell_empty="⬛",
    cell_x="✖️",
    cell_o="⚪",
    cell_x_win="❎",
    cell_o_win="🟢",
    bar_filled="●",
    bar_empty="○",
    correct="✔️",
    wrong="✖️",
    match="💖",
    mismatch="🖤",
    wait="🟥",
    go="🟩",
    rock="✊",
    paper="✋",
    scissors="✌️",
    pending="⌛",
    c4_empty="⚫",
    sea_sunk="✖️",
)

PALETTES: dict[str, Palette] = {LIGHT.name: LIGHT, DARK.name: DARK}


def palette_for(theme: str) -> Palette:
    """The palette for a `settings.theme` value; unknown themes fall back to light."""
    return PALETTES.get(theme, LIGHT)
