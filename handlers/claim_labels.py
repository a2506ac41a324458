"""Names of claim facts as a seller reads them: sources, marketplaces, urgency, actions."""

from __future__ import annotations

from bot.i18n import Translator
from domain.rules import ClaimSource, Marketplace
from domain.text import N_
from domain.triage import Action, Urgency

__all__ = [
    "action_label",
    "marketplace_label",
    "source_label",
    "urgency_label",
]

_URGENCY = {
    Urgency.OVERDUE: N_("🔴 Overdue"),
    Urgency.CRITICAL: N_("🔴 Critical: under 6 hours left"),
    Urgency.HIGH: N_("🟠 High: under 24 hours left"),
    Urgency.NORMAL: N_("🟢 Normal"),
    Urgency.NONE: N_("⚪ No deadline running"),
}

_ACTIONS = {
    Action.UNDER_REVIEW: N_("Under review: no answer required"),
    Action.AMAZON_HANDLES: N_("Usually nothing to do: Amazon handles FBA orders"),
    Action.AMAZON_FUNDS: N_("Answer with tracking: Amazon pays the claim"),
    Action.DEFEND: N_("Dispute the claim"),
    Action.RESPOND_NOW: N_("Respond now with what you have"),
    Action.REFUND_OR_REPLACE: N_("Refund or replace: the claim is valid"),
    Action.WEIGH_REFUND: N_("Weigh a refund against disputing"),
    Action.GATHER: N_("Gather the missing evidence"),
    Action.OUTSIDE_COVER: N_("Outside buyer protection: a warranty matter"),
    Action.TALK_TO_BUYER: N_("Talk to the buyer (dispute stage)"),
    Action.WAIT: N_("Wait for the decision"),
    Action.APPEAL: N_("Appeal the decision"),
    Action.ACCEPT: N_("Accept the decision"),
    Action.NOTHING: N_("Nothing to do"),
}


def source_label(tr: Translator, source: ClaimSource) -> str:
    """The source's one name (``ClaimSource.label``; the evidence ZIP uses it too)."""
    return tr.render(source.label)


def marketplace_label(tr: Translator, marketplace: Marketplace) -> str:
    """``amazon.nl`` for Amazon stores, "your own web shop" for the rest."""
    return marketplace.host or tr.gettext("your own web shop")


def urgency_label(tr: Translator, urgency: Urgency) -> str:
    return tr.gettext(_URGENCY[urgency])


def action_label(tr: Translator, action: Action) -> str:
    return tr.gettext(_ACTIONS[action])
