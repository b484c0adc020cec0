-- The declared schema: what a store at the latest version must look like.
-- tests/store/test_migrations.py checks that running every migration gives exactly this.
CREATE TABLE station (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    code        TEXT NOT NULL,
    training    INTEGER NOT NULL CHECK (training IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('officer', 'social_worker', 'station_admin')),
    language      TEXT NOT NULL DEFAULT 'sq' CHECK (language IN ('sq', 'en')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    created_by    TEXT,
    disabled_at   TEXT,
    disabled_by   TEXT,
    high_contrast INTEGER CHECK (high_contrast IN (0, 1))
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT,
    event      TEXT NOT NULL,
    subject    TEXT,
    detail     TEXT NOT NULL DEFAULT '{}',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_by_event ON audit_log (event);

CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    status            TEXT NOT NULL
                      CHECK (status IN ('draft', 'incomplete', 'completed', 'referred', 'synced')),
    person_name       TEXT NOT NULL DEFAULT '',
    started_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    officer_id        TEXT REFERENCES users (id),
    social_worker_id  TEXT REFERENCES users (id)
);

CREATE TABLE interviews (
    case_id           TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    protocol_id       TEXT NOT NULL,
    protocol_version  TEXT NOT NULL,
    protocol_hash     TEXT NOT NULL,
    person_language   TEXT NOT NULL,
    current_section   TEXT NOT NULL,
    presumed_child    INTEGER NOT NULL DEFAULT 1 CHECK (presumed_child IN (0, 1)),
    outcome           TEXT CHECK (outcome IN ('consent_refused', 'stopped', 'finished')),
    ended_at          TEXT,
    personal_data     TEXT NOT NULL DEFAULT 'pending'
                      CHECK (personal_data IN ('pending', 'kept', 'minimal')),
    age_band          TEXT
);

CREATE TABLE answers (
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    status       TEXT NOT NULL
                 CHECK (status IN ('answered', 'prefers_not_to_answer', 'skipped')),
    value        TEXT,
    answered_at  TEXT NOT NULL,
    answered_by  TEXT REFERENCES users (id),
    PRIMARY KEY (case_id, question_id)
) WITHOUT ROWID;

CREATE TABLE interview_events (
    id       INTEGER PRIMARY KEY,
    case_id  TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('started', 'break_started', 'break_ended', 'stopped',
                                           'resumed', 'consent_refused', 'finished')),
    actor    TEXT REFERENCES users (id),
    detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX interview_events_case ON interview_events (case_id, id);

CREATE TABLE decisions (
    case_id            TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    suggested_outcome  TEXT NOT NULL,
    suggestion         TEXT NOT NULL,
    decision           TEXT NOT NULL CHECK (decision IN ('potential_victim', 'child_at_risk',
                                                         'indicators_not_met', 'not_determined')),
    reasons            TEXT NOT NULL,
    officer_id         TEXT NOT NULL REFERENCES users (id),
    social_worker_id   TEXT REFERENCES users (id),
    decided_at         TEXT NOT NULL
);

-- Migration 3: the case list's search walks these (see m0003_case_search.py).
CREATE INDEX cases_search ON cases (started_at, code, person_name);
CREATE INDEX cases_status_search ON cases (status, started_at, code, person_name);

CREATE TABLE trust_anchors (
    fingerprint  TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('training_root', 'central_root')),
    certificate  BLOB NOT NULL,
    added_at     TEXT NOT NULL
);

CREATE TABLE certificate_authorities (
    fingerprint         TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('training_root', 'station_ca')),
    certificate         BLOB NOT NULL,
    private_key         BLOB NOT NULL,
    issuer_fingerprint  TEXT,
    created_at          TEXT NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    key_sealed          INTEGER NOT NULL DEFAULT 0 CHECK (key_sealed IN (0, 1))
);

