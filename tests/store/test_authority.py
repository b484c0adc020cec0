"""The station's certificate authority: who holds it, what it issues, and what it publishes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509

from interview_room.accounts import Role
from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import CertifiedKey, certificate_role, station_constraint
from interview_room.store.authority import (
    RECOVERY_HOLDER,
    NoIssuingAuthority,
    StationAuthority,
)
from interview_room.store.certificates import NoSigningKey, StationCertificates
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, CreatedStation, WorkstationFactory

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
WORKER = ("punonjese.sociale", "dritare-kalë-portokall-9")
SECOND_ADMIN = ("admin.dyte", "pjeshkë-anije-borë-12")


def _holders(created: CreatedStation) -> set[str]:
    session = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    try:
        rows = session.db.all("SELECT holder FROM authority_slots")
        names = {u.id: u.username for u in session.users.all()}
    finally:
        session.logout()
    return {names.get(str(r[0]), str(r[0])) for r in rows}


def _revoked_in_list(crl_der: bytes) -> set[int]:
    return {entry.serial_number for entry in x509.load_der_x509_crl(crl_der)}


def test_set_up_seals_the_station_ca_for_the_administrator_and_the_recovery_key(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(training=True)
    db = created.session.db
    rows = {
        str(r[0]): (bytes(r[1]), bytes(r[2]), int(r[3]))
        for r in db.all(
            "SELECT kind, certificate, private_key, key_sealed FROM certificate_authorities"
        )
    }
    certificate, sealed, flag = rows["station_ca"]
    assert flag == 1
    with pytest.raises(CertificateError):
        CertifiedKey(certificate, sealed)
    assert station_constraint(certificate) == "MOR"
    assert rows["training_root"][1] == b"", "the training root's key is forgotten after use"
    assert _holders(created) == {ADMIN_USERNAME, RECOVERY_HOLDER}
    # Its revocation lists were signed while the keys were at hand: the station CA's, and one
    # the training root signed for its whole life.
    certificates = StationCertificates(db)
    lists = [x509.load_der_x509_crl(der) for der in certificates.revocation_lists()]
    assert len(lists) == 2
    root = x509.load_der_x509_certificate(certificates.trust_anchors()[0])
    assert lists[1].is_signature_valid(root.public_key())  # type: ignore[arg-type]
    assert lists[1].next_update_utc is not None
    assert lists[1].next_update_utc > datetime.now(UTC) + timedelta(days=3000)
    StationAuthority.open_with_recovery(db, created.recovery_key)  # opens


def test_administrators_hold_the_authority_and_lose_it_when_disabled(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    admin.add_user(*SECOND_ADMIN[:1], "Admin i Dytë", Role.STATION_ADMIN, SECOND_ADMIN[1])
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.logout()
    assert _holders(created) == {ADMIN_USERNAME, SECOND_ADMIN[0], RECOVERY_HOLDER}
    second = created.workstation.unlock(*SECOND_ADMIN)
    second.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    second.disable_user(ADMIN_USERNAME)
    second.logout()
    admin_session = created.workstation.unlock(*SECOND_ADMIN)
    holders = {str(r[0]) for r in admin_session.db.all("SELECT holder FROM authority_slots")}
    assert holders == {admin_session.user.id, RECOVERY_HOLDER}
    admin_session.logout()
    officer = created.workstation.unlock(*OFFICER)
    with pytest.raises(NoIssuingAuthority):
        StationAuthority.open(officer.db, officer.user, officer.keys.personal_key)
    officer.logout()


def test_an_administrator_without_the_authority_adds_no_user(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    with admin.db.transaction():
        StationAuthority.withdraw(admin.db, admin.user.id)
    with pytest.raises(NoIssuingAuthority):
        admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    assert admin.users.find(OFFICER[0]) is None
    assert not created.workstation.keyring_file.read().has_user(OFFICER[0])
    admin.logout()


def test_signing_in_issues_nothing_to_a_colleague_without_a_certificate(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    with admin.db.transaction():
        StationCertificates(admin.db).revoke_all(worker.id, "test")
    admin.logout()
    session = created.workstation.unlock(*WORKER)
    certificates = StationCertificates(session.db)
    assert certificates.current_for(worker.id) is None, "her sign-in made no certificate"
    with pytest.raises(NoSigningKey):
        certificates.signing_key(worker.id, session.keys.personal_key)
    session.logout()


def test_the_recovery_key_resets_a_password_with_a_new_certificate_of_the_same_role(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    old = StationCertificates(admin.db).current_for(worker.id)
    assert old is not None
    # Her role changed in the users table (the database key allows that) before the reset.
    with admin.db.transaction():
        admin.db.execute("UPDATE users SET role = 'officer' WHERE id = ?", (worker.id,))
    admin.logout()
    created.workstation.reset_password(created.recovery_key, WORKER[0], "mjegull-ujë-shkëmb-33")
    session = created.workstation.unlock(WORKER[0], "mjegull-ujë-shkëmb-33")
    certificates = StationCertificates(session.db)
    key = certificates.signing_key(worker.id, session.keys.personal_key)
    assert key.serial != old.serial
    assert certificate_role(key.certificate_der) == "social_worker"
    assert old.serial in certificates.revoked_serials()
    assert old.serial in _revoked_in_list(certificates.revocation_lists()[0])
    session.logout()


def test_an_administrator_reset_with_the_recovery_key_keeps_the_authority(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    created.session.logout()
    created.workstation.reset_password(created.recovery_key, ADMIN_USERNAME, "fjongo-re-det-81")
    admin = created.workstation.unlock(ADMIN_USERNAME, "fjongo-re-det-81")
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])  # still issues
    admin.logout()


def test_certificates_close_to_expiry_are_renewed_with_the_same_key(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    certificates = StationCertificates(admin.db)
    first = certificates.current_for(worker.id)
    assert first is not None
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    soon = datetime.fromisoformat(first.not_after) - timedelta(days=30)
    with admin.db.transaction():
        # hers and the administrator's
        assert authority.renew_expiring(admin.users.all(), now=soon) == 2
        assert authority.renew_expiring(admin.users.all()) == 0, "nothing is close to expiry today"
    renewed = certificates.current_for(worker.id)
    assert renewed is not None and renewed.serial != first.serial
    old_key = x509.load_der_x509_certificate(first.certificate_der).public_key()
    new_key = x509.load_der_x509_certificate(renewed.certificate_der).public_key()
    assert old_key == new_key
    admin.logout()
    session = created.workstation.unlock(*WORKER)
    signer = StationCertificates(session.db).signing_key(worker.id, session.keys.personal_key)
    assert signer.serial == renewed.serial, "the renewed certificate signs with her own key"
    events = [e.event for e in session.audit.entries() if e.event == "certificate_issued"]
    assert len(events) == 4
    session.logout()


def test_revocation_lists_never_forget_a_revocation(workstation: WorkstationFactory) -> None:
    created = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    serial = StationCertificates(admin.db).current_for(worker.id)
    assert serial is not None
    admin.disable_user(WORKER[0])
    certificates = StationCertificates(admin.db)
    assert serial.serial in _revoked_in_list(certificates.revocation_lists()[0])
    # An insider with the database key takes the revocation back in the store ...
    with admin.db.transaction():
        admin.db.execute("UPDATE signing_certificates SET revoked_at = NULL")
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    with admin.db.transaction():
        authority.publish_revocations()
    # ... the next list still names her: it keeps what the last genuine list said.
    assert serial.serial in _revoked_in_list(certificates.revocation_lists()[0])
    admin.logout()


def test_an_administrators_sign_in_lists_revocations_the_store_holds(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    # Revoked without an administrator (a reset on a store whose recovery key holds no slot).
    with admin.db.transaction():
        StationCertificates(admin.db).revoke_all(worker.id, "password_reset")
    listed = _revoked_in_list(StationCertificates(admin.db).revocation_lists()[0])
    assert not listed
    admin.logout()
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert StationCertificates(admin.db).revoked_serials() <= _revoked_in_list(
        StationCertificates(admin.db).revocation_lists()[0]
    )
    admin.logout()


def test_a_store_from_before_the_authority_is_sealed_at_the_first_administrators_sign_in(
    workstation: WorkstationFactory,
) -> None:
    created = workstation()
    admin = created.session
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    station_ca = authority._station_ca()
    # As an earlier version left it: the key in clear, no slots.
    with admin.db.transaction():
        admin.db.execute(
            "UPDATE certificate_authorities SET private_key = ?, key_sealed = 0"
            " WHERE kind = 'station_ca'",
            (station_ca.private_key_der,),
        )
        admin.db.execute("DELETE FROM authority_slots")
    admin.logout()
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    row = admin.db.one(
        "SELECT certificate, private_key, key_sealed FROM certificate_authorities"
        " WHERE kind = 'station_ca'"
    )
    assert row is not None and int(row[2]) == 1
    with pytest.raises(CertificateError):
        CertifiedKey(bytes(row[0]), bytes(row[1]))
    assert StationAuthority.held_by(admin.db, admin.user.id)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.logout()
