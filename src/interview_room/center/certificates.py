"""What the central office knows of the stations' signing certificates, and its referral check.

Each station's bundles carry its register (``sync/certificate_register.py``). The centre keeps
the newest register it was sent, and merges every register into ``registered_certificates``:
a certificate is registered only when its issuer is one of the station's CAs that the centre's
root issued and that is name-constrained to the station's own code; a revocation, from the
register or from a revocation list that station CA signed, is never taken back. The referral
check at the centre then refuses a signer's certificate that is revoked, that breaks a station
CA's constraint, or that no station reported issuing (an administrator who used the station CA
off the books).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from interview_room.center.store import CenterStore
from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import (
    certificate_info,
    certificate_role,
    certificate_station,
    station_constraint,
)
from interview_room.store.database import Database
from interview_room.sync.bundle import Bundle, BundleRecord
from interview_room.sync.certificate_register import REGISTER_KIND
from interview_room.sync.receipt import StoredRecord

if TYPE_CHECKING:
    from interview_room.center.referral_records import ReceivedReferral
    from interview_room.referral.verification import ReferralCheck


@dataclass(frozen=True)
class RegisteredCertificate:
    station_id: str
    serial: int
    username: str
    role: str | None
    issued_at: str
    issued_by: str | None
    revoked_at: str | None


def split_registers(bundle: Bundle) -> tuple[Bundle, tuple[BundleRecord, ...]]:
    """The bundle's case records (as a bundle) and its certificate registers, apart: a register
    is merged here, not stored as a record of the registry."""
    registers = tuple(r for r in bundle.records if r.kind == REGISTER_KIND)
    if not registers:
        return bundle, ()
    cases = tuple(r for r in bundle.records if r.kind != REGISTER_KIND)
    return Bundle(bundle.station_id, bundle.sequence, bundle.created_at, cases), registers


def store_registers(
    db: Database,
    station_id: str,
    registers: Sequence[BundleRecord],
    root_certificate_der: bytes,
    moment: str,
) -> list[StoredRecord]:
    """Merge each register of ``station_id`` (inside the caller's transaction); return the
    receipt's lines for them (the register version held, with its hash)."""
    held: list[StoredRecord] = []
    for record in registers:
        if record.record_id != station_id:
            continue  # one station never speaks for another's register
        row = db.one("SELECT code FROM stations WHERE station_id = ?", (station_id,))
        if row is not None:
            _merge(db, station_id, str(row[0]), record.content, root_certificate_der, moment)
        current = db.one(
            "SELECT version, content_hash FROM certificate_registers WHERE station_id = ?",
            (station_id,),
        )
        if current is None or int(current[0]) < record.version:
            db.execute(
                "INSERT OR REPLACE INTO certificate_registers (station_id, version,"
                " content_hash, content, received_at) VALUES (?, ?, ?, ?, ?)",
                (station_id, record.version, record.content_hash, record.content, moment),
            )
            current = (record.version, record.content_hash)
        held.append((REGISTER_KIND, station_id, int(current[0]), str(current[1])))
    return held


def registered(center: CenterStore, station_id: str | None = None) -> list[RegisteredCertificate]:
    """The certificates the centre has registered, of one station or of all."""
    db = center.open()
    try:
        rows = db.all(
            "SELECT station_id, serial, username, role, issued_at, issued_by, revoked_at"
            " FROM registered_certificates WHERE ? IS NULL OR station_id = ?"
            " ORDER BY station_id, issued_at, serial",
            (station_id, station_id),
        )
    finally:
        db.close()
    return [
        RegisteredCertificate(str(r[0]), int(str(r[1]), 16), str(r[2]), r[3], str(r[4]), r[5], r[6])
        for r in rows
    ]


def revocation_lists(center: CenterStore) -> list[bytes]:
    """The newest revocation list (DER) of every station CA, as the stations sent them."""
    db = center.open()
    try:
        return [bytes(r[0]) for r in db.all("SELECT crl FROM station_revocation_lists")]
    finally:
        db.close()


def check_referral_at_center(center: CenterStore, pdf: bytes) -> ReferralCheck:
    """The referral profile as the centre checks it: trusting only its own root, with every
    revocation the stations reported, and refusing a certificate no station registered. Every
    certificate of a station the centre revoked counts as revoked, unless the station sent this
    form's hash before it was revoked. When the centre holds the form's hash
    (:func:`received_referral_at_center`), the certificates are judged at the moment it
    received it, so the form stays checkable after they expire, and a revocation made after
    that moment does not count against it."""
    from interview_room.center.referral_records import received_referral
    from interview_room.referral.verification import check_referral

    root = center.keys().root_certificate_der
    db = center.open()
    try:
        vouched = received_referral(db, pdf)
        at = None if vouched is None else vouched.received_at
        # Whole certificates, not serials: an off-the-books certificate may reuse a serial.
        issued = {
            hashlib.sha256(bytes(r[0])).hexdigest()
            for r in db.all("SELECT certificate FROM registered_certificates")
        }
        revoked = {
            int(str(r[0]), 16)
            for r in db.all(
                "SELECT serial, revoked_at FROM registered_certificates"
                " WHERE revoked_at IS NOT NULL"
            )
            if at is None or _not_after(str(r[1]), at)
        }
        lists = [bytes(r[0]) for r in db.all("SELECT crl FROM station_revocation_lists")]
        digest = hashlib.sha256(pdf).hexdigest() if vouched is None else vouched.pdf_sha256
        revoked |= _of_revoked_stations(db, digest)
    finally:
        db.close()
    return check_referral(
        pdf, [root], revoked, revocation_lists=lists, issued_certificates=issued, at=at
    )


def received_referral_at_center(center: CenterStore, pdf: bytes) -> ReceivedReferral | None:
    """The centre's record that a station sent this form's hash, and when; None if none."""
    from interview_room.center.referral_records import received_referral

    db = center.open()
    try:
        return received_referral(db, pdf)
    finally:
        db.close()


def _not_after(moment: str, limit: datetime) -> bool:
    """Whether ``moment`` (ISO 8601) is no later than ``limit``; an unreadable one counts."""
    try:
        when = datetime.fromisoformat(moment)
    except ValueError:
        return True
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) <= limit


