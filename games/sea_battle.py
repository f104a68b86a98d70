"""Sea battle («Морской бой»): sink your partner's hidden fleet before they sink yours.

The board and the fleet. Each sea is 6×6 with ships of 3, 2, 2, 1 and 1 cells (9 of 36
cells), straight, never overlapping and never touching, not even at a corner. 6×6 is the
largest square whose 36 cells, with the Give up row, stay well under Telegram's limits of 8
buttons per row and 100 per keyboard while every cell stays one tappable button on a phone;
the classic 10×10 needs 100 buttons before Give up and 10 per row. A fifth of the cells hold
ships, as in the classic game (20 of 100), so shots are neither hopeless nor trivial.

Placement. Each player gets a random fleet and may shuffle it as often as they like; the
battle starts when both tapped Ready. Manual placement is not offered.

The battle. The first player (the caller alternates it) shoots first. A hit shoots again, as
in the classic game; a miss passes the turn. A sunk ship is shown on both boards with the
water around it marked (no ship can be there), and those cells cannot be shot. The game ends
when a fleet is sunk, so it always ends: every shot takes a cell that was never shot before.

Hidden information. A player's view is built from their own fleet, the shots fired both ways
and what each shot revealed; the partner's fleet is read only where a shot hit it, until the
game ends and the survivors are shown. Button actions name cells (``s{row}{column}``), never
ships, and every unshot cell has the same label.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from games.codec import dump_dataclass, load_dataclass
from games.common import duel_outcome, final_verdict
from games.engine import NO_QUESTIONS, Button, Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import Palette
from games.text import N_, NP_, Text, plural, text

__all__ = [
    "FLEET",
    "SIZE",
    "Fleet",
    "SeaBattle",
    "SeaBattleState",
    "fleet_problems",
    "neighbours",
    "random_fleet",
    "shot",
]

SIZE = 6
FLEET: tuple[int, ...] = (3, 2, 2, 1, 1)
SHUFFLE = "shuffle"
READY = "ready"

Fleet = tuple[tuple[int, ...], ...]
"""Ships as tuples of cells (``row * SIZE + column``), in `FLEET` order."""


def shot(cell: int) -> str:
    """The action of a shot at `cell`."""
    return f"s{cell // SIZE}{cell % SIZE}"


SHOTS: Mapping[str, int] = {shot(cell): cell for cell in range(SIZE * SIZE)}
VOCABULARY: frozenset[str] = frozenset({SHUFFLE, READY, *SHOTS})


def neighbours(cell: int) -> frozenset[int]:
    """The up to 8 cells around `cell`."""
    row, column = divmod(cell, SIZE)
    return frozenset(
        r * SIZE + c
        for r in range(row - 1, row + 2)
        for c in range(column - 1, column + 2)
        if 0 <= r < SIZE and 0 <= c < SIZE and (r, c) != (row, column)
    )


def _halo(cells: Iterable[int]) -> frozenset[int]:
    """The cells around a group of cells, without the cells themselves."""
    group = frozenset(cells)
    return frozenset(n for cell in group for n in neighbours(cell)) - group


def _placements(size: int) -> list[tuple[int, ...]]:
    found = []
    for row in range(SIZE):
        for column in range(SIZE - size + 1):
            found.append(tuple(row * SIZE + column + k for k in range(size)))
    if size > 1:
        for row in range(SIZE - size + 1):
            for column in range(SIZE):
                found.append(tuple((row + k) * SIZE + column for k in range(size)))
    return found


_PLACEMENTS: Mapping[int, list[tuple[int, ...]]] = {size: _placements(size) for size in FLEET}


def random_fleet(rng: random.Random) -> Fleet:
    """A legal fleet: largest ship first, each in a random free place (retry on a dead end)."""
    while True:
        ships: list[tuple[int, ...]] = []
        blocked: set[int] = set()
        for size in FLEET:
            free = [p for p in _PLACEMENTS[size] if blocked.isdisjoint(p)]
            if not free:
                break
            ship = rng.choice(free)
            ships.append(ship)
            blocked |= set(ship) | _halo(ship)
        else:
            return tuple(ships)


def fleet_problems(fleet: Fleet) -> list[str]:
    """What makes a fleet illegal (empty for a legal one)."""
    problems = []
    if sorted((len(ship) for ship in fleet), reverse=True) != sorted(FLEET, reverse=True):
        problems.append("wrong ship sizes")
    for ship in fleet:
        if tuple(ship) not in _PLACEMENTS.get(len(ship), ()):
            problems.append(f"not a straight ship on the board: {ship}")
    for index, ship in enumerate(fleet):
        for later in fleet[index + 1 :]:
            if not (set(ship) | _halo(ship)).isdisjoint(later):
                problems.append(f"ships overlap or touch: {ship} {later}")
    return problems


def _fleet_for(seed: int, seat: int, shuffles: int) -> Fleet:
    return random_fleet(random.Random(f"sea:{seed}:{seat}:{shuffles}"))


@dataclass(frozen=True)
class SeaBattleState:
    seed: int
    first_player: int
    fleets: tuple[Fleet, Fleet]
    """Each seat's own fleet (seat 0's, seat 1's)."""
    shuffles: tuple[int, int] = (0, 0)
    ready: tuple[bool, bool] = (False, False)
    shots: tuple[tuple[int, int], ...] = ()
    """(shooter's seat, cell in the partner's sea), in order."""

    @property
    def battle(self) -> bool:
        return all(self.ready)

    @cached_property
    def fired(self) -> tuple[frozenset[int], frozenset[int]]:
        """The cells each seat has shot at (in the partner's sea)."""
        mine = [frozenset(cell for seat, cell in self.shots if seat == s) for s in (0, 1)]
        return mine[0], mine[1]

    def sunk(self, owner: int) -> tuple[tuple[int, ...], ...]:
        """`owner`'s ships that the partner has sunk."""
        fired = self.fired[other(owner)]
        return tuple(ship for ship in self.fleets[owner] if fired.issuperset(ship))

    def ship_cells(self, owner: int) -> frozenset[int]:
        return frozenset(cell for ship in self.fleets[owner] for cell in ship)

    def marked(self, owner: int) -> frozenset[int]:
        """Water around `owner`'s sunk ships: known to the shooter, not to be shot."""
        return _halo(cell for ship in self.sunk(owner) for cell in ship)

    def afloat(self, owner: int) -> int:
        return len(self.fleets[owner]) - len(self.sunk(owner))

    @cached_property
    def to_move(self) -> int:
        """Who shoots next: a hit shoots again, a miss passes the turn."""
        seat = self.first_player
        for shooter, cell in self.shots:
            if cell not in self.ship_cells(other(shooter)):
                seat = other(shooter)
        return seat

    @property
    def winner(self) -> int | None:
        for seat in (0, 1):
            if self.afloat(other(seat)) == 0:
                return seat
        return None

    @property
    def finished(self) -> bool:
        return self.winner is not None


