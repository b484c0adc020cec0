"""Sync to the central office: the station's bundle-signing key, the centre it reports to, and
which version of each record the centre has confirmed."""

SQL = """
CREATE TABLE sync_link (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    station_id          TEXT NOT NULL,
    station_key         BLOB NOT NULL,
    center_recipient    TEXT NOT NULL,
    center_receipt_key  BLOB NOT NULL,
    center_url          TEXT,
    linked_at           TEXT NOT NULL
);

CREATE TABLE sync_records (
    case_id          TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    synced_version   INTEGER NOT NULL DEFAULT 0,
    synced_at        TEXT,
    prior_status     TEXT,
    purged_at        TEXT
);

CREATE TABLE sync_bundles (
    sequence     INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL,
    records      INTEGER NOT NULL,
    receipt_at   TEXT
);
"""
