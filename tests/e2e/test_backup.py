"""`python -m bot backup PATH`: a consistent copy of the SQLite database taken while the bot
serves live games, restored into a bot that carries on with them (docs/operations.md)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import sys
from pathlib import Path

from bot.fake_bot_api import FakeBotApi
from tests.e2e.flows import game_message, make_couple, say, start_game
from tests.e2e.harness import Duet, FakeClock, make_settings
from tests.e2e.test_games import history
from tests.e2e.test_startup import bot_env


async def _backup(api: FakeBotApi, database: Path, target: Path) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", str(target), cwd=target.parent,
        env=bot_env(api, database), stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await proc.communicate()
    return proc.returncode or 0, out.decode()


async def test_a_backup_during_live_games_restores_into_a_working_bot(
    api: FakeBotApi, tmp_path: Path
) -> None:
    live = Duet(api, make_settings(tmp_path / "live", api), FakeClock())
    await live.start()
    try:
        alice = live.user(1001, "Alice", "en")
        boris = live.user(1002, "Борис", "ru")
        carol = live.user(1003, "Carol", "en")
        dima = live.user(1004, "Дима", "ru")
        await make_couple(live, alice, boris)
        await make_couple(live, carol, dima)
        await start_game(live, alice, boris, "Tic-tac-toe")
        await start_game(live, carol, dima, "Tic-tac-toe")

        # The bot keeps writing (presence, screens, a finished game) while the copy is made.
        async def busy() -> None:
            await carol.press("🏳️ Give up")
            await carol.press("🏳️ Yes, give up")
            for _ in range(5):
                await say(live, alice, "/start")
                await say(live, dima, "/today")

        target = tmp_path / "backups" / "duet-copy.sqlite3"
        target.parent.mkdir()
        (code, out), _ = await asyncio.gather(
            _backup(api, live.settings.database_path, target), busy()
        )
        assert code == 0, out
        assert f"to {target}" in out
    finally:
        await live.stop()

    # A single self-contained file (no -wal beside it), whole and consistent.
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 2

    # Restore (docs/operations.md): the copy becomes the database of a fresh start.
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(target, restored_dir / "duet.sqlite3")
    restored = Duet(api, make_settings(restored_dir, api), FakeClock())
    await restored.start()
    try:
        # Alice and Boris's game was live in the copy: it goes on, and ends, as before.
        await boris.press("🏳️ Сдаться", message=game_message(boris))
        await boris.press("🏳️ Да, сдаюсь")
        await restored.settle()
        assert "🎉 You win!" in game_message(alice).text
        rows = await history(restored)
        assert sorted(short for _, _, short in rows[-2:]) == ["gave_up", "win"]
        assert rows[-1][1] == rows[-2][1]  # one session: the game from the copy
        home = await say(restored, alice, "/start")
        assert "Борис" in home.text
    finally:
        await restored.stop()


async def test_backup_refuses_postgres_and_the_database_itself(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "duet.sqlite3"
    sqlite3.connect(database).close()
    code, out = await _backup(api, database, database)
    assert code == 1
    assert "that is the database itself" in out

    env = bot_env(api, database) | {"DATABASE_URL": "postgresql://duet@127.0.0.1/duet"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", "x.sqlite3", cwd=tmp_path, env=env,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await proc.communicate()
    assert proc.returncode == 2
    assert "pg_dump" in err.decode()
