"""A station CA's revocation lists: signed when a revocation happens, stored, never shrinking.

The list is signed by the station CA, so it is made where the CA's key is open (an
administrator's or the recovery key's ``StationAuthority``), not at signing time: a signature
embeds the stored list (``StationCertificates.revocation_lists``) and bundles carry it to the
centre. A new list names every certificate the CA issued that the store marks revoked, every
serial the previous genuine list named, and every serial named by a list of this CA that the
caller holds from elsewhere (``held``: the centre's copy of it, brought by the centre's package,
``sync/centre_revocations.py``). So taking a revocation back in the store does not take it out of
the next list, and neither does restoring the store from a copy older than a revocation the
centre already knows: the list only grows, and its higher number never drops a serial.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def publish(
    db: Database,
    station_ca: CertifiedKey,
    now: datetime | None = None,
    held: Sequence[bytes] = (),
) -> bytes:
    """Sign and store ``station_ca``'s revocation list (DER); inside the caller's transaction.
    Of ``held`` (lists, DER, of any issuer) only those ``station_ca`` signed add serials."""
    from cryptography import x509

    entries = dict(_listed_before(db, station_ca))
    for serial, when in [
        *StationCertificates(db).revoked_by(station_ca.certificate_der),
        *_held_entries(held, station_ca),
    ]:
        entries.setdefault(serial, when)
    crl = issue_revocation_list(
        station_ca, sorted(entries.items()), valid_days=REVOCATION_LIST_DAYS, now=now
    )
    x509.load_der_x509_crl(crl)  # what we store must read back
    store(db, station_ca, crl)
    return crl


def refresh(
    db: Database,
    station_ca: CertifiedKey,
    now: datetime | None = None,
    held: Sequence[bytes] = (),
) -> bool:
    """Publish a new list when none is stored, the stored one is older than
    :data:`REFRESH_AFTER`, or the store or a list of ``held`` that ``station_ca`` signed names a
    revocation it lacks; True if it did."""
    certificates = StationCertificates(db)
    stored = certificates.revocation_list_of(station_ca.certificate_der)
    listed = {serial for serial, _ in _listed_before(db, station_ca)}
    revoked = {serial for serial, _ in certificates.revoked_by(station_ca.certificate_der)}
    revoked |= {serial for serial, _ in _held_entries(held, station_ca)}
    if stored is None or (now or _now()) - stored[1] > REFRESH_AFTER or not revoked <= listed:
        publish(db, station_ca, now, held)
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
    stored = StationCertificates(db).revocation_list_of(station_ca.certificate_der)
    return [] if stored is None else _entries_if_signed_by(stored[0], station_ca)


def _held_entries(held: Sequence[bytes], station_ca: CertifiedKey) -> list[tuple[int, datetime]]:
    """The entries of every list of ``held`` that ``station_ca`` signed: only this CA's key
    makes such a list, so wherever it was kept, each serial in it is a revocation of this CA."""
    return [entry for der in held for entry in _entries_if_signed_by(der, station_ca)]


def _entries_if_signed_by(der: bytes, station_ca: CertifiedKey) -> list[tuple[int, datetime]]:
    from cryptography import x509

    try:
        crl = x509.load_der_x509_crl(der)
        genuine = crl.issuer == station_ca.certificate.subject and crl.is_signature_valid(
            station_ca.certificate.public_key()  # type: ignore[arg-type]
        )
    except (ValueError, TypeError):
        return []
    if not genuine:
        return []
    return [(entry.serial_number, entry.revocation_date_utc) for entry in crl]
