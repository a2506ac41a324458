"""A seller's own data as files: ``claims.csv``, ``events.csv``, ``evidence.csv`` and one JSON.

One CSV per table (UTF-8 with a header row, comma-separated, RFC 4180 quoting), so each opens
as a plain sheet; the JSON holds the same data nested per claim. Timestamps are UTC ISO 8601
(``2026-11-23T09:00:00Z``); the seller's timezone name is in the JSON (``seller.timezone``)
and in every row of ``claims.csv`` (``seller_timezone``), for converting back to local time.
Evidence files themselves are not exported here (the per-claim ZIP has them); their names,
sizes and sha256 are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.claims_repo import RawClaims, StoredClaim, parse_claims
from bot.evidence_repo import StoredEvidence, group_by_claim
from bot.sellers import Seller

__all__ = [
    "CLAIM_FIELDS",
    "EVENT_FIELDS",
    "EVIDENCE_FIELDS",
    "EXPORT_FORMAT",
    "ExportFiles",
    "build_export",
    "build_export_from_rows",
    "utc_iso",
]

EXPORT_FORMAT = "claimwacht-export"
EXPORT_VERSION = 1
CLAIM_FIELDS = (
    "claim_id", "source", "marketplace", "order_id", "reason", "fulfilment", "amount",
    "currency", "notice_at", "order_date", "latest_delivery", "buy_shipping_protected", "notes",
    "rule_id", "rule_version", "state", "draft_language", "created_at", "seller_timezone",
    # The facts the advice uses (added after version 1's first columns; readers ignore extras).
    "notice_kind", "tracking_status", "carrier", "tracking_number", "ship_date", "delivered_on",
    "first_scan_on_time", "buyer_contacted_first", "chargeback_filed", "return_offered",
    "chargeback_reason", "paypal_stage", "respond_by",
)
EVENT_FIELDS = ("claim_id", "order_id", "kind", "at", "debited", "counts_odr")
EVIDENCE_FIELDS = (
    "evidence_id", "claim_id", "order_id", "kind", "item_id", "detail", "file_name",
    "mime_type", "size", "sha256", "received_at",
)


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class ExportFiles:
    """File name -> bytes, in the order they are sent; how many claims and evidence rows."""

    files: dict[str, bytes]
    claims: int = 0
    evidence: int = 0


def _claim_record(stored: StoredClaim, zone_name: str) -> dict[str, Any]:
    claim = stored.claim
    return {
        "claim_id": stored.id,
        "source": claim.source.value,
        "marketplace": claim.marketplace.value,
        "order_id": claim.order_id,
        "reason": claim.reason.value,
        "fulfilment": claim.fulfilment.value,
        "amount": str(claim.amount.amount),
        "currency": claim.amount.currency,
        "notice_at": utc_iso(claim.notice_at),
        "order_date": claim.order_date.isoformat() if claim.order_date else None,
        "latest_delivery": claim.latest_delivery.isoformat() if claim.latest_delivery else None,
        "buy_shipping_protected": claim.buy_shipping_protected,
        "notes": claim.notes,
        "rule_id": claim.rule_id,
        "rule_version": claim.rule_version,
        "state": stored.state.value,
        "draft_language": stored.draft_language,
        "created_at": utc_iso(stored.created_at),
        "seller_timezone": zone_name,
        "notice_kind": claim.notice_kind.value,
        "tracking_status": claim.tracking_status.value if claim.tracking_status else None,
        "carrier": claim.carrier,
        "tracking_number": claim.tracking_number,
        "ship_date": claim.ship_date.isoformat() if claim.ship_date else None,
        "delivered_on": claim.delivered_on.isoformat() if claim.delivered_on else None,
        "first_scan_on_time": claim.first_scan_on_time,
        "buyer_contacted_first": claim.buyer_contacted_first,
        "chargeback_filed": claim.chargeback_filed,
        "return_offered": claim.return_offered,
        "chargeback_reason": claim.chargeback_reason.value if claim.chargeback_reason else None,
        "paypal_stage": claim.paypal_stage.value if claim.paypal_stage else None,
        "respond_by": utc_iso(claim.respond_by) if claim.respond_by else None,
    }


def _evidence_record(row: StoredEvidence) -> dict[str, Any]:
    """Without the claim's id and order id: the JSON nests it under its claim."""
    return {
        "evidence_id": row.id,
        "kind": row.kind,
        "item_id": row.item_id,
        "detail": row.detail,
        "file_name": row.file_name,
        "mime_type": row.mime_type,
        "size": row.size,
        "sha256": row.sha256,
        "received_at": utc_iso(row.received_at),
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(fields: Sequence[str], records: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([_cell(record[field]) for field in fields] for record in records)
    return buffer.getvalue().encode("utf-8")


def build_export(
    seller: Seller,
    claims: Sequence[StoredClaim],
    evidence: dict[int, list[StoredEvidence]],
    now: datetime,
) -> ExportFiles:
    """Every file of the export; ``evidence`` maps claim id to its rows."""
    claim_records, event_records, evidence_records, nested = [], [], [], []
    for stored in claims:
        record = _claim_record(stored, seller.timezone)
        order_id = stored.claim.order_id
        events = [
            {"kind": event.kind.value, "at": utc_iso(event.at), "debited": event.debited,
             "counts_odr": event.counts_odr}
            for event in stored.events
        ]
        rows = [_evidence_record(row) for row in evidence.get(stored.id, [])]
        claim_records.append(record)
        event_records.extend({"claim_id": stored.id, "order_id": order_id, **event}
                             for event in events)
        evidence_records.extend({"claim_id": stored.id, "order_id": order_id, **row}
                                for row in rows)
        in_json = dict(record)
        del in_json["seller_timezone"]
        in_json["events"] = events
        in_json["evidence"] = rows
        nested.append(in_json)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": utc_iso(now),
        "seller": {
            "user_id": seller.user_id,
            "locale": seller.locale,
            "timezone": seller.timezone,
            "created_at": utc_iso(seller.created_at),
            "quiet_hours": {
                "enabled": seller.quiet_enabled,
                "start": seller.quiet_start.strftime("%H:%M"),
                "end": seller.quiet_end.strftime("%H:%M"),
            },
            "digest": {
                "enabled": seller.digest_enabled,
                "time": seller.digest_time.strftime("%H:%M"),
            },
        },
    }
    return ExportFiles(files={
        "claims.csv": _csv(CLAIM_FIELDS, claim_records),
        "events.csv": _csv(EVENT_FIELDS, event_records),
        "evidence.csv": _csv(EVIDENCE_FIELDS, evidence_records),
        "claimwacht-export.json": _json(document, nested),
    }, claims=len(claim_records), evidence=len(evidence_records))


def _json(document: dict[str, Any], claims: list[dict[str, Any]]) -> bytes:
    """The document indented, with ``claims`` added last, one claim per line.

    Still readable and diffable, and each claim is written by json's C encoder: indenting
    everything makes json fall back to its Python encoder, two thirds of a big export's time.
    """
    head = json.dumps(document, ensure_ascii=False, indent=2).removesuffix("\n}")
    lines = ",\n".join("    " + json.dumps(claim, ensure_ascii=False) for claim in claims)
    body = f"[\n{lines}\n  ]" if claims else "[]"
    return f'{head},\n  "claims": {body}\n}}\n'.encode()


def build_export_from_rows(
    seller: Seller, claims: RawClaims, evidence: Sequence[Any], now: datetime
) -> ExportFiles:
    """``build_export`` from the rows as SQLite returned them: all pure work, so a seller with
    thousands of claims is exported in a worker thread, off the event loop."""
    return build_export(seller, parse_claims(claims), group_by_claim(evidence), now)
