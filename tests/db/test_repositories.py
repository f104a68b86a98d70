"""Repositories on a real SQLite file: what each lookup and update promises."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from db import Database
from db.repositories.game_sessions import Status

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


async def test_users_and_settings_round_trip(database: Database) -> None:
    async with database.transaction() as uow:
        user = await uow.users.create(777, "<b>Eve & Bob</b>", NOW)
        assert user is not None
        assert await uow.users.create(777, "Twice", NOW) is None  # no second registration
        settings = await uow.settings.create(user.id, "ru")
        await uow.users.set_avatar(user.id, 3)
        await uow.settings.set_theme(user.id, "dark")
        await uow.settings.set_sound(user.id, False)
    async with database.read() as uow:
        loaded = await uow.users.get_by_telegram_id(777)
        prefs = await uow.settings.get(user.id)
    assert loaded is not None and loaded.display_name == "<b>Eve & Bob</b>"
    assert loaded.avatar_id == 3 and loaded.created_at == NOW
    assert settings.theme == "light" and settings.notifications
    assert prefs is not None and prefs.theme == "dark" and not prefs.sound_enabled


async def test_presence_columns(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        await uow.users.mark_seen(a.id, NOW + timedelta(minutes=10))
        gone = await uow.users.mark_idle_offline(NOW + timedelta(minutes=5))
    assert gone == [b.id]
    async with database.read() as uow:
        still = await uow.users.get(a.id)
    assert still is not None and still.online_status


async def test_invites_lifecycle(database: Database) -> None:
    async with database.transaction() as uow:
        owner = await uow.users.create(1, "Owner", NOW)
        guest = await uow.users.create(2, "Guest", NOW)
        assert owner is not None and guest is not None
        first = await uow.invites.create("a" * 32, owner.id, NOW)
        second = await uow.invites.create("b" * 32, owner.id, NOW)
        assert await uow.invites.revoke_open_by(owner.id, NOW) == 2
        assert not await uow.invites.mark_used(first.id, guest.id, NOW)  # revoked
        third = await uow.invites.create("c" * 32, owner.id, NOW)
        assert await uow.invites.mark_used(third.id, guest.id, NOW)
        assert not await uow.invites.mark_used(third.id, guest.id, NOW)  # single use
        assert await uow.invites.count_created_since(owner.id, NOW) == 3
    async with database.read() as uow:
        used = await uow.invites.get_by_token("c" * 32)
        revoked = await uow.invites.get_by_token(second.token)
    assert used is not None and used.used_by == guest.id and used.used_at == NOW
    assert revoked is not None and revoked.revoked_at == NOW


async def test_partnership_lookup_from_either_side(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        created = await uow.partnerships.create(a.id, b.id, NOW)
    async with database.read() as uow:
        from_a = await uow.partnerships.active_for(a.id)
        from_b = await uow.partnerships.active_for(b.id)
    assert from_a == from_b == created
    assert created.partner_of(a.id) == b.id and created.partner_of(b.id) == a.id
    async with database.transaction() as uow:
        assert await uow.partnerships.end(created.id, NOW)
        assert not await uow.partnerships.end(created.id, NOW)
        assert await uow.partnerships.active_for(a.id) is None
        assert len(await uow.partnerships.all_for(b.id)) == 1


async def test_sessions_history_and_achievement_progress(database: Database) -> None:
    async with database.transaction() as uow:
        a = await uow.users.create(1, "A", NOW)
        b = await uow.users.create(2, "B", NOW)
        assert a is not None and b is not None
        game = await uow.games.create("Tic-tac-toe", "Three in a row", "classic", None)
        achievement = await uow.achievements.create("🎮", "First game", "Play a game", 3)
        for minute in range(12):
            played = NOW + timedelta(minutes=minute)
            session = await uow.game_sessions.create(game.id, a.id, b.id, played)
            done = await uow.game_sessions.finish(
                session, status=Status.FINISHED, now=played, result={"winner": 0}
            )
            assert done is not None and done.version == session.version + 1
            # A second writer holding the old version loses: no double finish.
            assert (
                await uow.game_sessions.finish(
                    session, status=Status.FINISHED, now=played, result={"winner": 1}
                )
                is None
            )
            await uow.history.add(a.id, session.id, played, "win")
        assert await uow.game_sessions.count_between(b.id, a.id) == 12
        page = await uow.history.page_for_user(a.id, limit=10, offset=10)
        assert [e.played_at for e in page] == [NOW + timedelta(minutes=m) for m in (1, 0)]
        assert await uow.history.count_for_user(a.id) == 12

        unlocked = [
            await uow.user_achievements.raise_progress(a.id, achievement.id, value, 3, NOW)
            for value in (1, 3, 2, 9)
        ]
        assert unlocked == [False, True, False, False]  # achieved exactly once
        (progress,) = await uow.user_achievements.for_user(a.id)
    assert progress.progress == 3 and progress.achieved_at == NOW  # never down, never past goal


async def test_a_one_statement_query_sees_committed_rows_without_a_transaction(
    database: Database,
) -> None:
    """`query()` runs outside any transaction: it sees what was committed, and leaves no
    transaction open on the pooled connection (the next write can begin)."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with database.transaction() as uow:
        created = await uow.users.create(777, "Quincy", now)
        assert created is not None
        await uow.settings.create(created.id, "en")
    for _ in range(5):  # more than the pool: every connection is handed back clean
        async with database.query() as uow:
            found = await uow.users.with_settings_by_telegram_id(777)
        assert found is not None and found[0].display_name == "Quincy"
        assert found[1] is not None and found[1].language == "en"
    async with database.transaction() as uow:
        await uow.users.set_display_name(created.id, "Quinn")
    async with database.query() as uow:
        found = await uow.users.with_settings_by_telegram_id(777)
    assert found is not None and found[0].display_name == "Quinn"
