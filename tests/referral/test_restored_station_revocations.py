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
from tests.referral.test_embedded_revocations import _embedded_lists, _signed_by_officer
from tests.sync.test_attacks_centre_package_revocations import _first_trips
from tests.sync.test_centre_package_revocations import OFFICER, WORKER, _trip

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
    officer, referrals, record = _signed_by_officer(restored)
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
    officer, referrals, record = _signed_by_officer(restored)
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
        _signed_by_officer(restored)
