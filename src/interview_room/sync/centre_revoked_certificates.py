"""Whether the centre's held revocations name a certificate of this station's store: a store
restored from an older copy holds as live a certificate the centre knows as revoked.

Asked before a referral is signed (``referral/signer_revocation.py``) and before a new signing
certificate is issued (attacker 9, B5: "Issue signing certificate…", or an administrator's own
password change, gave the revoked user a new certificate valid at every station, and the Users
window showed nothing of the centre's revocation). This module imports nothing above ``store/``
and ``sync/centre_revocations.py``, so the session may ask it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from interview_room.errors import InterviewRoomError
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.sync.centre_revocations import HeldRevocationsUnreadable, held_revocations


class CertificateRevokedByCentre(InterviewRoomError):
    """The centre's held revocations name this user's certificate and this store does not (it
    was restored from an older copy): a new certificate would undo the centre's revocation, so
    none is issued, nor at an administrator's own password change."""


def named_by_centre(db: Database, certificates: StationCertificates, signer_der: bytes) -> bool:
    """Whether a held revocation names ``signer_der``: its SHA-256 among the revoked
    certificates, or its serial in a list (held or stored) that its issuing station CA signed.
    Raises ``HeldRevocationsUnreadable`` when they cannot be read."""
    held = held_revocations(db)
    certificate = x509.load_der_x509_certificate(signer_der)
    if hashlib.sha256(signer_der).hexdigest() in held.certificates:
        return True
    lists = [*held.lists, *certificates.revocation_lists()]
    return _listed(certificate, lists, _issuers_of(db, certificate))


def revoked_by_centre(db: Database, user_id: str) -> bool:
    """Whether a held revocation names the certificate this store holds as ``user_id``'s live
    one (its own records do not revoke it). False when none is held or they cannot be read
    (nothing is signed at the station then anyway)."""
    certificates = StationCertificates(db)
    record = certificates.current_for(user_id)
    if record is None:
        return False
    try:
        return named_by_centre(db, certificates, record.certificate_der)
    except HeldRevocationsUnreadable:
        return False


def refuse_issue_after_centre_revocation(db: Database, user_id: str, username: str) -> None:
    """Raise :class:`CertificateRevokedByCentre` when :func:`revoked_by_centre`."""
    if revoked_by_centre(db, user_id):
        raise CertificateRevokedByCentre(
            f"The central office has revoked the signing certificate of {username!r}: no new"
            " certificate is issued at this station."
        )


def _issuers_of(db: Database, certificate: x509.Certificate) -> list[x509.Certificate]:
    """The station CAs of the store that signed ``certificate`` (checked by the signature)."""
    issuers: list[x509.Certificate] = []
    for (der,) in db.all("SELECT certificate FROM certificate_authorities"):
        try:
            ca = x509.load_der_x509_certificate(bytes(der))
            if ca.subject == certificate.issuer:
                certificate.verify_directly_issued_by(ca)
                issuers.append(ca)
        except (ValueError, TypeError, InvalidSignature):
            continue
    return issuers


def _listed(
    certificate: x509.Certificate, lists: Sequence[bytes], issuers: Sequence[x509.Certificate]
) -> bool:
    """A list of ``lists`` that one of ``issuers`` signed names ``certificate``'s serial."""
    for der in lists:
        try:
            crl = x509.load_der_x509_crl(der)
        except ValueError:
            continue
        if crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is None:
            continue
        for issuer in issuers:
            try:
                if crl.issuer == issuer.subject and crl.is_signature_valid(
                    issuer.public_key()  # type: ignore[arg-type]
                ):
                    return True
            except (ValueError, TypeError):
                continue
    return False
