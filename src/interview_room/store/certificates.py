"""The station's chain of trust and its users' signing keys, kept in the encrypted store.

Chain: a root (until the central office enrolls the station, a local root named as a
*training* root) → the station CA → one signing certificate per user. A user's private signing
key is wrapped with AES-256-GCM under that user's personal key, which only their password (or,
after a reset, their new password) opens: neither another user's slot nor the recovery key can
use it. Everything here needs only the database key: it reads. Issuing, renewing and revoking
need the station CA's key, which only ``authority.py`` opens, with an administrator's password.

A certificate counts as revoked when the store marks it (``revoked_at``) *or* when the audit
log records that its user gave its key up after it was issued: a password change, a reset with
the recovery key or the user's disabling (:meth:`StationCertificates.given_up`). The mark is a
column any holder of the database key can clear; the audit entry is a link of the hash chain
that the centre witnesses (``sync/audit_head.py``), and the moment of issue is read from the
signed certificate, so neither a column edit nor an appended entry brings a given-up key back.
Validity dates are read from the certificate too, never from the ``not_before``/``not_after``
columns.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError
from interview_room.signing.certificate_reading import (
    certificate_issued_at,
    certificate_username,
    load_certificate,
)
from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import CertifiedKey

if TYPE_CHECKING:
    from interview_room.store.database import Database

_NONCE = 12
GIVING_UP_EVENTS = ("password_changed", "password_reset", "user_disabled")
"""Audit events (``AuditEvent`` values) after which a user's earlier signing keys are given up."""


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


