"""Build aiogram's Bot API models on first use instead of all of them at import.

aiogram declares its ~400 Bot API types with pydantic's ``defer_build``, but the last lines of
``aiogram.types`` call ``model_rebuild`` on every one of them (to resolve the names their
modules import only under ``TYPE_CHECKING``), and that builds every validator at once: on the
2-core CI machine class 3.5 s and about 100 MB, most of the bot's start and of its memory.
Its ~190 Bot API methods are not deferred at all: each is built as its class is created
(1.5 s more). A bot uses a few dozen of those types and a dozen methods.

While ``aiogram.types`` executes, each of those calls instead puts the names the model's own
annotations mention into its module's globals, where pydantic looks for them when it builds
the model on first use: the schema comes out the same, only later and only for the models
used (their annotations, inherited ones included, are the only names added). The methods'
common base gets ``defer_build`` as soon as its module has run, so every method inherits
it. Nothing changes outside those two imports, and a call this does not recognise goes to
pydantic unchanged. ``tests/test_deferred_models.py`` compares the result with an eager
import and builds every type and method.

Deferred builds are not thread-safe in pydantic; Duet validates on the event loop only (no
filter or handler runs in a thread: tests/test_filters.py).

The hook is installed when the ``bot`` package is imported (``bot/__init__.py``), before
anything imports aiogram, and does nothing if aiogram is already imported. The setting
``DEFER_MODEL_BUILDS=0`` (in the environment or ``.env``; read here, before the settings,
since it must act before aiogram is imported) leaves aiogram alone: a slower start and about
100 MB more, and nothing of aiogram's or pydantic's internals touched. It is the way out if a
new aiogram or pydantic release breaks the hook before the bound in pyproject.toml moves.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

TYPES_PACKAGE = "aiogram.types"
METHODS_BASE = "aiogram.methods.base"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


SETTING = "DEFER_MODEL_BUILDS"
_OFF = {"0", "false", "no", "off"}


def deferral_wanted() -> bool:
    """False when DEFER_MODEL_BUILDS is 0/false/no/off: the environment first, then `.env`
    in the working directory (as pydantic-settings reads it)."""
    value = os.environ.get(SETTING)
    if value is None:
        value = _from_dotenv(Path(".env"))
    return value is None or value.strip().lower() not in _OFF


def _from_dotenv(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None  # the settings report an unreadable .env
    for line in lines:
        key, sep, value = line.strip().removeprefix("export ").partition("=")
        if sep and key.strip().upper() == SETTING:
            return value.split("#", 1)[0].strip().strip("'\"")
    return None


def defer_aiogram_model_builds() -> bool:
    """Arrange for ``aiogram.types`` to leave its models unbuilt; False if it is too late."""
    if TYPES_PACKAGE in sys.modules or METHODS_BASE in sys.modules:
        return False
    if not any(isinstance(finder, _AiogramFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AiogramFinder())
    return True


def build_update_models() -> None:
    """Build the validator of ``Update`` (and with it every type an update can carry) now.

    Called once at startup, so that the first update does not pay for it and the models
    are alive when the startup heap is frozen (bot/gc_tuning.py).
    """
    from aiogram.types import Update

    Update.model_rebuild()


class _AiogramFinder(importlib.abc.MetaPathFinder):
    """Wraps the loaders of the two aiogram modules whose import builds models."""

    def __init__(self) -> None:
        self._pending = {TYPES_PACKAGE: _TypesLoader, METHODS_BASE: _MethodsBaseLoader}

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        wrapper = self._pending.pop(fullname, None)
        if wrapper is None:
            return None
        if not self._pending:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and isinstance(spec.loader, importlib.abc.Loader):
            spec.loader = wrapper(spec.loader)
        return spec


class _WrappedLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)


class _MethodsBaseLoader(_WrappedLoader):
    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        # Every Bot API method inherits this config, so each is built on its first call.
        module.TelegramMethod.model_config["defer_build"] = True


class _TypesLoader(_WrappedLoader):
    def exec_module(self, module: ModuleType) -> None:
        from pydantic import BaseModel

        eager = BaseModel.__dict__["model_rebuild"]

        def model_rebuild(cls: type[BaseModel], /, **options: Any) -> bool | None:
            namespace = options.get("_types_namespace")
            if (
                isinstance(namespace, Mapping)
                and set(options) == {"_types_namespace"}
                and cls.__module__.startswith(TYPES_PACKAGE + ".")
                and not cls.__pydantic_complete__
            ):
                _expose_annotation_names(cls, namespace)
                return None
            # Anything else is pydantic's: one frame deeper than it expects.
            depth = options.pop("_parent_namespace_depth", 2) + 1
            return eager.__func__(cls, _parent_namespace_depth=depth, **options)  # type: ignore[no-any-return]

        BaseModel.model_rebuild = classmethod(model_rebuild)  # type: ignore[method-assign,assignment]
        try:
            self._loader.exec_module(module)
        finally:
            BaseModel.model_rebuild = eager  # type: ignore[method-assign]


def _expose_annotation_names(model: type[Any], namespace: Mapping[str, Any]) -> None:
    """Give the model's module the names its annotations use, inherited ones included.

    pydantic resolves an inherited field's annotation in the subclass's module
    (MenuButtonCommands, in its own module, inherits ``web_app: WebAppInfo | None``).
    """
    module_globals = vars(sys.modules[model.__module__])
    for klass in model.__mro__:
        for annotation in vars(klass).get("__annotations__", {}).values():
            text = annotation if isinstance(annotation, str) else repr(annotation)
            for name in _IDENTIFIER.findall(text):
                if name in namespace and name not in module_globals:
                    module_globals[name] = namespace[name]
