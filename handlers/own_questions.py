"""The couple's own questions: list, write, edit, delete (bot/services/own_questions.py)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import MagicData, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.own_questions import (
    InvalidQuestion,
    OwnQuestionRefused,
    OwnQuestionService,
    parse_question,
)
from bot.ui import game_screens, own_question_screens
from bot.ui.callbacks import Nav, OwnAction, OwnQuestionCb, Screen
from bot.ui.respond import alert, retire_prompt, show
from db.repositories.users import User


class Writing(StatesGroup):
    question = State()


async def _list(
    event: Message | CallbackQuery, user: User, own: OwnQuestionService, page: int = 0
) -> None:
    try:
        couple = await own.list(user.id)
    except OwnQuestionRefused:
        await show(event, game_screens.needs_partner())
        return
    await show(event, own_question_screens.questions(user, couple, page))


async def list_screen(
    query: CallbackQuery, user: User, own: OwnQuestionService, state: FSMContext
) -> None:
    """The list, from /today or from a writing prompt's Cancel (which ends the writing)."""
    await state.clear()
    await _list(query, user, own)


async def page(
    query: CallbackQuery, callback_data: OwnQuestionCb, user: User, own: OwnQuestionService
) -> None:
    await _list(query, user, own, callback_data.page)


async def write(
    query: CallbackQuery,
    callback_data: OwnQuestionCb,
    callback_answer: CallbackAnswer,
    user: User,
    own: OwnQuestionService,
    state: FSMContext,
) -> None:
    editing = None
    if callback_data.action is OwnAction.EDIT:
        try:
            editing = await own.mine(user.id, callback_data.question_id)
        except OwnQuestionRefused as error:
            alert(callback_answer, own_question_screens.refused(error))
            return
    await state.set_state(Writing.question)
    await state.update_data(
        editing=None if editing is None else editing.id,
        prompt=query.message.message_id if isinstance(query.message, Message) else None,
    )
    await show(query, own_question_screens.write_prompt(editing))


async def delete(
    query: CallbackQuery,
    callback_data: OwnQuestionCb,
    callback_answer: CallbackAnswer,
    user: User,
    own: OwnQuestionService,
) -> None:
    try:
        await own.delete(user.id, callback_data.question_id)
    except OwnQuestionRefused as error:
        alert(callback_answer, own_question_screens.refused(error))
        return
    callback_answer.text = own_question_screens.deleted()
    await _list(query, user, own)


async def receive(
    message: Message, bot: Bot, user: User, own: OwnQuestionService, state: FSMContext
) -> None:
    try:
        question = parse_question(message.text or "")
    except InvalidQuestion as error:
        await message.answer(own_question_screens.invalid(error.problem))
        return
    data = await state.get_data()
    editing = data.get("editing")
    try:
        if isinstance(editing, int):
            await own.edit(user.id, editing, question)
        else:
            await own.add(user.id, question)
    except OwnQuestionRefused as error:
        await state.clear()
        await message.answer(own_question_screens.refused(error))
        return
    await state.clear()
    await retire_prompt(bot, message.chat.id, data.get("prompt"))
    await message.answer(own_question_screens.saved(edited=isinstance(editing, int)))
    await _list(message, user, own)


async def not_text(message: Message) -> None:
    await message.answer(own_question_screens.invalid_input())


def create_router() -> Router:
    router = Router(name="own_questions")
    router.callback_query.register(list_screen, Nav.filter(F.to == Screen.OWN_QUESTIONS))
    router.callback_query.register(page, OwnQuestionCb.filter(F.action == OwnAction.PAGE))
    router.callback_query.register(
        write, OwnQuestionCb.filter(F.action.in_({OwnAction.WRITE, OwnAction.EDIT}))
    )
    router.callback_query.register(delete, OwnQuestionCb.filter(F.action == OwnAction.DELETE))
    router.callback_query.register(list_screen, OwnQuestionCb.filter(F.action == OwnAction.CANCEL))
    # A /command is never taken for a question: it clears the state first
    # (bot/middlewares/commands.py).
    router.message.register(receive, StateFilter(Writing.question), MagicData(F.event.text))
    router.message.register(not_text, StateFilter(Writing.question), ~MagicData(F.event.text))
    return router
