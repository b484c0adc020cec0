"""Issue 13: the personal signing key changes with the password.

The attack: a user's signing key is wrapped under their personal key, which their key slot
wraps under their password. Before, a password change only re-wrapped the personal key, so
whoever kept the old slot (and a copy of the store) and knew the old password still opened
the signing key and signed as that user, and every verifier called it valid. Now the old
certificates are revoked at the change and their wrapped keys erased; an administrator who
holds the certificate authority gets a new key pair and certificate at once, anyone else when
an administrator issues one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509

from interview_room.accounts import Role, User
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import ProblemKind, ReferralCheck, check_referral
from interview_room.signing.pdf_signatures import SignatureField, sign_pdf
from interview_room.signing.pki import CertifiedKey
from interview_room.store.authority import NoIssuingAuthority, StationAuthority
from interview_room.store.certificates import NoSigningKey, StationCertificates, _unwrap
from interview_room.store.database import Database
from interview_room.store.keyring import Keyring
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, CreatedStation, WorkstationFactory

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
WORKER = ("punonjese.sociale", "dritare-kalë-portokall-9")
WORKER_NEW_PASSWORD = "synthetic-morine-training-passphrase"
ADMIN_NEW_PASSWORD = "synthetic-hani-hotit-training-passphrase"


@dataclass
class Desk:
    """A station whose officer signed a referral that waits for the social worker."""

    workstation: Workstation
    worker: User
    referral_id: str


def _desk(created: CreatedStation) -> Desk:
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = created.workstation.unlock(*OFFICER)
    result = run_scenario(
        officer, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, "Drita", 0, worker.id
    )
    case = next(c for c in officer.cases.search() if c.code == result.case_code)
    record = Referrals(officer).create(
        Interview.resume(officer, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    officer.logout()
    return Desk(created.workstation, worker, record.id)


def _keep_store(workstation: Workstation, folder: Path) -> Path:
    """A copy of the store file as someone with access to the folder takes it."""
    kept = folder / "kept-station.db"
    for suffix in ("", "-wal"):
        source = workstation.database_path.with_name(workstation.database_path.name + suffix)
        if source.exists():
            (folder / (kept.name + suffix)).write_bytes(source.read_bytes())
    return kept


def _countersign_with_old_key(
    desk: Desk, kept_keyring: bytes, kept_store: Path, old_password: str
) -> bytes:
    """The attack: the old slot copy and the old password open the old personal key, which
    opens the signing key in the kept store; the referral is countersigned with it outside
    the app, after the password change."""
    keys = Keyring.from_bytes(kept_keyring, desk.workstation.keyring_file.path).open_password_slot(
        WORKER[0], old_password
    )
    db = Database.open(kept_store, keys.database_key)
    try:
        certificates = StationCertificates(db)
        record = certificates.current_for(desk.worker.id)
        assert record is not None
        wrapped, key_serial = db.one(
            "SELECT wrapped_key, key_serial FROM signing_certificates WHERE serial = ?",
            (str(record.serial),),
        ) or (b"", None)
        key = CertifiedKey(
            record.certificate_der,
            _unwrap(
                keys.personal_key,
                int(key_serial or record.serial),
                desk.worker.id,
                bytes(wrapped),
            ),
        )
        pdf, field = db.one(
            "SELECT pdf, social_worker_field FROM referrals WHERE id = ?", (desk.referral_id,)
        ) or (b"", "[]")
        name, page, *box = json.loads(str(field))
        return sign_pdf(
            bytes(pdf),
            key,
            certificates.chain(),
            field=SignatureField(str(name), int(page), (box[0], box[1], box[2], box[3])),
            signer_name="Punonjëse Shembulli",
            reason="Punonjëse sociale",
            location="Morinë",
            revocation_lists=certificates.revocation_lists(),
        )
    finally:
        db.close()


def _problems(check: ReferralCheck, field: str) -> set[ProblemKind]:
    return {p.kind for p in check.problems if p.field == field}


def test_an_old_slot_and_the_old_password_no_longer_sign_after_a_password_change(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    created = workstation(training=True)
    desk = _desk(created)
    kept_keyring = desk.workstation.keyring_file.path.read_bytes()
    kept_store = _keep_store(desk.workstation, tmp_path)

    worker = desk.workstation.unlock(*WORKER)
    old_serial = StationCertificates(worker.db).current_for(desk.worker.id)
    assert old_serial is not None
    changed = worker.change_password(WORKER[1], WORKER_NEW_PASSWORD)
    assert changed.rekeyed
    assert not changed.can_sign, "a social worker cannot issue her own certificate"
    # Her old key is gone from the current store, not only unreachable.
    assert worker.db.one(
        "SELECT length(wrapped_key) FROM signing_certificates WHERE serial = ?",
        (str(old_serial.serial),),
    ) == (0,)
    worker.logout()

    forged = _countersign_with_old_key(desk, kept_keyring, kept_store, WORKER[1])

    # The station's own check: the store has revoked the certificate.
    admin = desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    at_station = Referrals(admin).verify(forged)
    assert ProblemKind.REVOKED in _problems(at_station, "social_worker")
    assert not at_station.valid
    # The administrator's sign-in published a list that names it: any verifier given the list
    # (`interview-room referral check --crl`, the centre) refuses the signature too.
    certificates = StationCertificates(admin.db)
    published = certificates.revocation_lists()[0]
    assert x509.load_der_x509_crl(published).get_revoked_certificate_by_serial_number(
        old_serial.serial
    )
    roots = certificates.trust_anchors()
    with_list = check_referral(forged, roots, revocation_lists=[published])
    assert ProblemKind.REVOKED in _problems(with_list, "social_worker")
    assert not with_list.valid

    # She herself cannot sign until an administrator issues her a certificate ...
    with pytest.raises(NoSigningKey):
        Referrals(admin).countersign(desk.referral_id, WORKER[0], WORKER_NEW_PASSWORD)
    admin.issue_certificate(WORKER[0], WORKER_NEW_PASSWORD)
    # ... then she signs with a new key, and the form is valid.
    record = Referrals(admin).countersign(desk.referral_id, WORKER[0], WORKER_NEW_PASSWORD)
    assert record.fully_signed
    genuine = Referrals(admin).verify(Referrals(admin).pdf(desk.referral_id))
    assert genuine.valid, genuine.problems
    new = StationCertificates(admin.db).current_for(desk.worker.id)
    assert new is not None and new.serial != old_serial.serial
    admin.logout()


def test_an_administrators_password_change_gives_a_new_key_and_lists_the_old_at_once(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(training=True)
    admin = created.session
    old_personal_key = admin.keys.personal_key
    old = StationCertificates(admin.db).current_for(admin.user.id)
    assert old is not None

    changed = admin.change_password(ADMIN_PASSWORD, ADMIN_NEW_PASSWORD)

    assert changed.can_sign
    certificates = StationCertificates(admin.db)
    new = certificates.current_for(admin.user.id)
    assert new is not None and new.serial != old.serial
    # A new key pair, not the old key certified again.
    signer = certificates.signing_key(admin.user.id, admin.keys.personal_key)
    assert (
        signer.certificate.public_key()
        != x509.load_der_x509_certificate(old.certificate_der).public_key()
    )
    listed = x509.load_der_x509_crl(certificates.revocation_lists()[0])
    assert listed.get_revoked_certificate_by_serial_number(old.serial) is not None
    # The authority follows the new personal key; the old one opens it no more.
    with pytest.raises(NoIssuingAuthority):
        StationAuthority.open(admin.db, admin.user, old_personal_key)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.logout()
    again = created.workstation.unlock(ADMIN_USERNAME, ADMIN_NEW_PASSWORD)
    StationAuthority.open(again.db, again.user, again.keys.personal_key)
    again.logout()


def test_a_recovery_key_reset_also_erases_the_old_wrapped_key(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(training=True)
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    old = StationCertificates(admin.db).current_for(worker.id)
    assert old is not None
    admin.logout()
    created.workstation.reset_password(created.recovery_key, WORKER[0], WORKER_NEW_PASSWORD)
    session = created.workstation.unlock(WORKER[0], WORKER_NEW_PASSWORD)
    row = session.db.one(
        "SELECT length(wrapped_key), revoked_at FROM signing_certificates WHERE serial = ?",
        (str(old.serial),),
    )
    assert row is not None and row[0] == 0 and row[1] is not None
    StationCertificates(session.db).signing_key(worker.id, session.keys.personal_key)
    session.logout()
