"""What the referral says of the age, who answered for a child and the child's own view, and
the second practitioner's review, finding 13: a reduced identity for health services, a
controlling companion in the safety section, and the person's own words left out on the
officer's choice (audited; the signed form still holds for pdfsig)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralDocument, Urgency, as_text, build_referral
from interview_room.referral.own_words import own_words_for
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer, Protocol, SectionKind
from interview_room.store.audit import AuditEvent
from interview_room.workstation import Session
from tests.conftest import CreatedStation, WorkstationFactory
from tests.external_tools import require_tool, run_tool

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
OWN_WORDS = "Fjalë sintetike-Kq8: mos të kthehem me të."
REASONS = "Synthetic reasons: recruited with a false job, documents held by the companion."

ADULT: dict[str, Any] = {
    "needs_medical": "no",
    "obs_apparent_age": "clearly_adult",
    "obs_companion_control": "yes",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 19,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    "consent_share_shelter": "yes",
    "consent_share_state_social_service": "yes",
    "consent_share_health_services": "yes",
    "consent_share_responsible_authority": "yes",
    "safety_own_words": OWN_WORDS,
    "prep_sex": "female",
    "prep_nationality": "kosovo",
    "journey_direction": "in_transit",
    "rec_how_started": "offer_from_someone",
}
CHILD: dict[str, Any] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 11,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
    "consent_guardian": "yes",
    "consent_guardian_by": "legal_guardian",
    "consent_child_assent": "does_not_agree",
    "consent_storage": "yes",
}


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return ProtocolLibrary().current()


@pytest.fixture
def officer(workstation: WorkstationFactory) -> Session:
    created: CreatedStation = workstation(training=True)
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.add_user(WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    return created.workstation.unlock(*OFFICER)


def answered(session: Session, protocol: Protocol, values: dict[str, Any]) -> Interview:
    """An interview answered in order, each answer once its question shows."""
    interview = Interview.begin(session, protocol, "sq", "Drita Shembulli-Vb4")
    for section in protocol.sections:
        if section.kind is SectionKind.DETERMINATION:
            break
        if interview.blocker(section) is None and section.kind is SectionKind.QUESTIONS:
            interview.go_to(section)
        for question in section.questions:
            if question.id in values and question in interview.visible_questions(section):
                interview.answer(Answer.given(question.id, values[question.id]))
    return interview


def decided(session: Session, protocol: Protocol) -> Interview:
    interview = answered(session, protocol, ADULT)
    interview.go_to(next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION))
    interview.record_decision("potential_victim", REASONS)
    return interview


def document(
    interview: Interview, recipient: str, language: str = "en", leave_out: bool = False
) -> ReferralDocument:
    return build_referral(
        interview,
        recipient=recipient,
        language=language,
        urgency=Urgency.IMMEDIATE,
        station_name="Morinë",
        training=True,
        document_number="TRN-1-R1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
        leave_out_own_words=leave_out,
    )


def section_lines(doc: ReferralDocument, title_key: str) -> dict[str, str]:
    (section,) = [s for s in doc.sections if s.title == doc.label(title_key)]
    return {line.label: line.value for line in section.lines}


def test_the_apparent_age_is_printed_beside_the_age_worded_for_a_person(
    officer: Session, protocol: Protocol
) -> None:
    interview = decided(officer, protocol)
    for recipient in ("responsible_authority", "shelter", "health_services"):
        english = section_lines(document(interview, recipient), "section.person")
        assert english["Apparent age"] == "Clearly an adult", recipient
        albanian = section_lines(document(interview, recipient, "sq"), "section.person")
        assert albanian["Mosha e dukshme"] == "Qartësisht i/e rritur", recipient
        labels = list(english)
        assert labels.index("Apparent age") == labels.index("Age") + 1
        # Printed once, with the age, not again among the immediate needs.
        assert as_text(document(interview, recipient)).count("Apparent age") == 1


def test_health_services_get_a_reduced_identity(officer: Session, protocol: Protocol) -> None:
    interview = decided(officer, protocol)
    health = document(interview, "health_services")
    person = section_lines(health, "section.person")
    assert set(person) == {
        "Name (as given)",
        "Sex",
        "Age",
        "Apparent age",
        "Language of the person",
        "Interpreter",
    }
    text = as_text(health)
    assert "Direction of travel" not in text and "Nationality" not in text
    assert "In transit" not in text and "in transit" not in text
    full = section_lines(document(interview, "responsible_authority"), "section.person")
    assert {"Nationality", "Direction of travel"} <= set(full), "the others keep them"


def test_a_controlling_companion_is_in_the_safety_section(
    officer: Session, protocol: Protocol
) -> None:
    interview = decided(officer, protocol)
    companion = "A companion speaks for the person or watches them closely"
    for recipient in ("shelter", "state_social_service"):
        doc = document(interview, recipient)
        assert companion in section_lines(doc, "section.safety"), recipient
        assert companion not in section_lines(doc, "section.needs"), recipient
    assert companion not in as_text(document(interview, "health_services"))


def test_the_own_words_are_shown_to_the_officer_and_left_out_on_request(
    officer: Session, protocol: Protocol, tmp_path: Path
) -> None:
    interview = decided(officer, protocol)
    assert own_words_for(interview, "shelter") == OWN_WORDS
    assert own_words_for(interview, "health_services") is None, "no safety section there"
    assert OWN_WORDS in as_text(document(interview, "shelter"))
    assert OWN_WORDS not in as_text(document(interview, "shelter", leave_out=True))

    referrals = Referrals(officer)
    record = referrals.create(
        interview,
        recipient="shelter",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
        leave_out_own_words=True,
    )
    record = referrals.countersign(record.id, *WORKER)
    pdf = tmp_path / "shelter.pdf"
    referrals.export(record.id, pdf)
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Fjalë sintetike-Kq8" not in text
    assert "Plani i sigurisë" in text or "Siguria" in text, "the safety section is still there"
    require_tool("pdfsig")
    assert run_tool("pdfsig", str(pdf)).stdout.count("Signature is Valid.") == 2
    signed = [
        entry.detail
        for entry in officer.audit.entries()
        if entry.event == AuditEvent.REFERRAL_SIGNED and '"role":"officer"' in entry.detail
    ]
    assert len(signed) == 1 and '"own_words_left_out":true' in signed[0]
    assert "sintetike" not in " ".join(e.detail for e in officer.audit.entries())

    # Kept in: nothing of the kind is audited.
    kept = referrals.create(
        interview,
        recipient="state_social_service",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    detail = [e.detail for e in officer.audit.entries() if kept.id in e.detail]
    assert detail and "own_words_left_out" not in detail[0]


def test_who_answered_for_the_child_and_the_childs_no_are_on_the_units_referral(
    officer: Session, protocol: Protocol
) -> None:
    interview = answered(officer, protocol, CHILD)
    assert interview.consent_refused and interview.child_declined
    interview.refuse_consent()
    unit = document(interview, "child_protection_unit")
    assert not unit.consented, "by law, without the consent to share"
    consents = section_lines(unit, "section.consents.child")
    assert consents["Who answered for the child"] == "Legal guardian"
    assert consents["The child's own view of the interview"] == "Does not agree"
    decision = section_lines(unit, "section.decision")
    assert decision["Decision"].startswith("no interview: the child did not agree")
    in_albanian = document(interview, "child_protection_unit", "sq")
    albanian = section_lines(in_albanian, "section.consents.child")
    assert albanian["Mendimi i vetë fëmijës për intervistën"] == "Nuk pranon"
    assert albanian["Kush u përgjigj për fëmijën"] == "Kujdestari ligjor"
    person = section_lines(in_albanian, "section.person")
    assert person["Mosha e dukshme"] == "Mund të jetë nën 18 vjeç"
    assert "Apparent age:  Could be under 18".replace("  ", " ") in as_text(unit)
