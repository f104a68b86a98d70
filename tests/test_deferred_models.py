"""aiogram's models, built on first use (bot/deferred_models.py), are the models aiogram builds.

Each check runs in a fresh interpreter: the deferral only works before aiogram is imported,
and this test process imported it long ago.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import bot
from bot.deferred_models import defer_aiogram_model_builds

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
