"""Truth or dare: a conversational game for two, with no winner.

The partners take turns. The one whose turn it is picks 💬 Truth or 🎯 Dare and both see
the prompt, written as the partner asking ("What did you first notice about me?"). The
answer happens between the two of them (out loud, in their own chat, by voice); the partner
confirms it with ✅, or the one whose turn it is skips it, at most `SKIPS` times a game.
Either way the turn passes.

A game deals `CARDS_PER_GAME` cards from the bank (the bot picks them from the couple's
packs, the 18+ one only when both partners opened it); each card has a truth on one side
and a dare on the other, and a turn plays one card. After the last card the game is over;
either partner may stop it earlier (⏹ Stop, then a confirmation). Both endings are a
finished game that nobody wins: its result counts the truths answered and dares done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from games.banks import SPICY
from games.banks.truth_or_dare import BY_ID, CARDS, Card
from games.codec import dump_dataclass, load_dataclass
from games.engine import Button, Outcome, Setup, View, check_player, other
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import Palette
from games.question_order import Asked, next_questions
from games.text import N_, Text, text

__all__ = ["CARDS_PER_GAME", "DARE", "SKIPS", "TRUTH", "TruthOrDare", "TruthOrDareState"]

CARDS_PER_GAME = 10
"""Turns in a game: five each."""
SKIPS = 2
"""Prompts each partner may skip in one game."""

TRUTH, DARE = "truth", "dare"
KINDS: tuple[str, ...] = (TRUTH, DARE)
DONE, SKIPPED = "done", "skipped"
STOP, STOP_YES, STOP_NO = "stop", "stopyes", "stopno"
ACTIONS: frozenset[str] = frozenset({TRUTH, DARE, DONE, "skip", STOP, STOP_YES, STOP_NO})

_KIND_ICON = {TRUTH: "💬", DARE: "🎯"}
_OUTCOME_ICON = {DONE: "✅", SKIPPED: "⏭"}


@dataclass(frozen=True)
class TruthOrDareState:
    cards: tuple[str, ...]
    """The game's deck: card ids, one per turn."""
    first_player: int = 0
    """Whose turn the first card is; turns alternate."""
    turns: tuple[tuple[str, str], ...] = ()
    """Played turns: (TRUTH or DARE, DONE or SKIPPED)."""
    choice: str | None = None
    """The kind picked this turn (its prompt is on both screens), or None while picking."""
    stopping: tuple[bool, bool] = (False, False)
    """Who pressed ⏹ Stop and is asked to confirm."""
    stopped_by: int | None = None

    @property
    def turn(self) -> int:
        return len(self.turns)

    @property
    def to_move(self) -> int:
        """The seat whose turn it is (who picks, answers, or skips)."""
        return self.first_player if self.turn % 2 == 0 else other(self.first_player)

    @property
    def finished(self) -> bool:
        return self.stopped_by is not None or self.turn >= len(self.cards)

    def card(self, turn: int) -> Card:
        return BY_ID[self.cards[turn]]

    def player_of(self, turn: int) -> int:
        return self.first_player if turn % 2 == 0 else other(self.first_player)

    def skips_left(self, player: int) -> int:
        used = sum(
            1
            for turn, (_, outcome) in enumerate(self.turns)
            if outcome == SKIPPED and self.player_of(turn) == player
        )
        return SKIPS - used

    def count(self, kind: str, player: int | None = None) -> int:
        """Prompts of `kind` carried out (by `player`, or by both)."""
        return sum(
            1
            for turn, (played, outcome) in enumerate(self.turns)
            if played == kind
            and outcome == DONE
            and (player is None or self.player_of(turn) == player)
        )


def prompt(card: Card, kind: str) -> str:
    """The card's msgid for `kind`."""
    return card.truth if kind == TRUTH else card.dare


def short_result(state: TruthOrDareState) -> str:
    """``history.result_short``: the couple's truths answered and dares done ("💬 3 · 🎯 4"),
    the same from both sides and in every language."""
    return f"💬 {state.count(TRUTH)} · 🎯 {state.count(DARE)}"


