"""The question of the day as each partner sees it (hidden answers stay hidden)."""

from __future__ import annotations

from typing import Any

from aiogram import html
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Form, _, gettext_as
from bot.rendering import name_html
from bot.services.daily import (
    REACTIONS,
    CoupleQuestion,
    answers_of,
    question_of,
    reactions_of,
    replies_of,
)
from bot.services.gameplay import PlayError, SessionView
from bot.ui.callbacks import DailyAct, DailyActCb, DailyCb, DailyPastCb, Nav, ReactCb, Screen
from bot.ui.formatting import day_date, long_date
from bot.ui.zone_screens import place
from bot.zones import zone_name_of
from db.repositories.game_sessions import GameSession, Status
from db.repositories.users import User
from games.banks import Question

ScreenContent = tuple[str, InlineKeyboardMarkup | None]
PAST_PAGE_SIZE = 5


class DailyAnswering(StatesGroup):
    """The next message is an answer to a question of the day (/today, a push), or a reply
    on its reveal."""

    waiting_for_text = State()
    replying = State()


def prompt_text(question: Question | CoupleQuestion) -> str:
    """The question in bold: a bank's translated, a couple's own as its author wrote it."""
    if isinstance(question, CoupleQuestion):
        return html.bold(html.quote(question.prompt)) if question.prompt else _("(deleted)")
    return html.bold(html.quote(_(question.prompt)))


def option_text(question: Question | CoupleQuestion, index: int) -> str:
    """A choice's label (plain text: buttons take no markup)."""
    option = question.options[index]
    return option if isinstance(question, CoupleQuestion) else _(option)


def answer_text(question: Question | CoupleQuestion, answer: dict[str, Any] | None) -> str:
    if answer is None:
        return _("(no answer)")
    if answer.get("erased"):
        return _("(deleted)")
    if answer.get("option") is not None:
        index = int(answer["option"])
        if not 0 <= index < len(question.options):  # the author deleted their question
            return _("(deleted)")
        return html.quote(option_text(question, index))
    return html.quote(str(answer.get("text", "")))


def _written_by(question: Question | CoupleQuestion, me: User, partner: User) -> list[str]:
    """Whose question it is, when one of the couple wrote it."""
    if not isinstance(question, CoupleQuestion):
        return []
    if question.author_id == me.id:
        return [_("✍️ Your question")]
    if question.author_id == partner.id:
        return [_("✍️ A question from {partner}").format(partner=name_html(partner))]
    return [_("✍️ One of your own questions")]


def _day(session: GameSession) -> str:
    """The question's couple-day (bot/zones.py), not the UTC date it was created on."""
    return day_date(session.day) if session.day else long_date(session.started_at)


