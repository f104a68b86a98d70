"""The bot's profile settings: commands, descriptions and the menu button.

Commands are stored per (scope, language_code) exactly as ``setMyCommands`` set them;
descriptions and short descriptions per ``language_code`` ("" is the default language).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import TelegramFault
from .models import JsonDict
from .params import MethodHandler, Params
from .world import World

MAX_COMMANDS = 100
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"[a-z]{2}")
_SCOPES_WITH_CHAT = frozenset({"chat", "chat_administrators", "chat_member"})
SCOPE_TYPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
    | _SCOPES_WITH_CHAT
)

CommandsKey = tuple[str, int | None, int | None, str]
"""(scope type, scope chat_id, scope user_id, language_code)"""


class BotSettings:
    def __init__(self, world: World) -> None:
        self.world = world
        self.commands: dict[CommandsKey, list[tuple[str, str]]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.menu_buttons: dict[int | None, JsonDict] = {}

    def table(self) -> dict[str, MethodHandler]:
        return {
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setMyDescription": self.set_my_description,
            "getMyDescription": self.get_my_description,
            "setMyShortDescription": self.set_my_short_description,
            "getMyShortDescription": self.get_my_short_description,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
        }

    # -- commands ----------------------------------------------------------------------------

    async def set_my_commands(self, params: Params) -> bool:
        commands = params.get_json("commands", "can't parse commands JSON object")
        if not isinstance(commands, list):
            raise TelegramFault.bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise TelegramFault.bad_request("too many commands")
        parsed: list[tuple[str, str]] = []
        for item in commands:
            if not isinstance(item, dict):
                raise TelegramFault.bad_request("can't parse BotCommand JSON object")
            command, description = item.get("command"), item.get("description")
            if not isinstance(command, str) or not _COMMAND.fullmatch(command):
                raise TelegramFault.bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise TelegramFault.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            parsed.append((command, description))
        key = self.commands_key(params)
        if parsed:
            self.commands[key] = parsed
        else:
            self.commands.pop(key, None)
        self.world.changed()
        return True

    async def get_my_commands(self, params: Params) -> list[JsonDict]:
        commands = self.commands.get(self.commands_key(params), [])
        return [{"command": command, "description": text} for command, text in commands]

    async def delete_my_commands(self, params: Params) -> bool:
        self.commands.pop(self.commands_key(params), None)
        self.world.changed()
        return True

    def commands_key(self, params: Params) -> CommandsKey:
        scope = params.get_json("scope", "can't parse BotCommandScope JSON object")
        language = self.language(params)
        if scope is None:
            return ("default", None, None, language)
        if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
            raise TelegramFault.bad_request("can't parse BotCommandScope JSON object")
        scope_type = str(scope["type"])
        chat_id: int | None = None
        user_id: int | None = None
        if scope_type in _SCOPES_WITH_CHAT:
            raw_chat = scope.get("chat_id")
            if not isinstance(raw_chat, int | str):
                raise TelegramFault.bad_request("chat_id is empty")
            chat_id = self.world.known_chat(raw_chat).id
        if scope_type == "chat_member":
            raw_user = scope.get("user_id")
            if not isinstance(raw_user, int) or raw_user not in self.world.accounts:
                raise TelegramFault.bad_request("user not found")
            user_id = raw_user
        return (scope_type, chat_id, user_id, language)

    @staticmethod
    def language(params: Params) -> str:
        language = params.get_str("language_code") or ""
        if language and not _LANGUAGE.fullmatch(language):
            raise TelegramFault.bad_request("invalid language code specified")
        return language

    # -- descriptions ------------------------------------------------------------------------

    async def set_my_description(self, params: Params) -> bool:
        self.store_text(params, "description", self.descriptions, MAX_DESCRIPTION)
        return True

    async def get_my_description(self, params: Params) -> JsonDict:
        return {"description": self.descriptions.get(self.language(params), "")}

    async def set_my_short_description(self, params: Params) -> bool:
        self.store_text(params, "short_description", self.short_descriptions, MAX_SHORT_DESCRIPTION)
        return True

    async def get_my_short_description(self, params: Params) -> JsonDict:
        return {"short_description": self.short_descriptions.get(self.language(params), "")}

    def store_text(self, params: Params, name: str, store: dict[str, str], limit: int) -> None:
        language = self.language(params)
        text = params.get_str(name) or ""
        if len(text) > limit:
            raise TelegramFault.bad_request(f"{name.upper()}_INVALID")
        if text:
            store[language] = text
        else:
            store.pop(language, None)
        self.world.changed()

    # -- menu button -------------------------------------------------------------------------

    async def set_chat_menu_button(self, params: Params) -> bool:
        chat_id = self.world.writable_chat(params.chat_id()).id if params.has("chat_id") else None
        button: Any = params.get_json("menu_button", "can't parse menu button JSON object")
        if button is None:
            button = {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in {
            "default",
            "commands",
            "web_app",
        }:
            raise TelegramFault.bad_request("can't parse menu button JSON object")
        self.menu_buttons[chat_id] = button
        self.world.changed()
        return True

    async def get_chat_menu_button(self, params: Params) -> JsonDict:
        chat_id = self.world.known_chat(params.chat_id()).id if params.has("chat_id") else None
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}
