"""Enrollment: the central office makes a package that joins one station to it.

The package holds the station's CA (issued by the centre's root), the station's Ed25519
bundle-signing key, and what the station needs to know about the centre (its age recipient,
its receipt key, its root certificate, its address). It is encrypted with a one-time
passphrase (age's scrypt mode), carried separately from the file: a lost package is useless
without it.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass

from interview_room.center.store import CenterStore
from interview_room.center.users import CenterAction
from interview_room.signing.pki import CertifiedKey, create_station_ca

FORMAT = "interview-room-enrollment"
VERSION = 1


@dataclass(frozen=True)
class EnrollmentPackage:
    station_id: str
    passphrase: str
    data: bytes

    def __repr__(self) -> str:
        return f"EnrollmentPackage(station_id={self.station_id!r}, passphrase=<hidden>)"


def one_time_passphrase() -> str:
    """100 random bits, in five groups of four characters that are easy to read aloud."""
    text = base64.b32encode(secrets.token_bytes(13)).decode("ascii")[:20]
    return "-".join(text[i : i + 4] for i in range(0, 20, 4))


def make_enrollment(
    center: CenterStore, *, station_name: str, station_code: str, url: str | None
) -> EnrollmentPackage:
    import pyrage

    # The role first: the root's key is read only for someone allowed to enroll.
    center.require(CenterAction.ENROLL)
    keys = center.keys()
    root = CertifiedKey(keys.root_certificate_der, center.root_private_key())
    station_ca = create_station_ca(root, station_name=station_name, station_code=station_code)
    station_id = secrets.token_hex(8)
    bundle_key = center.enroll_station(station_id, station_name, station_code)

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    document = {
        "format": FORMAT,
        "version": VERSION,
        "station": {"id": station_id, "name": station_name, "code": station_code},
        "station_ca": {
            "certificate": b64(station_ca.certificate_der),
            "private_key": b64(station_ca.private_key_der),
        },
        "bundle_key": b64(bundle_key),
        "center": {
            "age_recipient": keys.age_recipient,
            "receipt_public_key": b64(keys.receipt_public_key),
            "root_certificate": b64(keys.root_certificate_der),
            "url": url,
        },
    }
    passphrase = one_time_passphrase()
    data = pyrage.passphrase.encrypt(
        json.dumps(document, sort_keys=True).encode("utf-8"), passphrase
    )
    return EnrollmentPackage(station_id, passphrase, data)