def _of_revoked_stations(db: Database, pdf_sha256: str) -> set[int]:
    """Serials of the certificates of every station the centre revoked (a stolen PC, a
    station closed), unless that station sent this form's hash in a record before it was
    revoked. A station's own revocation list cannot be relied on then (whoever holds its
    store signs it), and a signing time is only what the signer says."""
    revoked: set[int] = set()
    for station_id, revoked_at in db.all(
        "SELECT station_id, revoked_at FROM stations WHERE revoked_at IS NOT NULL"
    ):
        vouched = db.one(
            "SELECT 1 FROM records WHERE station_id = ? AND received_at <= ?"
            " AND instr(CAST(content AS TEXT), ?) > 0 LIMIT 1",
            (station_id, revoked_at, f'"pdf_sha256":"{pdf_sha256}"'),
        )
        if vouched is None:
            revoked |= {
                int(str(r[0]), 16)
                for r in db.all(
                    "SELECT serial FROM registered_certificates WHERE station_id = ?",
                    (station_id,),
                )
            }
    return revoked


# -- merging ---------------------------------------------------------------------------------


def _merge(
    db: Database,
    station_id: str,
    code: str,
    content: bytes,
    root_certificate_der: bytes,
    moment: str,
) -> None:
    try:
        document = json.loads(content.decode("utf-8"))
        authorities = [_der(text) for text in document["authorities"]]
        entries = list(document["certificates"])
        lists = [_der(text) for text in document["revocation_lists"]]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        return  # a register that cannot be read adds nothing; the cases still import
    root = x509.load_der_x509_certificate(root_certificate_der)
    issuers = [ca for ca in map(_certificate, authorities) if ca and _station_ca(ca, root, code)]
    _merge_certificates(db, station_id, code, entries, issuers, moment)
    _merge_revocation_lists(db, station_id, lists, issuers, moment)


