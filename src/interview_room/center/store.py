"""The central office's own encrypted store: its keys, the enrolled stations, the records.

``center.db`` is SQLCipher like a station's store; its raw key is in ``center.key`` (0600,
beside it), meant to live on the central server's encrypted volume under a service account.
All private keys (the root CA, the age identity that opens bundles, the key that signs
receipts) are kept inside ``center.db``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.center import case_counts, coded_cases
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.store.database import Database

DATABASE_FILE = "center.db"
KEY_FILE = "center.key"
SCHEMA_VERSION = 4

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
}
"""Statements that bring a centre store from the version before to the key's version."""

BACKFILLS: dict[int, Callable[[Database], object]] = {
    # Existing records get their coded rows in the same transaction as the new tables.
    4: case_counts.backfill,
}
"""Data steps run after a version's statements, in the same transaction."""


def _apply_upgrade(db: Database, version: int) -> None:
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
            _apply_upgrade(db, version)


class CenterMissing(InterviewRoomError):
    """No central office has been set up in this folder."""


class CenterExists(InterviewRoomError):
    """The folder already holds a central office."""


class StationAlreadyEnrolled(InterviewRoomError):
    pass


@dataclass(frozen=True)
class CenterKeys:
    age_identity: str
    """The "AGE-SECRET-KEY-…" identity that opens bundles."""
    age_recipient: str
    receipt_key: bytes
    """Raw Ed25519 private key that signs receipts."""
    receipt_public_key: bytes
    root_certificate_der: bytes
    """The centre's root CA: stations trust it for referrals and pin it for the network."""
    tls_certificate_der: bytes
    tls_private_key_der: bytes


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CenterStore:
    """The central office folder: ``center.db`` and ``center.key``."""

    def __init__(self, center_dir: Path) -> None:
        self.center_dir = center_dir
        self.database_path = center_dir / DATABASE_FILE
        self.key_path = center_dir / KEY_FILE

    def exists(self) -> bool:
        return self.key_path.exists() and self.database_path.exists()

    def create(
        self, *, training: bool = False, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    ) -> CenterKeys:
        """Set up a central office: the store, the root CA, the age identity that opens
        bundles, the key that signs receipts, and the receiver's TLS certificate."""
        import pyrage
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from interview_room.signing.pki import create_root_ca, issue_tls_server_certificate

        if self.exists() or self.database_path.exists():
            raise CenterExists(f"{self.center_dir} already holds a central office.")
        private_dir(self.center_dir)
        key = secrets.token_bytes(32)
        atomic_write_bytes(self.key_path, key)
        identity = pyrage.x25519.Identity.generate()
        receipt_key = Ed25519PrivateKey.generate()
        raw = serialization.Encoding.Raw
        root = create_root_ca(
            "Interview Room TRAINING central root"
            if training
            else "Interview Room central root – Albania",
            training=training,
        )
        tls = issue_tls_server_certificate(root, hosts=hosts)
        db = Database.open(self.database_path, key)
        try:
            with db.transaction():
                for statement in SCHEMA:
                    db.execute(statement)
                db.set_schema_version(1)
                for version in range(2, SCHEMA_VERSION + 1):
                    _apply_upgrade(db, version)
                db.execute(
                    "INSERT INTO center_keys (kind, secret, public, created_at) VALUES"
                    " ('age', ?, ?, ?)",
                    (str(identity).encode(), str(identity.to_public()).encode(), _now()),
                )
                for kind, item in (("root", root), ("tls", tls)):
                    db.execute(
                        "INSERT INTO center_keys (kind, secret, public, created_at)"
                        " VALUES (?, ?, ?, ?)",
                        (kind, item.private_key_der, item.certificate_der, _now()),
                    )
                db.execute(
                    "INSERT INTO center_keys (kind, secret, public, created_at) VALUES"
                    " ('receipt', ?, ?, ?)",
                    (
                        receipt_key.private_bytes(
                            raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
                        ),
                        receipt_key.public_key().public_bytes(raw, serialization.PublicFormat.Raw),
                        _now(),
                    ),
                )
        finally:
            db.close()
        return self.keys()

    def open(self) -> Database:
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        db = Database.open(self.database_path, self.key_path.read_bytes())
        if db.schema_version < SCHEMA_VERSION:
            try:
                upgrade(db)
            except BaseException:
                db.close()
                raise
        return db

    def keys(self) -> CenterKeys:
        db = self.open()
        try:
            rows = {
                str(r[0]): (bytes(r[1]), bytes(r[2]))
                for r in db.all("SELECT kind, secret, public FROM center_keys")
            }
        finally:
            db.close()
        age_secret, age_public = rows["age"]
        receipt_secret, receipt_public = rows["receipt"]
        return CenterKeys(
            age_identity=age_secret.decode(),
            age_recipient=age_public.decode(),
            receipt_key=receipt_secret,
            receipt_public_key=receipt_public,
            root_certificate_der=rows["root"][1],
            tls_certificate_der=rows["tls"][1],
            tls_private_key_der=rows["tls"][0],
        )

    def root_private_key(self) -> bytes:
        """The root CA's private key (PKCS#8 DER), to issue a station CA at enrollment."""
        db = self.open()
        try:
            row = db.one("SELECT secret FROM center_keys WHERE kind = 'root'")
        finally:
            db.close()
        if row is None:
            raise CenterMissing(f"{self.center_dir} has no root certificate authority.")
        return bytes(row[0])

    def enroll_station(self, station_id: str, name: str, code: str) -> bytes:
        """Register a station and return its new Ed25519 bundle-signing key (32 raw bytes),
        to be handed to the station with the enrollment."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        key = Ed25519PrivateKey.generate()
        raw = serialization.Encoding.Raw
        db = self.open()
        try:
            if db.one("SELECT 1 FROM stations WHERE station_id = ?", (station_id,)):
                raise StationAlreadyEnrolled(f"Station {station_id} is already enrolled.")
            with db.transaction():
                db.execute(
                    "INSERT INTO stations (station_id, name, code, public_key, enrolled_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (
                        station_id,
                        name,
                        code,
                        key.public_key().public_bytes(raw, serialization.PublicFormat.Raw),
                        _now(),
                    ),
                )
        finally:
            db.close()
        return key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())

    def revoke_station(self, station_id: str) -> None:
        db = self.open()
        try:
            with db.transaction():
                db.execute(
                    "UPDATE stations SET revoked_at = ? WHERE station_id = ?", (_now(), station_id)
                )
        finally:
            db.close()
