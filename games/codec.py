"""JSON snapshots of frozen state dataclasses, with strict type checks on the way back."""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from games.errors import CorruptState

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["dump_dataclass", "load_dataclass"]

T = TypeVar("T", bound="DataclassInstance")


def dump_dataclass(obj: DataclassInstance) -> dict[str, Any]:
    """Nested dataclasses become dicts and tuples become lists."""
    return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def load_dataclass(cls: type[T], data: Any) -> T:
    """The inverse of `dump_dataclass`; raises `CorruptState` if `data` does not fit `cls`."""
    if not isinstance(data, Mapping):
        raise CorruptState(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise CorruptState(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    kwargs = {name: _decode(hints[name], data[name], name) for name in names if name in data}
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a missing required field
        raise CorruptState(f"{cls.__name__}: {exc}") from exc


@functools.cache
def _hints(cls: type[Any]) -> dict[str, Any]:
    return get_type_hints(cls)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dump_dataclass(value)
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"{where}: unsupported union {tp!r}")
        return _decode(rest[0], data, where)
    if origin is tuple:
        if not isinstance(data, list | tuple):
            raise CorruptState(f"{where}: expected a list")
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, where) for item in data)
        if len(args) != len(data):
            raise CorruptState(f"{where}: expected {len(args)} items")
        return tuple(_decode(arg, item, where) for arg, item in zip(args, data, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return load_dataclass(tp, data)
    if tp is bool:
        if not isinstance(data, bool):
            raise CorruptState(f"{where}: expected a boolean")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise CorruptState(f"{where}: expected an integer")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise CorruptState(f"{where}: expected a number")
        return float(data)
    if tp is str:
        if not isinstance(data, str):
            raise CorruptState(f"{where}: expected a string")
        return data
    raise TypeError(f"{where}: unsupported type {tp!r}")