def _merge_certificates(
    db: Database,
    station_id: str,
    code: str,
    entries: list[object],
    issuers: list[x509.Certificate],
    moment: str,
) -> None:
    """The register's certificates issued to this station by one of its ``issuers``: new ones
    added, a revocation kept once known."""
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        try:
            der = _der(entry["certificate"])
        except (KeyError, TypeError, ValueError, binascii.Error):
            continue
        certificate = _certificate(der)
        if certificate is None or not any(_issued_by(certificate, ca) for ca in issuers):
            continue
        if certificate_station(der) != code:
            continue
        serial = f"{certificate.serial_number:x}"
        revoked_at = entry.get("revoked_at")
        db.execute(
            "INSERT INTO registered_certificates (station_id, serial, certificate, username,"
            " role, issued_at, issued_by, revoked_at, first_seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (station_id, serial) DO UPDATE SET"
            " revoked_at = coalesce(registered_certificates.revoked_at, excluded.revoked_at)",
            (
                station_id,
                serial,
                der,
                str(entry.get("username") or ""),
                certificate_role(der),
                str(entry.get("issued_at") or ""),
                _text(entry.get("issued_by")),
                _text(revoked_at),
                moment,
            ),
        )


def _merge_revocation_lists(
    db: Database,
    station_id: str,
    lists: list[bytes],
    issuers: list[x509.Certificate],
    moment: str,
) -> None:
    """Each list signed by one of the station's ``issuers`` and not absurd: the newest is
    kept, and the certificates it revokes are marked so."""
    for position, der in enumerate(lists, start=1):
        if len(der) > MAX_STATION_LIST_BYTES:
            _log_refused(db, station_id, "oversize", len(der), position)
            continue
        crl = _revocation_list(der)
        issuer = next((ca for ca in issuers if crl is not None and _signed_by(crl, ca)), None)
        if crl is None or issuer is None:
            continue
        refusal = _absurd(db, station_id, crl, moment) or _drops_a_serial(db, issuer, crl)
        if refusal is not None:
            _log_refused(db, station_id, refusal, len(der), position)
            continue
        _keep_newest(db, station_id, issuer, crl, der, moment)
        for revoked in crl:
            db.execute(
                "UPDATE registered_certificates SET revoked_at = ? WHERE station_id = ?"
                " AND serial = ? AND revoked_at IS NULL",
                (
                    revoked.revocation_date_utc.isoformat(timespec="seconds"),
                    station_id,
                    f"{revoked.serial_number:x}",
                ),
            )


MAX_STATION_LIST_BYTES = 256 * 1024
"""A station CA's revocation list the centre keeps is at most this (about 6,000 revoked
certificates; a station has tens of users). Attacker 5, R1: a 1.1 MiB list kept at the centre
made every package unwritable."""
CRL_NUMBER_SLACK_MS = 24 * 3600 * 1000
"""A list's number is its issuing time in milliseconds (``signing/pki.py``): one numbered more
than a day after the merge is from the future, and would never be replaced by an honest list."""


MAX_PUBLISHED_LIST_BYTES = 4 * 1024 * 1024
"""All stations' lists together in one package: far below the package's own bounds, so the
revoked certificates' hashes and the protocols always fit beside them."""


def publishable_lists(db: Database) -> tuple[bytes, ...]:
    """The kept station lists a package carries, sorted: each within the reader's and the
    merge's bound, as many as fit in ``MAX_PUBLISHED_LIST_BYTES`` and the reader's count
    (smallest first; a list left out is the one of a station that sent an absurd one)."""
    from interview_room.sync.centre_package import MAX_REVOCATION_LISTS

    rows = db.all(
        "SELECT crl FROM station_revocation_lists WHERE length(crl) <= ? ORDER BY length(crl), crl",
        (MAX_STATION_LIST_BYTES,),
    )
    kept: set[bytes] = set()
    total = 0
    for (crl,) in rows:
        der = bytes(crl)
        if len(kept) >= MAX_REVOCATION_LISTS or total + len(der) > MAX_PUBLISHED_LIST_BYTES:
            break
        kept.add(der)
        total += len(der)
    return tuple(sorted(kept))


