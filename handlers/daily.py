"""/today: the question of the day, answered by a button or in a message."""

from __future__ import annotations

from functools import partial

from aiogram import Bot, F, Router
from aiogram.filters import Command, MagicData, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.daily import (
    REACTIONS,
    DailyAnswer,
    DailyService,
    InvalidAnswer,
    answers_of,
    question_of,
    replies_of,
    validate_text,
)
from bot.services.gameplay import GameService, PlayError, SessionView
from bot.ui import daily_screens
from bot.ui.callbacks import DailyAct, DailyActCb, DailyCb, DailyPastCb, Nav, ReactCb, Screen
from bot.ui.daily_screens import DailyAnswering
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier, Render
from bot.ui.respond import alert, show
from db.repositories.users import User


async def _prepare(view: SessionView, user: User, state: FSMContext) -> int:
    """The user's seat; a free-text question they have not answered awaits their message."""
    seat = view.seat_of(user.id)
    assert seat is not None
    question_has_options = bool(question_of(view.session).options)
    if (
        answers_of(view.session)[seat] is None
        and not question_has_options
        and view.session.status.is_open
    ):
        await state.set_state(DailyAnswering.waiting_for_text)
        await state.update_data(daily_session=view.session.id)
    else:
        await state.clear()
    return seat


async def today(
    event: Message | CallbackQuery,
    bot: Bot,
    user: User,
    daily: DailyService,
    game_display: GameDisplay,
    state: FSMContext,
) -> None:
    """/today sends the question fresh; the button turns its own message into it."""
    try:
        view = await daily.today(user.id)
    except PlayError:
        await show(event, daily_screens.needs_partner())
        return
    seat = await _prepare(view, user, state)
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        await game_display.adopt(bot, view.session.id, seat, event.message.message_id)
    else:
        await game_display.bring_back(bot, view.session.id, seat)


async def choose(
    query: CallbackQuery,
    callback_data: DailyCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    daily: DailyService,
    games: GameService,
    game_display: GameDisplay,
    notifier: Notifier,
) -> None:
    try:
        view = await daily.answer(
            user.id, callback_data.session_id, DailyAnswer(option=callback_data.option)
        )
    except PlayError as error:
        alert(callback_answer, daily_screens.answer_refused(error))
        return
    await reveal(bot, game_display, notifier, view, user)


async def typed_answer(
    message: Message,
    bot: Bot,
    user: User,
    daily: DailyService,
    game_display: GameDisplay,
    notifier: Notifier,
    state: FSMContext,
) -> None:
    try:
        text = validate_text(message.text or "")
    except InvalidAnswer:
        await message.answer(daily_screens.answer_invalid())
        return
    session_id = (await state.get_data()).get("daily_session")
    await state.clear()
    if not isinstance(session_id, int):
        return
    try:
        view = await daily.answer(user.id, session_id, DailyAnswer(text=text))
    except PlayError as error:
        await message.answer(daily_screens.answer_refused(error))
        return
    seat = view.seat_of(user.id)
    assert seat is not None
    # The answer was typed at the bottom of the chat: the question follows it there.
    await game_display.bring_back(bot, view.session.id, seat)
    await reveal(bot, game_display, notifier, view, user)


async def not_text(message: Message) -> None:
    await message.answer(daily_screens.answer_invalid())


async def reply_not_text(message: Message) -> None:
    await message.answer(daily_screens.reply_invalid())


async def reveal(
    bot: Bot, display: GameDisplay, notifier: Notifier, view: SessionView, user: User
) -> None:
    """Show the new answer; when it completes the pair, the partner gets a new message (if
    they allow proactive messages), so both see both answers. A first answer pings the
    partner at once."""
    seat = view.seat_of(user.id) or 0
    partner = view.players[1 - seat]
    if partner.settings.notifications:
        if not view.session.status.is_open:
            await display.bring_back(bot, view.session.id, 1 - seat)
        elif answers_of(view.session)[1 - seat] is None:
            me = view.players[seat]
            ping = partial(daily_screens.answered_ping, me.user, me.settings.grammatical_form)
            await notifier.send(bot, partner, ping)
    await display.after(bot, view)


async def react(
    query: CallbackQuery,
    callback_data: ReactCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    daily: DailyService,
    game_display: GameDisplay,
    notifier: Notifier,
) -> None:
    try:
        view = await daily.react(user.id, callback_data.session_id, callback_data.reaction)
    except PlayError as error:
        alert(callback_answer, daily_screens.answer_refused(error))
        return
    await game_display.after(bot, view)  # both reveals update in place
    emoji = REACTIONS[callback_data.reaction]
    await _ping(bot, notifier, view, user, partial(daily_screens.reaction_ping, user, emoji))