def daily_screen(view: SessionView, seat: int) -> ScreenContent:
    session = view.session
    question = question_of(session)
    answers = answers_of(session)
    mine, theirs = answers[seat], answers[1 - seat]
    partner = name_html(view.players[1 - seat].user)
    lines = [
        _("☀️ <b>Question of the day</b> · {date}").format(date=_day(session)),
        *_written_by(question, view.players[seat].user, view.players[1 - seat].user),
        "",
        prompt_text(question),
        "",
    ]
    builder = InlineKeyboardBuilder()
    if session.status is Status.CANCELLED:
        # Voided when the couple ended (or one of them blocked Duet): what the partner wrote
        # is never revealed, and nothing can be answered any more.
        if mine is not None:
            lines.append(_("You: {answer}").format(answer=answer_text(question, mine)))
        lines.append(_voided(session, partner))
    elif mine is None:
        if theirs is not None:
            settings = view.players[1 - seat].settings
            form = settings.grammatical_form if settings is not None else None
            lines.append(
                gettext_as(form, "💬 {partner} has answered. Your turn!").format(partner=partner)
            )
        if question.options:
            lines.append(_("Choose your answer:"))
            for index in range(len(question.options)):
                builder.button(
                    text=option_text(question, index),
                    callback_data=DailyCb(session_id=session.id, option=index),
                )
        else:
            lines.append(_("✍️ Send your answer as a message."))
            builder.button(
                text=_("✖️ Cancel"),
                callback_data=DailyActCb(session_id=session.id, act=DailyAct.CANCEL),
            )
    else:
        lines.append(_("You: {answer}").format(answer=answer_text(question, mine)))
        if theirs is None:
            lines.append(
                _("⏳ Waiting for {partner}. You will see each other's answers together.").format(
                    partner=partner
                )
            )
            if session.status.is_open:
                builder.button(
                    text=_("✏️ Change my answer"),
                    callback_data=DailyActCb(session_id=session.id, act=DailyAct.CHANGE),
                )
        else:
            lines.append(
                _("{partner}: {answer}").format(
                    partner=partner, answer=answer_text(question, theirs)
                )
            )
            lines.append(_("💞 Both of you answered. See you tomorrow!"))
            lines += _talk(session, seat, partner)
            if session.status is Status.FINISHED and not mine.get("erased"):
                for index, emoji in enumerate(REACTIONS):
                    builder.button(
                        text=emoji, callback_data=ReactCb(session_id=session.id, reaction=index)
                    )
                if replies_of(session)[seat] is None:
                    builder.button(
                        text=_("💬 Reply"),
                        callback_data=DailyActCb(session_id=session.id, act=DailyAct.REPLY),
                    )
    builder.button(text=_("📜 Earlier questions"), callback_data=DailyPastCb(page=0))
    builder.button(text=_("✍️ Our questions"), callback_data=Nav(to=Screen.OWN_QUESTIONS))
    builder.button(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME))
    guessed = view.players[seat].settings.time_zone is None
    if guessed:
        # Asked once, at the first question: the day and the push follow this zone.
        where = place(zone_name_of(view.players[seat].settings))
        lines += ["", _("🕰 Your days here follow {place} time: is that yours?").format(place=where)]
        builder.button(text=_("🕰 Set my time zone"), callback_data=Nav(to=Screen.ZONE))
    answering = mine is None and session.status.is_open
    if answering:
        sizes = [1] * (len(question.options) or 1)
    elif theirs is None:
        sizes = [1] if session.status.is_open and mine is not None else []
    else:
        talk = session.status is Status.FINISHED and mine is not None and not mine.get("erased")
        sizes = [len(REACTIONS), 1] if talk and replies_of(session)[seat] is None else []
        if talk and not sizes:
            sizes = [len(REACTIONS)]
    builder.adjust(*sizes, 2, 1)
    return "\n".join(lines), builder.as_markup()


def _talk(session: GameSession, seat: int, partner: str) -> list[str]:
    """Reactions and replies on the reveal, the user's own first."""
    reactions, replies = reactions_of(session), replies_of(session)
    lines = []
    if any(reactions) or any(replies):
        lines.append("")
    if reactions[seat]:
        lines.append(_("Your reaction: {reaction}").format(reaction=reactions[seat]))
    if replies[seat]:
        lines.append(_("Your reply: {reply}").format(reply=html.quote(str(replies[seat]))))
    if reactions[1 - seat]:
        lines.append(
            _("Reaction from {partner}: {reaction}").format(
                partner=partner, reaction=reactions[1 - seat]
            )
        )
    if replies[1 - seat]:
        lines.append(
            _("Reply from {partner}: {reply}").format(
                partner=partner, reply=html.quote(str(replies[1 - seat]))
            )
        )
    return lines


def _voided(session: GameSession, partner: str) -> str:
    if (session.result or {}).get("reason") == "blocked":
        return _("🔒 This question was closed: {partner} can't get messages from Duet.").format(
            partner=partner
        )
    return _("🔒 This question closed when the partnership ended.")


