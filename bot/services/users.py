"""Registration and loading of the user behind an update."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.services.names import default_display_name
from bot.zones import next_local_time, zone_of
from db import Database
from db.repositories.settings import GrammaticalForm, Language, UserSettings
from db.repositories.users import User
from db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Member:
    """A registered user together with their preferences."""

    user: User
    settings: UserSettings


class UserService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    async def load(self, telegram_id: int) -> Member | None:
        # Every update starts here: one statement for the user and their settings.
        async with self._db.query() as uow:
            found = await uow.users.with_settings_by_telegram_id(telegram_id)
        if found is None:
            return None
        user, settings = found
        return None if settings is None else Member(user, settings)

    async def get_or_register(
        self, telegram_id: int, first_name: str, language: Language, fallback_name: str
    ) -> tuple[Member, bool]:
        """The member for this Telegram user, registering them on first contact (named
        `fallback_name` if their Telegram name has nothing to show).

        Returns (member, created). Safe when two updates of a new user race, here or in
        another process: the insert is conflict-tolerant and the loser reads the winner's row.
        """
        member = await self.load(telegram_id)
        if member is not None:
            return member, False
        async with self._db.transaction() as uow:
            name = default_display_name(first_name, fallback=fallback_name)
            user = await uow.users.create(telegram_id, name, self._clock.now())
            if user is not None:
                settings = await uow.settings.create(user.id, language)
                return Member(user, settings), True
        member = await self.load(telegram_id)
        if member is None:  # pragma: no cover - the row exists once the insert conflicted
            raise LookupError(f"user {telegram_id} vanished during registration")
        return member, False

    async def rename(self, user_id: int, display_name: str) -> None:
        async with self._db.transaction() as uow:
            await uow.users.set_display_name(user_id, display_name)

    async def set_language(self, user_id: int, language: Language) -> None:
        async with self._db.transaction() as uow:
            await uow.settings.set_language(user_id, language)

    async def set_grammatical_form(self, user_id: int, form: GrammaticalForm) -> UserSettings:
        """How Duet speaks to and of this user in Russian; returns the new settings."""
        async with self._db.transaction() as uow:
            await uow.settings.set_grammatical_form(user_id, form)
            updated = await uow.settings.get(user_id)
        assert updated is not None  # created with the user
        return updated

    async def set_avatar(self, user_id: int, avatar_id: int) -> None:
        async with self._db.transaction() as uow:
            await uow.users.set_avatar(user_id, avatar_id)

    async def set_time_zone(self, user_id: int, name: str) -> UserSettings:
        """Pick a time zone; the next daily push moves to that zone's clock."""
        async with self._db.transaction() as uow:
            await uow.settings.set_time_zone(user_id, name)
            return await self._replan(uow, user_id)

    async def set_push_minute(self, user_id: int, minute: int | None) -> UserSettings:
        """When the question of the day arrives (None: never)."""
        async with self._db.transaction() as uow:
            await uow.settings.set_push_minute(user_id, minute)
            return await self._replan(uow, user_id)

    async def _replan(self, uow: UnitOfWork, user_id: int) -> UserSettings:
        updated = await uow.settings.get(user_id)
        assert updated is not None  # created with the user
        at = None
        if updated.push_minute is not None:
            at = next_local_time(self._clock.now(), updated.push_minute, zone_of(updated))
        await uow.settings.plan_push(user_id, at)
        return updated

    async def toggle(self, user_id: int, preference: str) -> UserSettings:
        """Flip one preference ("theme", "language", "sound", "notifications")."""
        async with self._db.transaction() as uow:
            # Read-then-flip: two presses at once must flip twice, not once.
            await uow.lock_users(user_id)
            current = await uow.settings.get(user_id)
            assert current is not None  # created with the user
            if preference == "theme":
                await uow.settings.set_theme(
                    user_id, "dark" if current.theme == "light" else "light"
                )
            elif preference == "language":
                await uow.settings.set_language(user_id, "ru" if current.language == "en" else "en")
            elif preference == "sound":
                await uow.settings.set_sound(user_id, not current.sound_enabled)
            elif preference == "notifications":
                await uow.settings.set_notifications(user_id, not current.notifications)
            else:
                raise ValueError(f"unknown preference {preference!r}")
            updated = await uow.settings.get(user_id)
        assert updated is not None
        return updated
