"""Every certificate a station issues, and every revocation, reaches the central office."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.sign.validation.dss import DocumentSecurityStore

from interview_room.accounts import Role
from interview_room.center.certificates import received_referral_at_center, registered
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_bundle
from interview_room.center.store import CenterStore
from interview_room.referral.verification import check_referral
from interview_room.store.certificates import StationCertificates
from interview_room.sync.enrollment import EnrollmentInvalid, enroll
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    WorkstationFactory,
    run_cli,
)
from tests.sync.test_centre_package_revocations import OFFICER, WORKER, signed_by_officer

LATER = ("oficer.ri", "pjeshkë-anije-borë-12")


def _public_key(session: Session, user_id: str) -> x509.Certificate:
    record = StationCertificates(session.db).current_for(user_id)
    assert record is not None
    return x509.load_der_x509_certificate(record.certificate_der)


def _sync(center: CenterStore, session: Session) -> int:
    """Export, import at the centre, apply the receipt; return the cases the bundle carried."""
    sync = StationSync(session)
    exported = sync.export_bundle()
    if not exported.data:
        return -1
    sync.apply_receipt(import_bundle(center, exported.data, "b.age").receipt)
    return exported.records


@pytest.fixture
def enrolled(workstation: WorkstationFactory, tmp_path: Path) -> tuple[CreatedStation, CenterStore]:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    created = workstation()
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    return created, center


def test_enrollment_certifies_every_active_users_key_under_the_centres_station_ca(
    enrolled: tuple[CreatedStation, CenterStore],
) -> None:
    created, center = enrolled
    admin = created.session
    before = {u.id: _public_key(admin, u.id) for u in admin.users.all()}
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    enroll(admin, package.data, package.passphrase)
    station_ca = x509.load_der_x509_certificate(
        StationCertificates(admin.db).station_ca_certificate()
    )
    root = x509.load_der_x509_certificate(center.keys().root_certificate_der)
    station_ca.verify_directly_issued_by(root)
    for user_id, old in before.items():
        new = _public_key(admin, user_id)
        new.verify_directly_issued_by(station_ca)
        assert new.public_key() == old.public_key() and new.subject == old.subject
        assert old.serial_number in StationCertificates(admin.db).revoked_serials()
    admin.logout()
    # The officer signs at once, with no administrator present.
    officer, referrals, record = signed_by_officer(created)
    record = referrals.countersign(record.id, *WORKER)
    assert referrals.verify(referrals.pdf(record.id)).valid
    officer.logout()


def test_a_package_for_another_station_code_is_refused(
    enrolled: tuple[CreatedStation, CenterStore],
) -> None:
    created, center = enrolled
    package = make_enrollment(center, station_name="Han i Hotit", station_code="HAN", url=None)
    with pytest.raises(EnrollmentInvalid):
        enroll(created.session, package.data, package.passphrase)
    assert StationCertificates(created.session.db).root_is_training()
    created.session.logout()


def test_every_issued_certificate_and_revocation_travels_and_none_is_taken_back(
    enrolled: tuple[CreatedStation, CenterStore],
) -> None:
    created, center = enrolled
    admin = created.session
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    enroll(admin, package.data, package.passphrase)
    later = admin.add_user(LATER[0], "Oficer i Ri", Role.OFFICER, LATER[1])

    assert _sync(center, admin) == 0, "no case yet: the bundle carried the register only"
    station_ca = x509.load_der_x509_certificate(
        StationCertificates(admin.db).station_ca_certificate()
    )
    issued_here = {
        int(r[0])
        for r in admin.db.all("SELECT serial, certificate FROM signing_certificates")
        if x509.load_der_x509_certificate(bytes(r[1])).issuer == station_ca.subject
        and _issued_by(bytes(r[1]), station_ca)
    }
    at_center = {c.serial: c for c in registered(center)}
    assert set(at_center) == issued_here, "every certificate of the centre's station CA"
    assert {c.username for c in at_center.values()} == {
        ADMIN_USERNAME,
        OFFICER[0],
        WORKER[0],
        LATER[0],
    }
    assert at_center[_public_key(admin, later.id).serial_number].issued_by == ADMIN_USERNAME
    assert _sync(center, admin) == -1, "the centre confirmed the register: nothing to send"

    admin.disable_user(LATER[0])
    _sync(center, admin)
    revoked = {c.serial for c in registered(center) if c.revoked_at is not None}
    later_serials = {
        int(r[0])
        for r in admin.db.all(
            "SELECT serial FROM signing_certificates WHERE user_id = ?", (later.id,)
        )
    }
    assert later_serials & issued_here <= revoked

    # An insider with the database key and the bundle key takes the revocation back.
    with admin.db.transaction():
        admin.db.execute("UPDATE signing_certificates SET revoked_at = NULL")
        admin.db.execute("DELETE FROM revocation_lists")
    _sync(center, admin)
    assert {c.serial for c in registered(center) if c.revoked_at is not None} == revoked
    admin.logout()


def _issued_by(certificate_der: bytes, issuer: x509.Certificate) -> bool:
    try:
        x509.load_der_x509_certificate(certificate_der).verify_directly_issued_by(issuer)
    except Exception:
        return False
    return True


def test_the_centre_checks_a_referral_from_the_command_line(
    enrolled: tuple[CreatedStation, CenterStore], tmp_path: Path
) -> None:
    created, center = enrolled
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    enroll(created.session, package.data, package.passphrase)
    created.session.logout()
    officer, referrals, record = signed_by_officer(created)
    officer_only = referrals.pdf(record.id)
    record = referrals.countersign(record.id, *WORKER)
    both = referrals.pdf(record.id)
    officer.logout()
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    _sync(center, admin)
    admin.logout()
    (tmp_path / "both.pdf").write_bytes(both)
    (tmp_path / "half.pdf").write_bytes(officer_only)
    good = run_cli(
        "center", "check-referral", "--center-dir", center.center_dir, tmp_path / "both.pdf"
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "VALID" in good.stdout
    half = run_cli(
        "center", "check-referral", "--center-dir", center.center_dir, tmp_path / "half.pdf"
    )
    assert half.returncode != 0 and "INCOMPLETE" in half.stdout
    assert "centre: received by the centre on 2" in good.stdout
    assert f"with this hash (SHA-256 {hashlib.sha256(both).hexdigest()})" in good.stdout
    assert "no station has sent this form's hash" in half.stdout, "only the complete form's"

    # Years later: the certificates have expired; the centre judges them when it got the hash.
    roots = [center.keys().root_certificate_der]
    assert not check_referral(both, roots, at=datetime(2100, 1, 1, tzinfo=UTC)).valid
    received = received_referral_at_center(center, both)
    assert received is not None and received.whole_file
    assert check_referral(both, roots, at=received.received_at).valid

    # An archive adds validation data after the second signature: still valid and vouched for.
    output = BytesIO(both)
    DocumentSecurityStore.add_dss(
        output,
        None,
        certs=[asn1_x509.Certificate.load(der) for der in roots],
        force_write=True,
    )
    (tmp_path / "archived.pdf").write_bytes(output.getvalue())
    archived = run_cli(
        "center",
        "check-referral",
        "--center-dir",
        center.center_dir,
        tmp_path / "archived.pdf",
        "--json",
    )
    assert archived.returncode == 0, archived.stdout + archived.stderr
    objects = [json.loads(line) for line in archived.stdout.splitlines()]
    seen = next(o for o in objects if o["kind"] == "received")
    assert (seen["sha256"], seen["whole_file"]) == (hashlib.sha256(both).hexdigest(), False)
    assert objects[-1]["kind"] == "result" and objects[-1]["status"] == "valid"
