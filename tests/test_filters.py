"""Every filter in the router tree runs in the event loop.

aiogram awaits a filter that is a coroutine function or a `Filter` object, and runs any
other callable (a bare magic filter such as ``F.text``, a ``State``) through
``asyncio.to_thread``: a thread-pool round trip, about 0.1 ms of CPU here, on every update
that reaches it. Filters are therefore written as `Filter` objects (``MagicData``,
``StateFilter``, callback data filters, ``Command``).
"""

from __future__ import annotations

from collections.abc import Iterator

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject

from handlers import build_root_router


def _filters(router: Router) -> Iterator[tuple[str, FilterObject]]:
    for name, observer in router.observers.items():
        for index, filter_object in enumerate(observer._handler.filters or ()):
            yield f"{router.name}.{name} router filter {index}", filter_object
        for handler in observer.handlers:
            for index, filter_object in enumerate(handler.filters or ()):
                callback = getattr(handler.callback, "__name__", handler.callback)
                yield f"{router.name}.{name} {callback} filter {index}", filter_object
    for child in router.sub_routers:
        yield from _filters(child)


def test_no_filter_runs_in_a_thread() -> None:
    found = list(_filters(build_root_router()))
    assert len(found) > 30  # the walk reaches every router
    in_threads = [where for where, filter_object in found if not filter_object.awaitable]
    assert in_threads == []
