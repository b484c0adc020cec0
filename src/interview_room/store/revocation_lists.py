"""A station CA's revocation lists: signed when a revocation happens, stored, never shrinking.

The list is signed by the station CA, so it is made where the CA's key is open (an
administrator's or the recovery key's ``StationAuthority``), not at signing time: a signature
embeds the stored list (``StationCertificates.revocation_lists``) and bundles carry it to the
centre. A new list names every certificate the CA issued that the store marks revoked and every
serial the previous genuine list named, so taking a revocation back in the store does not take
it out of the next list.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from interview_room.signing.pki import CertifiedKey, issue_revocation_list
from interview_room.store.certificates import StationCertificates

if TYPE_CHECKING:
    from interview_room.store.database import Database

REVOCATION_LIST_DAYS = 180
"""How long a station CA's revocation list says it is current (its nextUpdate)."""
REFRESH_AFTER = timedelta(days=30)
"""An administrator's sign-in signs a fresh list when the stored one is older than this."""


def _now() -> datetime:
    return datetime.now(UTC)


def publish(db: Database, station_ca: CertifiedKey, now: datetime | None = None) -> bytes:
    """Sign and store ``station_ca``'s revocation list (DER); inside the caller's transaction."""
    from cryptography import x509

    entries = dict(_listed_before(db, station_ca))
    for serial, when in StationCertificates(db).revoked_by(station_ca.certificate_der):
        entries.setdefault(serial, when)
    crl = issue_revocation_list(
        station_ca, sorted(entries.items()), valid_days=REVOCATION_LIST_DAYS, now=now
    )
    x509.load_der_x509_crl(crl)  # what we store must read back
    store(db, station_ca, crl)
    return crl


def refresh(db: Database, station_ca: CertifiedKey, now: datetime | None = None) -> bool:
    """Publish a new list when none is stored, the stored one is older than
    :data:`REFRESH_AFTER`, or the store names a revocation it lacks; True if it did."""
    certificates = StationCertificates(db)
    stored = certificates.revocation_list_of(station_ca.certificate_der)
    listed = {serial for serial, _ in _listed_before(db, station_ca)}
    revoked = {serial for serial, _ in certificates.revoked_by(station_ca.certificate_der)}
    if stored is None or (now or _now()) - stored[1] > REFRESH_AFTER or not revoked <= listed:
        publish(db, station_ca, now)
        return True
    return False


def root_list(root: CertifiedKey) -> bytes:
    """A root's empty list, valid for the root's whole life: a training root's key is
    forgotten once it has signed this and the station CA."""
    days = max(1, (root.certificate.not_valid_after_utc - _now()).days)
    return issue_revocation_list(root, [], valid_days=days)


def store(db: Database, issuer: CertifiedKey, crl: bytes) -> None:
    db.execute(
        "INSERT OR REPLACE INTO revocation_lists (issuer_fingerprint, crl, issued_at)"
        " VALUES (?, ?, ?)",
        (issuer.fingerprint_sha256, crl, _now().isoformat(timespec="seconds")),
    )


def _listed_before(db: Database, station_ca: CertifiedKey) -> list[tuple[int, datetime]]:
    """The entries of the stored list, if it is genuinely this CA's."""
    from cryptography import x509

    stored = StationCertificates(db).revocation_list_of(station_ca.certificate_der)
    if stored is None:
        return []
    try:
        crl = x509.load_der_x509_crl(stored[0])
        genuine = crl.is_signature_valid(station_ca.certificate.public_key())  # type: ignore[arg-type]
    except ValueError:
        return []
    if not genuine:
        return []
    return [(entry.serial_number, entry.revocation_date_utc) for entry in crl]
