"""The central office's own encrypted store: its keys, the enrolled stations, the records.

``center.db`` is SQLCipher like a station's store. Its random key is wrapped once per centre
user in ``center.keyring`` (Argon2id slots, ``center/sign_in.py``): nothing opens the store
without a user's password, and each user's role says what they may do (``center/users.py``).
Only a training centre created without users (synthetic data) keeps its raw key in
``center.key``; a real centre from before sign-in is moved to slots by
:meth:`CenterStore.set_first_password`. All private keys (the root CA, the age identity that
opens bundles, the key that signs receipts) are kept inside ``center.db``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.center import audit_log, audit_witness, case_counts, coded_cases
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.sign_in import CenterKeyring, CenterKeyringFile, securely_remove
from interview_room.center.users import TRAINING_STAND_IN, CenterAction, CenterRole, CenterUser
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, exclusive_lock, private_dir
from interview_room.store.audit import AuditEntry, AuditVerification, DetailValue
from interview_room.store.database import Database
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.rekey import Rekeyed, StorePresence

DATABASE_FILE = "center.db"
KEY_FILE = "center.key"
SCHEMA_VERSION = 6

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


class CenterSignInRequired(InterviewRoomError):
    """The central office opens only to a signed-in user."""


class CenterPasswordNotSet(InterviewRoomError):
    """A real central office still keeps its key in a plain file: an administrator must set a
    password first (``interview-room center set-password``)."""


class CenterAdministratorRequired(InterviewRoomError):
    """A real central office is set up only with its first administrator."""


@dataclass(frozen=True)
class NewCenterUser:
    """A user to be given a key slot: the password is held only until the slot is made."""

    username: str
    display_name: str
    password: str
    role: CenterRole = CenterRole.CENTER_ADMIN

    def __repr__(self) -> str:
        return f"NewCenterUser({self.username!r}, <hidden>)"


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
    """The central office folder: ``center.db`` and ``center.keyring`` (or, for a training
    centre without users, ``center.key``). Signed in, it holds the database key in memory."""

    def __init__(self, center_dir: Path) -> None:
        self.center_dir = center_dir
        self.database_path = center_dir / DATABASE_FILE
        self.key_path = center_dir / KEY_FILE
        self.keyring_file = CenterKeyringFile(center_dir)
        self._database_key: bytes | None = None
        self._user: CenterUser | None = None
        self._plain_key_training: bool | None = None
        self._presence: StorePresence | None = None
        """Held while signed in: a re-key waits while another program has the store open."""

    def exists(self) -> bool:
        return self.database_path.exists() and (
            self.keyring_file.exists() or self.key_path.exists()
        )

    # -- sign-in ---------------------------------------------------------------------------

    @property
    def needs_sign_in(self) -> bool:
        """True while nobody is signed in to a centre that has users."""
        return self._database_key is None and self.keyring_file.exists()

    @property
    def needs_first_password(self) -> bool:
        """A real centre whose key is still a plain file (from before centre sign-in)."""
        if self._database_key is not None or self.keyring_file.exists():
            return False
        return self.key_path.exists() and not self._plain_key_is_training()

    @property
    def user(self) -> CenterUser:
        """Who is signed in; a training centre without users answers its stand-in, who may do
        everything (synthetic data only)."""
        if self._user is not None:
            return self._user
        if self.needs_sign_in:
            raise CenterSignInRequired(f"Sign in to the central office in {self.center_dir}.")
        if self.needs_first_password:
            raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        return TRAINING_STAND_IN

    def require(self, action: CenterAction) -> CenterUser:
        """The signed-in user, if their role allows ``action`` (else
        :class:`~interview_room.center.users.CenterActionRefused`)."""
        user = self.user
        user.require(action)
        return user

    def sign_in(self, username: str, password: str) -> CenterUser:
        """Open ``username``'s key slot (throttled like a station's sign-in) and keep the
        database key in memory for this object's later calls."""
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        if not self.keyring_file.exists():
            if self.needs_first_password:
                raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
            raise CenterSignInRequired(f"{self.center_dir} is a training centre without users.")
        from interview_room.center import rekey

        self.sign_out()
        # Present before the keyring is read: a re-key either sees us or is over by then.
        presence = StorePresence(self.center_dir)
        try:
            opened = self.keyring_file.sign_in(username, password)
            # A slot for another store opens nothing.
            first = rekey.open_with(self.database_path, opened)
            key = rekey.settle(self.database_path, self.keyring_file, opened, first, presence)
        except BaseException:
            presence.leave()
            raise
        self._database_key, self._user, self._presence = key, opened.user, presence
        # A first password set just before a power cut: the plain key file goes now.
        securely_remove(self.key_path)
        try:
            self._take_failures(opened.user.username)
            if key != first:  # a re-key left due (or cut short) was made at this sign-in
                self.record(CenterAuditEvent.STORE_REKEYED, detail={"reason": "due"})
        except BaseException:
            self.sign_out()
            raise
        return opened.user

    def _take_failures(self, username: str) -> None:
        """Log the failed sign-ins the keyring holds, then this sign-in; the keyring keeps
        only the journal's head and the log's new anchor."""
        db = self.open()
        try:
            with self.keyring_file.update() as keyring:
                with db.transaction():
                    added = audit_log.take_failures(
                        db, keyring.failures, username, datetime.now(UTC)
                    )
                keyring.failures = keyring.failures.taken()
                keyring.audit_anchor = audit_log.advance_anchor(db, keyring.audit_anchor, added)
        finally:
            db.close()

    # -- the centre's audit log (center/audit_log.py) ---------------------------------------

    def record(
        self,
        event: CenterAuditEvent,
        subject: str | None = None,
        detail: dict[str, DetailValue] | None = None,
    ) -> None:
        """One entry in the centre's audit log by the signed-in user, and the anchor moved."""
        actor = self.user.username
        db = self.open()
        try:
            audit_log.append(db, event, actor, subject, detail)
            self.move_audit_anchor(db)
        finally:
            db.close()

    def move_audit_anchor(self, db: Database, appended: int = 1) -> None:
        """After ``appended`` entries were added through ``db``: take in the failed sign-ins
        made meanwhile (so a program that stays signed in, the receiver, logs them at its next
        logged action) and keep the new head in the keyring (a training centre without users
        has none)."""
        if self.keyring_file.exists():
            with self.keyring_file.update() as keyring:
                with db.transaction():
                    appended += audit_log.take_failures(
                        db, keyring.failures, None, datetime.now(UTC)
                    )
                keyring.failures = keyring.failures.taken()
                keyring.audit_anchor = audit_log.advance_anchor(db, keyring.audit_anchor, appended)

    def verify_audit(self) -> AuditVerification:
        """Walk the centre's audit log against the keyring's anchor (administrators)."""
        self.require(CenterAction.AUDIT)
        anchored = self.keyring_file.exists()
        anchor = self.keyring_file.read().audit_anchor if anchored else None
        db = self.open()
        try:
            return audit_log.verify(db, anchor, anchored)
        finally:
            db.close()

    def audit_entries(self) -> list[AuditEntry]:
        self.require(CenterAction.AUDIT)
        db = self.open()
        try:
            return audit_log.entries(db)
        finally:
            db.close()

    def sign_out(self) -> None:
        self._database_key, self._user = None, None
        if self._presence is not None:
            self._presence.leave()
            self._presence = None

    def _rekey(self, reason: str) -> Rekeyed:
        """A new database key for every remaining user (``center/rekey.py``), or a re-key
        recorded as due while another program has the store open."""
        from interview_room.center import rekey

        assert self._database_key is not None
        done = rekey.rotate(
            self.database_path, self._database_key, self.keyring_file, self._presence, reason
        )
        self._database_key = done.database_key
        if done.done:
            self.record(CenterAuditEvent.STORE_REKEYED, detail={"reason": reason})
        else:
            self.record(
                CenterAuditEvent.STORE_REKEY_DUE,
                detail={"reason": reason, "waiting": len(done.waiting_for)},
            )
        return done

    def set_first_password(
        self, admin: NewCenterUser, kdf: Argon2Params = DEFAULT_ARGON2
    ) -> CenterUser:
        """Move a centre whose key is a plain file to key slots: ``admin`` becomes its first
        administrator, signed in. The order survives a power cut at any step: the slot file is
        written and flushed, checked to open the store, and only then is the plain key file
        overwritten and removed (a slot file beside a key file is finished at next sign-in)."""
        if self.keyring_file.exists():
            raise CenterSignInRequired(f"{self.center_dir} already has users: sign in.")
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        key = self.key_path.read_bytes()
        training = self._plain_key_is_training()  # also proves the key opens the store
        keyring = CenterKeyring.new(training)
        # The log a training centre kept without users is anchored from now on.
        db = Database.open(self.database_path, key)
        try:
            if db.schema_version < SCHEMA_VERSION:
                upgrade(db)
            keyring.audit_anchor = audit_log.head(db)
        finally:
            db.close()
        keyring.add_user(
            admin.username,
            admin.display_name,
            CenterRole.CENTER_ADMIN,
            admin.password,
            key,
            kdf,
            created_by=None,
        )
        with exclusive_lock(self.keyring_file.lock_path):
            if self.keyring_file.exists():  # another administrator was quicker
                raise CenterSignInRequired(f"{self.center_dir} already has users: sign in.")
            self.keyring_file.write(keyring)
        user = self.sign_in(admin.username, admin.password)
        self.record(CenterAuditEvent.FIRST_PASSWORD_SET)
        return user

    def users(self) -> list[CenterUser]:
        self.require(CenterAction.MANAGE_USERS)
        return self.keyring_file.read().users() if self.keyring_file.exists() else []

    def add_user(self, new: NewCenterUser, kdf: Argon2Params = DEFAULT_ARGON2) -> CenterUser:
        """Give ``new`` a key slot (administrators only)."""
        admin = self.require(CenterAction.MANAGE_USERS)
        if self._database_key is None:  # a training centre's stand-in has no keyring
            raise CenterSignInRequired("Users are added by a signed-in administrator.")
        with self.keyring_file.update() as keyring:
            added = keyring.add_user(
                new.username,
                new.display_name,
                new.role,
                new.password,
                self._database_key,
                kdf,
                created_by=admin.username,
            )
        self.record(CenterAuditEvent.USER_ADDED, added.username, {"role": added.role.value})
        return added

    def remove_user(self, username: str) -> Rekeyed:
        """Take ``username``'s key slot away (administrators only; never the last one) and
        re-key the store, so a copy of their slot opens nothing (the re-key waits, as
        :attr:`Rekeyed.waiting_for` says, while another program has the store open)."""
        self.require(CenterAction.MANAGE_USERS)
        if self._database_key is None:
            raise CenterSignInRequired("Users are removed by a signed-in administrator.")
        with self.keyring_file.update() as keyring:
            keyring.remove_user(username)
        self.record(CenterAuditEvent.USER_REMOVED, username.strip().casefold())
        return self._rekey("user_removed")

    def change_password(
        self, old_password: str, new_password: str, kdf: Argon2Params = DEFAULT_ARGON2
    ) -> Rekeyed:
        """Give the signed-in user a new password (and key pair), then re-key the store so
        the old password with an old copy of the keyring opens nothing.
        :class:`~interview_room.center.sign_in.CenterWrongPassword` for a wrong old one."""
        from interview_room.center.sign_in import CenterWrongPassword
        from interview_room.store.keyring import WrongPassword

        user = self.user
        if self._database_key is None:
            raise CenterSignInRequired("A password is changed by a signed-in user.")
        with self.keyring_file.update() as keyring:
            try:
                keyring.change_password(
                    user.username, old_password, new_password, self._database_key, kdf
                )
            except WrongPassword:
                raise CenterWrongPassword(0.0) from None
        self.record(CenterAuditEvent.PASSWORD_CHANGED, user.username)
        return self._rekey("password_changed")

    def _plain_key_is_training(self) -> bool:
        """Whether the store under the plain key file has a training root (a training centre)."""
        if self._plain_key_training is None:
            from cryptography import x509

            from interview_room.signing.pki import TRAINING_MARK

            db = Database.open(self.database_path, self.key_path.read_bytes())
            try:
                row = db.one("SELECT public FROM center_keys WHERE kind = 'root'")
            finally:
                db.close()
            self._plain_key_training = row is not None and TRAINING_MARK in (
                x509.load_der_x509_certificate(bytes(row[0])).subject.rfc4514_string()
            )
        return self._plain_key_training

    def _key(self) -> bytes:
        if self._database_key is not None:
            return self._database_key
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        if self.keyring_file.exists():
            raise CenterSignInRequired(f"Sign in to the central office in {self.center_dir}.")
        if not self._plain_key_is_training():
            raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
        return self.key_path.read_bytes()

    # -- the office ------------------------------------------------------------------------

    def create(
        self,
        *,
        training: bool = False,
        hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
        admin: NewCenterUser | None = None,
        kdf: Argon2Params = DEFAULT_ARGON2,
    ) -> CenterKeys:
        """Set up a central office: the store, the root CA, the age identity that opens
        bundles, the key that signs receipts, and the receiver's TLS certificate.

        A real centre needs ``admin``, its first administrator, who is signed in on return;
        its key is written only into their slot. A training centre without ``admin`` keeps its
        key in ``center.key`` and opens without sign-in (synthetic data only)."""
        import pyrage
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from interview_room.signing.pki import create_root_ca, issue_tls_server_certificate

        if self.exists() or self.database_path.exists():
            raise CenterExists(f"{self.center_dir} already holds a central office.")
        if admin is None and not training:
            raise CenterAdministratorRequired("A real central office needs its administrator.")
        private_dir(self.center_dir)
        key = secrets.token_bytes(32)
        if admin is None:
            atomic_write_bytes(self.key_path, key)
        else:
            keyring = CenterKeyring.new(training)
            keyring.add_user(
                admin.username,
                admin.display_name,
                CenterRole.CENTER_ADMIN,
                admin.password,
                key,
                kdf,
                created_by=None,
            )
            self.keyring_file.write(keyring)
            self._database_key = key
            self._user = keyring.slots[admin.username.strip().casefold()].user()
            self._presence = StorePresence(self.center_dir)
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
                audit_log.append(
                    db,
                    CenterAuditEvent.CENTER_CREATED,
                    None if admin is None else self.user.username,
                    detail={"training": training},
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
            self.move_audit_anchor(db)
        finally:
            db.close()
        return self.keys()

    def open(self) -> Database:
        """The store, for the signed-in user (or a training centre's plain key file)."""
        db = Database.open(self.database_path, self._key())
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

        self.require(CenterAction.ENROLL)
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
                audit_log.append(
                    db, CenterAuditEvent.STATION_ENROLLED, self.user.username, station_id
                )
            self.move_audit_anchor(db)
        finally:
            db.close()
        return key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())

    def revoke_station(self, station_id: str) -> None:
        self.require(CenterAction.REVOKE)
        db = self.open()
        try:
            with db.transaction():
                db.execute(
                    "UPDATE stations SET revoked_at = ? WHERE station_id = ?", (_now(), station_id)
                )
                audit_log.append(
                    db, CenterAuditEvent.STATION_REVOKED, self.user.username, station_id
                )
            self.move_audit_anchor(db)
        finally:
            db.close()
