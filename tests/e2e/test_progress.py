"""History, couple stats and achievements end to end, from real games only."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from bot.catalogs import LOCALES, read_catalog
from bot.fake_bot_api import ChatMessage, FakeUser
from bot.progress.summary import load_summaries
from bot.services.progress import RULES
from bot.ui.callbacks import HistoryCb
from db.repositories.history import HistoryKey
from games.registry import GAMES
from tests.e2e.flows import (
    couple,
    daily_options,
    game_message,
    go_recorded,
    make_couple,
    move_buttons,
    open_home,
    play_and_give_up,
    play_and_win,
    press_cell,
    say,
    start_game,
)
from tests.e2e.harness import Duet

RUSSIAN = read_catalog(LOCALES / "ru" / "LC_MESSAGES" / "messages.po", "ru")


async def unlocked(duet: Duet, user_id: int) -> set[str]:
    async with duet.database.read() as uow:
        rows = await uow.conn.fetch_all(
            "SELECT a.slug FROM user_achievements ua JOIN achievements a"
            " ON a.id = ua.achievement_id WHERE ua.user_id = ? AND ua.achieved_at IS NOT NULL",
            (user_id,),
        )
    return {row[0] for row in rows}


async def test_empty_history_says_how_to_start(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    screen = await say(duet, alice, "/history")
    assert "No games yet" in screen.text
    assert "🎮 Play" in screen.button_labels()


async def test_history_pages_newest_first_with_localized_dates(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for number in range(26):
        duet.clock.advance(timedelta(hours=1))
        loser = boris if number % 2 == 0 else alice
        await play_and_give_up(duet, alice, boris, loser)
    screen = await say(duet, alice, "/history")
    # Борис, her partner, is named once: in the header, not on every game.
    header, games = screen.text.split("\n\n", 1)
    assert header == "📜 History with Борис · page 1 of 3" and "Борис" not in games
    entries = re.findall(r"\d+\. Tic-tac-toe · (.+)\n(.+)", screen.text)
    assert len(entries) == 10
    # Babel separates "PM" with a narrow no-break space, as CLDR says.
    # The 26th game, newest first: Alice gave up; before it, Борис did.
    assert entries[0] == ("🏳️ gave up", "Nov 25, 2026, 8:00\u202fPM")
    assert entries[1] == ("🏆 win by forfeit", "Nov 25, 2026, 7:00\u202fPM")
    await alice.press("Older ▶️")
    await alice.press("Older ▶️")
    assert "page 3 of 3" in screen.text
    assert len(re.findall("Tic-tac-toe · ", screen.text)) == 6
    assert "Older ▶️" not in screen.button_labels()
    await alice.press("◀️ Newer")
    assert "page 2 of 3" in screen.text

    ru = await say(duet, boris, "/history")  # in Moscow time
    assert ru.text.startswith("📜 История: ты и Alice · страница 1 из 3\n\n")
    assert "1. Крестики-нолики · 🏆 техническая победа\n25 ноября 2026, 23:00" in ru.text
    assert "2. Крестики-нолики · 🏳️ партия сдана\n25 ноября 2026, 22:00" in ru.text


def _times(screen: ChatMessage) -> list[str]:
    """The played-at times of the games on a history screen, top to bottom."""
    return re.findall(r"\d+\. Tic-tac-toe · .+\n(.+)", screen.text)


async def test_history_walks_older_to_the_last_page_and_newer_back_to_the_first(
    duet: Duet,
) -> None:
    alice, boris = await couple(duet)
    for _ in range(23):  # three pages: 10, 10 and 3 games
        duet.clock.advance(timedelta(hours=1))
        await play_and_give_up(duet, alice, boris, boris)
    screen = await say(duet, alice, "/history")
    pages = [_times(screen)]
    assert "page 1 of 3" in screen.text and "◀️ Newer" not in screen.button_labels()
    for number in (2, 3):
        await alice.press("Older ▶️", message=screen)
        assert f"page {number} of 3" in screen.text
        pages.append(_times(screen))
    assert [len(page) for page in pages] == [10, 10, 3]
    assert "Older ▶️" not in screen.button_labels()
    every = [time for page in pages for time in page]
    assert len(set(every)) == 23  # each game once: no gap, no repeat
    assert pages[0][0] == "Nov 25, 2026, 5:00\u202fPM"  # the 23rd game, newest first

    # A game finishes while Alice reads the last page: the pages she walks back through
    # keep their rows (the numbers may lag, never out of range) until the newest page.
    duet.clock.advance(timedelta(hours=1))
    await play_and_give_up(duet, boris, alice, alice)
    await alice.press("◀️ Newer", message=screen)
    assert "page 2 of 3" in screen.text and _times(screen) == pages[1]
    await alice.press("◀️ Newer", message=screen)
    assert _times(screen) == pages[0]
    assert "page 2 of 3" in screen.text  # a newer game is still above: not page 1 yet
    assert "◀️ Newer" in screen.button_labels()
    await alice.press("◀️ Newer", message=screen)
    assert "page 1 of 3" in screen.text
    assert _times(screen) == ["Nov 25, 2026, 6:00\u202fPM", *pages[0][:9]]
    labels = screen.button_labels()  # ten games to open, then "Older" and no "Newer": the top
    assert labels[:11] == [*(f"🔎 {n}" for n in range(1, 11)), "Older ▶️"]
    assert screen.text == (await say(duet, alice, "/history")).text


async def test_a_stale_history_button_after_the_history_was_erased(duet: Duet) -> None:
    alice, boris = await couple(duet)
    for _ in range(12):  # two pages
        duet.clock.advance(timedelta(hours=1))
        await play_and_give_up(duet, alice, boris, boris)
    first = await say(duet, alice, "/history")
    second = await say(duet, alice, "/history")
    await alice.press("Older ▶️", message=second)
    assert "page 1 of 2" in first.text and "page 2 of 2" in second.text

    await say(duet, alice, "/deleteme")
    await alice.press("🗑 Yes, delete everything")
    await duet.settle()
    await open_home(duet, alice)  # back as a new user: no history
    await alice.press("Older ▶️", message=first)
    assert "No games yet" in first.text

    carol = duet.user(1003, "Carol")
    await make_couple(duet, alice, carol)
    duet.clock.advance(timedelta(hours=1))
    await play_and_give_up(duet, alice, carol, carol)
    await alice.press("◀️ Newer", message=second)  # from a row that is gone: the first page
    assert second.text.startswith("📜 History with Carol\n\n1. Tic-tac-toe · 🏆 win by forfeit")
    assert "Борис" not in second.text and "page" not in second.text  # one page
    assert not {"◀️ Newer", "Older ▶️"} & set(second.button_labels())

    # A forged anchor (a time past datetime's years) gives the first page too.
    await alice.press_data(second, "hp:7:1:999999999999:5")
    assert second.text.startswith("📜 History with Carol\n\n1. Tic-tac-toe")
    # A button drawn before pages had anchors (a bare page number) opens the first page.
    await alice.press_data(first, "hp:3")
    assert first.text.startswith("📜 History with Carol\n\n1. Tic-tac-toe")


def test_a_history_button_with_the_largest_values_fits_in_64_bytes() -> None:
    last_second = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    worst = HistoryCb.next_to(2**63 // 10, older=True, played_at=last_second, row=2**63 - 1)
    packed = worst.pack()  # aiogram raises past 64 bytes; the explicit bound documents it
    assert len(packed.encode()) <= 64
    back = HistoryCb.unpack(packed)
    assert back == worst and back.anchor() == HistoryKey(last_second, 2**63 - 1)
    for forged in ("hp:1:1:999999999999:5", "hp:1:0:0:0", "hp:1:1:0:9223372036854775808"):
        assert HistoryCb.unpack(forged).anchor() is None


async def test_history_keeps_the_old_partners_name_after_a_breakup(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await play_and_give_up(duet, alice, boris, boris)
    await open_home(duet, alice)
    await alice.press("💞 Partner")
    await alice.press("💔 Unlink")
    await alice.press("💔 Yes, unlink")
    # Boris renames himself after the breakup: history keeps the name he had.
    await open_home(duet, boris)
    await boris.press("👤 Профиль")
    await boris.press("✏️ Изменить имя")
    await say(duet, boris, "Boris the Second")
    carol = duet.user(1003, "Carol")
    await make_couple(duet, alice, carol)
    await play_and_give_up(duet, alice, carol, carol)
    screen = await say(duet, alice, "/history")
    # Carol, her partner now, is named in the header; Борис, on the game played with him.
    assert screen.text.startswith("📜 History with Carol\n\n1. Tic-tac-toe · 🏆 win by forfeit\n")
    assert "\n\n2. Tic-tac-toe with Борис · 🏆 win by forfeit\n" in screen.text
    assert screen.text.count("Carol") == 1
    assert "Boris the Second" not in screen.text


async def test_couple_stats_after_a_scripted_series(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await play_and_give_up(duet, alice, boris, boris)  # Alice wins
    await play_and_give_up(duet, alice, boris, boris)  # Alice wins
    await play_and_give_up(duet, alice, boris, alice)  # Boris wins
    await start_game(duet, alice, boris, "Tic-tac-toe")  # a draw
    for player, cell in [
        (boris, 0), (alice, 4), (boris, 8), (alice, 1), (boris, 7),
        (alice, 6), (boris, 2), (alice, 5), (boris, 3),
    ]:  # fmt: skip
        await press_cell(player, cell)
        await duet.settle()
    await alice.press("🏠 Menu", message=game_message(alice))
    duet.clock.advance(timedelta(days=1))
    await start_game(duet, alice, boris, "In sync")
    for _ in range(7):
        for player in (alice, boris):
            await player.press(next(b.text for row in move_buttons(player) for b in row))
        await duet.settle()

    await open_home(duet, alice)
    await alice.press("📜 History")
    await alice.press("📊 Couple stats")
    stats = alice.last
    assert stats is not None
    assert "5 games played together" in stats.text
    assert "“Tic-tac-toe”: you 2 · Борис 1 · draws 1" in stats.text
    assert "“In sync”: 1 game" in stats.text
    assert "Best “In sync”: 100%" in stats.text
    assert "Current streak: 2 days" in stats.text
    await open_home(duet, boris)
    await boris.press("📜 История")
    await boris.press("📊 Статистика пары")
    assert "«Крестики-нолики»: ты 1 · Alice 2 · ничьих: 1" in boris.last.text  # type: ignore[union-attr]
    assert "Текущая серия: 2 дня" in boris.last.text  # type: ignore[union-attr]

    # Both looked: the couple's counts are kept, and the next game advances them.
    duet.clock.advance(timedelta(days=1))
    await play_and_give_up(duet, alice, boris, alice)  # Boris wins
    for user, labels, expected in (
        (
            alice,
            ("📜 History", "📊 Couple stats"),
            ("6 games played together", "you 2 · Борис 2 · draws 1", "Current streak: 3 days"),
        ),
        (
            boris,
            ("📜 История", "📊 Статистика пары"),
            ("Сыграно вместе: 6 игр", "ты 2 · Alice 2 · ничьих: 1", "Текущая серия: 3 дня"),
        ),
    ):
        await open_home(duet, user)
        for label in labels:
            await user.press(label)
        assert user.last is not None
        for line in expected:
            assert line in user.last.text
    async with duet.database.read() as uow:
        partnership = await uow.partnerships.active_for(1)  # Alice, the first user
        assert partnership is not None
        kept = await uow.partnerships.stats_of(partnership.id)
    assert kept is not None and kept.document is not None
    assert len(load_summaries(kept.document)) == 2


ALICE_ACHIEVEMENTS = """🏆 Achievements · 2 of 16

