"""A station joins the central office with the package and the one-time passphrase the centre
gave (see ``interview_room.center.enrollment``).

After enrollment the centre's root is the station's only trust anchor, the centre's station CA
(limited by its name constraints to this station's code, and sealed under the station's
certificate authority so that only administrators open it) issues the users' signing
certificates: every active user's key is certified by it at once, with the name and role of
their certificate, and the old chain's certificates are revoked. The station is linked for sync.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from interview_room.accounts import NotPermitted
from interview_room.errors import InterviewRoomError
from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import CertifiedKey, station_constraint
from interview_room.store.audit import AuditEvent
from interview_room.store.authority import StationAuthority
from interview_room.sync.centre_revocations import held_lists_to_keep
from interview_room.sync.station import StationSync
from interview_room.workstation import Session

FORMAT = "interview-room-enrollment"


class EnrollmentInvalid(InterviewRoomError):
    """The file is not an enrollment package, or the passphrase does not open it."""


class EnrollmentForAnotherStation(EnrollmentInvalid):
    """The package's station CA is limited to another station code than this workstation's."""


class EnrollmentPassphraseWrong(EnrollmentInvalid):
    """The one-time passphrase does not open the package (or the file is not an age file)."""


class EnrollmentPackageTooCostly(EnrollmentInvalid):
    """age refused to try the passphrase: the package's scrypt cost is more than 16 times what
    this computer does in a second right now (measured as it opens; a busy or much slower PC
    than the one that made the package). Not a wrong passphrase, and worded as such."""


class EnrollmentPackageUnreadable(EnrollmentInvalid):
    """The package file cannot be read: missing, not a regular file, or too large."""


MAX_PACKAGE_BYTES = 1024 * 1024
"""Far more than a package holds (a few certificates and keys, some KiB)."""


def read_package(path: Path) -> bytes:
    """The bytes of the package file at ``path``, which may lie on a stick someone else filled:
    only a regular file within :data:`MAX_PACKAGE_BYTES` is read."""
    from interview_room.sync.drive import DriveFileRefused, read_regular_file

    try:
        return read_regular_file(path, MAX_PACKAGE_BYTES)
    except (OSError, DriveFileRefused):
        raise EnrollmentPackageUnreadable(
            f"The enrollment package {path.name} cannot be read."
        ) from None


def _open(package: bytes, passphrase: str) -> dict[str, Any]:
    import pyrage

    try:
        plain = pyrage.passphrase.decrypt(package, passphrase.strip().upper())
    except Exception as error:  # pyrage raises its own untyped errors
        if "excessive work" in str(error).lower():
            raise EnrollmentPackageTooCostly(
                "This computer is too busy or too slow to open the enrollment package now."
            ) from error
        raise EnrollmentPassphraseWrong(
            "This enrollment package does not open with that passphrase."
        ) from error
    try:
        document = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise EnrollmentInvalid("The enrollment package is damaged.") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise EnrollmentInvalid("This file is not an Interview Room enrollment package.")
    return document


def check_package(package: bytes, passphrase: str) -> str:
    """Open the package without changing anything; return the station name it was made for.
    Lets set-up refuse a wrong passphrase before it creates the workstation."""
    document = _open(package, passphrase)
    try:
        return str(document["station"]["name"])
    except (KeyError, TypeError) as error:
        raise EnrollmentInvalid("The enrollment package is damaged.") from error


def check_package_for(package: bytes, passphrase: str, station_code: str) -> str:
    """:func:`check_package`, and refuse a package made for another station code
    (:class:`EnrollmentForAnotherStation`) before a station with ``station_code`` is made."""
    document = _open(package, passphrase)
    try:
        name = str(document["station"]["name"])
        constraint = station_constraint(_b64(document["station_ca"]["certificate"]))
    except (KeyError, TypeError, CertificateError) as error:
        raise EnrollmentInvalid("The enrollment package is damaged.") from error
    code = station_code.strip().upper()
    if constraint != code:
        raise EnrollmentForAnotherStation(
            f"This enrollment package is not for a station with code {code}."
        )
    return name


def _b64(value: object) -> bytes:
    if not isinstance(value, str):
        raise EnrollmentInvalid("The enrollment package is damaged.")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as error:
        raise EnrollmentInvalid("The enrollment package is damaged.") from error


def enroll(session: Session, package: bytes, passphrase: str) -> str:
    """Join the central office; return the station id the centre knows this station by."""
    if not session.user.is_admin:
        raise NotPermitted("Only a station administrator may enroll the station.")
    document = _open(package, passphrase)
    try:
        station = document["station"]
        center = document["center"]
        station_ca = CertifiedKey(
            _b64(document["station_ca"]["certificate"]),
            _b64(document["station_ca"]["private_key"]),
        )
        root = _b64(center["root_certificate"])
        bundle_key = _b64(document["bundle_key"])
        receipt_key = _b64(center["receipt_public_key"])
        recipient = str(center["age_recipient"])
        url = center.get("url")
        station_id = str(station["id"])
    except (KeyError, TypeError, CertificateError) as error:
        raise EnrollmentInvalid("The enrollment package is damaged.") from error
    if station_constraint(station_ca.certificate_der) != session.station.code:
        # Its certificates would name another station, or none: a verifier refuses both.
        raise EnrollmentForAnotherStation(
            f"This enrollment package is not for a station with code {session.station.code}."
        )
    with session.db.transaction():
        authority = StationAuthority.open(
            session.db, session.user, session.keys.personal_key, held_lists_to_keep(session.db)
        )
        revoked, certified = authority.install_central_chain(root, station_ca, session.users.all())
        StationSync(session).link(
            bundle_key, recipient, receipt_key, str(url) if url else None, station_id
        )
        session.audit.append(
            AuditEvent.SETTINGS_CHANGED,
            session.user.username,
            None,
            {
                "enrolled_as": station_id,
                "certificates_revoked": revoked,
                "certified_again": certified,
            },
        )
    return station_id


def enroll_from_file(session: Session, package: Path, passphrase: str) -> str:
    """Read the package file (:func:`read_package`) and :func:`enroll` with it."""
    return enroll(session, read_package(package), passphrase)
