"""A property-based stateful test: random users doing random things, invariants after each step.

2–4 users type commands and text, open invite links, press current, stale, forged and
simultaneous buttons, while Telegram fails now and then and time jumps. After every step:
no unhandled exception, at most one active partnership per user, every ended session has
exactly one history row per living player, achievement progress never decreases, and the
database passes `integrity_check` and `foreign_key_check`.

Hypothesis drives a synchronous state machine; the bot and the fake Telegram run on an
event loop in a background thread, and each rule waits until the bot has handled it.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import threading
from collections.abc import Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.fake_bot_api import FakeBotApi, FakeUser
from bot.playground.runner import BOT_USERNAME, TOKEN, FakeClock, LocalDuet, local_settings
from tests.e2e.flows import LINK_RE

T = TypeVar("T")
RETRY_ATTEMPTS = 3  # the bot's tries of a Bot API call
USERS = [
    (3001, "Ann", "en"),
    (3002, "Бо", "ru"),
    (3003, "<b>Cy & Di</b>", "en"),
    (3004, "Эд", "ru"),
]
TEXTS = st.sampled_from(
    ["/start", "/play", "/invite", "/history", "/achievements", "/settings", "/today", "/game",
     "/export", "/nonsense", "hello", "<i>x</i> & y", "Б" * 40, "🙂"]
)  # fmt: skip
SESSION_OPS = st.sampled_from(["ok", "no", "gy", "zz"])
FORGED = st.one_of(
    st.text(min_size=1, max_size=20),
    st.builds(lambda n, a: f"m:{n}:{a}", st.integers(-5, 50), st.text("abc0123", max_size=14)),
    st.builds(lambda n, o: f"s:{n}:{o}", st.integers(0, 50), SESSION_OPS),
    st.sampled_from(["i:y:" + "A" * 32, "u:yes:1", "a:99", "d:1:9", "hp:-3", "x:1", "pg:9999"]),
    st.just("hp:2:1:99999999999:0"),  # a forged history anchor
)  # fmt: skip


class UnhandledErrors(logging.Handler):
    """Counts what only an unexpected exception logs."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class BackgroundLoop:
    """An event loop in a thread, so synchronous rules can run coroutines on it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


class DuetMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.background = BackgroundLoop()
        self.folder = tempfile.TemporaryDirectory()
        self.errors = UnhandledErrors()
        logging.getLogger().addHandler(self.errors)
        self.progress: dict[tuple[int, int], int] = {}
        self.users: list[FakeUser] = []
        self.background.run(self._start())

    async def _start(self) -> None:
        self.api = FakeBotApi(TOKEN, bot_id=123456, bot_username=BOT_USERNAME)
        await self.api.start()
        self.api.callback_answer_timeout = 60
        self.clock = FakeClock()
        settings_ = local_settings(
            Path(self.folder.name) / "duet.sqlite3",
            self.api,
            flood_limit=10_000,
            game_timer_tick=0.02,
            reaction_min_delay=1,
            reaction_max_delay=1,
            telegram_retry_attempts=RETRY_ATTEMPTS,
        )
        self.duet = LocalDuet(self.api, settings_, self.clock)
        await self.duet.start()

    def teardown(self) -> None:
        try:
            self.background.run(self._stop())
        finally:
            logging.getLogger().removeHandler(self.errors)
            self.background.close()
            self.folder.cleanup()

    async def _stop(self) -> None:
        await self.duet.stop()
        await self.api.stop()

    def settle(self) -> None:
        self.background.run(self.duet.settle(timeout=20))

    # -- setup ---------------------------------------------------------------------------

    @initialize(count=st.integers(min_value=2, max_value=4))
    def add_users(self, count: int) -> None:
        for user_id, name, language in USERS[:count]:
            self.users.append(self.api.add_user(user_id, name, language_code=language))
            self.background.run(self.users[-1].send("/start"))
        self.settle()

    # -- rules ---------------------------------------------------------------------------

    @rule(data=st.data(), text=TEXTS)
    def type_text(self, data: st.DataObject, text: str) -> None:
        user = data.draw(st.sampled_from(self.users))
        self.background.run(user.send(text))
        self.settle()

    @rule(data=st.data())
    def send_sticker(self, data: st.DataObject) -> None:
        self.background.run(data.draw(st.sampled_from(self.users)).send_sticker())
        self.settle()

    @rule(data=st.data())
    def open_someones_invite(self, data: st.DataObject) -> None:
        links = [
            match.group(0)
            for user in self.users
            for message in user.bot_messages
            if (match := LINK_RE.search(message.text))
        ]
        if links:
            user = data.draw(st.sampled_from(self.users))
            self.background.run(user.open_link(data.draw(st.sampled_from(links))))
            self.settle()

    def _buttons(self, user: FakeUser) -> list[tuple[int, str]]:
        return [
            (message.message_id, button.callback_data)
            for message in user.bot_messages
            for row in message.buttons
            for button in row
            if button.callback_data
        ]

    @rule(data=st.data(), newest=st.booleans())
    def press_a_button(self, data: st.DataObject, newest: bool) -> None:
        """A button of the newest keyboard, or any older (maybe stale) one."""
        user = data.draw(st.sampled_from(self.users))
        buttons = self._buttons(user)
        if not buttons:
            return
        if newest:
            last = buttons[-1][0]
            buttons = [b for b in buttons if b[0] == last]
        message_id, callback = data.draw(st.sampled_from(buttons))
        self.background.run(user.press_data(message_id, callback))
        self.settle()

    @rule(data=st.data())
    def press_at_the_same_time(self, data: st.DataObject) -> None:
        first, second = data.draw(st.permutations(self.users))[:2]
        presses = []
        for user in (first, second):
            buttons = self._buttons(user)
            if buttons:
                message_id, callback = data.draw(st.sampled_from(buttons))
                presses.append(user.press_data(message_id, callback))

        async def together() -> None:
            await asyncio.gather(*presses)

        self.background.run(together())
        self.settle()

    @rule(data=st.data(), forged=FORGED)
    def press_forged_data(self, data: st.DataObject, forged: str) -> None:
        user = data.draw(st.sampled_from(self.users))
        messages = user.bot_messages
        if messages and len(forged.encode()) <= 64:
            self.background.run(user.press_data(messages[-1].message_id, forged))
            self.settle()

    @rule(method=st.sampled_from(["sendMessage", "editMessageText", "answerCallbackQuery"]))
    def telegram_hiccup(self, method: str) -> None:
        """A transient failure, which the bot's retries ride out: never as many pending for
        one method as the bot has tries (then the call really fails, and e.g. a press stays
        unanswered, as it would on Telegram)."""
        pending = sum(
            rule.remaining
            for rule in self.api.faults.rules
            if rule.method == method and rule.remaining > 0
        )
        if pending < RETRY_ATTEMPTS - 1:
            self.api.inject(method=method, status=502, times=1)

    @rule(minutes=st.integers(min_value=1, max_value=30))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes))
        self.background.run(asyncio.sleep(0.1))  # timers fire
        self.settle()

    @rule(data=st.data())
    def block_or_come_back(self, data: st.DataObject) -> None:
        user = data.draw(st.sampled_from(self.users))
        if user.blocked:
            self.background.run(user.send("/start"))  # writing again unblocks, like Telegram
        else:
            self.api.block(user)
        self.settle()

    # -- invariants ----------------------------------------------------------------------

    @invariant()
    def nothing_unhandled(self) -> None:
        assert [r.getMessage() for r in self.errors.records] == []

    @invariant()
    def database_rules_hold(self) -> None:
        self.background.run(self._check_database())

    async def _check_database(self) -> None:
        database = self.duet.database
        assert await database.check_integrity() == []
        async with database.read() as uow:
            doubled = await uow.conn.fetch_all(
                "SELECT u FROM (SELECT user1_id AS u FROM partnerships WHERE is_active = 1"
                " UNION ALL SELECT user2_id FROM partnerships WHERE is_active = 1)"
                " GROUP BY u HAVING count(*) > 1"
            )
            assert doubled == []
            missing = await uow.conn.fetch_all(
                "SELECT s.id, u.id FROM game_sessions s JOIN users u"
                " ON u.id IN (s.partner1_id, s.partner2_id)"
                " WHERE s.status IN ('finished', 'abandoned') AND u.deleted_at IS NULL"
                " AND (SELECT count(*) FROM history h WHERE h.game_session_id = s.id"
                "      AND h.user_id = u.id) <> 1"
            )
            assert missing == []
            rows = await uow.conn.fetch_all(
                "SELECT user_id, achievement_id, progress FROM user_achievements"
            )
        for user_id, achievement_id, progress in rows:
            key = (user_id, achievement_id)
            assert progress >= self.progress.get(key, 0)
            self.progress[key] = progress


DuetMachine.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestDuetStateful = DuetMachine.TestCase