class SeaBattle:
    key = "seabattle"
    emoji = "🚢"
    title = N_("Sea battle")
    description = N_(
        "Each hides a fleet, then you take shots at each other's sea. A hit shoots again."
    )
    category = "classic"
    cooperative = False
    animation_url: str | None = None
    questions_per_game = 0
    question_packs: Mapping[str, str] = NO_QUESTIONS

    def new(self, setup: Setup) -> SeaBattleState:
        check_player(setup.first_player)
        fleets = (_fleet_for(setup.seed, 0, 0), _fleet_for(setup.seed, 1, 0))
        return SeaBattleState(setup.seed, setup.first_player, fleets)

    def legal_actions(self, state: SeaBattleState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished:
            return frozenset()
        if not state.battle:
            return frozenset() if state.ready[player] else frozenset({SHUFFLE, READY})
        if player != state.to_move:
            return frozenset()
        closed = state.fired[player] | state.marked(other(player))
        return frozenset(action for action, cell in SHOTS.items() if cell not in closed)

    def apply(self, state: SeaBattleState, action: str, player: int, now: float) -> SeaBattleState:
        check_player(player)
        if action not in VOCABULARY:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if not state.battle:
            if action in SHOTS:
                raise IllegalMove("the fleets are not ready")
            if state.ready[player]:
                raise NotYourTurn("ready: waiting for the partner")
            if action == READY:
                ready = (True, state.ready[1]) if player == 0 else (state.ready[0], True)
                return SeaBattleState(
                    state.seed, state.first_player, state.fleets, state.shuffles, ready
                )
            counts = list(state.shuffles)
            counts[player] += 1
            fleets = list(state.fleets)
            fleets[player] = _fleet_for(state.seed, player, counts[player])
            return SeaBattleState(
                state.seed, state.first_player, (fleets[0], fleets[1]), (counts[0], counts[1])
            )
        if action not in SHOTS:
            raise IllegalMove("the fleets are already placed")
        if player != state.to_move:
            raise NotYourTurn(f"seat {state.to_move} shoots")
        cell = SHOTS[action]
        if cell in state.fired[player] or cell in state.marked(other(player)):
            raise IllegalMove(f"cell {cell} is already known")
        return SeaBattleState(
            state.seed,
            state.first_player,
            state.fleets,
            state.shuffles,
            state.ready,
            (*state.shots, (player, cell)),
        )

    def deadline(self, state: SeaBattleState) -> float | None:
        return None

    def on_deadline(self, state: SeaBattleState, now: float) -> SeaBattleState:
        return state

    # -- the view ------------------------------------------------------------------------

    def view(self, state: SeaBattleState, player: int, palette: Palette) -> View:
        check_player(player)
        partner = other(player)
        own = _own_sea(state, player, palette)
        if not state.battle:
            lines: list[Text | str] = [
                text(N_("🚢 <b>Your fleet</b>: ships of 3, 2, 2, 1 and 1 cells.")),
                *own,
                "",
            ]
            if state.ready[player]:
                lines.append(text(N_("✅ Ready! Waiting for {partner} to place their fleet…")))
                return View(tuple(lines))
            lines.append(text(N_("Shuffle until you like your fleet, then tap Ready.")))
            if state.ready[partner]:
                lines.append(text(N_("{partner} is ready and waiting for you.")))
            buttons = (
                Button(text(N_("🔀 Shuffle")), SHUFFLE),
                Button(text(N_("✅ Ready")), READY),
            )
            return View(tuple(lines), (buttons,))
        lines = [text(N_("🚢 <b>Your sea</b>")), *own, ""]
        if state.shots:
            lines.append(_last_shot(state, player))
        lines.append(
            text(
                N_("Ships afloat: you {mine} · {partner} {theirs}"),
                mine=state.afloat(player),
                theirs=state.afloat(partner),
            )
        )
        if state.finished:
            lines.append(final_verdict(state.winner, player))
            lines.append(
                plural(NP_("{n} shot fired in all.", "{n} shots fired in all."), len(state.shots))
            )
        elif state.to_move == player:
            lines.append(text(N_("🎯 Your turn: fire at {partner}'s sea below.")))
        else:
            lines.append(text(N_("{partner} is aiming at your sea…")))
        return View(tuple(lines), _target_sea(state, player, palette))

    def is_finished(self, state: SeaBattleState) -> bool:
        return state.finished

    def result(self, state: SeaBattleState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        sunk = (len(state.sunk(1)), len(state.sunk(0)))
        details = {
            "first_player": state.first_player,
            "fleets": [[list(ship) for ship in fleet] for fleet in state.fleets],
            "shots": [list(pair) for pair in state.shots],
            "ships_lost": [len(state.sunk(0)), len(state.sunk(1))],
            "hits_taken": [
                len(state.fired[1] & state.ship_cells(0)),
                len(state.fired[0] & state.ship_cells(1)),
            ],
        }
        return duel_outcome(state.winner, sunk, details)

    def dump(self, state: SeaBattleState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> SeaBattleState:
        state = load_dataclass(SeaBattleState, data)
        _validate(state)
        return state


def _own_sea(state: SeaBattleState, player: int, palette: Palette) -> list[Text | str]:
    """The player's own sea as text rows: their ships and the partner's shots."""
    ships = state.ship_cells(player)
    sunk = {cell for ship in state.sunk(player) for cell in ship}
    fired = state.fired[other(player)]
    marked = state.marked(player)
    rows: list[Text | str] = []
    for row in range(SIZE):
        symbols = []
        for cell in range(row * SIZE, row * SIZE + SIZE):
            if cell in sunk:
                symbols.append(palette.sea_sunk)
            elif cell in ships:
                symbols.append(palette.sea_hit if cell in fired else palette.sea_ship)
            elif cell in fired:
                symbols.append(palette.sea_miss)
            elif cell in marked:
                symbols.append(palette.sea_near)
            else:
                symbols.append(palette.sea_water)
        rows.append("".join(symbols))
    return rows


def _target_sea(
    state: SeaBattleState, player: int, palette: Palette
) -> tuple[tuple[Button, ...], ...]:
    """The partner's sea as buttons: only what the player's shots revealed (all at the end)."""
    partner = other(player)
    fired = state.fired[player]
    ships = state.ship_cells(partner)
    sunk = {cell for ship in state.sunk(partner) for cell in ship}
    marked = state.marked(partner)

    def symbol(cell: int) -> str:
        if cell in sunk:
            return palette.sea_sunk
        if cell in fired:
            return palette.sea_hit if cell in ships else palette.sea_miss
        if cell in marked:
            return palette.sea_near
        if state.finished and cell in ships:
            return palette.sea_ship  # the game is over: the survivors are shown
        return palette.sea_water

    return tuple(
        tuple(Button(symbol(cell), shot(cell)) for cell in range(row * SIZE, row * SIZE + SIZE))
        for row in range(SIZE)
    )


def _last_shot(state: SeaBattleState, player: int) -> Text:
    shooter, cell = state.shots[-1]
    target = other(shooter)
    if any(cell in ship for ship in state.sunk(target)):
        outcome = text(N_("🔥 a ship is sunk!"))
    elif cell in state.ship_cells(target):
        outcome = text(N_("💥 a hit!"))
    else:
        outcome = text(N_("💦 a miss."))
    if shooter == player:
        return text(N_("Your shot: {outcome}"), outcome=outcome)
    return text(N_("{partner}'s shot: {outcome}"), outcome=outcome)


def _validate(state: SeaBattleState) -> None:
    if state.first_player not in (0, 1):
        raise CorruptState("first_player must be 0 or 1")
    for fleet in state.fleets:
        problems = fleet_problems(fleet)
        if problems:
            raise CorruptState("; ".join(problems))
    if any(count < 0 for count in state.shuffles):
        raise CorruptState("negative shuffle count")
    if state.shots and not state.battle:
        raise CorruptState("shots before both fleets are ready")
    replay = SeaBattleState(
        state.seed, state.first_player, state.fleets, state.shuffles, state.ready
    )
    game = SeaBattle()
    for shooter, cell in state.shots:
        if shooter not in (0, 1) or not 0 <= cell < SIZE * SIZE:
            raise CorruptState("a shot off the board")
        try:
            replay = game.apply(replay, shot(cell), shooter, 0.0)
        except (GameOver, NotYourTurn, IllegalMove) as exc:
            raise CorruptState(f"impossible shot: {exc}") from exc
