"""Fixtures shared by every test tier.

Every test that uses a database (the `database` fixture, or the e2e bot through
`database_url`) runs twice: on SQLite (`[sqlite]`) and on PostgreSQL (`[postgres]`).
PostgreSQL is `DUET_TEST_POSTGRES_URL` (default postgresql://postgres@127.0.0.1:5432/test,
used as the maintenance database); each test gets a fresh database cloned from a template
migrated once per session (cheaper than migrating a fresh schema per test: about 45 ms
against 60 ms here), dropped afterwards. When PostgreSQL is not reachable those runs skip
with the reason, or fail when DUET_REQUIRE_SERVICES=1 (.ci/run sets it: CI must not skip).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit, urlunsplit

import pytest
from hypothesis import settings

import bot  # noqa: F401  (first: aiogram's models build on first use, as in production)
from db import Database

# Locally Hypothesis explores new examples on every run; in CI (CI=true) it replays a fixed
# set, so a landing never depends on luck. Failures found locally are kept in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

POSTGRES_URL = os.environ.get("DUET_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgres")
_PREFIX = f"duet_test_{os.getpid()}_"  # the pid tells a live run's databases from leftovers


def service_unavailable(reason: str) -> NoReturn:
    """Skip a test whose service (PostgreSQL, Redis) is absent; fail instead in CI."""
    if os.environ.get("DUET_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (DUET_REQUIRE_SERVICES=1: CI must run these tests)")
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    """Under DUET_REQUIRE_SERVICES=1 every "… is not reachable" skip is a failure, also
    where a test skips by itself (the Redis tests) rather than via `service_unavailable`."""
    report: pytest.TestReport = yield
    if (
        report.skipped
        and os.environ.get("DUET_REQUIRE_SERVICES") == "1"
        and call.excinfo is not None
        and "is not reachable" in str(call.excinfo.value)
    ):
        report.outcome = "failed"
        report.longrepr = f"{call.excinfo.value} (DUET_REQUIRE_SERVICES=1: CI must run these tests)"
    return report


def with_database(base: str, name: str) -> str:
    """`base` (a PostgreSQL URL) pointing at database `name` instead."""
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def run_async(make: Callable[[], Awaitable[Any]]) -> Any:
    """Run a coroutine to completion from synchronous code, on a loop of its own in a
    thread (session fixtures must not touch the loop pytest-asyncio gives each test)."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(_awaited(make)))
        except BaseException as error:  # re-raised in the caller's thread
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


async def _awaited(make: Callable[[], Awaitable[Any]]) -> Any:
    return await make()


@dataclass
class PostgresServer:
    """The test PostgreSQL server, or why it is unavailable."""

    admin_url: str
    unavailable: str | None = None
    template: str = f"{_PREFIX}template"
    _names: Iterator[int] = field(default_factory=itertools.count)

    def url(self, name: str) -> str:
        return with_database(self.admin_url, name)

    def new_name(self) -> str:
        return f"{_PREFIX}{next(self._names)}"

    async def admin(self) -> Any:
        import asyncpg  # type: ignore[import-untyped]

        return await asyncpg.connect(self.admin_url, timeout=5)

    async def create(self, *, migrated: bool = True) -> str:
        """A fresh database (a clone of the migrated template, or empty); its URL."""
        name = self.new_name()
        admin = await self.admin()
        try:
            template = self.template if migrated else "template0"
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            await admin.close()
        return self.url(name)

    async def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        admin = await self.admin()
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def _prepare_server(server: PostgresServer) -> None:
    """Drop databases left by killed test runs, then build and migrate the template."""
    admin = await server.admin()
    try:
        rows = await admin.fetch(
            "SELECT datname FROM pg_database WHERE datname LIKE 'duet\\_test\\_%'"
        )
        for (name,) in rows:
            match = re.match(r"duet_test_(\d+)_", name)
            if match and (int(match.group(1)) == os.getpid() or not _alive(int(match.group(1)))):
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{server.template}" TEMPLATE template0')
    finally:
        await admin.close()
    template = Database.for_url(server.url(server.template), pool_size=1)
    await template.open()
    await template.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Checked once per session; every [postgres] test then skips (or fails) at once."""
    server = PostgresServer(POSTGRES_URL)
    try:
        run_async(lambda: _prepare_server(server))
    except ImportError:
        server.unavailable = "asyncpg is not installed (pip install -e '.[test]')"
    except Exception as error:  # any failure means: no PostgreSQL to test on
        parts = urlsplit(POSTGRES_URL)
        server.unavailable = (
            f"PostgreSQL is not reachable at {parts.hostname}:{parts.port or 5432} "
            f"({type(error).__name__}: {error}); set DUET_TEST_POSTGRES_URL, or start it "
            "(.ci/run does)"
        )
    yield server
    if server.unavailable is None:
        run_async(lambda: server.drop(server.url(server.template)))


@pytest.fixture(params=BACKENDS)
def db_backend(request: pytest.FixtureRequest) -> str:
    """The database engine this run of the test uses: "sqlite" or "postgres"."""
    backend: str = request.param
    return backend


@pytest.fixture
def postgres(postgres_server: PostgresServer) -> PostgresServer:
    """The PostgreSQL server for a PostgreSQL-only test (skips when it is unavailable)."""
    if postgres_server.unavailable is not None:
        service_unavailable(postgres_server.unavailable)
    return postgres_server


@pytest.fixture
async def database_url(
    db_backend: str, request: pytest.FixtureRequest
) -> AsyncIterator[str | None]:
    """None on SQLite (the tmp_path file is used); on PostgreSQL, a fresh migrated database."""
    if db_backend == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = await server.create()
    try:
        yield url
    finally:
        await server.drop(url)


@pytest.fixture
async def database(database_url: str | None, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database: a real temporary SQLite file, or a fresh PostgreSQL database."""
    db = (
        Database(tmp_path / "duet.sqlite3")
        if database_url is None
        else Database.for_url(database_url)
    )
    await db.open()
    yield db
    await db.close()


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    """For the tests about SQLite itself (pragmas, the file): SQLite only."""
    db = Database(tmp_path / "duet.sqlite3")
    await db.open()
    yield db
    await db.close()


@pytest.fixture(autouse=True)
def _no_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own DATABASE_URL must never reach the bot under test."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
