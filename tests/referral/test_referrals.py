"""Signed referrals from real interviews on a real store, judged by independent tools."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralNotPossible, Urgency
from interview_room.referral.recipients import ReferralNeedsConsent
from interview_room.referral.referrals import NotAnOfficer, NotASocialWorker, Referrals
from interview_room.signing.pki import der_to_pem
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import SigningKeyUnavailable, StationCertificates
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session, WrongPasswordDelayed
from tests.conftest import ADMIN_PASSWORD, CreatedStation, WorkstationFactory
from tests.external_tools import require_tool, run_tool

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
PERSON = "Drita Shembulli"


@dataclass
class Station:
    created: CreatedStation
    officer: Session
    case_id: str

    def interview(self) -> Interview:
        return Interview.resume(self.officer, self.case_id, ProtocolLibrary())


@pytest.fixture
def station(workstation: WorkstationFactory) -> Station:
    created = workstation(training=True)
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = created.workstation.unlock(*OFFICER)
    result = run_scenario(
        officer, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, PERSON, 1, worker.id
    )
    (case,) = [c for c in officer.cases.search() if c.code == result.case_code]
    return Station(created, officer, case.id)


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    require_tool("pdftotext")
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_doubly_signed_referral_is_valid_for_pdfsig_qpdf_and_the_app(
    station: Station, tmp_path: Path
) -> None:
    referrals = Referrals(station.officer)
    record = referrals.create(
        station.interview(),
        recipient="responsible_authority",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    assert not record.fully_signed
    record = referrals.countersign(record.id, *WORKER)
    assert record.fully_signed
    assert station.officer.cases.get(station.case_id).status is CaseStatus.REFERRED

    pdf = tmp_path / "referral.pdf"
    referrals.export(record.id, pdf)
    assert pdf.stat().st_mode & 0o077 == 0
    root = tmp_path / "root.pem"
    root.write_bytes(der_to_pem(StationCertificates(station.officer.db).trust_anchors()[0]))
    nss = tmp_path / "nss"
    nss.mkdir()
    require_tool("certutil")
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool("certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root))
    require_tool("pdfsig")
    report = run_tool("pdfsig", "-nssdir", f"sql:{nss}", str(pdf)).stdout
    assert report.count("Signature is Valid.") == 2
    assert report.count("Certificate is Trusted.") == 2
    assert "Oficer Shembulli" in report and "Punonjëse Sociale Shembulli" in report
    require_tool("qpdf")
    assert run_tool("qpdf", "--check", str(pdf)).returncode == 0

    check = referrals.verify(pdf.read_bytes())
    assert check.valid and len(check.signatures) == 2

    text = _pdftotext(pdf.read_bytes(), tmp_path)
    assert "Formular referimi" in text and PERSON in text
    assert "TRAJNIM" in text, "a training referral says so on every page"
    events = [(e.event, e.detail) for e in station.officer.audit.entries()]
    assert sum(event == AuditEvent.REFERRAL_SIGNED for event, _ in events) == 2
    assert any(event == AuditEvent.EXPORT for event, _ in events)
    assert PERSON not in " ".join(detail for _, detail in events)


def test_one_changed_byte_is_reported_by_pdfsig_and_the_app(
    station: Station, tmp_path: Path
) -> None:
    referrals = Referrals(station.officer)
    record = referrals.create(
        station.interview(),
        recipient="shelter",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    record = referrals.countersign(record.id, *WORKER)
    signed = bytearray(referrals.pdf(record.id))
    where = signed.index(b"/Title")  # inside the first signed revision
    signed[where + 8] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(signed))
    require_tool("pdfsig")
    report = run_tool("pdfsig", str(tampered)).stdout
    assert report.count("Signature is Valid.") < 2
    assert not referrals.verify(bytes(signed)).valid


def test_without_consent_and_without_a_legal_duty_no_form_is_made(station: Station) -> None:
    # Issue 12: a "law minimum" form went to any recipient without consent. Now there is no
    # referral unless a law requires it (tests/referral/test_minimum_necessary.py).
    referrals = Referrals(station.officer)
    with pytest.raises(ReferralNeedsConsent):
        referrals.create(
            station.interview(),
            recipient="child_protection_unit",  # an adult who did not agree to it
            language="en",
            urgency=Urgency.WITHIN_24_HOURS,
            officer_password=OFFICER[1],
        )
    assert referrals.for_case(station.case_id) == []


def test_signing_needs_each_signers_own_password(station: Station) -> None:
    referrals = Referrals(station.officer)
    with pytest.raises(WrongPasswordDelayed):
        referrals.create(
            station.interview(),
            recipient="shelter",
            language="sq",
            urgency=Urgency.ROUTINE,
            officer_password="not-the-password",
        )
    assert referrals.for_case(station.case_id) == []
    station.created.clock.advance(5)
    record = referrals.create(
        station.interview(),
        recipient="shelter",
        language="sq",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    with pytest.raises(NotASocialWorker):
        referrals.countersign(record.id, OFFICER[0], OFFICER[1])
    with pytest.raises(WrongPasswordDelayed):
        referrals.countersign(record.id, WORKER[0], "not-her-password")


def test_a_referral_needs_a_recorded_decision(workstation: WorkstationFactory) -> None:
    created = workstation()
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    created.session.logout()
    session = created.workstation.unlock(*OFFICER)
    interview = Interview.begin(session, ProtocolLibrary().current(), "sq", PERSON)
    with pytest.raises(ReferralNotPossible):
        Referrals(session).create(
            interview,
            recipient="shelter",
            language="sq",
            urgency=Urgency.ROUTINE,
            officer_password=OFFICER[1],
        )


def test_an_administrator_cannot_sign_in_the_officers_field(station: Station) -> None:
    # Issue 13: the role check was only "not a social worker", so an administrator signed as
    # the officer. Only a border police officer makes (and certifies) a referral now.
    station.officer.logout()
    admin = station.created.workstation.unlock(station.created.admin_username, ADMIN_PASSWORD)
    with pytest.raises(NotAnOfficer):
        Referrals(admin).create(
            Interview.resume(admin, station.case_id, ProtocolLibrary()),
            recipient="shelter",
            language="sq",
            urgency=Urgency.ROUTINE,
            officer_password=ADMIN_PASSWORD,
        )
    assert Referrals(admin).for_case(station.case_id) == []


def test_signing_keys_open_only_with_their_owners_personal_key(station: Station) -> None:
    certificates = StationCertificates(station.officer.db)
    worker = station.officer.users.find(WORKER[0])
    assert worker is not None
    with pytest.raises(SigningKeyUnavailable):
        certificates.signing_key(worker.id, station.officer.keys.personal_key)


def test_disabled_users_signatures_show_as_revoked(station: Station) -> None:
    referrals = Referrals(station.officer)
    record = referrals.create(
        station.interview(),
        recipient="health_services",
        language="sq",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    record = referrals.countersign(record.id, *WORKER)
    pdf = referrals.pdf(record.id)
    station.officer.logout()
    admin = station.created.workstation.unlock(station.created.admin_username, ADMIN_PASSWORD)
    admin.disable_user(WORKER[0])
    check = Referrals(admin).verify(pdf)
    assert [c.revoked for c in check.signatures] == [False, True]
    assert not check.valid
    # The station CA's revocation list, embedded beside every later signature, names her.
    from cryptography import x509

    certificates = StationCertificates(admin.db)
    station_list = x509.load_der_x509_crl(certificates.revocation_lists()[0])
    serial = check.signatures[1].signer_serial
    assert serial is not None
    assert station_list.get_revoked_certificate_by_serial_number(serial) is not None
    station_ca = x509.load_der_x509_certificate(certificates.station_ca_certificate())
    assert station_list.is_signature_valid(station_ca.public_key())  # type: ignore[arg-type]
    admin.logout()


def test_the_sync_record_carries_the_signed_forms_hash_and_signing_times(
    station: Station, tmp_path: Path
) -> None:
    # Issue 13: so the centre can vouch years later that this exact form existed by then.
    import hashlib
    import json

    from interview_room.sync.records import case_record

    referrals = Referrals(station.officer)
    record = referrals.create(
        station.interview(),
        recipient="shelter",
        language="sq",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    record = referrals.countersign(record.id, *WORKER)
    exported = referrals.export(record.id, tmp_path / "referral.pdf").read_bytes()

    document = json.loads(
        case_record(station.officer.db, station.case_id, station.officer.station.station_id)
    )

    (carried,) = document["referrals"]
    assert carried["pdf_sha256"] == hashlib.sha256(exported).hexdigest()
    assert carried["pdf_sha256"] == referrals.verify(exported).sha256
    assert carried["officer_signed_at"] and carried["social_worker_signed_at"]
