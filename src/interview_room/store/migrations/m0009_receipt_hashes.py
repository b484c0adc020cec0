"""Receipts are checked against content hashes (issue 13).

``sync_versions`` keeps the SHA-256 of every version of a case the station made, so that a
receipt marks a case sent only when the centre holds *this station's* content for that version,
and so that a bundle can name the versions before the one it carries (the chain the centre
checks before it stores a version). A receipt whose hash differs is a conflict: it is recorded
on the case (``conflict_version``, ``conflict_hash``, ``conflict_at``), the case stays pending
and is never purged while it lasts.

The data step records the hash every case has now. Hashes of earlier versions were never kept,
so a case pending across this migration names no earlier versions in its next bundle.
"""

SQL = """
CREATE TABLE sync_versions (
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);
ALTER TABLE sync_records ADD COLUMN conflict_version INTEGER;
ALTER TABLE sync_records ADD COLUMN conflict_hash TEXT;
ALTER TABLE sync_records ADD COLUMN conflict_at TEXT;
INSERT INTO sync_versions (case_id, version, content_hash)
    SELECT case_id, version, content_hash FROM sync_records;
"""
