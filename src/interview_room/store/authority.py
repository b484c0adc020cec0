"""The station's certificate authority: only a station administrator's password, or the recovery
key, opens it.

The station CA's private key is sealed (AES-256-GCM) under a random 256-bit *authority key*.
The authority key is wrapped once for each station administrator under that administrator's
personal key (which only their password opens, ``keyring.py``) and once under the recovery key.
The database key opens neither: an officer or a social worker, who holds the database key, can
read every certificate but cannot issue, renew or revoke one. A training root's key is used
once, to issue the station CA and a revocation list, and then forgotten.

Certificates are issued when an administrator sets up the station or adds a user (the new
user's personal key is made then, in the administrator's presence), when the station enrolls
(every active user's key is certified again by the centre's station CA), when an administrator
signs in (certificates close to expiry are renewed), and when the recovery key resets a
password. Each is recorded in ``signing_certificates`` with who issued it and audited. Every
revocation is published as a CRL signed by the station CA and stored (``revocation_lists``):
signatures embed it and bundles carry it to the centre. A list never drops a serial an earlier
one named, so removing a revocation from the store does not remove it from the next list.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError
from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import (
    CertifiedKey,
    certificate_role,
    certificate_station,
    certify_signing_key,
    create_root_ca,
    create_station_ca,
    issue_signing_certificate,
    station_constraint,
)
from interview_room.store import revocation_lists
from interview_room.store.audit import AuditEvent, AuditLog
from interview_room.store.certificates import (
    SigningCertificate,
    StationCertificates,
    _wrap,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography import x509

    from interview_room.accounts import User
    from interview_room.station_folder import StationDescription
    from interview_room.store.database import Database
    from interview_room.store.recovery_key import RecoveryKey

RECOVERY_HOLDER = "recovery"
"""The ``authority_slots`` holder wrapped under the recovery key (other holders are user ids)."""
RENEW_WITHIN = timedelta(days=60)
"""A certificate this close to expiry is renewed (same key) at an administrator's sign-in."""
_NONCE = 12


class NoIssuingAuthority(InterviewRoomError):
    """These keys do not open the station's certificate authority: issuing or revoking a
    certificate needs a station administrator's password (or the recovery key)."""


@dataclass(frozen=True)
class Maintenance:
    """What an administrator's sign-in did with the authority."""

    issued: int
    renewed: int
    list_published: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(blob[:_NONCE], blob[_NONCE:], aad)
    except (InvalidTag, ValueError):
        return None


def _slot_aad(holder: str) -> bytes:
    return f"interview-room/authority-slot/v1/{holder}".encode()


def _ca_aad(fingerprint: str) -> bytes:
    return f"interview-room/ca-key/v1/{fingerprint}".encode()


def _recovery_wrapping_key(recovery_key: RecoveryKey, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    # Its own label: the same recovery key wraps the database key under another (keyring.py).
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"interview-room/authority/v1"
    ).derive(recovery_key.secret)