def given_up_moments(db: Database, now: datetime | None = None) -> dict[str, datetime]:
    """Username → the moment (to the second) before which every certificate of that user is
    given up: the latest password change, reset or disabling the audit log records. A change
    or a reset issues the new certificate after its entry, in the same second at the earliest;
    a disabling issues none, so its whole second counts. An entry dated after ``now`` is not a
    record of something that happened (appended by hand to shut a colleague's future keys
    out) and is left aside."""
    limit = now or datetime.now(UTC)
    moments: dict[str, datetime] = {}
    for subject, at, event in db.all(
        "SELECT subject, at, event FROM audit_log WHERE subject IS NOT NULL AND event IN (?, ?, ?)",
        GIVING_UP_EVENTS,
    ):
        try:
            moment = datetime.fromisoformat(str(at))
        except ValueError:
            continue
        if moment.tzinfo is None or moment > limit:
            continue
        moment = moment.astimezone(UTC).replace(microsecond=0)
        if event == "user_disabled":
            moment += timedelta(seconds=1)
        if moment > moments.get(str(subject), datetime.min.replace(tzinfo=UTC)):
            moments[str(subject)] = moment
    return moments


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

    def station_ca_certificate(self) -> bytes:
        """The active station CA's certificate (DER); its key is not here (``authority.py``)."""
        row = self._db.one(
            "SELECT certificate FROM certificate_authorities"
            " WHERE kind = 'station_ca' AND active = 1 ORDER BY created_at DESC LIMIT 1"
        )
        if row is None:
            raise NoSigningKey("This station has no certificate authority yet.")
        return bytes(row[0])

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

    def central_root(self) -> bytes | None:
        """The central office's root (DER) that the active station CA chains to: the one
        anchor its receiver's TLS certificate must chain to. None before enrollment."""
        row = self._db.one(
            "SELECT t.certificate FROM certificate_authorities c JOIN trust_anchors t"
            " ON t.fingerprint = c.issuer_fingerprint WHERE c.kind = 'station_ca'"
            " AND c.active = 1 AND t.kind = 'central_root' ORDER BY c.created_at DESC LIMIT 1"
        )
        return bytes(row[0]) if row is not None else None

    def root_is_training(self) -> bool:
        row = self._db.one("SELECT count(*) FROM trust_anchors WHERE kind = 'central_root'")
        return not row or int(row[0]) == 0

    # -- users' signing keys ---------------------------------------------------------------

    def current_for(self, user_id: str) -> SigningCertificate | None:
        """The user's newest certificate that is neither revoked nor expired."""
        for record in self._records(
            "WHERE user_id = ? ORDER BY issued_at DESC, not_after DESC, rowid DESC", (user_id,)
        ):
            if record.usable:
                return record
        return None

    def latest_unrevoked(self, user_id: str) -> SigningCertificate | None:
        """The user's newest certificate that is not revoked, expired or not (what a renewal
        certifies again)."""
        records = self.unrevoked_newest_first(user_id)
        return records[0] if records else None

    def unrevoked_newest_first(self, user_id: str) -> list[SigningCertificate]:
        """Every unrevoked certificate of the user, newest first (expired ones included); a
        certificate whose key was given up (:meth:`given_up`) counts as revoked."""
        return [
            record
            for record in self._records(
                "WHERE user_id = ? AND revoked_at IS NULL ORDER BY issued_at DESC,"
                " not_after DESC, rowid DESC",
                (user_id,),
            )
            if record.revoked_at is None
        ]

    def signing_key(self, user_id: str, personal_key: bytes) -> CertifiedKey:
        """The user's current certificate and private key, opened with their personal key."""
        record = self.current_for(user_id)
        if record is None:
            raise NoSigningKey(
                "There is no valid signing certificate for this user: a station administrator"
                " issues one."
            )
        row = self._db.one(
            "SELECT wrapped_key, key_serial FROM signing_certificates WHERE serial = ?",
            (str(record.serial),),
        )
        assert row is not None
        # A key certified again (renewal, enrollment) stays wrapped as it was first issued.
        wrapped_as = int(row[1]) if row[1] else record.serial
        key = _unwrap(personal_key, wrapped_as, user_id, bytes(row[0]))
        return CertifiedKey(record.certificate_der, key)

    def revoke_all(self, user_id: str, reason: str) -> int:
        """Mark every live certificate of a user revoked in the store; return how many. The
        next revocation list (``StationAuthority.publish_revocations``) names them."""
        cursor = self._db.execute(
            "UPDATE signing_certificates SET revoked_at = ?, revocation_reason = ?"
            " WHERE user_id = ? AND revoked_at IS NULL",
            (_now(), reason, user_id),
        )
        return int(cursor.rowcount)

    def forget_revoked_keys(self, user_id: str) -> int:
        """Erase the wrapped private keys of the user's revoked certificates (the wrapping
        under an old personal key is all a kept key-slot copy would need); return how many."""
        cursor = self._db.execute(
            "UPDATE signing_certificates SET wrapped_key = x''"
            " WHERE user_id = ? AND revoked_at IS NOT NULL AND length(wrapped_key) > 0",
            (user_id,),
        )
        return int(cursor.rowcount)

    def revoked_serials(self) -> set[int]:
        """Serials the store marks revoked and serials whose key was given up (:meth:`given_up`)."""
        rows = self._db.all("SELECT serial FROM signing_certificates WHERE revoked_at IS NOT NULL")
        return {int(r[0]) for r in rows} | set(self.given_up())

    def given_up(self, now: datetime | None = None) -> dict[int, datetime]:
        """Serial → moment given up, for every certificate issued before its user's latest
        password change, reset or disabling in the audit log, whatever ``revoked_at`` says.

        The moment of issue is the certificate's own (notBefore, signed by the CA) and the user
        is the username the certificate names, so neither a column edit, nor a renamed user,
        nor an audit entry appended later makes a given-up key current again. A certificate
        issued in the same second as a change or reset is not counted (the new certificate
        follows the entry, in that second at the earliest); see :func:`given_up_moments`."""
        moments = given_up_moments(self._db, now)
        if not moments:
            return {}
        given_up: dict[int, datetime] = {}
        for serial, certificate, username in self._db.all(
            "SELECT c.serial, c.certificate, u.username FROM signing_certificates c"
            " LEFT JOIN users u ON u.id = c.user_id"
        ):
            try:
                named = certificate_username(bytes(certificate))
                issued = certificate_issued_at(bytes(certificate))
            except CertificateError:
                continue
            moment = moments.get(named or str(username or ""))
            if moment is not None and issued < moment:
                given_up[int(serial)] = moment
        return given_up

    def issued_serials(self) -> set[int]:
        """Every certificate this store records as issued, revoked or not."""
        return {int(r[0]) for r in self._db.all("SELECT serial FROM signing_certificates")}

    def revoked_by(self, ca_certificate_der: bytes) -> list[tuple[int, datetime]]:
        """(serial, time of revocation) of the revoked certificates the given CA issued."""
        from cryptography import x509

        ca = x509.load_der_x509_certificate(ca_certificate_der)
        ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        revoked: list[tuple[int, datetime]] = []
        given_up = self.given_up()
        for serial, certificate, revoked_at in self._db.all(
            "SELECT serial, certificate, revoked_at FROM signing_certificates"
        ):
            when = (
                datetime.fromisoformat(str(revoked_at))
                if revoked_at is not None
                else given_up.get(int(serial))
            )
            if when is None:
                continue
            issued = x509.load_der_x509_certificate(bytes(certificate))
            try:
                aki = issued.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
            except x509.ExtensionNotFound:
                continue
            if issued.issuer == ca.subject and aki.value.key_identifier == ski:
                revoked.append((int(serial), when))
        return revoked

    def revocation_list_of(self, ca_certificate_der: bytes) -> tuple[bytes, datetime] | None:
        """The stored revocation list (DER) of a CA and when it was stored, if any."""
        from interview_room.signing.pki import certificate_info

        row = self._db.one(
            "SELECT crl, issued_at FROM revocation_lists WHERE issuer_fingerprint = ?",
            (certificate_info(ca_certificate_der).fingerprint_sha256,),
        )
        return None if row is None else (bytes(row[0]), datetime.fromisoformat(str(row[1])))

    def revocation_lists(self) -> list[bytes]:
        """The stored revocation lists (DER) to embed beside a signature: the active station
        CA's, then its root's when the store holds one (a training root's). Signed when a
        revocation happened or an administrator signed in, not now: the CA's key is not here."""
        lists: list[bytes] = []
        for (certificate,) in self._db.all(
            "SELECT certificate FROM certificate_authorities WHERE kind = 'station_ca'"
            " AND active = 1 ORDER BY created_at DESC LIMIT 1"
        ):
            station_list = self.revocation_list_of(bytes(certificate))
            if station_list is not None:
                lists.append(station_list[0])
        for (certificate,) in self._db.all(
            "SELECT r.certificate FROM certificate_authorities r"
            " JOIN certificate_authorities s ON s.issuer_fingerprint = r.fingerprint"
            " WHERE s.kind = 'station_ca' AND s.active = 1 AND r.kind = 'training_root'"
        ):
            root_list = self.revocation_list_of(bytes(certificate))
            if root_list is not None:
                lists.append(root_list[0])
        return lists

    def _records(self, where: str, params: tuple[object, ...]) -> list[SigningCertificate]:
        """The rows as records, with validity read from each certificate (not from the
        ``not_before``/``not_after`` columns) and a given-up key counted as revoked."""
        rows = self._db.all(
            f"SELECT serial, user_id, certificate, revoked_at FROM signing_certificates {where}",
            params,
        )
        given_up = self.given_up() if rows else {}
        records: list[SigningCertificate] = []
        for serial, user_id, certificate_der, revoked_at in rows:
            try:
                certificate = load_certificate(bytes(certificate_der))
            except CertificateError:
                continue  # not a certificate: nothing anyone can sign or renew with
            moment = given_up.get(int(serial))
            records.append(
                SigningCertificate(
                    int(serial),
                    str(user_id),
                    bytes(certificate_der),
                    certificate.not_valid_before_utc.isoformat(),
                    certificate.not_valid_after_utc.isoformat(),
                    str(revoked_at)
                    if revoked_at
                    else (moment.isoformat(timespec="seconds") if moment else None),
                )
            )
        return records
