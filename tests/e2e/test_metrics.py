"""Prometheus metrics: served on METRICS_PORT when polling and on the webhook port in webhook
mode, and the counters move as people play."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.fake_bot_api import FakeBotApi
from tests.e2e.conftest import StartDuet
from tests.e2e.flows import daily_options, game_message, make_couple, say, start_game
from tests.e2e.test_webhook import free_port, start_webhook_duet

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(url: str) -> Samples:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_polling_serves_metrics_and_the_counters_move(
    api: FakeBotApi, start_duet: StartDuet
) -> None:
    port = free_port()
    api.inject(method="setMyCommands", status=400, description="Bad Request: test", times=10)
    duet = await start_duet(metrics_port=port)
    url = f"http://127.0.0.1:{port}/metrics"
    before = await scrape(url)
    assert value(before, "duet_games_started_total", game="tictactoe") == 0

    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await start_game(duet, alice, boris, "Tic-tac-toe")
    await boris.press("🏳️ Сдаться", message=game_message(boris))
    await boris.press("🏳️ Да, сдаюсь")
    await duet.settle()
    screen = await say(duet, alice, "/today")
    if daily_options(screen):
        await alice.press(daily_options(screen)[0])
    else:
        await alice.send("Pancakes")
    await duet.settle()

    after = await scrape(url)
    assert value(after, "duet_updates_handled_total", type="message") >= 3
    assert value(after, "duet_updates_handled_total", type="callback_query") >= 3
    assert value(after, "duet_handler_seconds_count") >= 6
    assert value(after, "duet_games_started_total", game="tictactoe") == 1
    assert value(after, "duet_games_finished_total", game="tictactoe", status="finished") == 1
    assert value(after, "duet_daily_answers_total") == 1
    assert (
        value(after, "duet_bot_api_errors_total", kind="bad_request", method="SetMyCommands") >= 1
    )


async def test_webhook_mode_serves_metrics_on_the_webhook_port(
    api: FakeBotApi, tmp_path: Path
) -> None:
    duet, webhook_url = await start_webhook_duet(api, tmp_path)
    try:
        alice = duet.user(1001, "Alice", "en")
        await say(duet, alice, "/start")
        samples = await scrape(webhook_url.replace("/telegram/webhook", "/metrics"))
        assert value(samples, "duet_updates_handled_total", type="message") >= 1
    finally:
        await duet.stop()