class TruthOrDare:
    key = "truthordare"
    emoji = "🎭"
    title = N_("Truth or dare")
    description = N_(
        "Take turns: pick a truth to answer or a dare to do, your partner confirms. "
        "No winner, just the two of you."
    )
    category = "romantic"
    cooperative = True
    animation_url: str | None = None
    questions_per_game = CARDS_PER_GAME
    question_packs: Mapping[str, str] = MappingProxyType({c.id: c.pack for c in CARDS})

    def new(self, setup: Setup) -> TruthOrDareState:
        cards = setup.questions or _first_deal(setup.seed)
        if len(cards) != CARDS_PER_GAME or len(set(cards)) != len(cards):
            raise ValueError(f"expected {CARDS_PER_GAME} distinct cards, got {cards!r}")
        unknown = [card for card in cards if card not in BY_ID]
        if unknown:
            raise ValueError(f"unknown cards: {unknown}")
        return TruthOrDareState(tuple(cards), first_player=check_player(setup.first_player))

    def legal_actions(self, state: TruthOrDareState, player: int) -> frozenset[str]:
        check_player(player)
        if state.finished:
            return frozenset()
        if state.stopping[player]:
            return frozenset({STOP_YES, STOP_NO})
        actions = {STOP}
        if state.choice is None:
            if player == state.to_move:
                actions |= {TRUTH, DARE}
        elif player != state.to_move:
            actions.add(DONE)
        elif state.skips_left(player) > 0:
            actions.add("skip")
        return frozenset(actions)

    def apply(
        self, state: TruthOrDareState, action: str, player: int, now: float
    ) -> TruthOrDareState:
        check_player(player)
        if action not in ACTIONS:
            raise UnknownAction(action)
        if state.finished:
            raise GameOver(self.key)
        if action in (STOP, STOP_YES, STOP_NO):
            return self._stop(state, action, player)
        if state.stopping[player]:
            raise IllegalMove("confirm or cancel stopping first")
        if action in KINDS:
            if player != state.to_move:
                raise NotYourTurn("the partner picks")
            if state.choice is not None:
                raise IllegalMove("already picked")
            return replace(state, choice=action)
        if action == DONE:
            if player == state.to_move or state.choice is None:
                raise NotYourTurn("the partner confirms a prompt once it is picked")
            return _played(state, DONE)
        # skip
        if player != state.to_move:
            raise NotYourTurn("only the one whose turn it is skips")
        if state.choice is None:
            raise IllegalMove("nothing to skip yet")
        if state.skips_left(player) <= 0:
            raise IllegalMove("no skips left")
        return _played(state, SKIPPED)

    @staticmethod
    def _stop(state: TruthOrDareState, action: str, player: int) -> TruthOrDareState:
        asked = state.stopping[player]
        if action == STOP:
            if asked:
                raise IllegalMove("already asked to stop")
            return replace(state, stopping=_with(state.stopping, player, True))
        if not asked:
            raise IllegalMove("stop was not asked")
        if action == STOP_NO:
            return replace(state, stopping=_with(state.stopping, player, False))
        return replace(state, choice=None, stopping=(False, False), stopped_by=player)

    def deadline(self, state: TruthOrDareState) -> float | None:
        return None

    def on_deadline(self, state: TruthOrDareState, now: float) -> TruthOrDareState:
        return state

    def view(self, state: TruthOrDareState, player: int, palette: Palette) -> View:
        check_player(player)
        if state.finished:
            return View(tuple(_recap(state, player)))
        lines: list[Text | str] = []
        if state.turns:
            lines.append(_last_turn(state, player))
            lines.append("")
        lines.append(
            text(
                N_("<b>Card {n} of {total}</b>"),
                n=state.turn + 1,
                total=len(state.cards),
            )
        )
        mine = player == state.to_move
        keyboard: list[tuple[Button, ...]] = []
        if state.choice is None:
            if mine:
                lines.append(text(N_("Your turn: truth or dare?")))
                keyboard.append(
                    (
                        Button(text(N_("💬 Truth")), TRUTH),
                        Button(text(N_("🎯 Dare")), DARE),
                    )
                )
            else:
                lines.append(text(N_("{partner} is choosing: truth or dare…")))
        else:
            lines += _prompt_lines(state, player)
            if mine:
                left = state.skips_left(player)
                if left > 0:
                    keyboard.append((Button(text(N_("⏭ Skip · {n} left"), n=left), "skip"),))
                else:
                    lines.append(text(N_("No skips left in this game.")))
            else:
                label = N_("✅ Answered") if state.choice == TRUTH else N_("✅ Done")
                keyboard.append((Button(text(label), DONE),))
        if state.stopping[player]:
            lines += ["", text(N_("⏹ <b>Stop the game for both of you?</b>"))]
            keyboard = [
                (
                    Button(text(N_("⏹ Yes, stop")), STOP_YES),
                    Button(text(N_("▶️ Keep playing")), STOP_NO),
                )
            ]
        else:
            keyboard.append((Button(text(N_("⏹ Stop")), STOP),))
        return View(tuple(lines), tuple(keyboard), stoppable=True)

    def is_finished(self, state: TruthOrDareState) -> bool:
        return state.finished

    def result(self, state: TruthOrDareState) -> Outcome:
        if not state.finished:
            raise ValueError("the game is not finished")
        short = short_result(state)
        played = [
            {
                "card": state.cards[turn],
                "player": state.player_of(turn),
                "kind": kind,
                "outcome": outcome,
            }
            for turn, (kind, outcome) in enumerate(state.turns)
        ]
        details = {
            "cards": list(state.cards),
            "first_player": state.first_player,
            "turns": played,
            "truths": state.count(TRUTH),
            "dares": state.count(DARE),
            "stopped_by": state.stopped_by,
        }
        done = (
            state.count(TRUTH, 0) + state.count(DARE, 0),
            state.count(TRUTH, 1) + state.count(DARE, 1),
        )
        return Outcome(winner=None, scores=done, short=(short, short), details=details)

    def dump(self, state: TruthOrDareState) -> dict[str, Any]:
        return dump_dataclass(state)

    def load(self, data: Mapping[str, Any]) -> TruthOrDareState:
        state = load_dataclass(TruthOrDareState, data)
        _validate(state)
        return state


