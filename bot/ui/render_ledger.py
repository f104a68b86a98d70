"""Which state each game's chats were last seen to show, kept in the database in batches.

A move is saved before its screens are edited. If the process dies between the two, or
Telegram fails longer than the retries last, the chats lag behind the stored game: the
mover still sees "your move", the partner waits. Each completed render is noted here and
written about once a second (one transaction for all, not a write per move); at startup
`GameDisplay.redraw_unrendered` draws again every open session whose last version was not
recorded. A crash loses at most the last second of notes: those games are drawn once more,
which costs an edit that changes nothing.
"""

from __future__ import annotations

import asyncio
import logging

from bot.services.gameplay import GameService

logger = logging.getLogger(__name__)


class RenderLedger:
    def __init__(self, games: GameService) -> None:
        self._games = games
        self._pending: dict[int, int] = {}

    def rendered(self, session_id: int, version: int) -> None:
        """Both chats of the session now show `version`."""
        if self._pending.get(session_id, -1) < version:
            self._pending[session_id] = version

    async def flush(self) -> None:
        pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            await self._games.mark_rendered(pending)
        except Exception:
            logger.exception("could not record %s rendered games; keeping them", len(pending))
            for session_id, version in pending.items():
                self.rendered(session_id, version)

    async def run(self, interval: float) -> None:
        """Flush every `interval` seconds, and once more when cancelled."""
        try:
            while True:
                await asyncio.sleep(interval)
                await self.flush()
        finally:
            await self.flush()
