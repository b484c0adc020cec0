"""Issue 13, blind countersignature: the social worker signs the stored form itself, once it is
shown to be her officer's certified form for this referral, and exactly the bytes shown.

The attacker is an officer holding the station's database key: he certifies another form with
his own key through the app and puts it in the store in the referral's place, before the form
is shown or after."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.countersigning import (
    ExpectedLine,
    FormChangedSinceShown,
    FormDiffersFromRecord,
    FormItem,
    FormNotCertifiedByOfficer,
    differing_items,
)
from interview_room.referral.referrals import ReferralRecord, Referrals
from interview_room.signing.pki import der_to_pem
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.external_tools import require_tool, run_tool

OFFICER = ("oficer.cs", "synthetic-officer-passphrase")
OTHER_OFFICER = ("oficer.tjeter", "synthetic-second-officer-passphrase")
WORKER = ("punonjes.cs", "synthetic-worker-passphrase")


@dataclass
class Desk:
    officer: Session
    case_id: str
    referral: ReferralRecord
    other_officer_id: str

    def make(self, recipient: str, urgency: Urgency = Urgency.IMMEDIATE) -> ReferralRecord:
        """Another referral the officer certifies himself, through the app."""
        return Referrals(self.officer).create(
            Interview.resume(self.officer, self.case_id, ProtocolLibrary()),
            recipient=recipient,
            language="sq",
            urgency=urgency,
            officer_password=OFFICER[1],
        )

    def store(self, pdf: bytes) -> None:
        """What the insider does with the database key: another PDF in the referral's place."""
        self.officer.db.execute(
            "UPDATE referrals SET pdf = ? WHERE id = ?", (pdf, self.referral.id)
        )

    def stored(self) -> bytes:
        return Referrals(self.officer).pdf(self.referral.id)

    def worker_signatures(self) -> int:
        return sum(
            entry.event == AuditEvent.REFERRAL_SIGNED and "social_worker" in entry.detail
            for entry in self.officer.audit.entries()
        )


