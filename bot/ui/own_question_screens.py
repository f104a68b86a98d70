"""The couple's own questions: their list, writing one, and the answers to mistakes."""

from __future__ import annotations

from aiogram import html
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import _, ngettext
from bot.rendering import name_html
from bot.services.own_questions import (
    MAX_OPTION,
    MAX_PROMPT,
    CoupleQuestions,
    OwnQuestionRefused,
    QuestionProblem,
)
from bot.ui.callbacks import Nav, OwnAction, OwnQuestionCb, Screen
from bot.ui.formatting import long_date
from bot.ui.keyboards import home_button
from bot.ui.screens import ScreenContent
from db.repositories.own_questions import OwnQuestion
from db.repositories.users import User

PAGE_SIZE = 5
"""Questions per page: each may carry four options and two buttons."""


def _entry(number: int, question: OwnQuestion, me: User, partner: User) -> list[str]:
    author = _("you") if question.author_id == me.id else name_html(partner)
    if question.asked_at is None:
        when = _("not asked yet")
    else:
        when = _("asked {date}").format(date=long_date(question.asked_at))
    lines = [f"<b>{number}.</b> {html.quote(question.prompt)}"]
    if question.options:
        lines.append("   " + " · ".join(html.quote(option) for option in question.options))
    lines.append("   " + _("✍️ {author} · {when}").format(author=author, when=when))
    return lines


def questions(me: User, couple: CoupleQuestions, page: int) -> ScreenContent:
    """Newest first, a page at a time; the user's own entries carry edit and delete."""
    newest_first = list(reversed(couple.questions))
    pages = max(1, -(-len(newest_first) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = newest_first[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [
        _("✍️ <b>Our questions</b>"),
        _(
            "Write a question for the two of you: it comes as the question of the day, "
            "before the usual ones. Put 2 to 4 answer options on the lines under it, "
            "or none to answer in words."
        ),
        _(
            "With options, it also comes to “How well do you know me?”: your partner "
            "answers it about themselves, and you guess."
        ),
    ]
    if not newest_first:
        lines += ["", _("No questions yet. Be the first to ask one!")]
    builder = InlineKeyboardBuilder()
    rows: list[int] = [1]
    builder.button(
        text=_("➕ Write a question"), callback_data=OwnQuestionCb(action=OwnAction.WRITE)
    )
    for offset, question in enumerate(shown):
        number = len(newest_first) - (page * PAGE_SIZE + offset)
        lines += ["", *_entry(number, question, me, couple.partner)]
        if question.author_id == me.id:
            builder.button(
                text=_("✏️ {number}").format(number=number),
                callback_data=OwnQuestionCb(action=OwnAction.EDIT, question_id=question.id),
            )
            builder.button(
                text=_("🗑 {number}").format(number=number),
                callback_data=OwnQuestionCb(action=OwnAction.DELETE, question_id=question.id),
            )
            rows.append(2)
    if pages > 1:
        if page > 0:
            builder.button(
                text=_("◀️ Newer"), callback_data=OwnQuestionCb(action=OwnAction.PAGE, page=page - 1)
            )
        if page + 1 < pages:
            builder.button(
                text=_("Older ▶️"), callback_data=OwnQuestionCb(action=OwnAction.PAGE, page=page + 1)
            )
        rows.append(int(page > 0) + int(page + 1 < pages))
    builder.button(text=_("☀️ Today"), callback_data=Nav(to=Screen.TODAY))
    builder.add(home_button())
    rows.append(2)
    builder.adjust(*rows)
    return "\n".join(lines), builder.as_markup()


def write_prompt(editing: OwnQuestion | None) -> ScreenContent:
    if editing is None:
        text = _("✍️ Send your question as one message.")
    else:
        text = (
            _("✏️ Send the new text of your question. Now it reads:")
            + "\n"
            + html.quote("\n".join((editing.prompt, *editing.options)))
        )
    text += "\n\n" + _(
        "For a choice, put each option on its own line under the question, for example:\n"
        "<i>Where shall we go next summer?\nThe sea\nThe mountains</i>"
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✖️ Cancel"), callback_data=OwnQuestionCb(action=OwnAction.CANCEL))
    return text, builder.as_markup()


def saved(edited: bool) -> str:
    if edited:
        return _("✅ Saved the new text.")
    return _("✅ Saved! It will come as one of your next questions of the day.")


def deleted() -> str:
    return _("🗑 Deleted.")


def invalid(problem: QuestionProblem) -> str:
    if problem is QuestionProblem.TOO_LONG:
        return ngettext(
            "That's a long one: keep the question within {count} character.",
            "That's a long one: keep the question within {count} characters.",
            MAX_PROMPT,
        ).format(count=MAX_PROMPT)
    if problem is QuestionProblem.OPTION_COUNT:
        return _("A choice needs 2 to 4 options, one per line (or none to answer in words).")
    if problem is QuestionProblem.OPTION_TOO_LONG:
        return ngettext(
            "Keep each option to {count} character: it has to fit on a button.",
            "Keep each option to {count} characters: it has to fit on a button.",
            MAX_OPTION,
        ).format(count=MAX_OPTION)
    if problem is QuestionProblem.SAME_OPTIONS:
        return _("Two options are the same: make each one different.")
    return invalid_input()


def invalid_input() -> str:
    return _("Send the question as text, please.")


def refused(error: OwnQuestionRefused) -> str:
    if error.reason == OwnQuestionRefused.TOO_MANY:
        return _("Your list is full: delete a question before you write a new one.")
    if error.reason == OwnQuestionRefused.NO_PARTNER:
        return _("Questions belong to a couple: invite your partner first.")
    return _("That question is not in your list any more.")
