"""``FakeBotApi``: the HTTP server and the facade tests and the playground talk to."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from datetime import timedelta
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from aiohttp import web

from .changes import ChangeFeed
from .client import FakeGroup, FakeUser
from .errors import WEBHOOK_ACTIVE, TelegramFault
from .faults import ClockLike, FaultInjector, InjectedFault, Latency
from .methods import ChatMethods
from .models import JsonDict, RecordedCall
from .params import MethodHandler, Params, read_params
from .settings import BotSettings
from .updates import UpdateQueue
from .webhook import WebhookAttempt, WebhookDelivery
from .world import Account, BotIdentity, World

logger = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
_SECRET_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_NOT_COUNTED = frozenset({"getUpdates"})  # long polls don't keep settle() from returning
_current_request: contextvars.ContextVar[web.Request | None] = contextvars.ContextVar(
    "fake_bot_api_request", default=None
)


class FakeBotApi:
    """A fake Telegram Bot API server on 127.0.0.1 plus the users and chats behind it.

    See the package docstring for a tour. Use as ``async with FakeBotApi() as api:`` or call
    :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_id: int | None = None,
        bot_username: str = "duet_test_bot",
        bot_first_name: str = "Duet",
    ) -> None:
        self.token = token
        identity = BotIdentity(
            id=bot_id if bot_id is not None else int(token.split(":", 1)[0]),
            username=bot_username,
            first_name=bot_first_name,
        )
        self.on_change = ChangeFeed()
        """Follow every change of chats, updates and calls; see :class:`ChangeFeed`."""
        self.updates = UpdateQueue(self.on_change)
        self.world = World(identity, self.on_change, self.updates)
        self.settings = BotSettings(self.world)
        self.faults = FaultInjector()
        self.webhook = WebhookDelivery(self.updates, self.on_change, self._execute_webhook_reply)
        self.calls: list[RecordedCall] = []
        """Every Bot API request received, oldest first (``getUpdates`` polls included:
        filter with :meth:`calls_to`). Calls run from a webhook reply are recorded too."""
        self._users: dict[int, FakeUser] = {}
        self._methods: dict[str, tuple[str, MethodHandler]] = {}
        own: dict[str, MethodHandler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "close": self._close,
            "logOut": self._log_out,
        }
        for table in (own, ChatMethods(self.world).table(), self.settings.table()):
            for name, handler in table.items():
                self._methods[name.lower()] = (name, handler)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._in_progress = 0
        self.held: list[tuple[str, object]] = []
        """Calls waiting for a clock of an ``add_latency(..., clock=...)`` to move, as
        (method, chat_id), oldest first; ``settle`` does not wait for them."""
        self._last_activity = 0.0
        self._stopping = False

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1 (see :attr:`base_url`)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        address = self._runner.addresses[0]
        self._port = int(address[1])
        self._stopping = False

    async def stop(self) -> None:
        """Release waiting long polls, stop webhook delivery and close the server."""
        self._stopping = True
        self.updates.release_poll()
        await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, for ``TelegramAPIServer.from_base``."""
        if self._port is None:
            raise RuntimeError("the fake Bot API is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def bot(self) -> BotIdentity:
        return self.world.bot

    # -- users and chats ---------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
        is_premium: bool = False,
        is_bot: bool = False,
    ) -> FakeUser:
        """Create a Telegram user (who has not written to the bot yet)."""
        account = Account(
            id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
            is_bot=is_bot,
        )
        self.world.add_account(account)
        user = FakeUser(self.world, account)
        self._users[user_id] = user
        return user

    def user(self, user_id: int) -> FakeUser:
        return self._users[user_id]

    @property
    def users(self) -> list[FakeUser]:
        return list(self._users.values())

    def add_group(self, chat_id: int, title: str, *, username: str | None = None) -> FakeGroup:
        """Create a group the bot is a member of (``-100...`` ids are supergroups)."""
        return FakeGroup(self.world, self.world.add_group(chat_id, title, username))

    def block(self, user: FakeUser) -> None:
        """``user`` blocks the bot: sends to them fail with 403; a ``my_chat_member`` is queued."""
        self.world.set_blocked(user.account, blocked=True)

    def unblock(self, user: FakeUser) -> None:
        self.world.set_blocked(user.account, blocked=False)

    # -- faults, calls, settings -------------------------------------------------------------

    def inject(
        self,
        method: str | None = None,
        status: int = 429,
        *,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
        drop_connection: bool = False,
    ) -> InjectedFault:
        """Make the next ``times`` calls of ``method`` (any method if None) fail.

        ``status`` 429 answers "Too Many Requests: retry after N" with
        ``parameters.retry_after``; 500 "Internal Server Error", 502 "Bad Gateway";
        ``drop_connection=True`` closes the connection without an answer. Injected faults take
        precedence over the method's own behaviour; the returned rule shows ``remaining``.
        """
        rule = InjectedFault(
            method=method,
            status=status,
            retry_after=retry_after,
            remaining=times,
            description=description,
            drop_connection=drop_connection,
        )
        return self.faults.add(rule)

    def add_latency(
        self,
        seconds: float,
        *,
        method: str | None = None,
        chat_id: int | str | None = None,
        clock: ClockLike | None = None,
    ) -> Latency:
        """Make matching calls take ``seconds`` before Telegram carries them out and answers
        (every method but ``getUpdates`` if ``method`` is None; every chat if ``chat_id`` is
        None). The longest matching latency applies; remove one with :meth:`remove_latency`.
        A long one holds calls in flight: a bot killed meanwhile never sees them done.

        With ``clock`` (the bot's fake clock) the latency is on that clock: a matching call
        is carried out once the clock has moved ``seconds`` past its arrival, so a test
        decides exactly when each chat sees an edit (per chat: one partner's Telegram is
        slower than the other's)."""
        rule = Latency(seconds, method, chat_id, clock)
        self.faults.latencies.append(rule)
        return rule

    def remove_latency(self, rule: Latency) -> None:
        self.faults.latencies.remove(rule)

    def calls_to(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one method (case-insensitive)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def clear_calls(self) -> None:
        self.calls.clear()

    def commands(
        self,
        scope: str = "default",
        language_code: str = "",
        *,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> list[tuple[str, str]]:
        """(command, description) pairs set by ``setMyCommands`` for exactly that scope."""
        return list(self.settings.commands.get((scope, chat_id, user_id, language_code), []))

    @property
    def descriptions(self) -> dict[str, str]:
        """``setMyDescription`` texts by language_code ("" = default)."""
        return dict(self.settings.descriptions)

    @property
    def short_descriptions(self) -> dict[str, str]:
        """``setMyShortDescription`` texts by language_code ("" = default)."""
        return dict(self.settings.short_descriptions)

    @property
    def menu_buttons(self) -> dict[int | None, JsonDict]:
        """``setChatMenuButton`` values by chat id (None = the default for all chats)."""
        return dict(self.settings.menu_buttons)

    @property
    def callback_answer_timeout(self) -> float:
        """Seconds after which ``answerCallbackQuery`` says "query is too old" (default 15)."""
        return self.world.callback_answer_timeout

    @callback_answer_timeout.setter
    def callback_answer_timeout(self, seconds: float) -> None:
        self.world.callback_answer_timeout = seconds

    @property
    def webhook_targets(self) -> list[str]:
        """URLs that replace the ``setWebhook`` URL, used round-robin per delivery attempt."""
        return self.webhook.targets

    @webhook_targets.setter
    def webhook_targets(self, urls: list[str]) -> None:
        self.webhook.targets = list(urls)
        self.on_change.notify()

    @property
    def webhook_pins(self) -> dict[int, str]:
        """User id -> the target (one of ``webhook_targets``) their updates go to first."""
        return self.webhook.pins

    @webhook_pins.setter
    def webhook_pins(self, pins: dict[int, str]) -> None:
        self.webhook.pins = dict(pins)
        self.on_change.notify()

    @property
    def webhook_attempts(self) -> list[WebhookAttempt]:
        return self.webhook.attempts

    @property
    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed (polling) or delivered (webhook)."""
        return len(self.updates.pending)

    async def settle(self, quiet: float = 0.1, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Return once the bot has caught up.

        That is: every queued update was fetched by ``getUpdates`` (or, with a webhook,
        delivered with a 2xx), no Bot API request is being handled (calls held until a test
        moves a clock are not waited for: see :attr:`held`), and none arrived for
        ``quiet`` seconds. Raises ``TimeoutError`` after ``timeout`` seconds.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = loop.time()
            undelivered = self.pending_updates if self.webhook.active else self.updates.unfetched
            handling = self._in_progress - len(self.held)
            busy = bool(undelivered or handling or self.webhook.in_flight)
            idle_for = now - self._last_activity
            if not busy and idle_for >= quiet:
                return
            if now >= deadline:
                raise TimeoutError(
                    f"not settled within {timeout}s: {undelivered} undelivered update(s), "
                    f"{self._in_progress} call(s) in progress, last call {idle_for:.2f}s ago"
                )
            pause = 0.01 if busy else quiet - idle_for
            await asyncio.sleep(max(0.001, min(pause, deadline - now)))

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["method"]
        canonical, handler = self._methods.get(name.lower(), (name, None))
        counted = canonical not in _NOT_COUNTED
        self._touch()
        if counted:
            self._in_progress += 1
        params = Params({})
        _current_request.set(request)
        try:
            if request.match_info["token"] != self.token:
                raise TelegramFault.unauthorized()
            params = await read_params(request)
            if handler is None:
                raise TelegramFault.not_found()
            chat_id = params.values.get("chat_id")
            clocked = self.faults.clocked_for(canonical, chat_id)
            if clocked:
                await self._wait_on_clocks(clocked, canonical, chat_id)
            delay = self.faults.delay_for(canonical, chat_id)
            if delay > 0:
                await asyncio.sleep(delay)
            fault = self.faults.take(canonical)
            if fault is not None and fault.drop_connection:
                self._record(
                    canonical, params, error=TelegramFault(0, "connection dropped (injected)")
                )
                if request.transport is not None:
                    request.transport.close()
                return web.Response(status=500)
            if fault is not None:
                raise fault.to_fault()
            result = await handler(params)
        except TelegramFault as error:
            self._record(canonical, params, error=error)
            return web.json_response(error.to_json(), status=error.error_code)
        except Exception:  # a bug in the fake itself: answer like Telegram's 500, loudly
            logger.exception("fake Bot API failed on %s", canonical)
            failure = TelegramFault(500, "Internal Server Error")
            self._record(canonical, params, error=failure)
            return web.json_response(failure.to_json(), status=500)
        finally:
            if counted:
                self._in_progress -= 1
            self._touch()
        self._record(canonical, params, result=result)
        return web.json_response({"ok": True, "result": result})

    async def _wait_on_clocks(self, rules: list[Latency], method: str, chat_id: object) -> None:
        """Until each rule's clock reads its latency past now (the call's arrival)."""
        due = [
            (rule.clock, rule.clock.now() + timedelta(seconds=rule.seconds))
            for rule in rules
            if rule.clock is not None
        ]
        entry = (method, chat_id)
        self.held.append(entry)
        self.on_change.notify()
        try:
            while not self._stopping:
                if all(clock.now() >= at for clock, at in due):
                    break
                # A clock of the bot's has no way to say it moved: look again shortly.
                await asyncio.sleep(0.002)
        finally:
            self.held.remove(entry)
            self.on_change.notify()

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(TelegramFault.unauthorized().to_json(), status=401)
        path = request.match_info["path"]
        for stored in self.world.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.content, content_type=stored.mime_type)
        return web.json_response(TelegramFault.not_found().to_json(), status=404)

    async def _execute_webhook_reply(self, method: str, params: Params) -> None:
        canonical, handler = self._methods.get(method.lower(), (method, None))
        try:
            if handler is None:
                raise TelegramFault.not_found()
            result = await handler(params)
        except TelegramFault as error:
            self._record(canonical, params, error=error)
            logger.warning("method %s in a webhook reply failed: %s", canonical, error)
            return
        self._record(canonical, params, result=result)

    def _touch(self) -> None:
        self._last_activity = asyncio.get_running_loop().time()

    def _record(
        self,
        method: str,
        params: Params,
        *,
        result: Any = None,
        error: TelegramFault | None = None,
    ) -> None:
        self.calls.append(
            RecordedCall(
                method=method,
                params=params.as_dict(),
                ok=error is None,
                error_code=error.error_code if error is not None else None,
                description=error.description if error is not None else None,
                timestamp=time.time(),
                result=result,
            )
        )
        self.on_change.notify()

    # -- methods that belong to the server itself --------------------------------------------

    async def _get_me(self, params: Params) -> JsonDict:
        return {
            **self.world.bot.to_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: Params) -> list[JsonDict]:
        if self.webhook.active:
            raise TelegramFault.conflict(WEBHOOK_ACTIVE)
        allowed = params.get_json("allowed_updates", "can't parse allowed updates")
        if allowed is not None and not (
            isinstance(allowed, list) and all(isinstance(item, str) for item in allowed)
        ):
            raise TelegramFault.bad_request("can't parse allowed updates")
        self.updates.set_allowed(allowed)
        timeout = 0 if self._stopping else params.get_int("timeout")
        request = _current_request.get()
        return await self.updates.get_updates(
            offset=params.get_int("offset"),
            limit=params.get_int("limit"),
            wait_seconds=timeout,
            connected=lambda: request is None or _is_connected(request),
        )

    async def _set_webhook(self, params: Params) -> bool:
        url = params.get_str("url") or ""
        if not url:
            await self.webhook.disable()
            return True
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise TelegramFault.bad_request(
                "bad webhook: An HTTPS URL must be provided for webhook"
            )
        secret = params.get_str("secret_token")
        if secret is not None and (
            not 1 <= len(secret) <= 256 or not set(secret) <= _SECRET_TOKEN_CHARS
        ):
            raise TelegramFault.bad_request("secret token contains unallowed characters")
        max_connections = params.get_int("max_connections") or 40
        if not 1 <= max_connections <= 100:
            raise TelegramFault.bad_request(
                "bad webhook: max_connections must be between 1 and 100"
            )
        allowed = params.get_json("allowed_updates", "can't parse allowed updates")
        if isinstance(allowed, list):
            self.updates.set_allowed([str(item) for item in allowed])
        if params.get_bool("drop_pending_updates"):
            self.updates.drop_pending()
        self.webhook.configure(url, secret, max_connections)
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        await self.webhook.disable()
        if params.get_bool("drop_pending_updates"):
            self.updates.drop_pending()
        return True

    async def _get_webhook_info(self, params: Params) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook.url or "",
            "has_custom_certificate": False,
            "pending_update_count": self.pending_updates,
        }
        if self.webhook.active:
            info["max_connections"] = self.webhook.max_connections
            info["ip_address"] = "127.0.0.1"
            info["allowed_updates"] = sorted(self.updates.allowed)
        if self.webhook.last_error_date is not None:
            info["last_error_date"] = self.webhook.last_error_date
            info["last_error_message"] = self.webhook.last_error_message
        return info

    async def _close(self, params: Params) -> bool:
        return True

    async def _log_out(self, params: Params) -> bool:
        return True


def _is_connected(request: web.Request) -> bool:
    transport = request.transport
    return transport is not None and not transport.is_closing()
