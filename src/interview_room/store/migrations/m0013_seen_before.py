"""Seen before (issue 16): the centre's keys and index, and the person's details to derive
tokens from, all inside the encrypted store (docs/THREAT_MODEL.md, "Seen before").

``seen_before_keys`` holds each key version the centre's package brought; ``seen_before_index``
the centre's index (token → case code, station, day, outcome, recipients), replaced whole by
each package; ``seen_before_details`` the given names, surname and birth of a case whose
person agreed to a record being kept (a write marks the case changed, like the m0006 triggers,
so the next bundle carries the tokens; erasing the name, or the case leaving "kept", erases
them).
"""

SQL = """
CREATE TABLE seen_before_keys (
    version     INTEGER PRIMARY KEY,
    secret      BLOB NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TABLE seen_before_index (
    key_version    INTEGER NOT NULL,
    token          BLOB NOT NULL,
    case_code      TEXT NOT NULL,
    station        TEXT NOT NULL,
    interviewed_on TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    recipients     TEXT NOT NULL
);

CREATE INDEX seen_before_index_by_token ON seen_before_index (token);

CREATE TABLE seen_before_details (
    case_id     TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    given_names TEXT NOT NULL,
    surname     TEXT NOT NULL,
    birth_year  INTEGER NOT NULL,
    birth_date  TEXT
);

CREATE TRIGGER seen_before_details_insert_after_sync AFTER INSERT ON seen_before_details
BEGIN
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0
        AND purged_at IS NULL;
END;

CREATE TRIGGER seen_before_details_update_after_sync AFTER UPDATE ON seen_before_details
BEGIN
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0
        AND purged_at IS NULL;
END;

CREATE TRIGGER seen_before_details_erased_with_name AFTER UPDATE OF person_name ON cases
WHEN NEW.person_name = ''
BEGIN
    DELETE FROM seen_before_details WHERE case_id = NEW.id;
END;

CREATE TRIGGER seen_before_details_erased_without_consent
AFTER UPDATE OF personal_data ON interviews
WHEN NEW.personal_data != 'kept'
BEGIN
    DELETE FROM seen_before_details WHERE case_id = NEW.case_id;
END;
"""
