"""The per-update ``CallbackContext``: services, the sender's seller record and translator."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.i18n import Translator
from bot.sellers import Seller

if TYPE_CHECKING:
    from bot.services import Services

__all__ = ["SERVICES_KEY", "ClaimwachtContext"]

SERVICES_KEY = "claimwacht.services"


Data = dict[str, Any]


class ClaimwachtContext(CallbackContext[ExtBot[None], Data, Data, Data]):
    """Adds ``services``, ``seller``, ``locale`` and ``i18n``; ``handlers.seller`` fills them."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.seller: Seller | None = None
        self.locale: str | None = None

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services

    @property
    def i18n(self) -> Translator:
        locale = self.locale or (self.seller.locale if self.seller else None)
        return self.services.translator(locale)

    @property
    def zone(self) -> tzinfo:
        return self.services.zone(self.seller.timezone if self.seller else None)

    def now(self) -> datetime:
        return self.services.clock()
