"""Duet without Telegram: the real bot against the fake Bot API server on loopback.

Used by the end-to-end tests and by `python -m bot playground`:

* ``runner`` -- :class:`LocalDuet`, the real bot started against a ``FakeBotApi``;
* ``session`` -- the playground's model: two partners, focus, what a typed line means;
* ``render`` -- the screen as plain text lines (two panes, side by side or stacked);
* ``terminal`` -- the I/O layer: non-blocking line input, redraws on every change;
* ``script`` -- the ``--script`` format and its runner (``scripts/first_tour.txt``);
* ``app`` -- ``python -m bot playground``: throwaway database, fake token, logging.
"""

from bot.playground.runner import FakeClock, LocalDuet, local_settings

__all__ = ["FakeClock", "LocalDuet", "local_settings"]
