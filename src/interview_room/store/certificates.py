"""The station's chain of trust and its users' signing keys, kept in the encrypted store.

Chain: a root (until the central office enrolls the station, a local root named as a
*training* root) → the station CA → one signing certificate per user. A user's private signing
key is wrapped with AES-256-GCM under that user's personal key, which only their password (or,
after a reset, their new password) opens: neither another user's slot nor the recovery key can
use it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError
from interview_room.signing.pki import (
    CertifiedKey,
    create_root_ca,
    create_station_ca,
    issue_signing_certificate,
)

if TYPE_CHECKING:
    from interview_room.accounts import User
    from interview_room.station_folder import StationDescription
    from interview_room.store.database import Database

_NONCE = 12


class NoSigningKey(InterviewRoomError):
    """The user has no valid signing certificate on this station."""


class SigningKeyUnavailable(InterviewRoomError):
    """The signing key does not open with this personal key (another user's, or an old one)."""


@dataclass(frozen=True)
class SigningCertificate:
    serial: int
    user_id: str
    certificate_der: bytes
    not_before: str
    not_after: str
    revoked_at: str | None

    @property
    def usable(self) -> bool:
        now = datetime.now(UTC).isoformat()
        return self.revoked_at is None and self.not_before <= now <= self.not_after


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _aad(serial: int, user_id: str) -> bytes:
    return f"interview-room/signing-key/v1/{serial}/{user_id}".encode()


def _wrap(personal_key: bytes, serial: int, user_id: str, key_der: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(personal_key).encrypt(nonce, key_der, _aad(serial, user_id))


def _unwrap(personal_key: bytes, serial: int, user_id: str, blob: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(personal_key).decrypt(blob[:_NONCE], blob[_NONCE:], _aad(serial, user_id))
    except InvalidTag:
        raise SigningKeyUnavailable("This signing key does not open with these keys.") from None


class StationCertificates:
    """Certificates and keys of one station's store. Callers hold the transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- the chain -------------------------------------------------------------------------

    def has_chain(self) -> bool:
        row = self._db.one(
            "SELECT 1 FROM certificate_authorities WHERE kind = 'station_ca' AND active = 1"
        )
        return row is not None

    def ensure_chain(self, station: StationDescription) -> None:
        """Create the local training root and the station CA if the station has none yet."""
        if self.has_chain():
            return
        root = create_root_ca(
            f"Interview Room TRAINING root – {station.code} – not for real referrals",
            training=True,
        )
        station_ca = create_station_ca(root, station_name=station.name, station_code=station.code)
        moment = _now()
        self._db.execute(
            "INSERT INTO trust_anchors (fingerprint, kind, certificate, added_at)"
            " VALUES (?, 'training_root', ?, ?)",
            (root.fingerprint_sha256, root.certificate_der, moment),
        )
        for kind, item, issuer in (
            ("training_root", root, None),
            ("station_ca", station_ca, root.fingerprint_sha256),
        ):
            self._db.execute(
                "INSERT INTO certificate_authorities (fingerprint, kind, certificate,"
                " private_key, issuer_fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    item.fingerprint_sha256,
                    kind,
                    item.certificate_der,
                    item.private_key_der,
                    issuer,
                    moment,
                ),
            )

    def install_central_chain(self, root_certificate_der: bytes, station_ca: CertifiedKey) -> int:
        """Replace the local training chain with the central office's: its root becomes the
        only trust anchor (training referrals no longer check as trusted), its station CA
        signs from now on, and every user certificate of the old chain is revoked (each user
        gets a new one at their next sign-in). Returns how many certificates were revoked."""
        from interview_room.signing.pki import certificate_info

        root_fingerprint = certificate_info(root_certificate_der).fingerprint_sha256
        moment = _now()
        self._db.execute("DELETE FROM trust_anchors WHERE kind = 'training_root'")
        self._db.execute(
            "INSERT INTO trust_anchors (fingerprint, kind, certificate, added_at)"
            " VALUES (?, 'central_root', ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
            (root_fingerprint, root_certificate_der, moment),
        )
        self._db.execute("UPDATE certificate_authorities SET active = 0")
        self._db.execute(
            "INSERT INTO certificate_authorities (fingerprint, kind, certificate, private_key,"
            " issuer_fingerprint, created_at) VALUES (?, 'station_ca', ?, ?, ?, ?)",
            (
                station_ca.fingerprint_sha256,
                station_ca.certificate_der,
                station_ca.private_key_der,
                root_fingerprint,
                moment,
            ),
        )
        cursor = self._db.execute(
            "UPDATE signing_certificates SET revoked_at = ?, revocation_reason = 'enrolled'"
            " WHERE revoked_at IS NULL",
            (moment,),
        )
        return int(cursor.rowcount)

    def station_ca(self) -> CertifiedKey:
        row = self._db.one(
            "SELECT certificate, private_key FROM certificate_authorities"
            " WHERE kind = 'station_ca' AND active = 1 ORDER BY created_at DESC LIMIT 1"
        )
        if row is None:
            raise NoSigningKey("This station has no certificate authority yet.")
        return CertifiedKey(bytes(row[0]), bytes(row[1]))

    def chain(self) -> list[bytes]:
        """DER certificates a verifier needs besides the signer's: station CA, then its root."""
        ca = self._db.one(
            "SELECT certificate, issuer_fingerprint FROM certificate_authorities"
            " WHERE kind = 'station_ca' AND active = 1 ORDER BY created_at DESC LIMIT 1"
        )
        if ca is None:
            return []
        certificates = [bytes(ca[0])]
        root = self._db.one("SELECT certificate FROM trust_anchors WHERE fingerprint = ?", (ca[1],))
        if root is not None:
            certificates.append(bytes(root[0]))
        return certificates

    def trust_anchors(self) -> list[bytes]:
        return [bytes(r[0]) for r in self._db.all("SELECT certificate FROM trust_anchors")]

    def root_is_training(self) -> bool:
        row = self._db.one("SELECT count(*) FROM trust_anchors WHERE kind = 'central_root'")
        return not row or int(row[0]) == 0

    # -- users' signing keys ---------------------------------------------------------------

    def issue_for(
        self, user: User, personal_key: bytes, station: StationDescription
    ) -> SigningCertificate:
        """A new signing certificate for ``user``, its key wrapped under their personal key."""
        issued = issue_signing_certificate(
            self.station_ca(),
            full_name=user.display_name,
            username=user.username,
            role=user.role.value,
            station_code=station.code,
        )
        certificate = issued.certificate
        record = SigningCertificate(
            serial=issued.serial,
            user_id=user.id,
            certificate_der=issued.certificate_der,
            not_before=certificate.not_valid_before_utc.isoformat(),
            not_after=certificate.not_valid_after_utc.isoformat(),
            revoked_at=None,
        )
        self._db.execute(
            "INSERT INTO signing_certificates (serial, user_id, certificate, wrapped_key,"
            " not_before, not_after, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                str(record.serial),
                user.id,
                record.certificate_der,
                _wrap(personal_key, record.serial, user.id, issued.private_key_der),
                record.not_before,
                record.not_after,
                _now(),
            ),
        )
        return record

    def current_for(self, user_id: str) -> SigningCertificate | None:
        """The user's newest certificate that is neither revoked nor expired."""
        for record in self._records("WHERE user_id = ? ORDER BY issued_at DESC", (user_id,)):
            if record.usable:
                return record
        return None

    def signing_key(self, user_id: str, personal_key: bytes) -> CertifiedKey:
        """The user's current certificate and private key, opened with their personal key."""
        record = self.current_for(user_id)
        if record is None:
            raise NoSigningKey("There is no valid signing certificate for this user.")
        row = self._db.one(
            "SELECT wrapped_key FROM signing_certificates WHERE serial = ?", (str(record.serial),)
        )
        assert row is not None
        key = _unwrap(personal_key, record.serial, user_id, bytes(row[0]))
        return CertifiedKey(record.certificate_der, key)

    def signing_key_for(
        self, user: User, personal_key: bytes, station: StationDescription
    ) -> CertifiedKey:
        """The user's signing key, issuing a certificate first if they have no valid one (after
        enrollment, expiry or a reset): their personal key is at hand when they sign."""
        if self.current_for(user.id) is None:
            self.issue_for(user, personal_key, station)
        return self.signing_key(user.id, personal_key)

    def revoke_all(self, user_id: str, reason: str) -> int:
        """Revoke every live certificate of a user; return how many."""
        cursor = self._db.execute(
            "UPDATE signing_certificates SET revoked_at = ?, revocation_reason = ?"
            " WHERE user_id = ? AND revoked_at IS NULL",
            (_now(), reason, user_id),
        )
        return int(cursor.rowcount)

    def revoked_serials(self) -> set[int]:
        rows = self._db.all("SELECT serial FROM signing_certificates WHERE revoked_at IS NOT NULL")
        return {int(r[0]) for r in rows}

    def _records(self, where: str, params: tuple[object, ...]) -> list[SigningCertificate]:
        rows = self._db.all(
            "SELECT serial, user_id, certificate, not_before, not_after, revoked_at"
            f" FROM signing_certificates {where}",
            params,
        )
        return [
            SigningCertificate(
                int(r[0]), str(r[1]), bytes(r[2]), str(r[3]), str(r[4]), str(r[5]) if r[5] else None
            )
            for r in rows
        ]
