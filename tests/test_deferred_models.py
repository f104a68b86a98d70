"""aiogram's models, built on first use (bot/deferred_models.py), are the models aiogram builds.

Each check runs in a fresh interpreter: the deferral only works before aiogram is imported,
and this test process imported it long ago.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import bot
from bot.deferred_models import defer_aiogram_model_builds
from bot.fake_bot_api import FakeBotApi
from tests.e2e.harness import BOT_USERNAME, TOKEN
from tests.e2e.test_startup import bot_env

PROJECT = Path(bot.__file__).resolve().parent.parent

# Prints what the import left unbuilt, a reply parsed before any of its models was built,
# then the JSON schema of Update (which holds every type an update can carry) and of the
# methods Duet calls (those that have one: InputFile has none), and the request Duet sends
# most; last, builds every model there is.
PROBE = r"""
import hashlib, json, sys, warnings
warnings.simplefilter("ignore")  # pydantic: some defaults have no JSON form
if sys.argv[1] == "deferred":
    import bot  # noqa: F401
import aiogram.methods as methods
import aiogram.types as types
from aiogram.methods.base import Response

def models(module):
    return [getattr(module, name) for name in sorted(module.__all__)
            if hasattr(getattr(module, name), "model_rebuild")]

everything = models(types) + models(methods)
unbuilt = sorted(model.__name__ for model in everything if not model.__pydantic_complete__)
reply = Response[types.Message].model_validate({"ok": True, "result": {
    "message_id": 7, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi",
    "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}}})
keyboard = types.InlineKeyboardMarkup(inline_keyboard=[[
    types.InlineKeyboardButton(text="<b>", callback_data="g:1")]])
edit = methods.EditMessageText(chat_id=1, message_id=7, text="x", reply_markup=keyboard)
schemas = {model.__name__: model.model_json_schema() for model in (
    types.Update, methods.SendMessage, methods.EditMessageReplyMarkup,
    methods.AnswerCallbackQuery, methods.SetMyCommands, methods.SetMyDescription,
    methods.SetMyShortDescription, methods.GetMe, methods.LeaveChat)}
for model in everything:
    model.model_rebuild()
    assert model.__pydantic_complete__, model
print(json.dumps({
    "unbuilt": unbuilt,
    "reply": [reply.result.chat.type, reply.result.reply_markup.inline_keyboard[0][0].text],
    "edit": json.dumps(edit.model_dump(exclude_none=True), default=repr, sort_keys=True),
    "models": len(everything),
    "schemas": hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest(),
}))
"""


async def _probe(mode: str) -> dict[str, object]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        PROBE,
        mode,
        cwd=PROJECT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await process.communicate()
    if process.returncode != 0:
        return {"failed": stderr.decode()}
    result: dict[str, object] = json.loads(stdout)
    return result


async def test_deferred_models_build_on_use_into_the_schemas_aiogram_builds() -> None:
    deferred, eager = await asyncio.gather(_probe("deferred"), _probe("eager"))
    assert "failed" not in deferred, deferred["failed"]
    assert "failed" not in eager, eager["failed"]

    assert eager["unbuilt"] == [], "aiogram builds every type and method at import"
    unbuilt = deferred["unbuilt"]
    assert isinstance(unbuilt, list)
    for name in ("Update", "Message", "CallbackQuery", "SendMessage", "EditMessageText"):
        assert name in unbuilt
    assert len(unbuilt) > 500
    assert deferred["reply"] == eager["reply"] == ["private", "a"]
    assert deferred["edit"] == eager["edit"]
    assert deferred["models"] == eager["models"]
    assert deferred["schemas"] == eager["schemas"]


def test_deferring_after_aiogram_is_imported_changes_nothing() -> None:
    import aiogram.types

    assert aiogram.types.__name__ in sys.modules
    assert defer_aiogram_model_builds() is False


def test_the_setting_turns_the_hook_off(tmp_path: Path) -> None:
    """DEFER_MODEL_BUILDS=0, from the environment or from .env: aiogram builds its models
    itself at import, as it does without Duet."""
    probe = (
        "import sys, bot, aiogram.types as t, aiogram.methods.base as m;"
        "print(t.Update.__pydantic_complete__, m.TelegramMethod.model_config.get('defer_build'),"
        " any(type(f).__name__ == '_AiogramFinder' for f in sys.meta_path))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DEFER_MODEL_BUILDS"}

    def run(extra: dict[str, str]) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], cwd=tmp_path, env={**env, **extra},
            capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
        return done.stdout.strip()

    assert run({}) == "False True False"  # the default: deferred
    assert run({"DEFER_MODEL_BUILDS": "0"}) == "True None False"
    (tmp_path / ".env").write_text("DEFER_MODEL_BUILDS=false\n", encoding="utf-8")
    assert run({}) == "True None False"
    assert run({"DEFER_MODEL_BUILDS": "1"}) == "False True False"  # the environment wins


async def test_the_bot_greets_with_the_hook_off(tmp_path: Path) -> None:
    """The end-to-end greeting through `python -m bot` with aiogram's eager import."""
    async with FakeBotApi(TOKEN, bot_id=123456, bot_username=BOT_USERNAME) as api:
        env = bot_env(api, tmp_path / "duet.sqlite3") | {"DEFER_MODEL_BUILDS": "0"}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
        )
        assert proc.stderr is not None
        lines: list[str] = []
        try:
            async with asyncio.timeout(60):
                while not any("Duet is ready" in line for line in lines):
                    line = (await proc.stderr.readline()).decode()
                    assert line, "the bot exited:\n" + "".join(lines)
                    lines.append(line)
            alice = api.add_user(1001, "Alice", language_code="en")
            await alice.send("/start")
            await alice.wait_for_text("Welcome", timeout=20)
        finally:
            if proc.returncode is None:
                proc.terminate()
            async with asyncio.timeout(20):
                await proc.wait()
        assert proc.returncode == 0
        assert any("built by aiogram at import (DEFER_MODEL_BUILDS=0)" in line for line in lines)
