"""Two bot runtimes sharing one database and one Redis, fed round-robin by the fake Telegram
(as by a load balancer): flood control, duplicate updates and the presence throttle hold
across both, as if there were one worker. (Each runtime alone, without Redis, is the
in-memory `SharedState`: the other e2e tests.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.fake_bot_api import SECRET_HEADER, FakeBotApi, FakeUser
from tests.e2e.cluster import REDIS_URL, SECRET, cluster_api, free_port
from tests.e2e.harness import Duet, FakeClock, make_settings


class Pair:
    """Two runtimes of one bot (one fake clock), each serving its own webhook URL."""

    def __init__(self, api: FakeBotApi, duets: list[Duet], urls: list[str]) -> None:
        self.api = api
        self.duets = duets
        self.urls = urls

    @property
    def clock(self) -> FakeClock:
        return self.duets[0].clock

    async def settle(self) -> None:
        """Until both runtimes have handled everything delivered so far."""
        for _ in range(2):  # a second pass: one runtime's work may follow the other's
            for duet in self.duets:
                await duet.settle()

    def handled_by(self) -> set[str]:
        return {attempt.url for attempt in self.api.webhook_attempts if attempt.ok}


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with cluster_api() as server:
        yield server


@pytest.fixture
async def start_pair(
    api: FakeBotApi, tmp_path: Path, database_url: str | None
) -> AsyncIterator[Any]:
    started: list[Duet] = []

    async def start(**overrides: Any) -> Pair:
        clock = FakeClock()
        urls = []
        for _ in range(2):
            port = free_port()
            urls.append(f"http://127.0.0.1:{port}/telegram/webhook")
            settings = make_settings(
                tmp_path,  # one database for both: this SQLite file, or PostgreSQL
                api,
                database_url=database_url,
                webhook_url=urls[-1],
                webhook_secret=SECRET,
                webhook_host="127.0.0.1",
                webhook_port=port,
                redis_url=REDIS_URL,
                **overrides,
            )
            duet = Duet(api, settings, clock)
            await duet.start()
            started.append(duet)
        api.webhook_targets = urls
        return Pair(api, started[-2:], urls)

    yield start
    for duet in started:
        await duet.stop()


async def test_one_flood_limit_across_both_workers(start_pair: Any) -> None:
    pair: Pair = await start_pair(flood_limit=5, flood_window=10)
    alice = pair.api.add_user(1001, "Alice")
    boris = pair.api.add_user(1002, "Boris")
    for _ in range(8):
        await alice.send("spam")
    await pair.settle()
    assert pair.handled_by() == set(pair.urls)  # the updates were spread over both
    notices = [m for m in alice.bot_messages if "Slow down" in m.text]
    replies = [m for m in alice.bot_messages if "I answer to buttons" in m.text]
    # Per-worker counters would have let 8 through (4 on each) and sent no notice.
    assert (len(notices), len(replies)) == (1, 5)

    await boris.send("/start")
    await pair.settle()
    assert boris.last is not None and boris.last.text.startswith("🏠")
    seen = len(alice.bot_messages)
    for _ in range(2):  # still muted, on whichever worker it lands: no answer at all
        await alice.send("/start")
    await pair.settle()
    assert len(alice.bot_messages) == seen
    pair.clock.advance(timedelta(seconds=11))
    await alice.send("/start")
    await pair.settle()
    assert alice.last is not None and alice.last.text.startswith("🏠")


async def test_one_duplicate_filter_across_both_workers(start_pair: Any) -> None:
    pair: Pair = await start_pair()
    alice = pair.api.add_user(1001, "Alice")
    await alice.send("/start")  # she has started the bot, as on Telegram
    await pair.settle()
    homes_before = sum(m.text.startswith("🏠") for m in alice.bot_messages)
    update = {
        "update_id": 42,
        "message": {
            "message_id": 1, "date": 0, "text": "/start",
            "chat": {"id": alice.id, "type": "private", "first_name": "Alice"},
            "from": alice.to_api(),
        },
    }  # fmt: skip
    # Telegram retrying one update (the first answer got lost): both workers receive it,
    # one of them twice.
    async with aiohttp.ClientSession(headers={SECRET_HEADER: SECRET}) as http:
        for url in [*pair.urls, pair.urls[0]]:
            async with http.post(url, json=update) as response:
                assert response.status == 200
    await pair.settle()
    homes = sum(m.text.startswith("🏠") for m in alice.bot_messages)
    assert homes == homes_before + 1, alice.transcript()


async def test_one_presence_write_per_interval_across_both_workers(start_pair: Any) -> None:
    pair: Pair = await start_pair(presence_write_interval=60)
    alice: FakeUser = pair.api.add_user(1001, "Alice")
    before = [duet.runtime.services.presence.writes for duet in pair.duets]  # type: ignore[union-attr]
    for _ in range(4):
        await alice.send("/start")
        await pair.settle()
    after = [duet.runtime.services.presence.writes for duet in pair.duets]  # type: ignore[union-attr]
    assert pair.handled_by() == set(pair.urls)
    assert sum(after) - sum(before) == 1  # per-worker throttles would write once on each
    pair.clock.advance(timedelta(seconds=61))
    await alice.send("/start")
    await pair.settle()
    again = [duet.runtime.services.presence.writes for duet in pair.duets]  # type: ignore[union-attr]
    assert sum(again) - sum(after) == 1
