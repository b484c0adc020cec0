"""Issue 13, attacker 3 (docs/reviews/attacker-3.md, S1 and S2): the signing key a password
change gave up must stay given up.

The scenario: a colleague (an officer with his own password, so the current database key)
learned the social worker's password and kept a copy of the keyring and the store; she changes
her password as she is told to. Before the fix the revocation was only the ``revoked_at``
column, which he cleared with one UPDATE: the station called his countersignature with her old
key valid, the next list left it out (S1), and an administrator's sign-in even certified the
old key again when he also moved the ``not_after`` column (S2). Now the audit log's
``password_changed`` entry revokes every certificate issued before it, expiry is read from the
certificate, and a renewal never certifies a key that any revocation touched."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509

from interview_room.accounts import Role
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import ProblemKind, check_referral
from interview_room.signing.pdf_signatures import SignatureField, sign_pdf
from interview_room.signing.pki import CertifiedKey
from interview_room.store.audit import AuditEvent, AuditLog
from interview_room.store.authority import StationAuthority
from interview_room.store.certificates import StationCertificates, _unwrap
from interview_room.store.database import Database
from interview_room.store.keyring import Keyring
from interview_room.sync.certificate_register import register_content
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, WorkstationFactory
from tests.store.test_signing_key_rotation import (
    OFFICER,
    WORKER,
    WORKER_NEW_PASSWORD,
    Desk,
    _countersign_with_old_key,
    _desk,
    _keep_store,
    _problems,
)


def _old_key_and_certificate(
    desk: Desk, kept_keyring: bytes, kept_store: Path
) -> tuple[CertifiedKey, int]:
    keys = Keyring.from_bytes(kept_keyring, desk.workstation.keyring_file.path).open_password_slot(
        WORKER[0], WORKER[1]
    )
    db = Database.open(kept_store, keys.database_key)
    try:
        record = StationCertificates(db).current_for(desk.worker.id)
        assert record is not None
        wrapped, key_serial = db.one(
            "SELECT wrapped_key, key_serial FROM signing_certificates WHERE serial = ?",
            (str(record.serial),),
        ) or (b"", None)
        private = _unwrap(
            keys.personal_key, int(key_serial or record.serial), desk.worker.id, bytes(wrapped)
        )
        return CertifiedKey(record.certificate_der, private), record.serial
    finally:
        db.close()


def _unrevoke(desk: Desk, serial: int, *, expiring: bool) -> None:
    """The officer, signed in with his own password, edits the store he holds the key of."""
    officer = desk.workstation.unlock(*OFFICER)
    with officer.db.transaction():
        officer.db.execute(
            "UPDATE signing_certificates SET revoked_at = NULL, revocation_reason = NULL"
            + (", not_after = '2026-03-03T00:00:00+00:00'" if expiring else "")
            + " WHERE serial = ?",
            (str(serial),),
        )
    officer.logout()


def test_an_unrevoked_certificate_in_the_store_is_still_listed_after_a_change(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Before the next administrator's sign-in the revocation exists only as a mark in the
    store, which any user can clear; the list then published (built from the marks) does not
    name the old certificate, the register carries no revocation, and the signature made with
    the old key is valid at the station and everywhere."""
    desk = _desk(workstation(training=True))
    kept_keyring = desk.workstation.keyring_file.path.read_bytes()
    kept_store = _keep_store(desk.workstation, tmp_path)
    _, old_serial = _old_key_and_certificate(desk, kept_keyring, kept_store)
    worker = desk.workstation.unlock(*WORKER)
    worker.change_password(WORKER[1], WORKER_NEW_PASSWORD)
    worker.logout()

    _unrevoke(desk, old_serial, expiring=False)
    forged = _countersign_with_old_key(desk, kept_keyring, kept_store, WORKER[1])

    admin = desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    at_station = Referrals(admin).verify(forged)
    certificates = StationCertificates(admin.db)
    elsewhere = check_referral(
        forged, certificates.trust_anchors(), revocation_lists=certificates.revocation_lists()
    )
    admin.logout()
    assert ProblemKind.REVOKED in _problems(at_station, "social_worker"), (
        "station calls the old key's signature valid"
    )
    assert not elsewhere.valid, "the list published after the change does not name it"


