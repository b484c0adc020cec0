"""The central office's own encrypted store: its keys, the enrolled stations, the records.

``center.db`` is SQLCipher like a station's store. Its random key is wrapped once per centre
user in ``center.keyring`` (Argon2id slots, ``center/keyring.py``): nothing opens the store
without a user's password, and each user's role says what they may do (``center/users.py``).
Signing in and the audit log are ``center/access.py``, users and password changes
``center/user_accounts.py``; the tables
and their upgrades ``center/schema.py``. All private keys (the root CA, the age identity that
opens bundles, the key that signs receipts) are kept inside ``center.db``, whose key only the
``registry`` and ``center_admin`` roles hold; the statistics have a store of their own
(``statistics_store.py``, ``key_split.py``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from interview_room.center import audit_log
from interview_room.center.access import (
    DATABASE_FILE,
    KEY_FILE,
    CenterMissing,
    CenterPasswordNotSet,
    CenterSignInRequired,
)
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.keyring import CenterKeyring
from interview_room.center.schema import create_tables
from interview_room.center.user_accounts import CenterUserAccounts, NewCenterUser
from interview_room.center.users import CenterAction, CenterRole
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.store.database import Database
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.rekey import StorePresence

__all__ = [
    "DATABASE_FILE",
    "KEY_FILE",
    "CenterAdministratorRequired",
    "CenterExists",
    "CenterKeys",
    "CenterMissing",
    "CenterPasswordNotSet",
    "CenterSignInRequired",
    "CenterStore",
    "NewCenterUser",
    "StationAlreadyEnrolled",
]


class CenterExists(InterviewRoomError):
    """The folder already holds a central office."""


class StationAlreadyEnrolled(InterviewRoomError):
    pass


class CenterAdministratorRequired(InterviewRoomError):
    """A real central office is set up only with its first administrator."""


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


def _new_center_keys(training: bool, hosts: tuple[str, ...]) -> list[tuple[str, bytes, bytes]]:
    """A new centre's keys as ``center_keys`` rows (kind, secret, public): the age identity
    that opens bundles, the root CA, the receiver's TLS certificate, the receipt key."""
    import pyrage
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.signing.pki import create_root_ca, issue_tls_server_certificate

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
    return [
        ("age", str(identity).encode(), str(identity.to_public()).encode()),
        ("root", root.private_key_der, root.certificate_der),
        ("tls", tls.private_key_der, tls.certificate_der),
        (
            "receipt",
            receipt_key.private_bytes(
                raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
            ),
            receipt_key.public_key().public_bytes(raw, serialization.PublicFormat.Raw),
        ),
    ]


class CenterStore(CenterUserAccounts):
    """The central office: its keys, enrolled stations and records, opened by a signed-in user
    (:class:`~interview_room.center.access.CenterAccess`), whose users change through
    :class:`~interview_room.center.user_accounts.CenterUserAccounts`."""

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
        if self.exists() or self.database_path.exists():
            raise CenterExists(f"{self.center_dir} already holds a central office.")
        if admin is None and not training:
            raise CenterAdministratorRequired("A real central office needs its administrator.")
        private_dir(self.center_dir)
        key = secrets.token_bytes(32)
        if admin is None:
            atomic_write_bytes(self.key_path, key)
        else:
            self._add_first_administrator(admin, key, training, kdf)
        center_keys = _new_center_keys(training, hosts)
        db = Database.open(self.database_path, key)
        try:
            with db.transaction():
                create_tables(db)
                for kind, secret, public in center_keys:
                    db.execute(
                        "INSERT INTO center_keys (kind, secret, public, created_at)"
                        " VALUES (?, ?, ?, ?)",
                        (kind, secret, public, _now()),
                    )
                audit_log.append(
                    db,
                    CenterAuditEvent.CENTER_CREATED,
                    None if admin is None else self.user.username,
                    detail={"training": training},
                )
            self.move_audit_anchor(db)
        finally:
            db.close()
        if admin is not None:  # two stores from the start (center/key_split.py)
            self._split_or_follow()
        return self.keys()

    def _add_first_administrator(
        self, admin: NewCenterUser, key: bytes, training: bool, kdf: Argon2Params
    ) -> None:
        """A new keyring whose one slot, the administrator's, holds the store's ``key``; they
        are signed in."""
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

    def station_names(self) -> dict[str, str]:
        """Each enrolled station's "name (CODE)" by its id, revoked ones too."""
        db = self.open()
        try:
            rows = db.all("SELECT station_id, name, code FROM stations")
        finally:
            db.close()
        return {str(r[0]): f"{r[1]} ({r[2]})" for r in rows}

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
