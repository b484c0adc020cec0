"""Sixth practitioner's review, finding 1: "the accompanying adult may be involved" reaches the
forms of those who must not hand the child back to that adult (the shelter, the police, the
Child Protection Unit, the Responsible Authority), and the refusal line; the guardian's own
answer and the Unit worker's decision are printed where the child's section is (the Unit and
the Responsible Authority). Since the seventh review (finding 4) every form, a health
service's too, carries it as the alert on top of page 1 (``test_review7_forms.py``)."""

from __future__ import annotations

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralDocument, Urgency, build_referral
from interview_room.screening import Answer, Outcome, assess
from tests.conftest import WorkstationFactory

GIRL_WITH_AN_UNCLE_WHO_MAY_BE_INVOLVED: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 14,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
    "guardian_conflict": "yes",
    "consent_guardian": "no",
    "consent_unit": "yes",
    "consent_guardian_by": "child_protection_unit",
    "consent_child_assent": "agrees",
    "consent_storage": "yes",
    "consent_share_shelter": "yes",
    "consent_share_child_protection_unit": "yes",
    "consent_share_health_services": "yes",
}


def _interview(workstation: WorkstationFactory) -> Interview:
    interview = Interview.begin(workstation().session, ProtocolLibrary().current(), "sq")
    for question_id, value in GIRL_WITH_AN_UNCLE_WHO_MAY_BE_INVOLVED.items():
        interview.answer(Answer.given(question_id, value))
    interview.record_decision("potential_victim", "Synthetic: a café job, the money to him.")
    return interview


def _form(interview: Interview, recipient: str) -> ReferralDocument:
    return build_referral(
        interview,
        recipient=recipient,
        language="en",
        urgency=Urgency.IMMEDIATE,
        station_name="Morinë",
        training=True,
        document_number="T-1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
    )


def _lines(document: ReferralDocument) -> dict[str, str]:
    return {line.label: line.value for section in document.sections for line in section.lines}


def test_the_shelter_is_told_not_to_hand_the_child_to_the_adult(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation)
    shelter = _lines(_form(interview, "shelter"))
    conflict = [label for label in shelter if label.startswith("The accompanying adult may be")]
    assert conflict, "the shelter's form names the adult who may be involved"
    assert "do not hand the child over" in conflict[0]
    assert shelter[conflict[0]] == "Yes"
    # The shelter gets the one line, not the guardian's answer or the Unit's decision.
    assert not any("Child Protection Unit worker agrees" in label for label in shelter)


def test_the_unit_sees_the_guardians_no_and_its_own_decision(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation)
    unit = _lines(_form(interview, "child_protection_unit"))
    assert any(label.startswith("The accompanying adult may be") for label in unit)
    unit_decision = [label for label in unit if "Child Protection Unit worker agrees" in label]
    assert unit_decision and unit[unit_decision[0]] == "Yes"
    guardian = [label for label in unit if label.startswith("Legal guardian or")]
    assert guardian and unit[guardian[0]] == "No", sorted(unit)


def test_a_health_service_is_told_by_the_alert_not_a_row(workstation: WorkstationFactory) -> None:
    interview = _interview(workstation)
    document = _form(interview, "health_services")
    assert not any("may be involved" in label for label in _lines(document))
    assert "Do not hand the child over" in document.alert


def test_the_refusal_line_names_the_adult_who_may_be_involved(
    workstation: WorkstationFactory,
) -> None:
    """u01: the father agrees, the Unit says no tonight: the refusal prints the conflict."""
    protocol = ProtocolLibrary().current()
    answers = {
        k: Answer.given(k, v)
        for k, v in {
            **GIRL_WITH_AN_UNCLE_WHO_MAY_BE_INVOLVED,
            "consent_guardian": "yes",
            "consent_unit": "no",
        }.items()
    }
    result = assess(protocol, answers, presumed_child=True)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert ("guardian_conflict", "yes") in result.observations
    assert "The accompanying adult may be involved" in result.rule_text["en"]
