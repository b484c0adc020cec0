"""The central office store's tables and their numbered upgrades.

A new centre is created at version 1 and brought through every upgrade in the same
transaction (:func:`create_tables`); an older centre is brought up one transaction per version
when it is opened (:func:`upgrade`). The tables' contents are read and written by
``center/store.py`` and the modules it names.
"""

from __future__ import annotations

from collections.abc import Callable

from interview_room.center import (
    audit_log,
    audit_witness,
    case_counts,
    coded_cases,
    statistics_store,
)
from interview_room.center import seen_before as seen_before_index
from interview_room.store.database import Database

SCHEMA_VERSION = 9

SCHEMA = (
    """CREATE TABLE center_keys (
        kind        TEXT PRIMARY KEY,
        secret      BLOB NOT NULL,
        public      BLOB NOT NULL,
        created_at  TEXT NOT NULL
    )""",
    """CREATE TABLE stations (
        station_id  TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        code        TEXT NOT NULL,
        public_key  BLOB NOT NULL,
        enrolled_at TEXT NOT NULL,
        revoked_at  TEXT
    )""",
    """CREATE TABLE records (
        kind          TEXT NOT NULL,
        record_id     TEXT NOT NULL,
        station_id    TEXT NOT NULL REFERENCES stations (station_id),
        version       INTEGER NOT NULL,
        content_hash  TEXT NOT NULL,
        content       BLOB NOT NULL,
        received_at   TEXT NOT NULL,
        PRIMARY KEY (kind, record_id)
    )""",
    """CREATE TABLE bundles (
        station_id   TEXT NOT NULL,
        sequence     INTEGER NOT NULL,
        received_at  TEXT NOT NULL,
        records      INTEGER NOT NULL,
        imported     INTEGER NOT NULL,
        PRIMARY KEY (station_id, sequence)
    )""",
    """CREATE TABLE quarantine (
        id           INTEGER PRIMARY KEY,
        received_at  TEXT NOT NULL,
        file_name    TEXT NOT NULL,
        problem      TEXT NOT NULL
    )""",
)


UPGRADES: dict[int, tuple[str, ...]] = {
    # Issue 13: versions move by one along the chain a station names; what does not follow is
    # kept as a conflict for a person; bundle numbers tell a replay from a reused number.
    2: (
        "ALTER TABLE records ADD COLUMN bundle_sequence INTEGER",
        "ALTER TABLE bundles ADD COLUMN digest TEXT",
        """CREATE TABLE record_versions (
            kind          TEXT NOT NULL,
            record_id     TEXT NOT NULL,
            version       INTEGER NOT NULL,
            content_hash  TEXT NOT NULL,
            PRIMARY KEY (kind, record_id, version)
        )""",
        "INSERT INTO record_versions (kind, record_id, version, content_hash)"
        " SELECT kind, record_id, version, content_hash FROM records",
        """CREATE TABLE conflicts (
            id               INTEGER PRIMARY KEY,
            kind             TEXT NOT NULL,
            record_id        TEXT NOT NULL,
            station_id       TEXT NOT NULL,
            version          INTEGER NOT NULL,
            content_hash     TEXT NOT NULL,
            previous         TEXT NOT NULL,
            content          BLOB NOT NULL,
            bundle_sequence  INTEGER NOT NULL,
            received_at      TEXT NOT NULL,
            problem          TEXT NOT NULL,
            held_version     INTEGER,
            held_hash        TEXT,
            resolved_at      TEXT,
            resolution       TEXT CHECK (resolution IN ('incoming', 'held')),
            UNIQUE (kind, record_id, version, content_hash)
        )""",
        """CREATE TABLE reused_numbers (
            station_id   TEXT NOT NULL,
            sequence     INTEGER NOT NULL,
            digest       TEXT NOT NULL,
            received_at  TEXT NOT NULL,
            PRIMARY KEY (station_id, sequence, digest)
        )""",
    ),
    # Issue 13: the stations' registers of signing certificates and their revocation lists
    # (center/certificates.py).
    3: (
        """CREATE TABLE certificate_registers (
            station_id    TEXT PRIMARY KEY,
            version       INTEGER NOT NULL,
            content_hash  TEXT NOT NULL,
            content       BLOB NOT NULL,
            received_at   TEXT NOT NULL
        )""",
        """CREATE TABLE registered_certificates (
            station_id     TEXT NOT NULL,
            serial         TEXT NOT NULL,
            certificate    BLOB NOT NULL,
            username       TEXT NOT NULL,
            role           TEXT,
            issued_at      TEXT NOT NULL,
            issued_by      TEXT,
            revoked_at     TEXT,
            first_seen_at  TEXT NOT NULL,
            PRIMARY KEY (station_id, serial)
        )""",
        """CREATE TABLE station_revocation_lists (
            issuer_fingerprint  TEXT PRIMARY KEY,
            station_id          TEXT NOT NULL,
            crl                 BLOB NOT NULL,
            crl_number          INTEGER NOT NULL,
            received_at         TEXT NOT NULL
        )""",
    ),
    # Issue 14: coded columns for the registry and the statistics, written when a record is
    # stored (center/coded_cases.py), so neither parses every record's JSON.
    4: coded_cases.MIGRATION,
    # Issue 13: each station's audit heads, as its bundles carried them
    # (center/audit_witness.py).
    5: audit_witness.MIGRATION,
    # Issue 13: the centre's own audit log (center/audit_log.py).
    6: audit_log.MIGRATION,
    # Issue 14: stale months and counts by status written once per batch of coded rows, not
    # by per-row triggers (center/coded_cases.py).
    7: coded_cases.MIGRATION_7,
    # Issue 16, seen before: the key versions, the index of tokens with their case's summary
    # and what the last package carried (center/seen_before.py).
    8: seen_before_index.MIGRATION,
    # Issue 13: the coded rows the statistics store has still to follow
    # (center/statistics_store.py).
    9: (*coded_cases.MIGRATION_9, *statistics_store.REGISTRY_TABLES),
}
"""Statements that bring a centre store from the version before to the key's version."""

BACKFILLS: dict[int, Callable[[Database], object]] = {
    # Existing records get their coded rows in the same transaction as the new tables.
    4: case_counts.backfill,
}
"""Data steps run after a version's statements, in the same transaction."""


def apply_upgrade(db: Database, version: int) -> None:
    """Run ``version``'s statements and data step in the caller's transaction."""
    for statement in UPGRADES[version]:
        db.execute(statement)
    backfill = BACKFILLS.get(version)
    if backfill is not None:
        backfill(db)
    db.set_schema_version(version)


def upgrade(db: Database) -> None:
    """Bring ``db`` to ``SCHEMA_VERSION``, one transaction per step."""
    for version in range(db.schema_version + 1, SCHEMA_VERSION + 1):
        with db.transaction():
            apply_upgrade(db, version)


def create_tables(db: Database) -> None:
    """In the caller's transaction: the tables of a new centre, at ``SCHEMA_VERSION``."""
    for statement in SCHEMA:
        db.execute(statement)
    db.set_schema_version(1)
    for version in range(2, SCHEMA_VERSION + 1):
        apply_upgrade(db, version)
