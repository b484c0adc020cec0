"""The station's register of signing certificates as one sync record, for the central office.

It lists every certificate the station ever issued (who it names, who issued it and when,
whether and why it was revoked), the station CAs that issued them, and the latest revocation
lists the store holds (signed by the station CA when a revocation happened). It travels in a
bundle whenever it changed since the centre last confirmed it (``certificate_register`` numbers
its versions), so the centre knows every certificate that may sign a referral and every one
that may no longer (``center/certificates.py``). It names staff, never a person interviewed.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from interview_room.sync.bundle import BundleRecord
from interview_room.sync.fields import canonical_json

if TYPE_CHECKING:
    from interview_room.store.database import Database

REGISTER_KIND = "certificates"
"""The record kind; its record id is the station id (one register per station)."""
REGISTER_FORMAT = 1


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def register_content(db: Database, station_id: str) -> bytes:
    """The canonical bytes of the register as the store holds it now."""
    authorities = [
        _b64(bytes(row[0]))
        for row in db.all(
            "SELECT certificate FROM certificate_authorities WHERE kind = 'station_ca'"
            " ORDER BY created_at, fingerprint"
        )
    ]
    from interview_room.store.certificates import StationCertificates

    # A key its user gave up (the audit log's password change, reset or disabling) is revoked
    # whatever the revoked_at column says: clearing the column does not clear it here.
    given_up = StationCertificates(db).given_up()
    certificates = [
        {
            "certificate": _b64(bytes(row[0])),
            "username": str(row[1]),
            "issued_at": str(row[2]),
            "issued_by": row[3],
            "revoked_at": row[4]
            or (
                given_up[int(row[6])].isoformat(timespec="seconds")
                if int(row[6]) in given_up
                else None
            ),
            "revocation_reason": row[5] or ("given_up" if int(row[6]) in given_up else None),
        }
        for row in db.all(
            "SELECT c.certificate, coalesce(u.username, ''), c.issued_at, c.issued_by,"
            " c.revoked_at, c.revocation_reason, c.serial FROM signing_certificates c"
            " LEFT JOIN users u ON u.id = c.user_id ORDER BY c.issued_at, c.serial"
        )
    ]
    lists = [
        _b64(bytes(row[0]))
        for row in db.all("SELECT crl FROM revocation_lists ORDER BY issuer_fingerprint")
    ]
    return canonical_json(
        {
            "format": REGISTER_FORMAT,
            "station_id": station_id,
            "authorities": authorities,
            "certificates": certificates,
            "revocation_lists": lists,
        }
    )


def pending_register(db: Database, station_id: str) -> BundleRecord | None:
    """The register as a bundle record when the centre has not confirmed its present content,
    else ``None``. A changed register gets the next version number first (inside the caller's
    transaction)."""
    content = register_content(db, station_id)
    digest = hashlib.sha256(content).hexdigest()
    latest = db.one(
        "SELECT version, content_hash, confirmed_at FROM certificate_register"
        " ORDER BY version DESC LIMIT 1"
    )
    if latest is not None and str(latest[1]) == digest:
        if latest[2] is not None:
            return None
        version = int(latest[0])
    else:
        version = 1 if latest is None else int(latest[0]) + 1
        db.execute(
            "INSERT INTO certificate_register (version, content_hash, made_at) VALUES (?, ?, ?)",
            (version, digest, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    # The centre keeps the newest register it was sent and merges every one (never forgets a
    # certificate or a revocation), so no chain of earlier versions is needed.
    return BundleRecord(REGISTER_KIND, station_id, version, content)


def confirm_register(db: Database, version: int, digest: str, moment: str) -> bool:
    """Mark ``version`` confirmed when the centre's hash for it is this station's; True if so."""
    cursor = db.execute(
        "UPDATE certificate_register SET confirmed_at = coalesce(confirmed_at, ?)"
        " WHERE version = ? AND content_hash = ?",
        (moment, version, digest),
    )
    return int(cursor.rowcount) > 0