def _played(state: TruthOrDareState, outcome: str) -> TruthOrDareState:
    """The turn is over: the next card, or the end (where nobody is asked to stop any more)."""
    assert state.choice is not None
    after = replace(state, turns=(*state.turns, (state.choice, outcome)), choice=None)
    return replace(after, stopping=(False, False)) if after.finished else after


def _with(flags: tuple[bool, bool], player: int, value: bool) -> tuple[bool, bool]:
    return (value, flags[1]) if player == 0 else (flags[0], value)


def _first_deal(seed: int) -> tuple[str, ...]:
    """Cards for a game set up without a deal (tests, the playground's pure runs): the
    everyday cards in the seed's order. The bot always deals from the couple's packs."""
    everyday = [card.id for card in CARDS if card.pack != SPICY]
    picked = next_questions(tuple(BY_ID), everyday, seed, Asked(), CARDS_PER_GAME)
    return tuple(card for card, _ in picked)


def _prompt_lines(state: TruthOrDareState, player: int) -> list[Text | str]:
    assert state.choice is not None
    card = state.card(state.turn)
    asked = Text(prompt(card, state.choice))
    if player == state.to_move:
        if state.choice == TRUTH:
            header = N_("💬 <b>Truth</b> — {partner} asks you:")
            hint = N_("Answer {partner} out loud, in your chat or by voice; {partner} confirms.")
        else:
            header = N_("🎯 <b>Dare</b> — {partner} dares you:")
            hint = N_("Do it while {partner} watches or send proof; {partner} confirms.")
    elif state.choice == TRUTH:
        header = N_("💬 <b>Truth</b> — you ask {partner}:")
        hint = N_("Tap ✅ once {partner} has answered.")
    else:
        header = N_("🎯 <b>Dare</b> — your dare for {partner}:")
        hint = N_("Tap ✅ once {partner} has done it.")
    return [text(header), text(N_("<i>{prompt}</i>"), prompt=asked), text(hint)]