👤 Yours
🏆 “First victory” · November 24
🔥 On fire ▰▱▱▱▱ 1/5
Win 5 games in a row. A draw or a loss starts the count again.

💞 Together
🎲 “Let's play!” · November 24
📅 A week together ▰▱▱▱▱ 1/7
Play a game or answer the question of the day 7 days in a row.
🧭 Tried them all ▰▱▱▱▱ 1/8
Play every game at least once."""

BORIS_ACHIEVEMENTS = """🏆 Достижения · 1 из 16

💞 Вместе
🎲 «Поиграем!» · 24 ноября
📅 Неделя вместе ▰▱▱▱▱ 1/7
Играй или отвечай на вопрос дня 7 дней подряд.
🧭 Всё перепробовано ▰▱▱▱▱ 1/8
Сыграй в каждую игру хотя бы раз.
🎮 Входишь во вкус ▰▱▱▱▱ 1/10
Сыграй 10 игр вдвоём."""


async def test_achievements_screen_and_celebrations(duet: Duet) -> None:
    alice, boris = await couple(duet)
    screen = await say(duet, alice, "/achievements")
    # Nothing yet: the first three goals, with what to do.
    assert screen.text.startswith(f"🏆 Achievements · 0 of {len(RULES)}\n\n💞 Together\n")
    assert "🎲 Let's play! ▱▱▱▱▱ 0/1\nPlay your first game together." in screen.text
    assert screen.text.count("▱▱▱▱▱") == 3
    await play_and_win(duet, alice, boris, alice)
    # Both of Alice's unlocks from one game arrive in one message.
    celebrations = [m.text for m in alice.bot_messages if m.text.startswith("🎉")]
    assert len(celebrations) == 1, celebrations
    assert "🎉 2 new achievements" in celebrations[0]
    assert "Let's play!" in celebrations[0] and "First victory" in celebrations[0]
    (boris_news,) = [m.text for m in boris.bot_messages if "🎉" in m.text]
    assert "Новое достижение" in boris_news and "Первая победа" not in boris_news  # he lost
    # Unlocked first, one line each; then the three nearest (the closest first), yours
    # and the couple's apart, so "Let's play!" is the couple's, not one partner's.
    screen = await say(duet, alice, "/achievements")
    assert screen.text == ALICE_ACHIEVEMENTS
    assert screen.button_labels() == [f"📋 Show all ({len(RULES)})", "🏠 Menu"]
    screen = await say(duet, boris, "/achievements")
    assert screen.text == BORIS_ACHIEVEMENTS
    assert screen.button_labels() == [f"📋 Показать все ({len(RULES)})", "🏠 Меню"]
    # In another year, the day says which year it was.
    duet.clock.advance(timedelta(days=40))
    assert (
        "🏆 “First victory” · November 24, 2026\n" in (await say(duet, alice, "/achievements")).text
    )
    assert "🎲 «Поиграем!» · 24 ноября 2026\n" in (await say(duet, boris, "/achievements")).text


def russian(msgid: str) -> str:
    message = RUSSIAN.get(msgid)
    assert message is not None and isinstance(message.string, str), msgid
    return message.string


async def test_show_all_pages_every_achievement_once_and_folds_back(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await play_and_win(duet, alice, boris, alice)
    for user, show_all, more, back, less in (
        (alice, "📋 Show all (16)", "More ▶️", "◀️ Back", "🔼 Show less"),
        (boris, "📋 Показать все (16)", "Дальше ▶️", "◀️ Назад", "🔼 Свернуть"),
    ):
        folded = await say(duet, user, "/achievements")
        await user.press(show_all, message=folded)
        first = folded.text
        assert more in folded.button_labels() and back not in folded.button_labels()
        await user.press(more, message=folded)
        second = folded.text
        assert back in folded.button_labels() and more not in folded.button_labels()
        assert len(first) < 4096 and len(second) < 4096
        for rule in RULES.values():  # each once, with what it asks for, on one page
            description = rule.description if user is alice else russian(rule.description)
            assert (first + second).count(description) == 1, description
        await user.press(back, message=folded)
        assert folded.text == first
        await user.press(less, message=folded)
        assert folded.text == (ALICE_ACHIEVEMENTS if user is alice else BORIS_ACHIEVEMENTS)
    page_two = await say(duet, boris, "/achievements")
    await boris.press_data(page_two, "al:99")  # past the last page: the last one
    assert page_two.text.startswith("🏆 Достижения · 1 из 16 · страница 2 из 2\n\n💞 Вместе\n")
    # Shared goals are the couple's: listed under "Together", never under "Yours".
    yours, together = first.split("\n\n💞 Вместе\n")
    assert yours.startswith("🏆 Достижения · 1 из 16 · страница 1 из 2\n\n👤 Твои\n")
    assert "Первая победа" in yours and "Поиграем!" in together and "Поиграем!" not in yours


async def test_notifications_off_skips_celebrations_and_sound_off_silences_them(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await say(duet, alice, "/settings")
    await alice.press("Notifications: 📣 On")
    await say(duet, boris, "/settings")
    await boris.press("Звук: 🔔 Вкл.")
    await play_and_win(duet, alice, boris, boris)
    assert not any(m.text.startswith("🎉") for m in alice.bot_messages)
    (celebration,) = [m for m in boris.bot_messages if m.text.startswith("🎉")]
    assert "🎉 2 новых достижения" in celebration.text and celebration.disable_notification
    mine = (await say(duet, alice, "/achievements")).text
    assert "🎲 “Let's play!” · November 24" in mine and "“First victory”" not in mine


async def reaction_round(duet: Duet, fast: FakeUser, slow: FakeUser) -> None:
    duet.clock.advance(timedelta(seconds=2))  # GO: 2 s after the round started
    await fast.wait_for(
        lambda u: "GO" in game_message(u).text or "ЖМИ" in game_message(u).text.upper(), timeout=5
    )
    await go_recorded(duet)
    duet.clock.advance(timedelta(milliseconds=180))
    await fast.press(move_buttons(fast)[0][0].text)
    duet.clock.advance(timedelta(milliseconds=100))
    await slow.press(move_buttons(slow)[0][0].text)
    await duet.settle()  # the round ended with the slow tap: the next one starts


async def win_sea_battle_unscathed(duet: Duet, winner: FakeUser, loser: FakeUser) -> None:
    """Sea battle: both ready; the loser (if first) misses once, the winner hits every ship."""
    await start_game(duet, winner, loser, "Sea battle")
    await winner.press("✅ Ready")
    await loser.press("✅ Готово")
    await duet.settle()
    async with duet.database.read() as uow:
        raw = await uow.conn.fetch_value(
            "SELECT state_json FROM game_sessions ORDER BY id DESC LIMIT 1"
        )
    state = json.loads(str(raw))["game"]
    ships = [sorted(c for ship in state["fleets"][seat] for c in ship) for seat in (0, 1)]

    async def fire(user: FakeUser, cell: int) -> None:
        button = move_buttons(user)[cell // 6][cell % 6]
        answer = await user.press_data(game_message(user).message_id, button.callback_data or "")
        assert answer.text is None, answer.text
        await duet.settle()

    if state["first_player"] == 1:  # the loser (seat 1: the invitee) shoots first, and misses
        await fire(loser, next(c for c in range(36) if c not in ships[0]))
    for cell in ships[1]:
        await fire(winner, cell)
    assert "🎉" in game_message(winner).text
    await winner.press("🏠 Menu", message=game_message(winner))


async def test_every_achievement_is_earned_by_playing(start_duet: object) -> None:
    duet: Duet = await start_duet(  # type: ignore[operator]
        reaction_min_delay=2, reaction_max_delay=2, game_timer_tick=0.02
    )
    alice, boris = await couple(duet)
    # Seven days in a row: a game each day, and the question of the day answered together.
    for day in range(7):
        await play_and_win(duet, alice, boris, alice)  # won by playing: give-ups count for no win
        await answer_today(duet, alice, boris)
        duet.clock.advance(timedelta(days=1))
        del day
    # A rematch, each game tried, a perfect quiz, 100% in sync, a tic-tac-toe draw.
    await start_game(duet, alice, boris, "Tic-tac-toe")
    for player, cell in [
        (boris, 0), (alice, 4), (boris, 8), (alice, 1), (boris, 7),
        (alice, 6), (boris, 2), (alice, 5), (boris, 3),
    ]:  # fmt: skip
        await press_cell(player, cell)
        await duet.settle()
    await alice.press("🔁 Rematch", message=game_message(alice))
    await duet.settle()
    await boris.press("✅ Играть")
    await duet.settle()
    await boris.press("🏳️ Сдаться")
    await boris.press("🏳️ Да, сдаюсь")
    await duet.settle()
    for title in ["How well do you know me?", "In sync"]:
        await play_first_options(duet, alice, boris, title)
    await start_game(duet, alice, boris, "Rock, paper, scissors")
    for _ in range(2):
        await alice.press("✊ Rock")
        await boris.press("✌️ Ножницы")
        await duet.settle()
    await alice.press("🏠 Menu", message=game_message(alice))
    await start_game(duet, alice, boris, "Reaction duel")
    for _ in range(2):
        await reaction_round(duet, alice, boris)
    await alice.wait_for(lambda u: "🎉" in game_message(u).text, timeout=5)
    await alice.press("🏠 Menu", message=game_message(alice))
    await start_game(duet, alice, boris, "Truth or dare")  # all ten cards, no skip
    for card in range(10):
        player, partner = (boris, alice) if card % 2 == 0 else (alice, boris)
        await player.press("💬 Правда" if player is boris else "💬 Truth")
        await duet.settle()
        await partner.press("✅ Ответ принят" if partner is boris else "✅ Answered")
        await duet.settle()
    await alice.press("🏠 Menu", message=game_message(alice))
    # Every other game of the registry, tried once: a given-up game counts.
    for game in [g for g in GAMES[5:] if not g.cooperative]:
        await start_game(duet, alice, boris, game.title)
        await boris.press("🏳️ Сдаться")
        await boris.press("🏳️ Да, сдаюсь")
        await duet.settle()
        await alice.press("🏠 Menu", message=game_message(alice))
    # Not a scratch: Alice sinks Boris's fleet and loses no ship.
    await win_sea_battle_unscathed(duet, alice, boris)
    # Up to a hundred games: quick give-ups.
    async with duet.database.read() as uow:
        played = await uow.conn.fetch_value(
            "SELECT count(*) FROM history WHERE user_id = 1 AND result_short <> 'answered'"
        )
    for _ in range(100 - played):
        await play_and_give_up(duet, alice, boris, boris)

    expected = {
        "first_game", "games_10", "games_50", "games_100", "first_win", "win_streak_5",
        "perfect_quiz", "perfect_sync", "all_games", "day_streak_7", "fast_reaction",
        "rematch", "daily_7", "tictactoe_draw", "tod_full_deck", "sea_no_scratch",
    }  # fmt: skip
    assert await unlocked(duet, 1) == expected
    screen = await say(duet, alice, "/achievements")
    assert f"{len(RULES)} of {len(RULES)}" in screen.text
    # Each unlock was celebrated exactly once.
    news = [m.text for m in alice.bot_messages if m.text.startswith("🎉")]
    for rule in RULES.values():  # each unlock celebrated exactly once
        assert sum(rule.title in text for text in news) == 1, (rule.title, news)


async def answer_today(duet: Duet, alice: FakeUser, boris: FakeUser) -> None:
    for player in (alice, boris):
        screen = await say(duet, player, "/today")
        options = daily_options(screen)
        if options:
            await player.press(options[0], message=screen)
        else:
            await say(duet, player, "Our answer")
    await duet.settle()


async def play_first_options(duet: Duet, alice: FakeUser, boris: FakeUser, title: str) -> None:
    """A whole quiz or In sync game, both partners always taking the first option."""
    await start_game(duet, alice, boris, title)
    for _ in range(30):
        if not move_buttons(alice) and not move_buttons(boris):
            break
        for player in (alice, boris):
            labels = [b.text for row in move_buttons(player) for b in row]
            if labels:
                await player.press(labels[0])
        await duet.settle()
    await alice.press("🏠 Menu", message=game_message(alice))


async def test_history_reads_like_a_diary_and_each_game_opens(duet: Duet) -> None:
    alice, boris = await couple(duet)
    await play_and_win(duet, alice, boris, alice)  # rock, paper, scissors: 2:0
    duet.clock.advance(timedelta(hours=1))
    await play_first_options(duet, alice, boris, "In sync")
    duet.clock.advance(timedelta(hours=1))
    await play_first_options(duet, alice, boris, "How well do you know me?")
    duet.clock.advance(timedelta(hours=1))
    await start_game(duet, alice, boris, "Tic-tac-toe")  # a draw
    for player, cell in [
        (boris, 0), (alice, 4), (boris, 8), (alice, 1), (boris, 7),
        (alice, 6), (boris, 2), (alice, 5), (boris, 3),
    ]:  # fmt: skip
        await press_cell(player, cell)
        await duet.settle()
    final_board = [b.text for row in move_buttons(alice) for b in row]
    await alice.press("🏠 Menu", message=game_message(alice))
    duet.clock.advance(timedelta(hours=1))
    await play_and_give_up(duet, alice, boris, alice)

    history = await say(duet, alice, "/history")
    assert history.text == (
        "📜 History with Борис\n\n"
        "1. Tic-tac-toe · 🏳️ gave up\nNov 24, 2026, 10:00\u202fPM\n\n"
        "2. Tic-tac-toe · 🤝 draw\nNov 24, 2026, 9:00\u202fPM\n\n"
        "3. How well do you know me? · 🧠 10/10\nNov 24, 2026, 8:00\u202fPM\n\n"
        "4. In sync · 💞 100% in sync\nNov 24, 2026, 7:00\u202fPM\n\n"
        "5. Rock, paper, scissors · 🏆 2:0\nNov 24, 2026, 6:00\u202fPM\n\n"
        "🔎 Tap a number to open that game as it ended."
    )
    ru = await say(duet, boris, "/history")  # his own words, his own (Moscow) time
    assert ru.text == (
        "📜 История: ты и Alice\n\n"
        "1. Крестики-нолики · 🏆 техническая победа\n25 ноября 2026, 01:00\n\n"
        "2. Крестики-нолики · 🤝 ничья\n25 ноября 2026, 00:00\n\n"
        "3. Насколько хорошо ты меня знаешь? · 🧠 10/10\n24 ноября 2026, 23:00\n\n"
        "4. На одной волне · 💞 100% совпадений\n24 ноября 2026, 22:00\n\n"
        "5. Камень, ножницы, бумага · поражение 0:2\n24 ноября 2026, 21:00\n\n"
        "🔎 Нажми на номер — откроется финал этой игры."
    )
    assert ru.button_labels()[:5] == ["🔎 1", "🔎 2", "🔎 3", "🔎 4", "🔎 5"]

    # A board game opens as it ended: its text and its final board, and a way back.
    await boris.press("🔎 2", message=ru)
    assert ru.text.startswith("Крестики-нолики\n🤝 Ничья!")
    assert ru.button_labels() == [*final_board, "📜 История"]
    cell = await boris.press_data(ru, ru.buttons[0][0].callback_data or "")
    assert cell.show_alert and ru.button_labels()[-1] == "📜 История"  # an ended game's board
    await boris.press("📜 История", message=ru)
    assert ru.text.startswith("📜 История: ты и Alice\n\n1. ")
    # A given-up game opens too: who gave up.
    await alice.press("🔎 1", message=history)
    assert "🏳️ You gave up. Борис wins this one." in history.text

    # Forged or foreign details buttons are refused, and the screen stays.
    async with duet.database.read() as uow:
        newest = await uow.conn.fetch_value("SELECT max(id) FROM game_sessions")
    carol = duet.user(1003, "Carol")
    carols = await say(duet, carol, "/history")
    for user, screen, data in (
        (alice, history, "rc:999999"),
        (carol, carols, f"rc:{newest}"),  # a game she did not play
        (alice, history, "rc:0"),
    ):
        before = screen.text
        answer = await user.press_data(screen, data)
        assert answer.show_alert and answer.text == "This button is no longer valid."
        assert screen.text == before
