"""The station's chain of trust, each user's signing certificate, and signed referrals.

Private keys never leave the encrypted store: the station CA's key is stored here (every user
of the station can issue certificates through it when the administrator adds a colleague);
each user's signing key is additionally wrapped under that user's personal key, which only
their password opens.
"""

SQL = """
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
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
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
    revocation_reason  TEXT
);
CREATE INDEX signing_certificates_user ON signing_certificates (user_id);

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
    social_worker_signed_at  TEXT
);
CREATE INDEX referrals_case ON referrals (case_id);
"""
