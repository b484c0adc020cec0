"""Certificates the opened authority issues: a new key for a user, the same key certified again
(a renewal, or under the centre's chain at enrollment), and a user's certificates revoked.

Only what a station CA of this authority signed is ever certified again or lends its role: every
stored certificate is within the database key's reach (``_latest_issued_here``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import (
    CertifiedKey,
    certificate_role,
    certificate_station,
    certify_signing_key,
    issue_signing_certificate,
    station_constraint,
)
from interview_room.store.audit import AuditEvent, AuditLog
from interview_room.store.authority_chain import AuthorityChain
from interview_room.store.authority_keys import (
    RECOVERY_HOLDER,
    RENEW_WITHIN,
    CertifiedUser,
    stamp,
    utc_now,
)
from interview_room.store.certificates import SigningCertificate, _wrap

if TYPE_CHECKING:
    from cryptography import x509

    from interview_room.station_folder import StationDescription


class CertificateIssuing(AuthorityChain):
    """Issuing, renewing and revoking users' signing certificates."""

    def issue_for(
        self, user: CertifiedUser, personal_key: bytes, station: StationDescription
    ) -> SigningCertificate:
        """A new key and certificate for ``user``, the key wrapped under their personal key.

        The role is the one the user's latest certificate names, when they had one: changing
        the role in the users table (which the database key allows) does not change it."""
        role = self._certified_role(user.id) or str(user.role)
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

    def renew_expiring(self, users: Iterable[CertifiedUser], now: datetime | None = None) -> int:
        """Certify again, with the same key, every active one of ``users`` (the store's users,
        ``UserDirectory.all()``) whose newest unrevoked certificate
        that expires within :data:`RENEW_WITHIN` or has expired (no administrator signed in
        in time); return how many.

        The expiry is the certificate's own (not the ``not_after`` column), and a key that any
        revocation ever touched is never certified again (:meth:`_latest_issued_here`). When
        there is something to renew, the audit log's chain must be whole: a password change
        that gave a key up is known from it, and a log with entries cut out renews nothing."""
        limit = (now or utc_now()) + RENEW_WITHIN
        due = []
        for user in users:
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

    def install_central_chain(
        self,
        root_certificate_der: bytes,
        station_ca: CertifiedKey,
        users: Iterable[CertifiedUser],
    ) -> tuple[int, int]:
        """Replace the local chain with the central office's: its root becomes the only trust
        anchor, its station CA (sealed here) signs from now on, every certificate of the old
        chain is revoked, and the current key of every active one of ``users`` (the store's
        users) is certified by the new station CA with the name and role its certificate had.
        Returns (revoked, certified again)."""
        from interview_room.signing.pki import certificate_info

        carried = [
            (user, record)
            for user in users
            if user.active and (record := self._latest_issued_here(user.id)) is not None
        ]
        root_fingerprint = certificate_info(root_certificate_der).fingerprint_sha256
        moment = stamp(utc_now())
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
        audit log (``StationCertificates.given_up``), or named in any revocation list, stored
        or held from the centre (``held_lists``), that a station CA of the store signed. A
        renewal or an enrollment never certifies one of these again."""
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
        stored = [bytes(row[0]) for row in self._db.all("SELECT crl FROM revocation_lists")]
        for crl_der in [*stored, *self._held_lists]:
            try:
                crl = x509.load_der_x509_crl(crl_der)
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

    def _certify_again(
        self, user: CertifiedUser, record: SigningCertificate, *, renewal: bool
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
        user: CertifiedUser,
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
        moment = stamp(utc_now())
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
