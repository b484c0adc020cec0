"""Revocation everywhere (issue 16), a station restored from an older copy: what it knew of a
revocation before the restore comes back with the centre's package and is never lost again.

Morinë's data folder is copied while its social worker can still sign; she is disabled there,
the revocation reaches the centre, and the folder is restored from the copy: its store calls her
certificate live and her account active. The centre's package then brings back Morinë's own
newer list naming her (``sync/centre_revocations.py``). Two real stations and a real centre (the
set-up of ``tests/sync``), a stick carried both ways; nothing is mocked.

1. The lists Morinë's station CA signs from then on name her (``store/revocation_lists.py``
   with the held lists its opener passes): before, the next list left her out, its higher
   number replaced the centre's copy, and referrals signed after the next package embedded a
   list without her.
2. She cannot sign there (``referral/signer_revocation.py``): before, her countersignature was
   made and stored.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from cryptography import x509

from interview_room.accounts import Role
from interview_room.center.certificates import revocation_lists as centre_lists
from interview_room.center.publish import write_beside
from interview_room.center.store import CenterStore
from interview_room.error_sentences import error_sentence
from interview_room.referral.referrals import SignerRevokedByCentre
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.sync.centre_revocations import HeldRevocationsUnreadable, held_revocations
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session, Workstation
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, CreatedStation, WorkstationFactory
from tests.referral.test_embedded_revocations import _embedded_lists
from tests.sync.test_attacks_centre_package_revocations import _first_trips
from tests.sync.test_centre_package_revocations import OFFICER, WORKER, _trip, signed_by_officer

COLLEAGUE = ("oficer.tjeter", "synthetic-morine-training-passphrase")


def _names(lists: list[bytes], serial: int) -> bool:
    return any(
        x509.load_der_x509_crl(der).get_revoked_certificate_by_serial_number(serial)
        for der in lists
    )


def _restored_with_package(
    workstation: WorkstationFactory, tmp_path: Path
) -> tuple[CenterStore, CreatedStation, Session, int, Path]:
    """Morinë restored from a copy taken before its social worker was disabled, its
    administrator signed in with the centre's package applied; and her certificate's serial."""
    center, morine, _, admin, _, _, stick = _first_trips(workstation, tmp_path)
    worker = admin.users.find(WORKER[0])
    assert worker is not None
    certificate = StationCertificates(admin.db).current_for(worker.id)
    assert certificate is not None
    serial = x509.load_der_x509_certificate(certificate.certificate_der).serial_number
    admin.logout()
    backup = Path(shutil.copytree(morine.data_dir, tmp_path / "morine-backup"))
    admin = morine.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.disable_user(WORKER[0])
    _trip(admin, center, stick)
    assert _names(centre_lists(center), serial)
    admin.logout()

    shutil.rmtree(morine.data_dir)
    shutil.copytree(backup, morine.data_dir)
    restored = dataclasses.replace(
        morine, workstation=Workstation(morine.data_dir, clock=morine.clock)
    )
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert not _names(StationCertificates(admin.db).revocation_lists(), serial), "as restored"
    write_beside(center, stick)
    visit = exchange_with_folder(admin, stick)
    assert visit.package is not None and visit.package.applied is not None, visit.package
    assert _names(list(held_revocations(admin.db).lists), serial)
    return center, restored, admin, serial, stick


def test_a_restored_station_never_drops_a_revocation_the_centre_brought_back(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center, restored, admin, serial, stick = _restored_with_package(workstation, tmp_path)
    # Any list the station CA signs now names her: here an administrator disables a colleague.
    admin.add_user(COLLEAGUE[0], "Oficer Tjetër", Role.OFFICER, COLLEAGUE[1])
    admin.disable_user(COLLEAGUE[0])
    assert _names(StationCertificates(admin.db).revocation_lists(), serial)
    # That newer list reaches the centre and replaces its copy; the next package brings it back.
    _trip(admin, center, stick)
    assert _names(centre_lists(center), serial)
    assert _names(list(held_revocations(admin.db).lists), serial)
    admin.logout()
    # An administrator's sign-in keeps her in the list too (and publishes none not due).
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert _names(StationCertificates(admin.db).revocation_lists(), serial)
    admin.logout()
    # A referral signed now carries a list naming her.
    officer, referrals, record = signed_by_officer(restored)
    embedded = _embedded_lists(referrals.pdf(record.id))
    assert any(crl.get_revoked_certificate_by_serial_number(serial) for crl in embedded)
    officer.logout()


def test_an_administrators_sign_in_after_the_package_lists_the_revocation_again(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    _, restored, admin, serial, _ = _restored_with_package(workstation, tmp_path)
    admin.logout()
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert _names(StationCertificates(admin.db).revocation_lists(), serial)
    admin.logout()


def test_a_signer_the_centre_revoked_cannot_sign_at_the_restored_station(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    _, restored, admin, _, _ = _restored_with_package(workstation, tmp_path)
    admin.logout()
    # The officer was never revoked: he still signs. Her countersignature is refused.
    officer, referrals, record = signed_by_officer(restored)
    before = referrals.pdf(record.id)
    with pytest.raises(SignerRevokedByCentre) as refused:
        referrals.countersign(record.id, *WORKER)
    assert referrals.get(record.id).social_worker_signed_by is None
    assert referrals.pdf(record.id) == before
    signed = [
        e.actor
        for e in officer.audit.entries()
        if e.event == AuditEvent.REFERRAL_SIGNED.value and record.id in e.detail
    ]
    assert signed == [OFFICER[0]]
    assert "administrator" in error_sentence(refused.value, "en")
    assert "administratorin" in error_sentence(refused.value, "sq")
    officer.logout()


def test_signing_is_refused_while_the_held_revocations_cannot_be_read(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """An insider with the database key makes the held revocations unreadable to sign past
    them: the officer's signature is refused too (the countersignature already was)."""
    _, restored, admin, _, _ = _restored_with_package(workstation, tmp_path)
    with admin.db.transaction():
        admin.db.execute("UPDATE settings SET value = 'x' WHERE key = 'centre_revocations'")
    admin.logout()
    with pytest.raises(HeldRevocationsUnreadable):
        signed_by_officer(restored)


