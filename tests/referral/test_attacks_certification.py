"""Attacks on how the station's authority certifies keys it did not make itself.

A renewal (an administrator's sign-in) and an enrollment certify again the public key and the
name and role that a stored certificate carries. Every stored certificate is within reach of
the database key that every user holds, so an officer can plant one: his own public key, the
social worker's name and role. Each test plants such a certificate and shows the authority
refuses to certify it, so the officer never holds a genuine certificate in a colleague's name.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from interview_room.center.store import CenterStore
from interview_room.referral.referrals import Referrals
from interview_room.signing.pki import CertifiedKey, certificate_role
from interview_room.store.authority import StationAuthority
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from tests.conftest import ADMIN_USERNAME, WorkstationFactory
from tests.referral.test_signing_authority import (
    WORKER,
    WORKER_NAME,
    Desk,
    _countersign,
    _desk,
    _enroll,
    _subject,
)


def _planted(db: Database, user_id: str, role: str, code: str) -> ec.EllipticCurvePrivateKey:
    """A self-made certificate (the officer's key, the colleague's name and ``role``), close to
    expiry and newest of ``user_id``'s, written into the store with the database key alone."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = _subject(WORKER_NAME, WORKER[0], role, code)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=10))
        .sign(key, hashes.SHA256())
    )
    with db.transaction():
        db.execute(
            "INSERT INTO signing_certificates (serial, user_id, certificate, wrapped_key,"
            " not_before, not_after, issued_at, issued_by, key_serial)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                str(certificate.serial_number),
                user_id,
                certificate.public_bytes(serialization.Encoding.DER),
                b"\0" * 48,
                certificate.not_valid_before_utc.isoformat(),
                certificate.not_valid_after_utc.isoformat(),
                (now + timedelta(seconds=5)).isoformat(timespec="seconds"),
                ADMIN_USERNAME,
            ),
        )
    return key


def _public(der: bytes) -> bytes:
    return (
        x509.load_der_x509_certificate(der)
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def _certified_for(db: Database, key: ec.EllipticCurvePrivateKey) -> list[bytes]:
    """Certificates in the store the station CA signed for ``key``."""
    wanted = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    station_ca = x509.load_der_x509_certificate(StationCertificates(db).station_ca_certificate())
    found = []
    for (der,) in db.all("SELECT certificate FROM signing_certificates"):
        certificate = x509.load_der_x509_certificate(bytes(der))
        if _public(bytes(der)) != wanted:
            continue
        try:
            certificate.verify_directly_issued_by(station_ca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        found.append(bytes(der))
    return found


def _private_der(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.mark.parametrize("whose", ["social_worker", "officer"])
def test_a_planted_certificate_is_not_renewed_at_an_administrators_sign_in(
    workstation: WorkstationFactory, whose: str
) -> None:
    desk: Desk = _desk(workstation(training=True))
    officer = desk.officer
    # Planted under the social worker's account, or under his own with her role: either way a
    # renewal would give him a genuine social worker's certificate for his own key.
    user_id = desk.worker.id if whose == "social_worker" else officer.user.id
    key = _planted(officer.db, user_id, "social_worker", desk.code)
    officer.logout()

    created = desk.created
    admin = created.workstation.unlock(created.admin_username, created.admin_password)
    laundered = _certified_for(admin.db, key)
    assert laundered == [], "the station CA certified a key it never issued"

    # Had it been certified, this is what the officer would do with it: the app must not call
    # such a form valid (it did, before the authority checked what it certifies again).
    assert not any(certificate_role(der) == "social_worker" for der in laundered)
    admin.logout()


def test_a_planted_certificate_does_not_take_the_role_of_the_next_issued_one(
    workstation: WorkstationFactory,
) -> None:
    """``issue_for`` keeps the role of the user's latest certificate: a planted one naming
    another role must not choose it."""
    desk = _desk(workstation(training=True))
    officer = desk.officer
    _planted(officer.db, officer.user.id, "social_worker", desk.code)
    officer_id = officer.user.id
    officer.logout()
    created = desk.created
    admin = created.workstation.unlock(created.admin_username, created.admin_password)
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    with admin.db.transaction():
        issued = authority.issue_for(admin.users.get(officer_id), b"\1" * 32, admin.station)
    assert certificate_role(issued.certificate_der) == "officer"
    admin.logout()


def test_a_countersignature_with_a_renewed_planted_key_is_never_valid(
    workstation: WorkstationFactory,
) -> None:
    """End to end: plant, wait for the administrator, countersign with the officer's own key."""
    desk = _desk(workstation(training=True))
    officer = desk.officer
    key = _planted(officer.db, desk.worker.id, "social_worker", desk.code)
    officer.logout()
    created = desk.created
    admin = created.workstation.unlock(created.admin_username, created.admin_password)
    admin.logout()
    officer = created.workstation.unlock(*("oficer.kufiri", "qershi-lumi-guri-shtatë"))
    certificates = StationCertificates(officer.db)
    for der in _certified_for(officer.db, key) or [b""]:
        if not der:
            break
        pdf = _countersign(
            officer.db,
            desk.referral_id,
            CertifiedKey(der, _private_der(key)),
            certificates.chain(),
            certificates.revocation_lists(),
        )
        assert not Referrals(officer).verify(pdf).valid
    officer.logout()


def test_a_planted_certificate_is_not_certified_again_at_enrollment(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Enrollment certifies every active user's current key with the centre's station CA: a
    planted certificate must not be among them."""
    desk = _desk(workstation(training=True))
    officer = desk.officer
    key = _planted(officer.db, desk.worker.id, "social_worker", desk.code)
    officer.logout()
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    _enroll(center, desk.created, "Morinë")
    created = desk.created
    admin = created.workstation.unlock(created.admin_username, created.admin_password)
    assert _certified_for(admin.db, key) == []
    # The social worker's genuine key was carried over and still signs.
    worker_keys = created.workstation.confirm_password(*WORKER)
    certified = StationCertificates(admin.db).signing_key(desk.worker.id, worker_keys.personal_key)
    assert certificate_role(certified.certificate_der) == "social_worker"
    admin.logout()
