"""Garbage collector settings for a long-running bot.

Importing aiogram builds pydantic models for the whole Bot API: hundreds of thousands of
long-lived objects. Python's full collections walk all of them again and again, which shows
up as latency spikes of tens of milliseconds on a busy bot. Once startup is done, freezing
moves everything alive into a permanent generation that collections skip (the technique
CPython documents for exactly this, see `gc.freeze`).

Handling one update allocates thousands of short-lived objects (pydantic models of the update
and of every Bot API reply), so the default youngest-generation threshold of 700 ran a
collection several times per update. A threshold of 20,000 lets most of them die by reference
counting first: 15% less CPU per move in the benchmark, the memory held back stays in the
low megabytes.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 20_000
OLDER_GENERATIONS_THRESHOLD = 20


def freeze_startup_heap() -> int:
    """Collect once, exempt every surviving object from future collections, and collect
    the young generation less often.

    Returns how many objects were frozen (for the log).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(
        YOUNG_GENERATION_THRESHOLD, OLDER_GENERATIONS_THRESHOLD, OLDER_GENERATIONS_THRESHOLD
    )
    return gc.get_freeze_count()


def settle_startup_heap() -> int:
    """The last step of startup, for `python -m bot` and the benchmark alike: build the
    models of ``Update``, which live as long as the process once built (they would be
    built by the first update otherwise), then freeze everything alive.

    Returns how many objects were frozen.
    """
    from bot.deferred_models import build_update_models

    build_update_models()
    return freeze_startup_heap()