def _garble_held_revocations(station: CreatedStation) -> None:
    """What any station user with the database key can do (here the officer, no administrator)."""
    officer = station.workstation.unlock(*OFFICER)
    with officer.db.transaction():
        officer.db.execute("UPDATE settings SET value = 'x' WHERE key = 'centre_revocations'")
    officer.logout()


def test_the_same_package_from_the_stick_repairs_unreadable_held_revocations(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B3: the package held, applied again, changed nothing, so nobody signed at
    the station until the centre signed a newer one. The root signed it: it rebuilds them."""
    _, restored, admin, serial, stick = _restored_with_package(workstation, tmp_path)
    _garble_held_revocations(restored)
    with pytest.raises(HeldRevocationsUnreadable) as refused:
        signed_by_officer(restored)
    assert "package again from the stick" in error_sentence(refused.value, "en")
    assert "përsëri nga USB-ja" in error_sentence(refused.value, "sq")
    visit = exchange_with_folder(admin, stick)  # the stick that brought the package
    assert visit.package is not None and visit.package.applied is not None
    assert visit.package.applied.changed
    assert _names(list(held_revocations(admin.db).lists), serial)
    rebuilt = [e.detail for e in admin.audit.entries() if '"centre_package"' in e.detail][-1]
    assert '"revocations_rebuilt":true' in rebuilt
    admin.logout()
    officer, referrals, record = signed_by_officer(restored)
    assert referrals.get(record.id).officer_signed_by is not None
    with pytest.raises(SignerRevokedByCentre):
        referrals.countersign(record.id, *WORKER)
    officer.logout()


def test_no_list_is_signed_while_the_held_revocations_cannot_be_read(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B4, the station's side: a list signed without the held lists dropped her
    serial, and its higher number replaced the centre's copy. It is deferred; the first
    administrator's sign-in after the repair signs it, naming her and the colleague."""
    center, restored, admin, serial, stick = _restored_with_package(workstation, tmp_path)
    stored = StationCertificates(admin.db).revocation_lists()
    _garble_held_revocations(restored)
    admin.add_user(COLLEAGUE[0], "Oficer Tjetër", Role.OFFICER, COLLEAGUE[1])
    colleague = admin.users.find(COLLEAGUE[0])
    assert colleague is not None
    issued = StationCertificates(admin.db).current_for(colleague.id)
    assert issued is not None
    admin.disable_user(COLLEAGUE[0])
    assert StationCertificates(admin.db).revocation_lists() == stored, "nothing signed"
    _trip(admin, center, stick)  # the same package on the stick repairs the held ones
    assert _names(centre_lists(center), serial)
    admin.logout()
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    now = StationCertificates(admin.db).revocation_lists()
    other = x509.load_der_x509_certificate(issued.certificate_der).serial_number
    assert _names(now, serial) and _names(now, other)
    admin.logout()


def test_the_centre_keeps_a_station_list_that_a_newer_one_would_drop_a_serial_from(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B4, the centre's side: a newer list of a station CA that leaves out a serial
    the kept one names is refused and logged; the kept list, naming her, stays in the package.
    The station's next list signed with the held lists names her again and is taken."""
    from interview_room.store.authority import StationAuthority
    from tests.sync.test_attacks5_revocations import _refusals

    center, restored, admin, serial, stick = _restored_with_package(workstation, tmp_path)
    assert admin.keys is not None
    with admin.db.transaction():  # a list signed without the held lists (as before the fix)
        StationAuthority.open(admin.db, admin.user, admin.keys.personal_key).publish_revocations()
    assert not _names(StationCertificates(admin.db).revocation_lists(), serial)
    _trip(admin, center, stick)
    assert _refusals(center) == ["drops_a_serial"]
    assert _names(centre_lists(center), serial)
    assert _names(list(held_revocations(admin.db).lists), serial)
    admin.logout()
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)  # signs with them held
    admin.add_user(COLLEAGUE[0], "Oficer Tjetër", Role.OFFICER, COLLEAGUE[1])
    admin.disable_user(COLLEAGUE[0])
    assert _names(StationCertificates(admin.db).revocation_lists(), serial)
    _trip(admin, center, stick)
    assert _refusals(center) == ["drops_a_serial"], "the honest newer list is taken"
    assert _names(centre_lists(center), serial)
    admin.logout()


def test_no_new_certificate_for_a_user_the_centre_revoked(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B5: "Issue signing certificate…" cleared the centre's revocation of the
    social worker at the restored station, and the window showed nothing of it."""
    from interview_room.sync.centre_revoked_certificates import CertificateRevokedByCentre

    _, _, admin, _, _ = _restored_with_package(workstation, tmp_path)
    worker = admin.users.find(WORKER[0])
    assert worker is not None and worker.active
    assert admin.revoked_by_central_office(worker.id)
    assert not admin.revoked_by_central_office(admin.user.id)
    with pytest.raises(CertificateRevokedByCentre) as refused:
        admin.issue_certificate(*WORKER)
    assert "central office enrolls the station again" in error_sentence(refused.value, "en")
    assert "zyra qendrore e regjistron stacionin" in error_sentence(refused.value, "sq")
    assert admin.revoked_by_central_office(worker.id), "nothing was issued"
    admin.disable_user(WORKER[0])  # what the sentence says an administrator may do
    assert not admin.revoked_by_central_office(worker.id)
    admin.logout()


def test_an_administrator_the_centre_revoked_cannot_issue_herself_one_by_a_password_change(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B5: her password changed after the copy was taken (her old certificate
    revoked, the centre told); restored, the old password's change issued her a new one."""
    from interview_room.sync.centre_revoked_certificates import CertificateRevokedByCentre

    center, morine, _, admin, _, _, stick = _first_trips(workstation, tmp_path)
    admin.logout()
    backup = Path(shutil.copytree(morine.data_dir, tmp_path / "morine-backup"))
    admin = morine.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.change_password(ADMIN_PASSWORD, "synthetic-morine-changed-passphrase")
    _trip(admin, center, stick)
    admin.logout()
    shutil.rmtree(morine.data_dir)
    shutil.copytree(backup, morine.data_dir)
    admin = Workstation(morine.data_dir, clock=morine.clock).unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    write_beside(center, stick)
    exchange_with_folder(admin, stick)
    assert admin.revoked_by_central_office(admin.user.id)
    with pytest.raises(CertificateRevokedByCentre):
        admin.change_password(ADMIN_PASSWORD, "synthetic-morine-another-passphrase")
    assert admin.revoked_by_central_office(admin.user.id), "no certificate was issued"
    admin.logout()