def test_a_renewal_never_certifies_a_key_its_owner_gave_up(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Worse: the officer also marks the old certificate as about to expire. The next
    administrator's sign-in renews it: the station CA certifies the OLD public key again under
    a new serial (renew_expiring does not need the private key, and does not know the owner
    gave the key up). The old key now signs with a fresh certificate that no list names, even
    if a list already named the old serial."""
    desk = _desk(workstation(training=True))
    kept_keyring = desk.workstation.keyring_file.path.read_bytes()
    kept_store = _keep_store(desk.workstation, tmp_path)
    old_key, old_serial = _old_key_and_certificate(desk, kept_keyring, kept_store)
    worker = desk.workstation.unlock(*WORKER)
    worker.change_password(WORKER[1], WORKER_NEW_PASSWORD)
    worker.logout()
    # An administrator signs in meanwhile: the list names the old serial (the fixed path).
    desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD).logout()

    _unrevoke(desk, old_serial, expiring=True)
    admin = desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)  # renew_expiring runs
    certificates = StationCertificates(admin.db)
    renewed = [
        r for r in certificates.unrevoked_newest_first(desk.worker.id) if r.serial != old_serial
    ]
    pdf, field = admin.db.one(
        "SELECT pdf, social_worker_field FROM referrals WHERE id = ?", (desk.referral_id,)
    ) or (b"", "[]")
    chain = certificates.chain()
    lists = certificates.revocation_lists()
    roots = certificates.trust_anchors()
    admin.logout()
    assert not renewed or renewed[0].certificate_der != old_key.certificate_der
    if renewed:  # the attack: the old private key with the renewed certificate
        name, page, *box = json.loads(str(field))
        forged = sign_pdf(
            bytes(pdf),
            CertifiedKey(renewed[0].certificate_der, old_key.private_key_der),
            chain,
            field=SignatureField(str(name), int(page), (box[0], box[1], box[2], box[3])),
            signer_name="Punonjëse Shembulli",
            reason="Punonjëse sociale",
            location="Morinë",
            revocation_lists=lists,
        )
        check = check_referral(forged, roots, revocation_lists=lists)
        assert not check.valid, "the old key, given up at the change, signs validly again"
    assert not renewed, "renew_expiring certified the given-up key again"


def test_neither_an_appended_entry_nor_a_renamed_user_brings_a_given_up_key_back(
    workstation: WorkstationFactory,
) -> None:
    """The officer clears the mark, appends a ``certificate_issued`` entry for the old serial
    after the change, and renames her in the users table so the change's entry no longer names
    the row's user: the certificate (which names her username and its own date of issue)
    stays revoked."""
    desk = _desk(workstation(training=True))
    worker = desk.workstation.unlock(*WORKER)
    old = StationCertificates(worker.db).current_for(desk.worker.id)
    assert old is not None
    worker.change_password(WORKER[1], WORKER_NEW_PASSWORD)
    worker.logout()

    officer = desk.workstation.unlock(*OFFICER)
    with officer.db.transaction():
        officer.db.execute(
            "UPDATE signing_certificates SET revoked_at = NULL WHERE serial = ?", (str(old.serial),)
        )
        officer.db.execute(
            "UPDATE users SET username = 'punonjese.tjeter' WHERE id = ?", (desk.worker.id,)
        )
    officer.audit.append(
        AuditEvent.CERTIFICATE_ISSUED, None, WORKER[0], {"serial": f"{old.serial:x}"}
    )
    certificates = StationCertificates(officer.db)
    assert old.serial in certificates.revoked_serials()
    assert certificates.current_for(desk.worker.id) is None
    assert certificates.unrevoked_newest_first(desk.worker.id) == []
    # The register the next bundle carries to the centre says so too.
    register = json.loads(register_content(officer.db, "station-test"))
    entry = next(
        e
        for e in register["certificates"]
        if base64.b64decode(e["certificate"]) == old.certificate_der
    )
    officer.logout()
    assert entry["revoked_at"] is not None, "the register tells the centre the key is current"


def test_expiry_is_read_from_the_certificate_not_the_column(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(training=True)
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    record = StationCertificates(admin.db).current_for(worker.id)
    assert record is not None
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    with admin.db.transaction():
        admin.db.execute(
            "UPDATE signing_certificates SET not_after = ? WHERE serial = ?",
            (yesterday, str(record.serial)),
        )
    # Not expired, whatever the column says; and a column "expiring" asks no renewal.
    current = StationCertificates(admin.db).current_for(worker.id)
    assert current is not None and current.serial == record.serial
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    with admin.db.transaction():
        assert authority.renew_expiring(admin.users.all()) == 0
    admin.logout()


def test_a_renewal_refuses_a_key_a_signed_list_named_when_the_mark_is_cleared(
    workstation: WorkstationFactory,
) -> None:
    """No password change here (so no audit entry): an administrator re-issued her a
    certificate, which revoked and listed the old one. The officer clears the old mark and
    deletes the new certificate's row, so the old one is her newest; close to its expiry, the
    renewal still refuses its key, because a list the station CA signed named it."""
    created = workstation(training=True)
    desk = _desk(created)
    admin = desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    old = StationCertificates(admin.db).current_for(desk.worker.id)
    assert old is not None
    admin.issue_certificate(WORKER[0], WORKER[1])
    admin.logout()

    officer = desk.workstation.unlock(*OFFICER)
    with officer.db.transaction():
        officer.db.execute(
            "DELETE FROM signing_certificates WHERE user_id = ? AND serial != ?",
            (desk.worker.id, str(old.serial)),
        )
        officer.db.execute(
            "UPDATE signing_certificates SET revoked_at = NULL, revocation_reason = NULL"
            " WHERE serial = ?",
            (str(old.serial),),
        )
    officer.logout()

    admin = desk.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    soon = datetime.fromisoformat(old.not_after) - timedelta(days=30)
    with admin.db.transaction():
        authority.renew_expiring(admin.users.all(), now=soon)
    old_key = x509.load_der_x509_certificate(old.certificate_der).public_key()
    again = [
        serial
        for serial, der in admin.db.all(
            "SELECT serial, certificate FROM signing_certificates WHERE user_id = ?",
            (desk.worker.id,),
        )
        if int(serial) != old.serial
        and x509.load_der_x509_certificate(bytes(der)).public_key() == old_key
    ]
    admin.logout()
    assert again == [], "the renewal certified a key a signed list had named"


def test_a_log_with_an_entry_cut_out_renews_nothing(workstation: WorkstationFactory) -> None:
    """Deleting the change's entry (without computing the chain again) breaks the chain; a
    renewal then certifies nothing, since it cannot tell which keys were given up."""
    created = workstation(training=True)
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    record = StationCertificates(admin.db).current_for(worker.id)
    assert record is not None
    with admin.db.transaction():
        admin.db.execute("DELETE FROM audit_log WHERE seq = 2")
    assert not AuditLog(admin.db).verify().intact
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    soon = datetime.fromisoformat(record.not_after) - timedelta(days=30)
    with admin.db.transaction():
        assert authority.renew_expiring(admin.users.all(), now=soon) == 0
    admin.logout()


def test_an_entry_dated_in_the_future_revokes_nothing(workstation: WorkstationFactory) -> None:
    """Appending a ``password_changed`` entry dated next year would shut every certificate
    issued to her until then out; an entry dated after now is not counted."""
    created = workstation(training=True)
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.audit.append(
        AuditEvent.PASSWORD_CHANGED,
        WORKER[0],
        WORKER[0],
        at=datetime.now(UTC) + timedelta(days=365),
    )
    assert StationCertificates(admin.db).current_for(worker.id) is not None
    admin.logout()


def test_a_disabled_user_enabled_again_in_the_table_stays_revoked(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(training=True)
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    record = StationCertificates(admin.db).current_for(worker.id)
    assert record is not None
    admin.disable_user(WORKER[0])
    with admin.db.transaction():
        admin.db.execute("UPDATE users SET active = 1 WHERE id = ?", (worker.id,))
        admin.db.execute("UPDATE signing_certificates SET revoked_at = NULL")
    certificates = StationCertificates(admin.db)
    assert record.serial in certificates.revoked_serials()
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    soon = datetime.fromisoformat(record.not_after) - timedelta(days=30)
    with admin.db.transaction():
        authority.renew_expiring(admin.users.all(), now=soon)
    assert certificates.current_for(worker.id) is None, "her given-up key was certified again"
    admin.logout()
