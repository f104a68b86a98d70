"""Truth or dare: turns, confirmations, skips, stopping, views and the cards themselves."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from games.banks import PACKS, SPICY
from games.banks.truth_or_dare import BY_ID, CARDS, Card
from games.engine import Setup
from games.errors import CorruptState, GameOver, IllegalMove, NotYourTurn, UnknownAction
from games.palette import LIGHT
from games.registry import get_game
from games.text import to_english
from games.truth_or_dare import (
    CARDS_PER_GAME,
    SKIPS,
    TruthOrDare,
    TruthOrDareState,
    short_result,
)

GAME = TruthOrDare()
DECK = tuple(card.id for card in CARDS if card.pack != SPICY)[:CARDS_PER_GAME]
ROOT = Path(__file__).resolve().parents[2]
MINIMUM_CARDS = 100  # everyday truths and dares each, per language (18+ ones come on top)
PER_PACK = 10  # one game's deck: a pack offered alone must fill one


def new(first: int = 0) -> TruthOrDareState:
    return GAME.new(Setup(first_player=first, questions=DECK))


def play(state: TruthOrDareState, *moves: tuple[int, str]) -> TruthOrDareState:
    for seat, action in moves:
        state = GAME.apply(state, action, seat, 0.0)
    return state


def english(state: TruthOrDareState, seat: int) -> str:
    view = GAME.view(state, seat, LIGHT)
    lines = [to_english(line, partner="Bob", me="Ann") for line in view.lines]
    labels = [to_english(b.label, partner="Bob", me="Ann") for row in view.keyboard for b in row]
    shown = "\n".join(lines) + "\n[" + "] [".join(labels) + "]"
    return re.sub(r"</?[bi]>", "", shown)


def test_registered_as_a_cooperative_romantic_game_dealing_ten_cards() -> None:
    game = get_game("truthordare")
    assert isinstance(game, TruthOrDare)
    assert game.cooperative and game.category == "romantic"
    assert game.questions_per_game == CARDS_PER_GAME == 10
    assert set(game.question_packs) == set(BY_ID)
    assert set(game.question_packs.values()) <= set(PACKS)


def test_a_turn_picks_shows_the_prompt_to_both_and_the_partner_confirms() -> None:
    state = new(first=1)
    assert GAME.legal_actions(state, 1) == {"truth", "dare", "stop"}
    assert GAME.legal_actions(state, 0) == {"stop"}
    assert "Your turn: truth or dare?" in english(state, 1)
    assert "Bob is choosing: truth or dare…" in english(state, 0)
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "truth", 0, 0.0)
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "done", 0, 0.0)  # nothing picked yet

    state = play(state, (1, "truth"))
    truth = to_english(CARDS[0].truth)
    assert "Truth — Bob asks you:" in english(state, 1) and truth in english(state, 1)
    assert "Truth — you ask Bob:" in english(state, 0) and truth in english(state, 0)
    assert "[✅ Answered]" in english(state, 0) and "✅" not in english(state, 1)
    with pytest.raises(IllegalMove):
        GAME.apply(state, "dare", 1, 0.0)  # picked is picked
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "done", 1, 0.0)  # the partner confirms, not the player

    state = play(state, (0, "done"))
    assert state.turns == (("truth", "done"),) and state.choice is None
    assert state.to_move == 0  # turns alternate
    assert "✅ Your truth: answered." in english(state, 1)
    assert "✅ Bob's truth: answered." in english(state, 0)
    assert "Card 2 of 10" in english(state, 0)

    state = play(state, (0, "dare"))
    assert "Dare — Bob dares you:" in english(state, 0)
    assert "Dare — your dare for Bob:" in english(state, 1)
    assert "[✅ Done]" in english(state, 1)


def test_skips_are_limited_and_pass_the_turn() -> None:
    state = new()
    for _ in range(SKIPS):
        state = play(state, (0, "dare"), (0, "skip"), (1, "truth"), (0, "done"))
    assert state.skips_left(0) == 0 and state.skips_left(1) == SKIPS
    state = play(state, (0, "truth"))
    assert "skip" not in GAME.legal_actions(state, 0)
    assert "No skips left in this game." in english(state, 0)
    with pytest.raises(IllegalMove):
        GAME.apply(state, "skip", 0, 0.0)
    with pytest.raises(NotYourTurn):
        GAME.apply(state, "skip", 1, 0.0)  # only the one whose turn it is
    with pytest.raises(IllegalMove):
        GAME.apply(new(), "skip", 0, 0.0)  # nothing to skip before picking


def test_skip_button_counts_down() -> None:
    state = play(new(), (0, "dare"))
    assert "[⏭ Skip · 2 left]" in english(state, 0)
    state = play(state, (0, "skip"), (1, "dare"), (0, "done"), (0, "truth"))
    assert "[⏭ Skip · 1 left]" in english(state, 0)
    assert "⏭ Your dare: skipped." not in english(state, 0)


def test_ten_cards_then_the_game_is_over_with_a_recap_and_nobody_wins() -> None:
    state = new()
    kinds = itertools.cycle(["truth", "dare", "dare"])
    for turn in range(CARDS_PER_GAME):
        player = turn % 2
        state = play(state, (player, next(kinds)), (1 - player, "done"))
    assert GAME.is_finished(state)
    assert GAME.legal_actions(state, 0) == GAME.legal_actions(state, 1) == frozenset()
    with pytest.raises(GameOver):
        GAME.apply(state, "truth", 0, 0.0)
    outcome = GAME.result(state)
    assert outcome.winner is None
    assert outcome.short == ("💬 4 · 🎯 6",) * 2 == (short_result(state),) * 2
    assert outcome.scores == (5, 5)
    assert [t["kind"] for t in outcome.details["turns"]][:3] == ["truth", "dare", "dare"]
    recap = english(state, 1)
    assert "That was the last card." in recap
    assert "💬 Truths answered: 4" in recap and "🎯 Dares done: 6" in recap
    assert recap.count("✅") == 10 and "\n10. ✅" in recap
    assert "You · dare" in recap and "Bob · truth" in recap
    assert GAME.view(state, 0, LIGHT).keyboard == ()


def test_stop_asks_first_then_ends_it_for_both() -> None:
    state = play(new(), (0, "truth"), (1, "done"), (1, "dare"))
    asked = play(state, (0, "stop"))
    assert GAME.legal_actions(asked, 0) == {"stopyes", "stopno"}
    assert "Stop the game for both of you?" in english(asked, 0)
    assert "[⏹ Yes, stop] [▶️ Keep playing]" in english(asked, 0)
    assert "Stop the game" not in english(asked, 1)
    assert "skip" in GAME.legal_actions(asked, 1)  # the partner plays on meanwhile
    with pytest.raises(IllegalMove):
        GAME.apply(asked, "stop", 0, 0.0)
    with pytest.raises(IllegalMove):
        GAME.apply(asked, "done", 0, 0.0)
    with pytest.raises(IllegalMove):
        GAME.apply(state, "stopyes", 0, 0.0)  # never asked
    assert play(asked, (0, "stopno")) == state

    stopped = play(asked, (0, "stopyes"))
    assert GAME.is_finished(stopped) and stopped.stopped_by == 0
    assert "⏹ You stopped the game." in english(stopped, 0)
    assert "⏹ Bob stopped the game." in english(stopped, 1)
    outcome = GAME.result(stopped)
    assert outcome.winner is None and outcome.short == ("💬 1 · 🎯 0",) * 2
    assert outcome.details["stopped_by"] == 0


def test_the_last_card_ends_the_game_even_while_someone_is_asked_to_stop() -> None:
    state = new()
    for turn in range(CARDS_PER_GAME - 1):
        state = play(state, (turn % 2, "dare"), (1 - turn % 2, "done"))
    state = play(state, (1, "truth"), (1, "stop"))  # card 10 is seat 1's
    assert state.stopping == (False, True)
    ended = play(state, (0, "done"))
    assert GAME.is_finished(ended) and ended.stopping == (False, False)
    assert ended.stopped_by is None
    assert GAME.load(GAME.dump(ended)) == ended


def test_live_views_stop_the_game_themselves() -> None:
    state = new()
    for seat in (0, 1):
        assert GAME.view(state, seat, LIGHT).stoppable
        assert "stop" in GAME.view(state, seat, LIGHT).actions


def test_unknown_actions_and_bad_setups() -> None:
    with pytest.raises(UnknownAction):
        GAME.apply(new(), "a0", 0, 0.0)
    with pytest.raises(ValueError, match="distinct"):
        GAME.new(Setup(questions=DECK[:3]))
    with pytest.raises(ValueError, match="unknown"):
        GAME.new(Setup(questions=("nope", *DECK[1:])))


def test_a_deal_without_cards_is_everyday() -> None:
    for seed in range(30):
        state = GAME.new(Setup(seed=seed))
        assert len(set(state.cards)) == CARDS_PER_GAME
        assert all(BY_ID[card].pack != SPICY for card in state.cards)


def test_load_rejects_impossible_states() -> None:
    good = GAME.dump(play(new(), (0, "truth")))
    assert GAME.load(good) == play(new(), (0, "truth"))
    bad_states = [
        {**good, "cards": good["cards"][:9]},
        {**good, "cards": ["nope", *good["cards"][1:]]},
        {**good, "turns": [["truth", "done"]] * 11},
        {**good, "turns": [["truth", "skipped"], ["dare", "done"]] * 3},  # 3 skips for seat 0
        {**good, "turns": [["poem", "done"]]},
        {**good, "choice": "poem"},
        {**good, "stopped_by": 2},
        {**good, "stopped_by": 1},  # stopped with a prompt pending
        {**good, "first_player": 3},
    ]
    for data in bad_states:
        with pytest.raises(CorruptState):
            GAME.load(data)


# -- the cards as a product -------------------------------------------------------------

STOP_WORDS = frozenset(
    """a an the and or of to in on at for with from by is are be do does did you your yours
    me my we us our i it this that what which who how when where why would could should
    most more ever one if as so than about ли и в во на с со к ко по о об от за из у что
    как какой какая какое какие ты тебе тебя твой твоя твоё твои мы нас нам наш наша
    наше наши я мне меня мной мой моя моё мои это бы же ещё или а но если""".split()  # noqa: SIM905
)


def russian() -> dict[str, str]:
    with (ROOT / "locales" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="ru")
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and not m.fuzzy}


RU = russian()


def words(text: str) -> frozenset[str]:
    found = re.findall(r"\w+", text.casefold())
    return frozenset(w for w in found if w not in STOP_WORDS and not w.isdigit())


def side(card: Card, kind: str, language: str) -> str:
    msgid = card.truth if kind == "truth" else card.dare
    return msgid if language == "en" else RU.get(msgid, "")


def test_enough_cards_in_every_pack() -> None:
    everyday = [card for card in CARDS if card.pack != SPICY]
    assert len(everyday) >= MINIMUM_CARDS
    assert sum(card.pack == SPICY for card in CARDS) >= PER_PACK
    assert len(BY_ID) == len(CARDS)
    for card in CARDS:
        assert re.fullmatch(r"td_[a-z0-9_]+", card.id)
        assert card.truth != card.dare
    packs = Counter(card.pack for card in CARDS)
    assert set(packs) == set(PACKS)
    assert min(packs.values()) >= PER_PACK, packs


@pytest.mark.parametrize("kind", ["truth", "dare"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_duplicates_or_near_duplicates(kind: str, language: str) -> None:
    prompts = [(card.id, words(side(card, kind, language))) for card in CARDS]
    same = [
        (a, b)
        for (a, words_a), (b, words_b) in itertools.combinations(prompts, 2)
        if words_a == words_b
        or (min(len(words_a), len(words_b)) >= 3 and (words_a <= words_b or words_b <= words_a))
    ]
    assert same == []


def test_every_card_is_translated_and_reads_as_one_sentence_or_two() -> None:
    for card in CARDS:
        for kind in ("truth", "dare"):
            english_text, translated = side(card, kind, "en"), side(card, kind, "ru")
            assert translated, f"{card.id} {kind}: untranslated"
            for found in (english_text, translated):
                assert found == found.strip() and len(found) <= 140, found
                assert "{" not in found and "<" not in found, found
            # Russian says «ты» and never needs the player's gender.
            assert not re.search(r"\b(вы|вас|вам|ваш\w*)\b", translated.casefold()), translated
            assert not re.search(r"[а-яё]\((а|ла|ась)\)", translated), translated


def test_content_stats_count_the_cards_by_pack_and_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.cli import main

    assert main(["content", "stats"]) == 0
    table = capsys.readouterr().out.splitlines()
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in table[2:]}
    count = str(len(CARDS))
    assert rows[("truthordare", "all")] == [count, count, count]  # cards, en, ru
    for pack, number in Counter(card.pack for card in CARDS).items():
        assert rows[("truthordare", pack)] == [str(number)] * 3


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), first=st.sampled_from([0, 1]))
def test_any_legal_play_ends_within_the_deck_and_reads_back(seed: int, first: int) -> None:
    """Random legal presses from both seats (stops, cancels and skips included): every
    state reads back from its dump, nobody skips more than allowed, turns alternate, and
    the game ends by the last card or a confirmed stop."""
    rng = random.Random(seed)
    state = new(first)
    for _ in range(400):
        if GAME.is_finished(state):
            break
        moves = [(seat, a) for seat in (0, 1) for a in sorted(GAME.legal_actions(state, seat))]
        seat, action = rng.choice(moves)
        state = GAME.apply(state, action, seat, 0.0)
        assert GAME.load(GAME.dump(state)) == state
        assert all(state.skips_left(player) >= 0 for player in (0, 1))
        assert [state.player_of(turn) for turn in range(state.turn)] == [
            (first + turn) % 2 for turn in range(state.turn)
        ]
    assert GAME.is_finished(state)
    assert state.turn == CARDS_PER_GAME or state.stopped_by is not None
    outcome = GAME.result(state)
    assert outcome.winner is None and outcome.short[0] == outcome.short[1]
