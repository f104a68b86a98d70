"""Couples end to end: invites, refusals, accept races, unlinking, profiles and presence."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from bot.fake_bot_api import FakeUser
from tests.e2e.flows import LINK_RE, create_invite_link, find_button, make_couple, open_home, say
from tests.e2e.harness import Duet


async def counts(duet: Duet) -> tuple[int, int, int]:
    """(partnerships, active partnerships, used invites): what a refusal must not change."""
    async with duet.database.read() as uow:
        row = await uow.conn.fetch_one(
            "SELECT (SELECT count(*) FROM partnerships),"
            " (SELECT count(*) FROM partnerships WHERE is_active = 1),"
            " (SELECT count(*) FROM invites WHERE used_by IS NOT NULL)"
        )
    assert row is not None
    return row[0], row[1], row[2]


async def test_invite_round_trip_in_two_languages(duet: Duet) -> None:
    alice = duet.user(1001, "Alice", "en")
    boris = duet.user(1002, "Борис", "ru")
    link = await create_invite_link(duet, alice)
    token = LINK_RE.search(link).group(1)  # type: ignore[union-attr]
    assert link == f"https://t.me/duet_test_bot?start={token}"
    assert 22 <= len(token) <= 64

    invite_message = alice.last
    assert invite_message is not None
    assert "expires in 1 day" in invite_message.text
    share = find_button(invite_message, "📤 Share")
    query = parse_qs(urlparse(share.url or "").query)
    assert query["url"] == [link]
    assert query["text"] == ["Let's play together in Duet! 💞"]

    await boris.open_link(link)
    invitation = await boris.wait_for_text("приглашает тебя")
    assert "Alice" in invitation.text
    await boris.press("💞 Принять")
    assert "Теперь ты и Alice" in boris.last.text  # type: ignore[union-attr]
    told = await alice.wait_for_text("are now a couple")
    assert "Борис" in told.text

    async with duet.database.read() as uow:
        invite = await uow.invites.get_by_token(token)
        a = await uow.users.get_by_telegram_id(alice.id)
        b = await uow.users.get_by_telegram_id(boris.id)
        assert a is not None and b is not None
        partnership = await uow.partnerships.active_for(a.id)
    assert invite is not None and invite.used_by == b.id and invite.used_at == duet.clock.now()
    assert partnership is not None and {partnership.user1_id, partnership.user2_id} == {a.id, b.id}

    await alice.press("🏠 Menu")
    await alice.press("💞 Partner")
    screen = alice.last
    assert screen is not None
    assert "Борис" in screen.text
    assert "Together since November 24, 2026" in screen.text
    assert "0 games played together" in screen.text
    home = await open_home(duet, boris)
    assert "Партнёр: Alice" in home.text
    await boris.press("💞 Партнёр")
    assert "Вместе с 24 ноября 2026" in boris.last.text  # type: ignore[union-attr]
    assert "Сыграно вместе: 0 игр" in boris.last.text  # type: ignore[union-attr]


async def test_buttons_edit_screens_in_place(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    home = await open_home(duet, alice)
    before = len(alice.messages)
    await alice.press("💞 Partner")
    await alice.press("🏠 Menu")
    await alice.press("👤 Profile")
    assert len(alice.messages) == before
    assert home.edited
    assert "Your profile" in home.text


async def test_invite_command_and_newer_invite_retires_the_older(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    first = await create_invite_link(duet, alice)
    await alice.send("/invite")
    second_message = await alice.wait_for(
        lambda u: (
            u.last is not None
            and LINK_RE.search(u.last.text) is not None
            and LINK_RE.search(u.last.text).group(0) != first
        )  # type: ignore[union-attr]
    )
    del second_message
    await boris.open_link(first)
    refused = await boris.wait_for_text("no longer valid")
    assert "Ask Alice for a fresh one" in refused.text


async def test_every_refusal_has_its_own_message_and_changes_nothing(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    carol = duet.user(1003, "Carol")
    dave = duet.user(1004, "Dave", "ru")
    link = await create_invite_link(duet, alice)
    token = LINK_RE.search(link).group(1)  # type: ignore[union-attr]
    before = await counts(duet)

    await alice.open_link(link)
    await alice.wait_for_text("your own invite link")
    await boris.send("/start not*a*token")
    await boris.wait_for_text("This invite link is not valid")
    await boris.send("/start " + "A" * 32)
    await boris.wait_for(lambda u: u.last is not None and u.last.text.count("not valid") == 1)
    assert await counts(duet) == before

    # Expired: a day and a second after it was created.
    duet.clock.advance(timedelta(days=1, seconds=1))
    await boris.open_link(link)
    await boris.wait_for_text("has expired. Ask Alice for a new one")
    await dave.open_link(link)
    await dave.wait_for_text("Срок действия ссылки истёк")
    assert await counts(duet) == before

    # Already used (by someone else, or by yourself: a second press).
    link = await create_invite_link(duet, alice)
    await boris.open_link(link)
    await carol.open_link(link)
    await duet.settle()
    await boris.press("💞 Accept")
    answer = await carol.press("💞 Accept")
    assert answer.show_alert and answer.text == "This invite link has already been used."
    assert carol.last is not None and carol.last.text == answer.text
    await boris.open_link(link)
    await boris.wait_for_text("You have already accepted this invite")

    # Invitee already partnered.
    carol_link = await create_invite_link(duet, carol)
    await boris.open_link(carol_link)
    await boris.wait_for_text("You already have a partner. Unlink first")
    reply = await say(duet, alice, "/invite")
    assert "You already have a partner: Boris" in reply.text
    assert await counts(duet) == (1, 1, 1)

    # Inviter partnered meanwhile: Dave looks at Carol's invitation while Carol says yes
    # to Erin's invite.
    erin = duet.user(1005, "Erin")
    carol_link = await create_invite_link(duet, carol)
    await dave.open_link(carol_link)
    await make_couple(duet, erin, carol)
    answer = await dave.press("💞 Принять")
    assert (
        answer.text == "Carol уже в паре с кем-то другим, поэтому приглашение больше не действует."
    )
    assert await counts(duet) == (2, 2, 2)
    del token


async def test_two_people_accepting_at_the_same_moment_make_one_couple(duet: Duet) -> None:
    for round_number in range(5):
        base = 2000 + round_number * 10
        alice = duet.user(base, "Alice")
        boris = duet.user(base + 1, "Boris")
        carol = duet.user(base + 2, "Carol")
        link = await create_invite_link(duet, alice)
        for guest in (boris, carol):
            await guest.open_link(link)
            await guest.wait_for_text("invites you")
        answers = await asyncio.gather(boris.press("💞 Accept"), carol.press("💞 Accept"))
        assert len(answers) == 2
        await duet.settle()
        winners = [g for g in (boris, carol) if "now a couple" in (g.last.text if g.last else "")]
        losers = [g for g in (boris, carol) if g not in winners]
        assert len(winners) == 1, (boris.transcript(), carol.transcript())
        assert "no longer works" in losers[0].last.text or "already been used" in (  # type: ignore[union-attr]
            losers[0].last.text  # type: ignore[union-attr]
        )
    async with duet.database.read() as uow:
        assert await uow.conn.fetch_value("SELECT count(*) FROM partnerships") == 5
    assert await duet.database.check_integrity() == []


async def test_decline_tells_the_inviter_politely(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    link = await create_invite_link(duet, alice)
    await boris.open_link(link)
    await boris.wait_for_text("приглашает")
    await boris.press("✖️ Отклонить")
    assert "Приглашение отклонено, Alice узнает об этом." in boris.last.text  # type: ignore[union-attr]
    await alice.wait_for_text("Борис declined your invitation")
    await boris.open_link(link)
    await boris.wait_for_text("больше не действует")
    assert await counts(duet) == (0, 0, 0)


async def test_unlink_then_partner_again(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    carol = duet.user(1003, "Carol")
    await make_couple(duet, alice, boris)
    await open_home(duet, alice)
    await alice.press("💞 Partner")
    await alice.press("💔 Unlink")
    assert "Unlink from Борис?" in alice.last.text  # type: ignore[union-attr]
    await alice.press("Cancel")
    assert "Your partner" in alice.last.text  # type: ignore[union-attr]
    await alice.press("💔 Unlink")
    await alice.press("💔 Yes, unlink")
    assert "no longer partners with Борис" in alice.last.text  # type: ignore[union-attr]
    await boris.wait_for_text("Alice: связь в Duet разорвана, вы больше не пара")
    assert await counts(duet) == (1, 0, 1)
    async with duet.database.read() as uow:
        (ended,) = await uow.partnerships.all_for(1)
    assert ended.ended_at == duet.clock.now()

    await make_couple(duet, boris, carol)
    await make_couple(duet, alice, duet.user(1004, "Dave"))
    assert await counts(duet) == (3, 2, 3)


async def test_stale_and_forged_buttons_change_nothing(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await open_home(duet, alice)
    await alice.press("💞 Partner")
    await alice.press("💔 Unlink")
    confirm = alice.last
    assert confirm is not None
    # Boris unlinks first; Alice's confirmation screen is now stale.
    await open_home(duet, boris)
    await boris.press("💞 Partner")
    await boris.press("💔 Unlink")
    await boris.press("💔 Yes, unlink")
    answer = await alice.press("💔 Yes, unlink", message=confirm)
    assert answer.show_alert and answer.text == "You are not partners any more."

    for data in ["garbage", "n:zz", "u:yes:999999", "i:y:" + "x" * 40, "a:99", "💥" * 16]:
        answer = await alice.press_data(confirm.message_id, data)
        assert answer.text, data
    assert await counts(duet) == (1, 0, 1)


async def test_html_hostile_names_are_shown_exactly(duet: Duet) -> None:
    eve = duet.user(1001, "<b>Eve & Bob</b>")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, eve, boris)
    told = await boris.wait_for_text("now a couple")
    del told
    home = await open_home(duet, boris)
    assert "Partner:" in home.text
    assert "<b>Eve & Bob</b>" in home.text
    await eve.send("/start")
    greeting = await eve.wait_for_text("Welcome back")
    assert "<b>Eve & Bob</b>!" in greeting.text


async def test_rename_validation(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await open_home(duet, alice)
    await alice.press("👤 Profile")
    await alice.press("✏️ Change name")
    await alice.wait_for_text("Send me your new name (1–32 characters)")

    await alice.send("x" * 33)
    await alice.wait_for_text("at most 32 characters, yours has 33")
    await alice.send("\u200b\u2063 \u202e")  # nothing visible in it
    await alice.wait_for_text("can't be empty")
    await alice.send("   ")
    await alice.wait_for_text("can't be empty")
    await alice.send_sticker()
    await alice.wait_for_text("send your new name as text")
    await alice.send("  <i>Al & Ice</i>  ")
    await alice.wait_for_text("Your name is now <i>Al & Ice</i>.")
    await alice.send("just chatting")  # no longer waiting for a name
    await alice.wait_for_text("I answer to buttons and commands")

    home = await open_home(duet, boris)
    assert "Партнёр: <i>Al & Ice</i>" in home.text

    # A command while the bot waits for a name cancels the question.
    await boris.press("👤 Профиль")
    await boris.press("✏️ Изменить имя")
    await open_home(duet, boris)
    reply = await say(duet, boris, "Новое имя")
    assert "Я понимаю кнопки и команды" in reply.text
    async with duet.database.read() as uow:
        user = await uow.users.get_by_telegram_id(boris.id)
    assert user is not None and user.display_name == "Борис"

    await open_home(duet, boris)
    await boris.press("👤 Профиль")
    await boris.press("✏️ Изменить имя")
    await boris.send("Б" * 33)
    await boris.wait_for_text("в твоём 33 символа")


async def test_avatar_picker_shows_everywhere(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Boris")
    await make_couple(duet, alice, boris)
    await open_home(duet, alice)
    await alice.press("👤 Profile")
    await alice.press("🖼 Change avatar")
    picker = alice.last
    assert picker is not None
    emoji = [b.text for row in picker.buttons for b in row if b.text != "⬅️ Back"]
    assert len(emoji) >= 12 and len(set(emoji)) == len(emoji)
    await alice.press("🦊")
    assert "🦊 Alice" in alice.last.text  # type: ignore[union-attr]
    home = await open_home(duet, boris)
    assert "Partner: 🦊 Alice" in home.text
    await boris.press("💞 Partner")
    assert "🦊 Alice" in boris.last.text  # type: ignore[union-attr]


async def test_presence_online_then_offline(start_duet: object) -> None:
    duet: Duet = await start_duet(presence_idle_timeout=300)  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    await open_home(duet, boris)
    await open_home(duet, alice)
    await alice.press("💞 Partner")
    assert "🟢 Online" in alice.last.text  # type: ignore[union-attr]

    duet.clock.advance(timedelta(minutes=6))
    await open_home(duet, alice)  # Alice stays active; Boris idles
    gone = await duet.runtime.services.presence.sweep()  # type: ignore[union-attr]
    assert len(gone) == 1
    await alice.press("💞 Partner")
    assert "⚪ Last seen 6 minutes ago" in alice.last.text  # type: ignore[union-attr]

    await open_home(duet, boris)  # Boris is back: Alice (notifications on) hears it once
    await alice.wait_for_text("🟢 Борис is online now.")
    await boris.press("💞 Партнёр")
    assert "🟢 В сети" in boris.last.text  # type: ignore[union-attr]
    await alice.press("🏠 Menu")
    await alice.press("💞 Partner")
    assert "🟢 Online" in alice.last.text  # type: ignore[union-attr]


async def test_presence_costs_no_write_for_a_recently_seen_user(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    presence = duet.runtime.services.presence  # type: ignore[union-attr]
    await open_home(duet, alice)
    writes = presence.writes
    for _ in range(5):
        await alice.press("👤 Profile")
        await alice.press("🏠 Menu")
    assert presence.writes == writes
    duet.clock.advance(timedelta(seconds=61))
    await alice.press("👤 Profile")
    assert presence.writes == writes + 1


async def test_unsupported_content_gets_a_polite_answer(duet: Duet) -> None:
    alice: FakeUser = duet.user(1001, "Alice")
    await alice.send_photo()
    await alice.wait_for_text("only read text and buttons")
    await alice.send("/nonsense")
    await alice.wait_for_text("I don't know that command")


async def test_online_notice_respects_notifications_and_cooldown(start_duet: object) -> None:
    duet: Duet = await start_duet(online_notice_cooldown=3600)  # type: ignore[operator]
    alice = duet.user(1001, "Alice")
    boris = duet.user(1002, "Борис", "ru")
    await make_couple(duet, alice, boris)
    presence = duet.runtime.services.presence  # type: ignore[union-attr]

    async def boris_idles_and_returns() -> None:
        duet.clock.advance(timedelta(minutes=6))
        await presence.sweep()
        await open_home(duet, boris)

    await boris_idles_and_returns()
    await boris_idles_and_returns()  # within the hour: no second notice
    assert sum("is online now" in m.text for m in alice.bot_messages) == 1
    duet.clock.advance(timedelta(hours=1))
    await say(duet, alice, "/settings")
    await alice.press("Notifications: 📣 On")
    await boris_idles_and_returns()
    assert sum("is online now" in m.text for m in alice.bot_messages) == 1
    await alice.press("Notifications: 🔇 Off")
    await boris_idles_and_returns()
    assert sum("is online now" in m.text for m in alice.bot_messages) == 2


async def test_names_keep_emoji_sequences_and_turn_lines_into_spaces(duet: Duet) -> None:
    alice = duet.user(1001, "Alice")
    await open_home(duet, alice)
    await alice.press("👤 Profile")
    await alice.press("✏️ Change name")
    prompt = alice.last
    assert prompt is not None and prompt.button_labels() == ["Cancel"]
    await say(duet, alice, "👩\u200d❤️\u200d👨 Ann\nMarie 🏳️\u200d🌈")
    await alice.wait_for_text("Your name is now 👩\u200d❤️\u200d👨 Ann Marie 🏳️\u200d🌈.")
    assert prompt.button_labels() == []  # nothing left to cancel
    await alice.press("✏️ Change name")
    await alice.send("🏳️\u200d🌈" * 32)  # 32 characters, but 128 code points: too long
    await alice.wait_for_text("That name is too long")


async def test_telegram_names_are_cleaned_whole_characters_at_a_time(duet: Duet) -> None:
    ghost = duet.user(1001, "\u200b\u2063\u200d")  # only invisible characters
    flags = duet.user(1002, "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f" * 12)
    lines = duet.user(1003, "Борис\nИванович", "ru")
    ghost_ru = duet.user(1004, "\u2060", "ru")
    for user in (ghost, flags, lines, ghost_ru):
        await open_home(duet, user)
    async with duet.database.read() as uow:
        names = [
            (await uow.users.get_by_telegram_id(user.id)).display_name  # type: ignore[union-attr]
            for user in (ghost, flags, lines, ghost_ru)
        ]
    assert names[0] == "Partner" and names[3] == "Партнёр"
    assert names[2] == "Борис Иванович"
    flag = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert names[1] == flag * (64 // len(flag))  # cut between flags, never inside one
    await make_couple(duet, ghost, lines)
    home = await open_home(duet, lines)
    assert "Partner" in home.text and str(ghost.id) not in home.text


async def test_messages_from_another_bot_are_ignored(duet: Duet) -> None:
    robot = duet.api.add_user(5005, "Spambot", is_bot=True)
    await robot.send("/start")
    await robot.send("hello")
    await duet.settle()
    assert robot.bot_messages == []
    async with duet.database.read() as uow:
        assert await uow.users.get_by_telegram_id(robot.id) is None