def _last_turn(state: TruthOrDareState, player: int) -> Text:
    turn = state.turn - 1
    kind, outcome = state.turns[turn]
    mine = state.player_of(turn) == player
    messages = {
        (True, TRUTH, DONE): N_("✅ Your truth: answered."),
        (True, DARE, DONE): N_("✅ Your dare: done."),
        (True, TRUTH, SKIPPED): N_("⏭ Your truth: skipped."),
        (True, DARE, SKIPPED): N_("⏭ Your dare: skipped."),
        (False, TRUTH, DONE): N_("✅ {partner}'s truth: answered."),
        (False, DARE, DONE): N_("✅ {partner}'s dare: done."),
        (False, TRUTH, SKIPPED): N_("⏭ {partner}'s truth: skipped."),
        (False, DARE, SKIPPED): N_("⏭ {partner}'s dare: skipped."),
    }
    return text(messages[mine, kind, outcome])


def _recap(state: TruthOrDareState, player: int) -> list[Text | str]:
    """Every card played, who had it and how it went, then the couple's count: kept on the
    final screen (and in /history)."""
    lines: list[Text | str] = []
    if state.stopped_by is None:
        lines.append(text(N_("🃏 <b>That was the last card.</b>")))
    elif state.stopped_by == player:
        lines.append(text(N_("⏹ You stopped the game.")))
    else:
        lines.append(text(N_("⏹ {partner} stopped the game.")))
    for turn, (kind, outcome) in enumerate(state.turns):
        line = (
            N_("<b>{n}.</b> {mark} You · {kind}: <i>{prompt}</i>")
            if state.player_of(turn) == player
            else N_("<b>{n}.</b> {mark} {partner} · {kind}: <i>{prompt}</i>")
        )
        lines.append(
            text(
                line,
                n=turn + 1,
                mark=_OUTCOME_ICON[outcome],
                kind=text(N_("truth") if kind == TRUTH else N_("dare")),
                prompt=Text(prompt(state.card(turn), kind)),
            )
        )
    skipped = sum(outcome == SKIPPED for _, outcome in state.turns)
    lines += [
        "",
        text(N_("💬 Truths answered: {n}"), n=state.count(TRUTH)),
        text(N_("🎯 Dares done: {n}"), n=state.count(DARE)),
    ]
    if skipped:
        lines.append(text(N_("⏭ Skipped: {n}"), n=skipped))
    if state.turns:
        lines.append(text(N_("Thank you for playing together. Another deck? Tap 🔁 Rematch.")))
    return lines


def _validate(state: TruthOrDareState) -> None:
    cards = state.cards
    if len(cards) != CARDS_PER_GAME or len(set(cards)) != len(cards):
        raise CorruptState("a deck is ten distinct cards")
    if any(card not in BY_ID for card in cards):
        raise CorruptState("unknown card")
    if state.first_player not in (0, 1):
        raise CorruptState("first_player must be 0 or 1")
    if len(state.turns) > len(cards):
        raise CorruptState("more turns than cards")
    if any(kind not in KINDS or outcome not in (DONE, SKIPPED) for kind, outcome in state.turns):
        raise CorruptState("unknown turn")
    if any(state.skips_left(seat) < 0 for seat in (0, 1)):
        raise CorruptState("too many skips")
    if state.choice is not None and state.choice not in KINDS:
        raise CorruptState("unknown choice")
    if state.stopped_by not in (None, 0, 1):
        raise CorruptState("stopped_by must be a seat")
    if state.finished and (state.choice is not None or any(state.stopping)):
        raise CorruptState("a finished game has nothing pending")
