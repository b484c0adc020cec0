"""The safety plan and the person's own view on the referral, the child's section, and the two
new recipients (issue 12): each recipient gets them only where ``recipients.json`` says it
needs them, on the basis that holds (consent, or a legal duty)."""

from __future__ import annotations

from typing import Any

import pytest

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, as_text, build_referral
from interview_room.referral.recipients import ReferralNeedsConsent, recipient_table
from interview_room.screening import Answer, Protocol, SectionKind
from tests.conftest import CreatedStation, WorkstationFactory

PLAN = "Synthetic plan: the companion is kept in the officers' room; shelter tonight."
OWN_WORDS = "Synthetic words: not to go back with him."
REASONS = "Synthetic reasons: recruited with a false job, documents held by the companion."
SAFETY_TITLE = "Safety and the person's own view"
CHILD_TITLE = "The child and the accompanying adult"

ADULT: dict[str, Any] = {
    "needs_medical": "no",
    "safety_threat_at_crossing": "companion_here",
    "obs_companion_control": "yes",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 24,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    "consent_share_shelter": "yes",
    "consent_share_health_services": "yes",
    "consent_share_anti_trafficking_police": "yes",
    "consent_share_asylum_migration_authority": "yes",
    "consent_share_responsible_authority": "no",
    "safety_danger_on_return": ["people_who_brought"],
    "safety_family_threatened": "in_danger",
    "safety_what_feels_safe": ["away_from_companion", "safe_place_to_stay"],
    "safety_own_words": OWN_WORDS,
    "safety_plan": PLAN,
    "prep_sex": "female",
    "journey_direction": "leaving_albania",
    "rec_how_started": "offer_from_someone",
    "rec_who_arranged": "acquaintance",
    "rec_promised": ["a_job"],
    "rec_what_awaits": ["details_unknown", "work_off_debt"],
    "obs_documents_held_by_companion": "yes",
    "debt_owed": "to_recruiter_or_employer",
    "need_services": ["safe_place_to_stay", "legal_advice"],
    "need_safe_to_return": "not_safe",
}
CHILD: dict[str, Any] = {
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 15,
    "prep_age_doubt": "no",
    "prep_child_support": "child_protection_unit",
    "consent_guardian": "yes",
    "consent_child_assent": "agrees",
    "consent_storage": "yes",
    "consent_share_child_protection_unit": "no",  # the law requires it anyway
    "consent_share_health_services": "yes",
    "safety_plan": PLAN,
    "child_travelling_with": "no_one",
    "child_status": "unaccompanied",
    "rec_how_started": "offer_from_someone",
    "rec_what_awaits": ["details_unknown"],
    "need_services": ["safe_place_to_stay"],
}


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    return workstation(training=True)


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return ProtocolLibrary().current()


def decided(
    station: CreatedStation, protocol: Protocol, values: dict[str, Any], decision: str
) -> Interview:
    """An interview answered in order (each answer once its question shows), then decided."""
    interview = Interview.begin(station.session, protocol, "en", "Drita Shembulli-Sf2")
    for section in protocol.sections:
        if section.kind is SectionKind.DETERMINATION:
            interview.go_to(section)
            break
        for question in section.questions:
            if question.id in values and question in interview.visible_questions(section):
                value = values[question.id]
                interview.answer(
                    Answer.given(question.id, tuple(value) if isinstance(value, list) else value)
                )
    interview.record_decision(decision, REASONS)
    return interview


def form(interview: Interview, recipient: str, language: str = "en") -> str:
    return as_text(
        build_referral(
            interview,
            recipient=recipient,
            language=language,
            urgency=Urgency.IMMEDIATE,
            station_name="Morinë",
            training=True,
            document_number="TRN-1-R1",
            officer_name="Oficer Shembulli",
            social_worker_name="Punonjëse Sociale Shembulli",
        )
    )


def titles(text: str) -> set[str]:
    return {line for line in text.splitlines() if line and not line.startswith(" ")}


def test_the_safety_plan_and_the_persons_view_go_only_where_needed(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = decided(station, protocol, ADULT, "potential_victim")

    shelter = form(interview, "shelter")
    assert SAFETY_TITLE in titles(shelter)
    for shown in (PLAN, OWN_WORDS, "Not safe", "A safe place to stay", "Legal advice"):
        assert shown in shelter, shown
    assert "Being kept away from the person they came with" in shelter
    assert shelter.count("The person's companion is at the crossing") == 1, "in the needs"
    assert REASONS not in shelter, "the shelter needs the plan, not the story"

    health = form(interview, "health_services")
    assert SAFETY_TITLE not in titles(health)
    assert PLAN not in health and OWN_WORDS not in health

    asylum = form(interview, "asylum_migration_authority")
    assert "Asylum and migration authority" in asylum
    assert SAFETY_TITLE in titles(asylum) and PLAN in asylum, "danger on return matters"
    assert REASONS not in asylum and "Indicators of trafficking" not in asylum

    police = form(interview, "anti_trafficking_police")
    assert "Anti-trafficking police or prosecutor" in police
    assert "the person's consent" in police and "Drita" in police
    assert PLAN in police and REASONS in police
    assert CHILD_TITLE not in titles(police), "an adult's form has no child's section"
    assert "The person's companion is at the crossing" in police, "the police get no needs"

    albanian = form(interview, "shelter", "sq")
    assert "Siguria dhe mendimi i vetë personit" in titles(albanian) and PLAN in albanian


def test_without_consent_the_police_get_the_offence_and_the_asylum_authority_nothing(
    station: CreatedStation, protocol: Protocol
) -> None:
    refused = {
        **ADULT,
        "consent_share_anti_trafficking_police": "no",
        "consent_share_asylum_migration_authority": "no",
    }
    interview = decided(station, protocol, refused, "potential_victim")
    report = form(interview, "anti_trafficking_police")
    assert "Article 281 of the Code of Criminal Procedure" in report
    for withheld in ("Drita", PLAN, OWN_WORDS, REASONS, SAFETY_TITLE, "The person"):
        assert withheld not in report, withheld
    with pytest.raises(ReferralNeedsConsent):
        form(interview, "asylum_migration_authority")


def test_the_childs_section_goes_to_the_child_protection_unit_by_law(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = decided(station, protocol, CHILD, "potential_victim")
    assert interview.presumed_child
    unit = form(interview, "child_protection_unit")
    assert "a legal duty" in unit and CHILD_TITLE in titles(unit)
    assert "Unaccompanied: alone, or with an adult not responsible for the child" in unit
    assert "No one: alone" in unit and PLAN in unit
    health = form(interview, "health_services")
    assert CHILD_TITLE not in titles(health) and PLAN not in health


def test_every_group_a_kind_receives_is_known_and_new_lists_name_real_questions(
    protocol: Protocol,
) -> None:
    table = recipient_table()
    for recipient in ("anti_trafficking_police", "asylum_migration_authority"):
        assert table.rule(recipient).kind in ("police", "asylum_migration")
    assert "safety" not in table.rule("health_services").with_consent
    police = table.rule("anti_trafficking_police").by_law
    assert police is not None and set(police.groups) == {"outcome", "indicators"}
    for question_id in (*table.safety_questions, *table.child_questions):
        assert protocol.has_question(question_id), question_id
    assert {"need_services", "need_safe_to_return", "safety_plan"} <= set(table.safety_questions)
