"""Signing authority out of the shared key's reach (issue 13).

The station CA's private key had been stored under the database key alone, so every user could
issue certificates. From this version it is sealed (``key_sealed``) under a random authority key
that only station administrators (``authority_slots``, one per administrator, wrapped under
their personal key) and the recovery key can open (``store/authority.py``). The first
administrator to sign in after this migration seals the existing key.

Every certificate records who issued it (``issued_by``) and, when an existing key was certified
again (a new station CA after enrollment, a renewal), the serial its key was first wrapped
under (``key_serial``). The station CA's latest revocation list is stored
(``revocation_lists``), embedded at signing and carried to the centre with the register of
issued certificates, whose versions ``certificate_register`` numbers.
"""

SQL = """
ALTER TABLE certificate_authorities ADD COLUMN key_sealed INTEGER NOT NULL DEFAULT 0
    CHECK (key_sealed IN (0, 1));
ALTER TABLE signing_certificates ADD COLUMN issued_by TEXT;
ALTER TABLE signing_certificates ADD COLUMN key_serial TEXT;
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
"""
