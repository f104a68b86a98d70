"""The catalogs' house style: no gender slashes in Russian, titles quoted in sentences."""

from __future__ import annotations

import pytest

from bot import catalogs


@pytest.mark.parametrize("language", ["en", "ru"])
def test_catalog_follows_the_house_style(language: str) -> None:
    assert catalogs.style_problems(language) == []


@pytest.mark.parametrize(
    "text",
    [
        "{partner} ответил(а) на вопрос.",
        "Ты уже отменил(а) приглашение.",
        "Пригласи партнёра — он(а) получит ссылку.",
        "Ты готов(а)?",
        "{partner} согласил(ась) сыграть.",
        "Спроси, что он/она думает.",
        "Ты ответил/ответила первым.",
        "{partner} сдался/сдалась.",
    ],
)
def test_the_slash_rule_catches_gender_dodges(text: str) -> None:
    assert catalogs.gender_slashes(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Игра (без победителя) переигрывается.",
        "Ты: 3/5 · Alice: 4/5",
        "Пришли ответ (от 1 до 300 символов).",
        "{partner} ответила на вопрос дня.",
        "Тема: светлая/тёмная",
    ],
)
def test_the_slash_rule_leaves_ordinary_russian_alone(text: str) -> None:
    assert catalogs.gender_slashes(text) == []


TITLES_RU = ("Крестики-нолики", "На одной волне")
TITLES_EN = ("Tic-tac-toe", "In sync")


@pytest.mark.parametrize(
    ("language", "text", "unquoted"),
    [
        ("ru", "Давай сыграем в «{game}»!", []),
        ("ru", "Давай сыграем в {game}!", ["{game}"]),
        ("ru", "Давай сыграем в “{game}”!", ["{game}"]),
        ("ru", "{game}: 3 игры", []),  # a label that starts the line
        ("ru", "{game} с Alice\nвчера · победа", []),
        ("ru", "Крестики-нолики", []),  # the title itself
        ("ru", "В игре На одной волне ответьте одинаково.", ["На одной волне"]),
        ("ru", "В игре «На одной волне» ответьте одинаково.", []),
        ("ru", "Набор {pack} включён.", ["{pack}"]),
        ("en", "Alice invites you to play “{game}”!", []),
        ("en", "Alice invites you to play {game}!", ["{game}"]),
        ("en", 'Alice turned on "{pack}".', ["{pack}"]),
        ("en", "The quiz and In sync ask from packs.", ["In sync"]),
        ("en", "🎮 “{game}” is on", []),
    ],
)
def test_the_quote_rule(language: str, text: str, unquoted: list[str]) -> None:
    titles = TITLES_RU if language == "ru" else TITLES_EN
    assert catalogs.unquoted_titles(text, titles, language) == unquoted


def test_every_game_title_is_checked_in_both_languages() -> None:
    from games.registry import GAMES

    for language in ("en", "ru"):
        titles = catalogs.game_titles(language)
        assert len(titles) == len(GAMES)
        assert all(titles), language
    assert catalogs.game_titles("ru") != catalogs.game_titles("en")
