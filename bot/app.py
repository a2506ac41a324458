"""Wiring: build the Application with our context, persistence, services and handlers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.config import Config
from bot.context import SERVICES_KEY, ClaimwachtContext
from bot.files import EvidenceFiles
from bot.i18n import load_translators
from bot.outage import PollingHealth, WatchedRequest
from bot.persistence import SQLitePersistence
from bot.ratelimit import PatientRateLimiter
from bot.scheduler import dispatcher_of, install_dispatcher
from bot.services import Clock, Services, utc_now
from bot.storage import Database
from bot.update_processor import PerSellerUpdateProcessor
from bot.weekly import install_weekly, weekly_of
from handlers import (
    card,
    claim_facts,
    deadlines,
    drafts,
    fallback,
    frame,
    help,
    inline,
    intake,
    language,
    odr,
    outcome,
    overview,
    private_chat,
    reminders,
    settings,
    start,
)
from handlers.delete_data import ask as ask_delete_data
from handlers.delete_data import build_delete_data_handlers
from handlers.errors import on_error
from handlers.evidence import build_evidence_conversation, build_evidence_list_handlers
from handlers.export import build_export_handler, export_data
from handlers.menu import register_menus
from handlers.odr_settings import build_odr_settings
from handlers.persist import flush_persistence
from handlers.reminder_notifier import TelegramNotifier
from handlers.seller import identify_seller
from handlers.ui.callbacks import LanguageButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.ui.guards import answer_leftover, check_button

__all__ = ["build_application"]

_LOGGER = logging.getLogger(__name__)

BEFORE_ALL = -100
AFTER_ALL = 100


def build_application(
    config: Config,
    *,
    clock: Clock = utc_now,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
    owns_data_dir: bool = False,
) -> Application[Any, ClaimwachtContext, Any, Any, Any, Any]:
    """The whole bot, ready for ``run_polling`` (tests: ``initialize`` + ``process_update``).

    ``owns_data_dir``: ``main()`` holds the data directory's instance lock.
    """
    database = Database(config.database_path)
    services = Services(
        database=database,
        translators=load_translators(),
        default_timezone=config.timezone,
        clock=clock,
        data_dir=config.data_dir,
        owns_data_dir=owns_data_dir,
    )
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .context_types(ContextTypes(context=ClaimwachtContext))
        .persistence(SQLitePersistence(database, clock))
        # One seller's updates in order, different sellers concurrently.
        .concurrent_updates(PerSellerUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:  # benchmarks turn it off to measure the bot, not Telegram's 30 messages/s
        builder = builder.rate_limiter(PatientRateLimiter())
    if config.base_url:
        builder = builder.base_url(config.base_url)
    if config.base_file_url:
        builder = builder.base_file_url(config.base_file_url)
    if request is not None:
        builder = builder.request(request)
    # PTB's default for getUpdates, watched so an outage logs two lines, not a traceback a try.
    polling = get_updates_request or HTTPXRequest(connection_pool_size=1)
    builder = builder.get_updates_request(WatchedRequest(polling, PollingHealth()))
    application = builder.build()
    application.bot_data[SERVICES_KEY] = services
    # Reminders: subscribes to claim changes; the texts and the sending come from handlers/.
    dispatcher = install_dispatcher(application, TelegramNotifier(application.bot))
    database.seller_listeners.append(dispatcher.seller_changed)  # settings moved the times
    install_weekly(application, odr.weekly_summary)  # bot/ gets the screen from handlers/
    _add_handlers(application)
    return application


def _add_handlers(application: Application[Any, ClaimwachtContext, Any, Any, Any, Any]) -> None:
    """Every handler, in one place; group order decides who answers first."""
    application.add_handler(TypeHandler(Update, identify_seller), group=BEFORE_ALL)
    # Its own group: in one group only the first matching handler runs.
    application.add_handler(TypeHandler(Update, reminders.resume_reminders), group=BEFORE_ALL + 2)
    application.add_handler(TypeHandler(Update, intake.expire_draft), group=BEFORE_ALL + 1)
    # Unknown data, private buttons in groups and forged ids end here, for every feature.
    application.add_handler(TypeHandler(Update, check_button), group=BEFORE_ALL + 3)
    flows = Flows(application)  # one active flow per seller: intake, evidence, settings, ...
    application.add_handlers(
        [
            CommandHandler("start", start.start, filters=~private_chat.DEEP_LINKS),
            CommandHandler("help", help.show_help),
            CommandHandler(("language", "taal"), language.ask_language),
            CallbackQueryHandler(language.choose_language, pattern=LanguageButton.pattern()),
            frame.build_frame_conversation(flows),
            settings.build_settings_conversation(flows),
            deadlines.build_deadlines_handler(),
            # Deep links back from a group chat ("/start <payload>") open the feature itself.
            _deep_link("deadlines", deadlines.show_deadlines),
            _deep_link("export", export_data),
            _deep_link("deletemydata", ask_delete_data),
            _deep_link(odr.ODR_DEEP_LINK, odr.show_odr),
            _deep_link(odr.RESULTS_DEEP_LINK, odr.show_results),
            build_odr_settings(flows),
            *odr.build_odr_handlers(),
            *reminders.build_reminder_handlers(),
            *intake.build_intake_handlers(flows),
            *outcome.build_outcome_handlers(flows),
            *drafts.build_draft_handlers(),
            *overview.build_overview_handlers(),
            *card.build_card_handlers(),
            *claim_facts.build_claim_fact_handlers(),
            build_evidence_conversation(flows),
            *build_evidence_list_handlers(),
            build_export_handler(),
            *build_delete_data_handlers(),
            InlineQueryHandler(inline.inline_frame),
            CommandHandler(CANCEL, fallback.nothing_to_cancel),
            MessageHandler(filters.COMMAND, fallback.unknown_command),
            MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, fallback.free_text),
            CallbackQueryHandler(answer_leftover),
        ]
    )
    application.add_handler(TypeHandler(Update, flush_persistence), group=AFTER_ALL)
    application.add_error_handler(on_error)


def _deep_link(
    payload: str, callback: Callable[[Update, ClaimwachtContext], Awaitable[Any]]
) -> CommandHandler[ClaimwachtContext, Any]:
    return CommandHandler("start", callback, filters=private_chat.deep_link_filter(payload))


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    await services.database.open()
    if swept := EvidenceFiles(services.data_dir).sweep_incoming():
        _LOGGER.info("removed %d unfinished evidence downloads", swept)
    await register_menus(application.bot, services.translators)
    await dispatcher_of(application).start()  # schedule every pending reminder row
    weekly_of(application).start()
    _LOGGER.info("Claimwacht is running as @%s", application.bot.username)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    await dispatcher_of(application).stop()
    await services.database.close()
