"""The database schema as an ordered list of migrations; ``PRAGMA user_version`` counts them.

Each migration is a tuple of single statements (never ``executescript``, which commits on its
own) applied inside one ``BEGIN IMMEDIATE`` transaction together with the version bump, so a
failing migration leaves the database exactly as it was. Append; never edit a released entry.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE sellers (
            user_id     INTEGER PRIMARY KEY,
            locale      TEXT    NOT NULL CHECK (locale IN ('nl', 'en')),
            timezone    TEXT    NOT NULL,
            active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE conversations (
            name        TEXT NOT NULL,
            conv_key    TEXT NOT NULL,
            state       TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            PRIMARY KEY (name, conv_key)
        ) STRICT
        """,
        """
        CREATE TABLE user_data (
            user_id     INTEGER PRIMARY KEY,
            data        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT
        """,
    ),
    (
        # Issue 4 and 5: claims, their timeline, evidence, reminders, seller settings.
        "ALTER TABLE sellers ADD COLUMN quiet_start TEXT NOT NULL DEFAULT '22:00'",
        "ALTER TABLE sellers ADD COLUMN quiet_end TEXT NOT NULL DEFAULT '07:00'",
        "ALTER TABLE sellers ADD COLUMN quiet_enabled INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE sellers ADD COLUMN digest_enabled INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sellers ADD COLUMN digest_time TEXT NOT NULL DEFAULT '08:00'",
        """
        CREATE TABLE claims (
            id              INTEGER PRIMARY KEY,
            seller_id       INTEGER NOT NULL REFERENCES sellers (user_id) ON DELETE CASCADE,
            source          TEXT    NOT NULL,
            marketplace     TEXT    NOT NULL,
            order_id        TEXT    NOT NULL,
            reason          TEXT    NOT NULL,
            fulfilment      TEXT    NOT NULL,
            amount          TEXT    NOT NULL,
            currency        TEXT    NOT NULL,
            notice_at       TEXT    NOT NULL,
            latest_delivery TEXT,
            order_date      TEXT,
            buy_shipping    INTEGER NOT NULL CHECK (buy_shipping IN (0, 1)),
            notes           TEXT    NOT NULL DEFAULT '',
            rule_id         TEXT    NOT NULL,
            rule_version    INTEGER NOT NULL,
            state           TEXT    NOT NULL,
            draft_language  TEXT,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            UNIQUE (seller_id, source, order_id)
        ) STRICT
        """,
        "CREATE INDEX claims_by_seller ON claims (seller_id, state)",
        """
        CREATE TABLE claim_events (
            id          INTEGER PRIMARY KEY,
            claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            kind        TEXT    NOT NULL,
            at          TEXT    NOT NULL,
            recorded_at TEXT    NOT NULL
        ) STRICT
        """,
        "CREATE INDEX claim_events_by_claim ON claim_events (claim_id, at)",
        """
        CREATE TABLE evidence (
            id              INTEGER PRIMARY KEY,
            claim_id        INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            kind            TEXT    NOT NULL
                CHECK (kind IN ('photo', 'document', 'text', 'forward')),
            item_id         TEXT    NOT NULL,
            detail          TEXT    NOT NULL DEFAULT '',
            file_name       TEXT,
            mime_type       TEXT,
            size            INTEGER,
            sha256          TEXT,
            tg_file_id      TEXT,
            tg_file_unique  TEXT,
            received_at     TEXT    NOT NULL
        ) STRICT
        """,
        "CREATE INDEX evidence_by_claim ON evidence (claim_id)",
        "CREATE UNIQUE INDEX evidence_once_per_claim ON evidence (claim_id, sha256)"
        " WHERE sha256 IS NOT NULL",
        """
        CREATE TABLE reminders (
            id            INTEGER PRIMARY KEY,
            claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            kind          TEXT    NOT NULL,
            deadline_at   TEXT    NOT NULL,
            due_at        TEXT    NOT NULL,
            sending_since TEXT,
            sent_at       TEXT,
            cancelled_at  TEXT,
            attempts      INTEGER NOT NULL DEFAULT 0,
            UNIQUE (claim_id, kind, deadline_at)
        ) STRICT
        """,
        "CREATE INDEX reminders_pending ON reminders (due_at)"
        " WHERE sent_at IS NULL AND cancelled_at IS NULL",
    ),
    (
        # Issue 5: how a reminder row ended ('sent', 'late', 'summary', 'superseded',
        # 'failed'; NULL while pending or when a re-plan cancelled it) and re-armed snoozes.
        "ALTER TABLE reminders ADD COLUMN outcome TEXT",
        "ALTER TABLE reminders ADD COLUMN snoozed INTEGER NOT NULL DEFAULT 0"
        " CHECK (snoozed IN (0, 1))",
    ),
    (
        # Scale: find evidence by file hash (is a file still used?) without a table scan, and
        # free held reminders at start-up without scanning every reminder row.
        "CREATE INDEX evidence_by_sha256 ON evidence (sha256) WHERE sha256 IS NOT NULL",
        "CREATE INDEX reminders_held ON reminders (sending_since)"
        " WHERE sending_since IS NOT NULL",
    ),
    (
        # The evidence and frame conversations numbered their states 0, 1, 2; inserting a
        # state would have renumbered every stored conversation. They are names now.
        "UPDATE conversations SET state = CASE state WHEN '0' THEN '\"pick_claim\"'"
        " WHEN '1' THEN '\"ask_item\"' WHEN '2' THEN '\"receiving\"' ELSE state END"
        " WHERE name = 'evidence'",
        "UPDATE conversations SET state = CASE state WHEN '0' THEN '\"ask_revenue\"'"
        " WHEN '1' THEN '\"choose_revenue\"' WHEN '2' THEN '\"ask_peak\"' ELSE state END"
        " WHERE name = 'frame'",
    ),
    (
        # Listings page in SQL: each claim's nearest running deadline (``deadline_kind``
        # 'response' or 'appeal'), computed by the domain when the claim is written and
        # recomputed for rows stamped with an older ``deadline_rev``.
        "ALTER TABLE claims ADD COLUMN deadline_at TEXT",
        "ALTER TABLE claims ADD COLUMN deadline_kind TEXT",
        "ALTER TABLE claims ADD COLUMN deadline_rev INTEGER NOT NULL DEFAULT 0",
        # Covers every listing predicate, so counting and ordering a seller's 10,000 claims
        # reads this index alone, not the wide claim rows.
        "CREATE INDEX claims_by_deadline"
        " ON claims (seller_id, deadline_at, deadline_kind, state, deadline_rev)",
    ),
    (
        # Issue 10: the facts the advice needs. Claims stored before this kept counting their
        # response window from the notice, so they get notice_kind 'req' and keep their
        # deadline; new claims store what the seller answered.
        "ALTER TABLE claims ADD COLUMN notice_kind TEXT NOT NULL DEFAULT 'req'"
        " CHECK (notice_kind IN ('req', 'filed', 'unk'))",
        "ALTER TABLE claims ADD COLUMN tracking_status TEXT",
        "ALTER TABLE claims ADD COLUMN carrier TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE claims ADD COLUMN tracking_number TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE claims ADD COLUMN ship_date TEXT",
        "ALTER TABLE claims ADD COLUMN delivered_on TEXT",
        "ALTER TABLE claims ADD COLUMN first_scan_on_time INTEGER"
        " CHECK (first_scan_on_time IN (0, 1))",
        "ALTER TABLE claims ADD COLUMN buyer_contacted_first INTEGER"
        " CHECK (buyer_contacted_first IN (0, 1))",
        "ALTER TABLE claims ADD COLUMN chargeback_filed INTEGER NOT NULL DEFAULT 0"
        " CHECK (chargeback_filed IN (0, 1))",
        "ALTER TABLE claims ADD COLUMN return_offered INTEGER CHECK (return_offered IN (0, 1))",
        "ALTER TABLE claims ADD COLUMN chargeback_reason TEXT",
        "ALTER TABLE claims ADD COLUMN paypal_stage TEXT",
        "ALTER TABLE claims ADD COLUMN respond_by TEXT",
        # Money and ODR are separate facts of an outcome (NULL: not recorded).
        "ALTER TABLE claim_events ADD COLUMN debited INTEGER CHECK (debited IN (0, 1))",
        "ALTER TABLE claim_events ADD COLUMN counts_odr INTEGER CHECK (counts_odr IN (0, 1))",
        # The shop name that signs the drafts.
        "ALTER TABLE sellers ADD COLUMN shop_name TEXT NOT NULL DEFAULT ''",
    ),
    (
        # ODR: the seller's order and negative-feedback counts per marketplace and channel,
        # and the weekly summary switch with the last ISO week sent ('2026-W49').
        """
        CREATE TABLE odr_counts (
            seller_id         INTEGER NOT NULL REFERENCES sellers (user_id) ON DELETE CASCADE,
            marketplace       TEXT    NOT NULL,
            channel           TEXT    NOT NULL,
            orders            INTEGER CHECK (orders >= 0),
            orders_updated    TEXT,
            negative_feedback INTEGER CHECK (negative_feedback >= 0),
            updated_at        TEXT    NOT NULL,
            PRIMARY KEY (seller_id, marketplace, channel)
        ) STRICT
        """,
        """
        CREATE TABLE odr_weekly (
            seller_id   INTEGER PRIMARY KEY REFERENCES sellers (user_id) ON DELETE CASCADE,
            enabled     INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
            last_week   TEXT,
            updated_at  TEXT    NOT NULL
        ) STRICT
        """,
    ),
    (
        # One file may prove several checklist items of a claim (a proof of delivery shows the
        # carrier, the tracking number and the address): once per claim, file and item.
        "DROP INDEX evidence_once_per_claim",
        "CREATE UNIQUE INDEX evidence_once_per_item ON evidence (claim_id, sha256, item_id)",
    ),
)