CREATE TABLE signing_certificates (
    serial             TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users (id),
    certificate        BLOB NOT NULL,
    wrapped_key        BLOB NOT NULL,
    not_before         TEXT NOT NULL,
    not_after          TEXT NOT NULL,
    issued_at          TEXT NOT NULL,
    revoked_at         TEXT,
    revocation_reason  TEXT,
    issued_by          TEXT,
    key_serial         TEXT
);
CREATE INDEX signing_certificates_user ON signing_certificates (user_id);

CREATE TABLE authority_slots (
    holder      TEXT PRIMARY KEY,
    salt        BLOB,
    wrapped     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE revocation_lists (
    issuer_fingerprint  TEXT PRIMARY KEY,
    crl                 BLOB NOT NULL,
    issued_at           TEXT NOT NULL
);

CREATE TABLE certificate_register (
    version       INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL,
    made_at       TEXT NOT NULL,
    confirmed_at  TEXT
);

CREATE TABLE referrals (
    id                       TEXT PRIMARY KEY,
    case_id                  TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    recipient                TEXT NOT NULL,
    language                 TEXT NOT NULL,
    urgency                  TEXT NOT NULL
                             CHECK (urgency IN ('immediate', 'within_24_hours', 'routine')),
    consented                INTEGER NOT NULL CHECK (consented IN (0, 1)),
    created_at               TEXT NOT NULL,
    created_by               TEXT REFERENCES users (id),
    pdf                      BLOB NOT NULL,
    social_worker_field      TEXT NOT NULL,
    officer_signed_by        TEXT REFERENCES users (id),
    officer_signed_at        TEXT,
    social_worker_signed_by  TEXT REFERENCES users (id),
    social_worker_signed_at  TEXT,
    own_words_left_out       INTEGER NOT NULL DEFAULT 0
                             CHECK (own_words_left_out IN (0, 1))
);
CREATE INDEX referrals_case ON referrals (case_id);

CREATE TABLE sync_link (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    station_id          TEXT NOT NULL,
    station_key         BLOB NOT NULL,
    center_recipient    TEXT NOT NULL,
    center_receipt_key  BLOB NOT NULL,
    center_url          TEXT,
    linked_at           TEXT NOT NULL,
    center_tried_at     TEXT,
    center_reached_at   TEXT,
    center_problem      TEXT
);

CREATE TABLE sync_records (
    case_id          TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    synced_version   INTEGER NOT NULL DEFAULT 0,
    synced_at        TEXT,
    prior_status     TEXT,
    purged_at        TEXT,
    changed          INTEGER NOT NULL DEFAULT 0,
    conflict_version INTEGER,
    conflict_hash    TEXT,
    conflict_at      TEXT
);

CREATE TABLE sync_versions (
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);

CREATE TABLE sync_bundles (
    sequence     INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL,
    records      INTEGER NOT NULL,
    receipt_at   TEXT
);

-- A case changed after the centre confirmed it is pending again at once (m0006).
CREATE TRIGGER answers_insert_after_sync AFTER INSERT ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER answers_update_after_sync AFTER UPDATE ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER answers_delete_after_sync AFTER DELETE ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = OLD.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = OLD.case_id
    ) WHERE id = OLD.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = OLD.case_id AND changed = 0;
END;

CREATE TRIGGER interview_events_insert_after_sync AFTER INSERT ON interview_events
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER interview_events_update_after_sync AFTER UPDATE ON interview_events
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER decisions_insert_after_sync AFTER INSERT ON decisions
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER decisions_update_after_sync AFTER UPDATE ON decisions
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER referrals_insert_after_sync AFTER INSERT ON referrals
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER referrals_update_after_sync AFTER UPDATE ON referrals
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER interviews_update_after_sync AFTER UPDATE ON interviews
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER cases_update_after_sync AFTER UPDATE OF person_name, started_at, updated_at, officer_id, social_worker_id ON cases
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.id
    ) WHERE id = NEW.id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.id AND changed = 0;
END;

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