def past_questions(
    me: User, partner: User, sessions: list[GameSession], page: int, total: int
) -> ScreenContent:
    lines = [_("📜 <b>Earlier questions of the day</b>")]
    if not sessions:
        lines.append(_("Nothing yet: today's question is the first one."))
    for session in sessions:
        question = question_of(session)
        answers = answers_of(session)
        seat = session.seat_of(me.id) or 0
        both = all(answers)
        lines += [
            "",
            f"📅 {_day(session)}",
            *_written_by(question, me, partner),
            prompt_text(question),
            _("You: {answer}").format(answer=answer_text(question, answers[seat])),
        ]
        # The partner's answer stays hidden until both answered, here too.
        theirs = (
            answer_text(question, answers[1 - seat]) if both else _("(hidden until you answer)")
        )
        if answers[1 - seat] is None:
            theirs = _("(no answer)")
        lines.append(_("{partner}: {answer}").format(partner=name_html(partner), answer=theirs))
    pages = max(1, -(-total // PAST_PAGE_SIZE))
    row: list[InlineKeyboardButton] = []
    if page > 0:
        row.append(
            InlineKeyboardButton(text=_("◀️ Newer"), callback_data=DailyPastCb(page=page - 1).pack())
        )
    if page + 1 < pages:
        row.append(
            InlineKeyboardButton(text=_("Older ▶️"), callback_data=DailyPastCb(page=page + 1).pack())
        )
    rows = [row] if row else []
    rows.append(
        [
            InlineKeyboardButton(text=_("☀️ Today"), callback_data=Nav(to=Screen.TODAY).pack()),
            InlineKeyboardButton(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME).pack()),
        ]
    )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def needs_partner() -> ScreenContent:
    """/today alone: the question of the day is answered together."""
    text = _(
        "☀️ The question of the day is for two: you both answer, then see each other's"
        " answers. Invite your partner first — create a link and send it to them."
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("💌 Create invite link"), callback_data=Nav(to=Screen.INVITE))
    builder.button(text=_("🏠 Menu"), callback_data=Nav(to=Screen.HOME))
    builder.adjust(1)
    return text, builder.as_markup()


def reminder(partner: User, form: Form | None = None) -> ScreenContent:
    text = gettext_as(
        form, "💭 {partner} answered today's question and is curious about yours."
    ).format(partner=name_html(partner))
    builder = InlineKeyboardBuilder()
    builder.button(text=_("☀️ Answer now"), callback_data=Nav(to=Screen.TODAY))
    return text, builder.as_markup()


def answered_ping(partner: User, form: Form | None = None) -> ScreenContent:
    """The partner's news, at once: one answer is in, the other is awaited."""
    text = gettext_as(form, "💬 {partner} answered today's question: your turn!").format(
        partner=name_html(partner)
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("☀️ Answer now"), callback_data=Nav(to=Screen.TODAY))
    return text, builder.as_markup()


def pushes_paused() -> ScreenContent:
    text = _(
        "⏸ A week went by without an answer, so I stopped sending the question of the day. "
        "Answer one with /today and it comes every day again."
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("☀️ Today's question"), callback_data=Nav(to=Screen.TODAY))
    return text, builder.as_markup()


def reaction_ping(partner: User, reaction: str) -> ScreenContent:
    text = _("{reaction} Reaction from {partner} to your answer of the day.").format(
        reaction=reaction, partner=name_html(partner)
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("☀️ Today's question"), callback_data=Nav(to=Screen.TODAY))
    return text, builder.as_markup()


def reply_ping(partner: User, reply: str) -> ScreenContent:
    text = _("💬 Reply from {partner} to your answer of the day: {reply}").format(
        partner=name_html(partner), reply=html.quote(reply)
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=_("☀️ Today's question"), callback_data=Nav(to=Screen.TODAY))
    return text, builder.as_markup()


def reply_prompt() -> str:
    return _("✍️ Send your reply in one message (up to 200 characters), or tap Cancel.")


def reply_keyboard(session_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✖️ Cancel"), callback_data=DailyActCb(session_id=session_id, act=DailyAct.CANCEL)
    )
    return builder.as_markup()


def not_waiting() -> str:
    return _("OK: your next message is not an answer. /today brings the question back.")


def reply_invalid() -> str:
    return _("Please reply in one message of 1–200 characters.")


def answer_invalid() -> str:
    return _("Please answer in one message of 1–300 characters.")


def answer_refused(error: PlayError) -> str:
    if error.reason == PlayError.ALREADY_ANSWERED:
        return _("You have already answered today's question.")
    if error.reason == PlayError.NO_PARTNER:
        return _("You need a partner to play. Invite them first.")
    if error.reason == PlayError.NOT_YOURS:
        return _("This is not your game.")
    if error.reason == PlayError.EARLIER_COUPLE:
        return _("This question belonged to a partnership that has ended. Nothing was sent.")
    return _("This question is closed.")
