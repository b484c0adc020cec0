"""Review 2, finding 13 (minimum necessary): the lines about a child (who the child travels
with, the adult's relationship and papers, accompanied or not, and the child's own view of the
interview) print only on the forms of the recipients that act for the child: the Child
Protection Unit, the Responsible Authority and the asylum and migration authority. The shelter,
the social service, the police and health services do not get them; every child's form still
says who answered for the child (who gave the consents it prints). Read from the rendered PDFs
with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, build_referral
from interview_room.referral.render import render_referral
from interview_room.screening import Answer, Protocol, SectionKind
from tests.conftest import CreatedStation, WorkstationFactory
from tests.external_tools import require_tool

CHILD: dict[str, Any] = {
    "obs_apparent_age": "could_be_under_18",
    "obs_asked_apart": "guardian_stays_for_child",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 15,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
    "consent_guardian": "yes",
    "consent_guardian_by": "both",
    "consent_child_assent": "agrees",
    "consent_storage": "yes",
    "consent_share_responsible_authority": "yes",
    "consent_share_state_social_service": "yes",
    "consent_share_shelter": "yes",
    "consent_share_child_protection_unit": "yes",
    "consent_share_health_services": "yes",
    "consent_share_anti_trafficking_police": "yes",
    "consent_share_asylum_migration_authority": "yes",
    "child_travelling_with": "other_adult",
    "child_adult_relationship": "family_friend",
    "child_adult_papers": "none",
    "child_status": "separated",
    "rec_how_started": "offer_from_someone",
    "rec_what_awaits": ["details_unknown"],
}
CHILD_TITLE = "The child and the accompanying adult"
CHILD_LINES = ("Who the child says they travel", "A friend of the family", "Separated: without")
VIEW = "The child's own view"
WHO = "Who answered for the"
FOR_THE_CHILD = ("child_protection_unit", "responsible_authority", "asylum_migration_authority")
NOT_FOR_THE_CHILD = (
    "shelter",
    "state_social_service",
    "anti_trafficking_police",
    "health_services",
)


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return ProtocolLibrary().current()


def child(station: CreatedStation, protocol: Protocol) -> Interview:
    interview = Interview.begin(station.session, protocol, "en", "Drita Shembulli-Ch3")
    for section in protocol.sections:
        if section.kind is SectionKind.DETERMINATION:
            interview.go_to(section)
            break
        if section.kind is SectionKind.QUESTIONS:
            interview.go_to(section)
        for question in section.questions:
            if question.id in CHILD and question in interview.visible_questions(section):
                value = CHILD[question.id]
                interview.answer(
                    Answer.given(question.id, tuple(value) if isinstance(value, list) else value)
                )
    interview.record_decision("potential_victim", "Synthetic reasons: a family friend, no papers.")
    return interview


def pdf_text(interview: Interview, recipient: str, folder: Path) -> str:
    document = build_referral(
        interview,
        recipient=recipient,
        language="en",
        urgency=Urgency.IMMEDIATE,
        station_name="Morinë",
        training=True,
        document_number="TRN-1-R1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
    )
    pdf = folder / f"{recipient}.pdf"
    pdf.write_bytes(render_referral(document).pdf)
    text = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\f", " ")
    return " ".join(text.split())  # labels wrap in their column


def test_the_child_lines_print_only_for_those_who_act_for_the_child(
    workstation: WorkstationFactory, protocol: Protocol, tmp_path: Path
) -> None:
    interview = child(workstation(training=True), protocol)
    assert interview.presumed_child
    for recipient in FOR_THE_CHILD:
        text = pdf_text(interview, recipient, tmp_path)
        assert CHILD_TITLE in text, recipient
        assert all(line in text for line in CHILD_LINES), recipient
        assert VIEW in text and WHO in text, recipient
    for recipient in NOT_FOR_THE_CHILD:
        text = pdf_text(interview, recipient, tmp_path)
        assert CHILD_TITLE not in text, recipient
        assert not any(line in text for line in CHILD_LINES), recipient
        assert VIEW not in text, recipient
        assert WHO in text, f"{recipient}: who gave the consents it prints"