def _absurd(
    db: Database, station_id: str, crl: x509.CertificateRevocationList, moment: str
) -> str | None:
    """Why a correctly signed list is not kept (None: kept): a number from the future, or more
    revoked certificates than the station registered."""
    try:
        number = int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        number = 0
    try:
        now_ms = int(datetime.fromisoformat(moment).timestamp() * 1000)
    except ValueError:
        now_ms = int(datetime.now(UTC).timestamp() * 1000)
    if number > now_ms + CRL_NUMBER_SLACK_MS:
        return "number_from_the_future"
    row = db.one("SELECT count(*) FROM registered_certificates WHERE station_id = ?", (station_id,))
    if len(crl) > (int(row[0]) if row else 0):
        return "more_entries_than_certificates"
    return None


def _drops_a_serial(
    db: Database, issuer: x509.Certificate, crl: x509.CertificateRevocationList
) -> str | None:
    """``drops_a_serial`` when the list kept for ``issuer`` names a serial that ``crl`` (newer)
    does not: a station's lists only grow (attacker 9, B4: a station restored from an older copy
    signed a list without a revocation the centre knew, and its higher number replaced the
    centre's copy, so PDF validators given the centre's lists lost it). The kept list stays;
    the station's next list, signed with the centre's package's lists held, names every serial
    again and is taken."""
    from cryptography.hazmat.primitives import serialization

    fingerprint = certificate_info(issuer.public_bytes(serialization.Encoding.DER))
    row = db.one(
        "SELECT crl FROM station_revocation_lists WHERE issuer_fingerprint = ?",
        (fingerprint.fingerprint_sha256,),
    )
    kept = None if row is None else _revocation_list(bytes(row[0]))
    if kept is None or _number(crl) <= _number(kept):
        return None  # an older or the same list is not kept anyway (``_keep_newest``)
    named = {entry.serial_number for entry in crl}
    if all(entry.serial_number in named for entry in kept):
        return None
    return "drops_a_serial"


def _log_refused(db: Database, station_id: str, reason: str, size: int, position: int) -> None:
    """A station's revocation list the centre did not keep, in the centre's audit log (ids
    and numbers only): whoever reads the log sees which station sent it and why."""
    from interview_room.center.audit_log import CenterAuditEvent, append

    append(
        db,
        CenterAuditEvent.REVOCATION_LIST_REFUSED,
        None,
        station_id,
        {"reason": reason, "bytes": size, "position": position},
    )


def _station_ca(ca: x509.Certificate, root: x509.Certificate, code: str) -> bool:
    from cryptography.hazmat.primitives import serialization

    if not _issued_by(ca, root):
        return False
    try:
        return station_constraint(ca.public_bytes(serialization.Encoding.DER)) == code
    except CertificateError:
        return False


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    if crl.issuer != issuer.subject:
        return False
    try:
        return crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _keep_newest(
    db: Database,
    station_id: str,
    issuer: x509.Certificate,
    crl: x509.CertificateRevocationList,
    der: bytes,
    moment: str,
) -> None:
    from cryptography.hazmat.primitives import serialization

    try:
        number = int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        number = 0
    fingerprint = certificate_info(issuer.public_bytes(serialization.Encoding.DER))
    db.execute(
        "INSERT INTO station_revocation_lists (issuer_fingerprint, station_id, crl, crl_number,"
        " received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (issuer_fingerprint) DO UPDATE SET"
        " crl = excluded.crl, crl_number = excluded.crl_number,"
        " received_at = excluded.received_at WHERE excluded.crl_number >"
        " station_revocation_lists.crl_number",
        (fingerprint.fingerprint_sha256, station_id, der, number, moment),
    )


def _number(crl: x509.CertificateRevocationList) -> int:
    try:
        return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        return 0


def _der(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _certificate(der: bytes) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def _revocation_list(der: bytes) -> x509.CertificateRevocationList | None:
    try:
        return x509.load_der_x509_crl(der)
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return None if value is None else str(value)[:200]