class StationAuthority:
    """The opened certificate authority of one store. Callers hold the transaction."""

    def __init__(self, db: Database, authority_key: bytes, actor: str) -> None:
        self._db = db
        self._key = authority_key
        self._actor = actor
        self._certificates = StationCertificates(db)
        self._issuers: list[x509.Certificate] | None = None

    def __repr__(self) -> str:
        return f"StationAuthority(opened by {self._actor!r}, key=<hidden>)"

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def establish(
        cls,
        db: Database,
        station: StationDescription,
        admin: User,
        personal_key: bytes,
        recovery_key: RecoveryKey,
    ) -> StationAuthority:
        """At set-up: a new authority key held by ``admin`` and the recovery key, and the
        station's training chain."""
        authority = cls(db, secrets.token_bytes(32), admin.username)
        authority.grant(admin, personal_key)
        authority.grant_recovery(recovery_key)
        authority.ensure_chain(station)
        return authority

    @classmethod
    def open(cls, db: Database, user: User, personal_key: bytes) -> StationAuthority:
        """The authority as ``user`` holds it; :class:`NoIssuingAuthority` unless ``user`` is a
        station administrator whose slot opens with ``personal_key``."""
        row = db.one("SELECT wrapped FROM authority_slots WHERE holder = ?", (user.id,))
        key = None if row is None else _open(personal_key, bytes(row[0]), _slot_aad(user.id))
        if not user.is_admin or key is None:
            raise NoIssuingAuthority(
                "Only a station administrator's password opens the station's certificate authority."
            )
        return cls(db, key, user.username)

    @classmethod
    def open_with_recovery(cls, db: Database, recovery_key: RecoveryKey) -> StationAuthority:
        row = db.one(
            "SELECT salt, wrapped FROM authority_slots WHERE holder = ?", (RECOVERY_HOLDER,)
        )
        key = (
            None
            if row is None or row[0] is None
            else _open(
                _recovery_wrapping_key(recovery_key, bytes(row[0])),
                bytes(row[1]),
                _slot_aad(RECOVERY_HOLDER),
            )
        )
        if key is None:
            raise NoIssuingAuthority("The recovery key does not open the certificate authority.")
        return cls(db, key, RECOVERY_HOLDER)

    @classmethod
    def adopt(
        cls, db: Database, station: StationDescription, admin: User, personal_key: bytes
    ) -> StationAuthority | None:
        """The authority of an administrator who is signing in, or ``None`` if they hold none.

        A store from before the authority existed (a station CA key stored under the database
        key alone) is sealed now and held by this administrator: other administrators and the
        recovery key get no slot until someone who holds it grants one.
        """
        if db.one("SELECT 1 FROM authority_slots WHERE holder = ?", (admin.id,)) is not None:
            try:
                return cls.open(db, admin, personal_key)
            except NoIssuingAuthority:
                return None  # a slot that does not open (left by another personal key)
        if not admin.is_admin or db.one("SELECT 1 FROM authority_slots") is not None:
            return None
        authority = cls(db, secrets.token_bytes(32), admin.username)
        authority._seal_plain_keys()
        authority.grant(admin, personal_key)
        authority.ensure_chain(station)
        return authority

    @staticmethod
    def held_by(db: Database, user_id: str) -> bool:
        return db.one("SELECT 1 FROM authority_slots WHERE holder = ?", (user_id,)) is not None

    def grant(self, admin: User, personal_key: bytes) -> None:
        """Let ``admin`` open the authority with their personal key (their password)."""
        if not admin.is_admin:
            raise NoIssuingAuthority("Only a station administrator may hold the authority.")
        self._db.execute(
            "INSERT OR REPLACE INTO authority_slots (holder, salt, wrapped, created_at)"
            " VALUES (?, NULL, ?, ?)",
            (admin.id, _seal(personal_key, self._key, _slot_aad(admin.id)), _stamp(_now())),
        )

    def grant_recovery(self, recovery_key: RecoveryKey) -> None:
        salt = secrets.token_bytes(16)
        self._db.execute(
            "INSERT OR REPLACE INTO authority_slots (holder, salt, wrapped, created_at)"
            " VALUES (?, ?, ?, ?)",
            (
                RECOVERY_HOLDER,
                salt,
                _seal(
                    _recovery_wrapping_key(recovery_key, salt),
                    self._key,
                    _slot_aad(RECOVERY_HOLDER),
                ),
                _stamp(_now()),
            ),
        )

    @staticmethod
    def withdraw(db: Database, user_id: str) -> None:
        """Remove a (disabled) administrator's slot."""
        db.execute("DELETE FROM authority_slots WHERE holder = ?", (user_id,))

    # -- the chain -------------------------------------------------------------------------

    def ensure_chain(self, station: StationDescription) -> None:
        """Create the local training root and the station CA if the station has none yet. The
        root's key signs the station CA and one revocation list for its whole life, and is
        forgotten."""
        if self._certificates.has_chain():
            return
        root = create_root_ca(
            f"Interview Room TRAINING root – {station.code} – not for real referrals",
            training=True,
        )
        station_ca = create_station_ca(root, station_name=station.name, station_code=station.code)
        moment = _stamp(_now())
        self._db.execute(
            "INSERT INTO trust_anchors (fingerprint, kind, certificate, added_at)"
            " VALUES (?, 'training_root', ?, ?)",
            (root.fingerprint_sha256, root.certificate_der, moment),
        )
        self._db.execute(
            "INSERT INTO certificate_authorities (fingerprint, kind, certificate, private_key,"
            " issuer_fingerprint, created_at, key_sealed) VALUES (?, 'training_root', ?, x'', NULL,"
            " ?, 0)",
            (root.fingerprint_sha256, root.certificate_der, moment),
        )
        revocation_lists.store(self._db, root, revocation_lists.root_list(root))
        self._insert_station_ca(station_ca, root.fingerprint_sha256, moment)
        self.publish_revocations()

    def install_central_chain(
        self, root_certificate_der: bytes, station_ca: CertifiedKey
    ) -> tuple[int, int]:
        """Replace the local chain with the central office's: its root becomes the only trust
        anchor, its station CA (sealed here) signs from now on, every certificate of the old
        chain is revoked, and every active user's current key is certified by the new station
        CA with the name and role its certificate had. Returns (revoked, certified again)."""
        from interview_room.accounts import UserDirectory
        from interview_room.signing.pki import certificate_info

        carried = [
            (user, record)
            for user in UserDirectory(self._db).all()
            if user.active and (record := self._latest_issued_here(user.id)) is not None
        ]
        root_fingerprint = certificate_info(root_certificate_der).fingerprint_sha256
        moment = _stamp(_now())
        self._db.execute("DELETE FROM trust_anchors WHERE kind = 'training_root'")
        self._db.execute(
            "INSERT INTO trust_anchors (fingerprint, kind, certificate, added_at)"
            " VALUES (?, 'central_root', ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
            (root_fingerprint, root_certificate_der, moment),
        )
        self._db.execute("UPDATE certificate_authorities SET active = 0")
        self._insert_station_ca(station_ca, root_fingerprint, moment)
        cursor = self._db.execute(
            "UPDATE signing_certificates SET revoked_at = ?, revocation_reason = 'enrolled'"
            " WHERE revoked_at IS NULL",
            (moment,),
        )
        for user, record in carried:
            self._certify_again(user, record, renewal=False)
        self.publish_revocations()
        return int(cursor.rowcount), len(carried)

    # -- certificates ----------------------------------------------------------------------

    def issue_for(
        self, user: User, personal_key: bytes, station: StationDescription
    ) -> SigningCertificate:
        """A new key and certificate for ``user``, the key wrapped under their personal key.

        The role is the one the user's latest certificate names, when they had one: changing
        the role in the users table (which the database key allows) does not change it."""
        role = self._certified_role(user.id) or user.role.value
        issued = issue_signing_certificate(
            self._station_ca(),
            full_name=user.display_name,
            username=user.username,
            role=role,
            station_code=station.code,
        )
        return self._record(
            user,
            issued.certificate_der,
            _wrap(personal_key, issued.serial, user.id, issued.private_key_der),
            key_serial=None,
            renewal=False,
        )

    def renew_expiring(self, now: datetime | None = None) -> int:
        """Certify again, with the same key, every active user's newest unrevoked certificate
        that expires within :data:`RENEW_WITHIN` or has expired (no administrator signed in
        in time); return how many.

        The expiry is the certificate's own (not the ``not_after`` column), and a key that any
        revocation ever touched is never certified again (:meth:`_latest_issued_here`). When
        there is something to renew, the audit log's chain must be whole: a password change
        that gave a key up is known from it, and a log with entries cut out renews nothing."""
        from interview_room.accounts import UserDirectory

        limit = (now or _now()) + RENEW_WITHIN
        due = []
        for user in UserDirectory(self._db).all():
            record = self._latest_issued_here(user.id, usable=False) if user.active else None
            if record is not None and datetime.fromisoformat(record.not_after) < limit:
                due.append((user, record))
        if not due or not AuditLog(self._db).verify().intact:
            return 0
        for user, record in due:
            self._certify_again(user, record, renewal=True)
        return len(due)

    def revoke_all(self, user_id: str, reason: str) -> int:
        """Revoke every live certificate of a user and publish the new revocation list."""
        revoked = self._certificates.revoke_all(user_id, reason)
        self.publish_revocations()
        return revoked

    def maintain(
        self, admin: User, personal_key: bytes, station: StationDescription
    ) -> Maintenance:
        """What an administrator's sign-in does: their own certificate if they have none,
        renewals, and a fresh revocation list when it is due. Raises
        :class:`NoIssuingAuthority`, having changed nothing, when the station CA's key does not
        open with this authority."""
        self._station_ca()
        issued = 0
        if self._certificates.current_for(admin.id) is None:
            self.issue_for(admin, personal_key, station)
            issued = 1
        renewed = self.renew_expiring()
        return Maintenance(issued, renewed, self.refresh_revocations())

    # -- revocation lists ------------------------------------------------------------------

    def publish_revocations(self, now: datetime | None = None) -> bytes:
        """Sign and store the active station CA's revocation list (DER): every certificate it
        issued that the store marks revoked, and every serial its previous list named."""
        return revocation_lists.publish(self._db, self._station_ca(), now)

    def refresh_revocations(self, now: datetime | None = None) -> bool:
        """Publish a new list when it is due (``revocation_lists.refresh``); True if it did."""
        return revocation_lists.refresh(self._db, self._station_ca(), now)

    def can_issue(self) -> bool:
        """Whether the active station CA's key opens with this authority."""
        try:
            self._station_ca()
        except NoIssuingAuthority:
            return False
        return True

    # -- internals -------------------------------------------------------------------------

    def _station_ca(self) -> CertifiedKey:
        row = self._db.one(
            "SELECT fingerprint, certificate, private_key, key_sealed FROM certificate_authorities"
            " WHERE kind = 'station_ca' AND active = 1 ORDER BY created_at DESC LIMIT 1"
        )
        if row is None:
            raise NoIssuingAuthority("This station has no certificate authority yet.")
        key = _open(self._key, bytes(row[2]), _ca_aad(str(row[0]))) if int(row[3]) else None
        if key is None:
            raise NoIssuingAuthority("The station CA's key does not open with this authority.")
        return CertifiedKey(bytes(row[1]), key)

    def _insert_station_ca(self, station_ca: CertifiedKey, issuer: str, moment: str) -> None:
        fingerprint = station_ca.fingerprint_sha256
        self._db.execute(
            "INSERT INTO certificate_authorities (fingerprint, kind, certificate, private_key,"
            " issuer_fingerprint, created_at, key_sealed) VALUES (?, 'station_ca', ?, ?, ?, ?, 1)",
            (
                fingerprint,
                station_ca.certificate_der,
                _seal(self._key, station_ca.private_key_der, _ca_aad(fingerprint)),
                issuer,
                moment,
            ),
        )

    def _seal_plain_keys(self) -> None:
        """Seal station CA keys stored in clear by earlier versions; use a training root's
        clear key for its revocation list and forget it."""
        for fingerprint, kind, certificate, private_key in self._db.all(
            "SELECT fingerprint, kind, certificate, private_key FROM certificate_authorities"
            " WHERE key_sealed = 0 AND length(private_key) > 0"
        ):
            try:
                held = CertifiedKey(bytes(certificate), bytes(private_key))
            except CertificateError:
                continue  # not a key of this certificate: nothing worth keeping
            if kind == "station_ca":
                self._db.execute(
                    "UPDATE certificate_authorities SET private_key = ?, key_sealed = 1"
                    " WHERE fingerprint = ?",
                    (
                        _seal(self._key, held.private_key_der, _ca_aad(str(fingerprint))),
                        fingerprint,
                    ),
                )
            else:
                revocation_lists.store(self._db, held, revocation_lists.root_list(held))
                self._db.execute(
                    "UPDATE certificate_authorities SET private_key = x'' WHERE fingerprint = ?",
                    (fingerprint,),
                )

    def _certified_role(self, user_id: str) -> str | None:
        for (certificate,) in self._db.all(
            "SELECT certificate FROM signing_certificates WHERE user_id = ?"
            " ORDER BY issued_at DESC, rowid DESC",
            (user_id,),
        ):
            if self._issued_here(bytes(certificate)):
                return certificate_role(bytes(certificate))
        return None

    def _latest_issued_here(
        self, user_id: str, *, usable: bool = True
    ) -> SigningCertificate | None:
        """The user's newest unrevoked certificate (``usable``: not expired either) that a
        station CA of this authority signed.

        Every stored certificate is within the database key's reach: an officer can plant one
        with his own public key and a colleague's name and role. Certifying such a record
        again would give him a genuine certificate in her name, so only what this authority's
        CAs issued is ever certified again or lends its role.

        A record whose public key was ever given up or revoked (:meth:`_given_up_keys`) is
        never returned: clearing its ``revoked_at`` column does not bring the key back."""
        given_up: set[bytes] | None = None
        for record in self._certificates.unrevoked_newest_first(user_id):
            if (record.usable or not usable) and self._issued_here(record.certificate_der):
                if given_up is None:
                    given_up = self._given_up_keys()
                if _public_key(record.certificate_der) in given_up:
                    return None  # the newest is given up: no older key either
                return record
        return None

    def _given_up_keys(self) -> set[bytes]:
        """The public keys (SubjectPublicKeyInfo DER) of every certificate that a revocation
        ever touched: marked revoked in the store (except the old chain's, revoked when the
        centre enrolled the station, whose keys were carried over), given up according to the
        audit log (``StationCertificates.given_up``), or named in any stored revocation list
        that a station CA of the store signed. A renewal or an enrollment never certifies one
        of these again."""
        from cryptography import x509

        named: set[int] = set(self._certificates.given_up())
        authorities = []
        for (ca_der,) in self._db.all(
            "SELECT certificate FROM certificate_authorities WHERE kind = 'station_ca'"
        ):
            try:
                authorities.append(x509.load_der_x509_certificate(bytes(ca_der)).public_key())
            except ValueError:
                continue
        for (crl_der,) in self._db.all("SELECT crl FROM revocation_lists"):
            try:
                crl = x509.load_der_x509_crl(bytes(crl_der))
                if any(crl.is_signature_valid(key) for key in authorities):  # type: ignore[arg-type]
                    named.update(entry.serial_number for entry in crl)
            except (ValueError, TypeError):
                continue
        keys: set[bytes] = set()
        for serial, certificate, revoked_at, reason in self._db.all(
            "SELECT serial, certificate, revoked_at, revocation_reason FROM signing_certificates"
        ):
            marked = revoked_at is not None and reason != "enrolled"
            if marked or int(serial) in named:
                try:
                    keys.add(_public_key(bytes(certificate)))
                except ValueError:
                    continue
        return keys

    def _issued_here(self, certificate_der: bytes) -> bool:
        """``certificate_der`` is signed by a station CA whose sealed key opens with this
        authority (so neither the CA row nor the certificate was planted)."""
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature

        if self._issuers is None:
            self._issuers = []
            for fingerprint, ca_der, sealed in self._db.all(
                "SELECT fingerprint, certificate, private_key FROM certificate_authorities"
                " WHERE kind = 'station_ca' AND key_sealed = 1"
            ):
                key = _open(self._key, bytes(sealed), _ca_aad(str(fingerprint)))
                if key is None:
                    continue
                try:  # the key must be the one of the certificate in the same row
                    self._issuers.append(CertifiedKey(bytes(ca_der), key).certificate)
                except CertificateError:
                    continue
        try:
            certificate = x509.load_der_x509_certificate(certificate_der)
        except ValueError:
            return False
        for issuer in self._issuers:
            try:
                certificate.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                continue
            return True
        return False

    def _certify_again(
        self, user: User, record: SigningCertificate, *, renewal: bool
    ) -> SigningCertificate:
        """The key of ``record`` certified by the active station CA, with the same name,
        username and role (none of them is taken from the users table)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.x509.oid import NameOID

        old = x509.load_der_x509_certificate(record.certificate_der)

        def attribute(oid: x509.ObjectIdentifier) -> str:
            values = old.subject.get_attributes_for_oid(oid)
            return str(values[0].value) if values else ""

        station_ca = self._station_ca()
        # The station the new authority is limited to (an authority from before constraints:
        # the station the old certificate names).
        code = station_constraint(station_ca.certificate_der) or certificate_station(
            record.certificate_der
        )
        if code is None:
            raise CertificateError("The certificate names no station to certify it for.")
        certificate_der = certify_signing_key(
            station_ca,
            old.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            ),
            full_name=attribute(NameOID.COMMON_NAME),
            username=attribute(NameOID.USER_ID),
            role=attribute(NameOID.ORGANIZATIONAL_UNIT_NAME),
            station_code=code,
        )
        row = self._db.one(
            "SELECT wrapped_key, key_serial FROM signing_certificates WHERE serial = ?",
            (str(record.serial),),
        )
        assert row is not None
        return self._record(
            user,
            certificate_der,
            bytes(row[0]),
            key_serial=str(row[1]) if row[1] else str(record.serial),
            renewal=renewal,
        )

    def _record(
        self,
        user: User,
        certificate_der: bytes,
        wrapped_key: bytes,
        *,
        key_serial: str | None,
        renewal: bool,
    ) -> SigningCertificate:
        from cryptography import x509

        certificate = x509.load_der_x509_certificate(certificate_der)
        record = SigningCertificate(
            serial=certificate.serial_number,
            user_id=user.id,
            certificate_der=certificate_der,
            not_before=certificate.not_valid_before_utc.isoformat(),
            not_after=certificate.not_valid_after_utc.isoformat(),
            revoked_at=None,
        )
        moment = _stamp(_now())
        self._db.execute(
            "INSERT INTO signing_certificates (serial, user_id, certificate, wrapped_key,"
            " not_before, not_after, issued_at, issued_by, key_serial)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(record.serial),
                user.id,
                certificate_der,
                wrapped_key,
                record.not_before,
                record.not_after,
                moment,
                self._actor,
                key_serial,
            ),
        )
        AuditLog(self._db).append(
            AuditEvent.CERTIFICATE_ISSUED,
            None if self._actor == RECOVERY_HOLDER else self._actor,
            user.username,
            {
                "serial": f"{record.serial:x}",
                "role": certificate_role(certificate_der),
                "renewal": renewal,
                "same_key": key_serial is not None,
            },
        )
        return record


def _public_key(certificate_der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return (
        x509.load_der_x509_certificate(certificate_der)
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def rotate_personal_key(
    db: Database,
    user: User,
    old_personal_key: bytes,
    new_personal_key: bytes,
    station: StationDescription,
    record_change: Callable[[bool], object],
) -> bool:
    """What a password change does to what the old personal key protected (inside the
    caller's transaction): the user's certificates are revoked and their wrapped keys erased,
    so an old key-slot copy with the old password opens no key that still signs. An
    administrator who holds the authority (``old_personal_key`` opens it) gets a new key pair
    and certificate at once, a revocation list naming the old ones, and a hold under the new
    personal key; True then. Anyone else cannot sign until an administrator issues a
    certificate (``Session.issue_certificate``); the list follows at the next administrator's
    sign-in (``refresh_revocations``) and the register carries the revocation at the next sync.

    ``record_change(issued)`` appends the audit entry of the change (``PASSWORD_CHANGED``)
    *before* any new certificate is issued: the entry is what revokes every certificate issued
    before it (``StationCertificates.given_up``), whatever the store's marks say later, so the
    new certificate must come after it.
    """
    try:
        authority: StationAuthority | None = StationAuthority.open(db, user, old_personal_key)
    except NoIssuingAuthority:
        authority = None
    # A station CA that does not open with it (another's): revoked here, issued by another.
    issues = authority is not None and authority.can_issue()
    certificates = StationCertificates(db)
    certificates.revoke_all(user.id, "password_changed")
    certificates.forget_revoked_keys(user.id)
    record_change(issues)
    if authority is None:
        return False
    authority.grant(user, new_personal_key)
    if not issues:
        return False
    authority.issue_for(user, new_personal_key, station)
    authority.publish_revocations()
    return True
