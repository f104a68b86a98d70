"""create_dispatcher: the production wiring, shared by `python -m bot` and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.i18n import I18n

from bot.clock import Clock
from bot.config import Settings
from bot.coordination import MemorySharedState, SharedState
from bot.coordination.memory_fsm import LeanEventIsolation, LeanMemoryStorage
from bot.i18n import UserLocaleMiddleware
from bot.metrics import Metrics
from bot.middlewares.commands import CommandCancelsStateMiddleware
from bot.middlewares.concurrency import ConcurrencyLimitMiddleware
from bot.middlewares.duplicates import DuplicateUpdatesMiddleware
from bot.middlewares.flood import FloodControlMiddleware
from bot.middlewares.in_flight import InFlightMiddleware
from bot.middlewares.online_notice import PartnerOnlineMiddleware
from bot.middlewares.received_at import ReceivedAtMiddleware
from bot.middlewares.user_context import UserContextMiddleware
from bot.services.couples import CoupleService
from bot.services.daily import DailyService
from bot.services.data_rights import DataRights
from bot.services.gameplay import GameService
from bot.services.own_questions import OwnQuestionService
from bot.services.packs import PackService
from bot.services.presence import Presence
from bot.services.progress import ProgressService
from bot.services.reachability import Reachability
from bot.services.users import UserService
from bot.ui.blocked import BlockedUsers
from bot.ui.game_display import GameDisplay
from bot.ui.notify import Notifier
from db import Database
from handlers import build_root_router


@dataclass(frozen=True)
class Services:
    """Everything handlers may ask for by name (it lands in aiogram's workflow_data)."""

    settings: Settings
    database: Database
    clock: Clock
    i18n: I18n
    shared_state: SharedState
    users: UserService
    presence: Presence
    couples: CoupleService
    notifier: Notifier
    games: GameService
    game_display: GameDisplay
    daily: DailyService
    progress: ProgressService
    reachability: Reachability
    blocked_users: BlockedUsers
    data_rights: DataRights
    packs: PackService
    own: OwnQuestionService


def build_services(
    settings: Settings,
    database: Database,
    clock: Clock,
    i18n: I18n,
    shared_state: SharedState | None = None,
    metrics: Metrics | None = None,
) -> Services:
    """`shared_state` is what several workers must agree on (Redis); one process by default."""
    shared = shared_state or MemorySharedState()
    progress = ProgressService(database, clock)
    games = GameService(
        database,
        clock,
        idle_timeout=settings.game_idle_timeout,
        game_options=settings.game_options(),
        progress=progress,
        metrics=metrics,
    )
    notifier = Notifier(i18n)
    display = GameDisplay(games, i18n, notifier, other_workers=shared.spans_workers)
    reachability = Reachability(database, clock, games)
    return Services(
        settings=settings,
        database=database,
        clock=clock,
        i18n=i18n,
        shared_state=shared,
        users=UserService(database, clock),
        presence=Presence(
            database,
            clock,
            shared,
            write_interval=settings.presence_write_interval,
            idle_timeout=settings.presence_idle_timeout,
        ),
        couples=CoupleService(
            database, clock, settings.invite_lifetime, games, settings.invites_per_hour
        ),
        notifier=notifier,
        games=games,
        game_display=display,
        daily=DailyService(database, clock, games, settings.daily_reminder_after),
        progress=progress,
        reachability=reachability,
        blocked_users=BlockedUsers(reachability, notifier, display),
        data_rights=DataRights(database, clock, games),
        packs=PackService(database),
        own=OwnQuestionService(database, clock),
    )


def create_dispatcher(
    services: Services,
    storage: BaseStorage | None = None,
    isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    dispatcher = Dispatcher(
        storage=storage or LeanMemoryStorage(),
        # One user's updates are handled one at a time, in order (a name typed right after
        # /start must see the state /start left). Partners are separate keys: shared game
        # state is guarded in the database instead.
        events_isolation=isolation or LeanEventIsolation(),
        **{name: getattr(services, name) for name in Services.__dataclass_fields__},
    )
    in_flight = InFlightMiddleware()
    dispatcher["in_flight"] = in_flight
    # Order matters: stamp and count the update, load the user, then pick their language.
    # aiogram's FSM middleware (registered first) waits for the user's isolation lock, which
    # with several workers can take a while: ours go before it, so a waiting update already
    # counts as in flight (shutdown and tests wait for it) and is stamped when it arrived.
    dispatcher.update.outer_middleware.unregister(dispatcher.fsm)
    dispatcher.update.outer_middleware(ReceivedAtMiddleware(services.clock))
    dispatcher.update.outer_middleware(DuplicateUpdatesMiddleware(services.shared_state))
    dispatcher.update.outer_middleware(in_flight)
    dispatcher.update.outer_middleware(dispatcher.fsm)
    dispatcher.update.outer_middleware(
        ConcurrencyLimitMiddleware(services.settings.max_concurrent_updates)
    )
    settings = services.settings
    # Flood control before any database work: an ignored update costs nothing.
    dispatcher.update.outer_middleware(
        FloodControlMiddleware(
            services.shared_state,
            services.clock,
            services.i18n,
            limit=settings.flood_limit,
            window=settings.flood_window,
            default_language=settings.default_language,
        )
    )
    dispatcher.update.outer_middleware(
        UserContextMiddleware(
            services.users,
            services.presence,
            services.reachability,
            settings.default_language,
            services.i18n,
        )
    )
    dispatcher.update.outer_middleware(
        PartnerOnlineMiddleware(
            services.couples,
            services.notifier,
            services.shared_state,
            services.clock,
            settings.online_notice_cooldown,
        )
    )
    UserLocaleMiddleware(services.i18n, services.settings.default_language).setup(dispatcher)
    dispatcher.message.outer_middleware(CommandCancelsStateMiddleware())
    # Every button press gets an answer (a spinner otherwise); handlers may make it an alert.
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    dispatcher.include_router(build_root_router())
    return dispatcher