async def change(
    query: CallbackQuery,
    callback_data: DailyActCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    user: User,
    daily: DailyService,
    game_display: GameDisplay,
    state: FSMContext,
) -> None:
    """Take back one's answer (the partner has not answered yet) and answer again."""
    try:
        view = await daily.retract(user.id, callback_data.session_id)
    except PlayError as error:
        alert(callback_answer, daily_screens.answer_refused(error))
        return
    seat = await _prepare(view, user, state)
    if isinstance(query.message, Message):
        await game_display.adopt(bot, view.session.id, seat, query.message.message_id)
    await game_display.after(bot, view)


async def cancel(query: CallbackQuery, callback_answer: CallbackAnswer, state: FSMContext) -> None:
    """The next message is not an answer (nor a reply) after all."""
    await state.clear()
    alert(callback_answer, daily_screens.not_waiting())
    if isinstance(query.message, Message) and query.message.text == daily_screens.reply_prompt():
        await query.message.delete()


async def ask_reply(
    query: CallbackQuery,
    callback_data: DailyActCb,
    callback_answer: CallbackAnswer,
    user: User,
    daily: DailyService,
    state: FSMContext,
) -> None:
    try:
        await daily.view(user.id, callback_data.session_id)
    except PlayError as error:
        alert(callback_answer, daily_screens.answer_refused(error))
        return
    await state.set_state(DailyAnswering.replying)
    await state.update_data(daily_session=callback_data.session_id)
    await query.bot.send_message(  # type: ignore[union-attr]
        user.telegram_id,
        daily_screens.reply_prompt(),
        reply_markup=daily_screens.reply_keyboard(callback_data.session_id),
    )


async def replied(
    message: Message,
    bot: Bot,
    user: User,
    daily: DailyService,
    game_display: GameDisplay,
    notifier: Notifier,
    state: FSMContext,
) -> None:
    session_id = (await state.get_data()).get("daily_session")
    if not isinstance(session_id, int):
        await state.clear()
        return
    try:
        view = await daily.reply(user.id, session_id, message.text or "")
    except InvalidAnswer:
        await message.answer(daily_screens.reply_invalid())
        return
    except PlayError as error:
        await state.clear()
        await message.answer(daily_screens.answer_refused(error))
        return
    await state.clear()
    seat = view.seat_of(user.id)
    assert seat is not None
    await game_display.bring_back(bot, view.session.id, seat)
    await game_display.after(bot, view)
    reply = replies_of(view.session)[seat] or ""
    await _ping(bot, notifier, view, user, partial(daily_screens.reply_ping, user, reply))


async def _ping(
    bot: Bot, notifier: Notifier, view: SessionView, user: User, render: Render
) -> None:
    """One short message to the partner, if they allow messages they did not ask for."""
    partner = view.players[1 - (view.seat_of(user.id) or 0)]
    if partner.settings.notifications:
        await notifier.send(bot, partner, render)


async def past(
    query: CallbackQuery,
    callback_data: DailyPastCb,
    user: User,
    daily: DailyService,
    games: GameService,
) -> None:
    page = max(0, callback_data.page)
    sessions, total = await daily.past(
        user.id, daily_screens.PAST_PAGE_SIZE, page * daily_screens.PAST_PAGE_SIZE
    )
    partner = await daily.partner_of(user.id)
    if partner is None:
        await show(query, daily_screens.needs_partner())
        return
    await show(query, daily_screens.past_questions(user, partner, sessions, page, total))


def create_router() -> Router:
    router = Router(name="daily")
    router.message.register(today, Command("today"))
    router.callback_query.register(today, Nav.filter(F.to == Screen.TODAY))
    router.callback_query.register(choose, DailyCb.filter())
    router.callback_query.register(past, DailyPastCb.filter())
    router.callback_query.register(react, ReactCb.filter())
    router.callback_query.register(change, DailyActCb.filter(F.act == DailyAct.CHANGE))
    router.callback_query.register(cancel, DailyActCb.filter(F.act == DailyAct.CANCEL))
    router.callback_query.register(ask_reply, DailyActCb.filter(F.act == DailyAct.REPLY))
    router.message.register(replied, StateFilter(DailyAnswering.replying), MagicData(F.event.text))
    router.message.register(reply_not_text, StateFilter(DailyAnswering.replying))
    router.message.register(
        typed_answer, StateFilter(DailyAnswering.waiting_for_text), MagicData(F.event.text)
    )
    router.message.register(not_text, StateFilter(DailyAnswering.waiting_for_text))
    return router