@pytest.fixture
def desk(workstation: WorkstationFactory) -> Desk:
    created = workstation(training=True)
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    other = admin.add_user(OTHER_OFFICER[0], "Oficer Tjetër", Role.OFFICER, OTHER_OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = created.workstation.unlock(*OFFICER)
    result = run_scenario(
        officer,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Drita Shembulli",
        1,
        worker.id,
    )
    (case,) = [c for c in officer.cases.search() if c.code == result.case_code]
    referral = Referrals(officer).create(
        Interview.resume(officer, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    return Desk(officer, case.id, referral, other.id)


def test_a_form_certified_for_another_recipient_is_refused_before_it_is_shown(desk: Desk) -> None:
    swapped = Referrals(desk.officer).pdf(desk.make("state_social_service").id)
    # The attack works on the checker alone: the swapped form is a valid officer-certified form.
    check = Referrals(desk.officer).verify(swapped)
    assert [p.kind.value for p in check.problems] == ["not_countersigned"]
    desk.store(swapped)

    with pytest.raises(FormDiffersFromRecord) as refused:
        Referrals(desk.officer).form_to_countersign(desk.referral.id)
    # Another recipient, and another document number (the second referral of the case).
    assert FormItem.RECIPIENT in refused.value.differing
    assert FormItem.DOCUMENT_NUMBER in refused.value.differing
    assert FormItem.CASE_CODE not in refused.value.differing
    # Signing without showing first checks the same, before the password is asked.
    with pytest.raises(FormDiffersFromRecord):
        Referrals(desk.officer).countersign(desk.referral.id, *WORKER)
    assert desk.stored() == swapped
    assert Referrals(desk.officer).get(desk.referral.id).social_worker_signed_by is None
    assert desk.worker_signatures() == 0


def test_a_form_with_another_urgency_is_refused(desk: Desk) -> None:
    routine = desk.make("responsible_authority", Urgency.ROUTINE)
    desk.store(Referrals(desk.officer).pdf(routine.id))
    with pytest.raises(FormDiffersFromRecord) as refused:
        Referrals(desk.officer).form_to_countersign(desk.referral.id)
    assert set(refused.value.differing) == {FormItem.DOCUMENT_NUMBER, FormItem.URGENCY}


def test_a_form_not_certified_by_the_recorded_officer_is_refused(desk: Desk) -> None:
    stored = desk.stored()
    # The record now names another officer than the one whose certificate signed the form.
    desk.officer.db.execute(
        "UPDATE referrals SET officer_signed_by = ? WHERE id = ?",
        (desk.other_officer_id, desk.referral.id),
    )
    with pytest.raises(FormNotCertifiedByOfficer) as refused:
        Referrals(desk.officer).form_to_countersign(desk.referral.id)
    assert any("not issued to the officer recorded" in r for r in refused.value.reasons)
    assert desk.stored() == stored


def test_a_form_altered_after_the_officer_signed_is_refused(desk: Desk) -> None:
    altered = bytearray(desk.stored())
    altered[altered.index(b"/Title") + 8] ^= 0x01
    desk.store(bytes(altered))
    with pytest.raises(FormNotCertifiedByOfficer):
        Referrals(desk.officer).form_to_countersign(desk.referral.id)
    with pytest.raises(FormNotCertifiedByOfficer):
        Referrals(desk.officer).countersign(desk.referral.id, *WORKER)


def test_a_form_changed_after_it_was_shown_is_refused_at_signing(desk: Desk) -> None:
    shown = Referrals(desk.officer).form_to_countersign(desk.referral.id)
    # After the form was shown, the insider puts his own certified form in its place, one
    # that would pass every check on its own.
    desk.store(Referrals(desk.officer).pdf(desk.make("responsible_authority").id))

    with pytest.raises(FormChangedSinceShown):
        Referrals(desk.officer).countersign(desk.referral.id, *WORKER, shown=shown)
    assert Referrals(desk.officer).get(desk.referral.id).social_worker_signed_by is None
    assert desk.worker_signatures() == 0


def test_the_social_worker_signs_exactly_the_bytes_shown_and_pdfsig_agrees(
    desk: Desk, tmp_path: Path
) -> None:
    referrals = Referrals(desk.officer)
    shown = referrals.form_to_countersign(desk.referral.id)
    assert shown.officer_signer == "Oficer Shembulli"
    record = referrals.countersign(desk.referral.id, *WORKER, shown=shown)
    assert record.fully_signed
    signed = referrals.pdf(desk.referral.id)
    # An incremental update: the signed file begins with every byte that was shown.
    assert signed[: len(shown.pdf)] == shown.pdf and len(signed) > len(shown.pdf)
    assert referrals.verify(signed).valid
    (entry,) = [
        e
        for e in desk.officer.audit.entries()
        if e.event == AuditEvent.REFERRAL_SIGNED and "social_worker" in e.detail
    ]
    assert shown.sha256 in entry.detail

    pdf = tmp_path / "referral.pdf"
    pdf.write_bytes(signed)
    root = tmp_path / "root.pem"
    root.write_bytes(der_to_pem(StationCertificates(desk.officer.db).trust_anchors()[0]))
    nss = tmp_path / "nss"
    nss.mkdir()
    certutil = require_tool("certutil")
    run_tool(certutil, "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root))
    report = run_tool(require_tool("pdfsig"), "-nssdir", f"sql:{nss}", str(pdf)).stdout
    assert report.count("Signature is Valid.") == 2
    assert report.count("Certificate is Trusted.") == 2
    checked = run_tool(require_tool("qpdf"), "--check", str(pdf))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_form_is_not_shown_twice_for_signing(desk: Desk) -> None:
    shown = Referrals(desk.officer).form_to_countersign(desk.referral.id)
    Referrals(desk.officer).countersign(desk.referral.id, *WORKER, shown=shown)
    with pytest.raises(Exception, match="already signed"):
        Referrals(desk.officer).form_to_countersign(desk.referral.id)
    with pytest.raises(Exception, match="already signed"):
        Referrals(desk.officer).countersign(desk.referral.id, *WORKER, shown=shown)


def test_lines_are_compared_as_whole_words() -> None:
    expected = [ExpectedLine(FormItem.DOCUMENT_NUMBER, "Dokumenti nr.", ("MOR-2026-0001-R1",))]
    assert differing_items(["Dokumenti nr. MOR-2026-0001-R1\r\nReferimi"], expected) == ()
    assert differing_items(["Dokumenti nr. MOR-2026-0001-R10\r\nReferimi"], expected) == (
        FormItem.DOCUMENT_NUMBER,
    )
    # A line the form wrapped where the record has a space still matches.
    recipient = [ExpectedLine(FormItem.RECIPIENT, "Referuar te", ("Shërbimi Social Shtetëror",))]
    assert differing_items(["Referuar te Shërbimi Social\r\nShtetëror"], recipient) == ()
    assert differing_items(["Referuar te Strehëz"], recipient) == (FormItem.RECIPIENT,)
