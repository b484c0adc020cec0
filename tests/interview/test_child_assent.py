"""Issue 12, children: who answered for the child (the legal guardian, the Child Protection
Unit worker, or both) is recorded apart from the consents themselves, and the child's own view
(agrees / does not agree / too young to say) counts: a child's "no" ends the interview as a
guardian's does, whatever the guardian said; help and the referral the law requires stay."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import ChildAssentNeeded, InterviewError
from interview_room.interview.interview import Interview, Outcome
from interview_room.interview.personal_data import PersonalData, minimal_question_ids
from interview_room.interview.safeguards import CHILD_ASSENT_QUESTION
from interview_room.referral.recipients import Basis, possible_basis
from interview_room.screening import Answer, Protocol, SectionKind
from tests.conftest import CreatedStation

CHILD: dict[str, str | int] = {
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 12,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
    "consent_guardian": "yes",
    "consent_guardian_by": "legal_guardian",
    "child_travelling_with": "no_one",
}


def _child(station: CreatedStation, protocol: Protocol, **more: str | int) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in {**CHILD, **more}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def _questions(protocol: Protocol) -> list[str]:
    return [
        s.id
        for s in protocol.sections
        if s.kind in (SectionKind.QUESTIONS, SectionKind.DETERMINATION)
    ]


def test_the_childs_no_ends_the_interview_whatever_the_guardian_said(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_child_assent="does_not_agree")
    assert interview.child_declined and interview.consent_refused
    for section_id in _questions(protocol):
        problem = interview.blocker(protocol.section(section_id))
        assert isinstance(problem, ChildAssentNeeded), section_id
    with pytest.raises(ChildAssentNeeded):
        interview.go_to(protocol.section(_questions(protocol)[0]))
    with pytest.raises(ChildAssentNeeded):
        interview.record_decision("not_determined", "arsye-sintetike")
    interview.refuse_consent()
    assert interview.outcome is Outcome.CONSENT_REFUSED and interview.is_closed
    with pytest.raises(InterviewError):
        interview.answer(Answer.given("rec_how_started", "own_plan"))
    # Help does not depend on the interview: needs still recorded, the unit still informed.
    interview.answer_for_help("needs_medical", Answer.given("needs_medical", "yes"))
    basis = possible_basis(interview, "child_protection_unit")
    assert basis is not None and basis.basis is Basis.LAW
    assert possible_basis(interview, "shelter") is None, "no consent to share, no duty"


def test_an_unrecorded_view_holds_the_questions_back_and_ends_nothing(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol)
    first = protocol.section(_questions(protocol)[0])
    assert isinstance(interview.blocker(first), ChildAssentNeeded)
    interview.skip(CHILD_ASSENT_QUESTION)
    assert isinstance(interview.blocker(first), ChildAssentNeeded), "skipped is no yes"
    assert not interview.consent_refused, "skipped is no refusal either"
    with pytest.raises(InterviewError):
        interview.refuse_consent()
    interview.clear(CHILD_ASSENT_QUESTION)
    interview.answer(Answer.prefers_not_to_answer(CHILD_ASSENT_QUESTION))
    assert isinstance(interview.blocker(first), ChildAssentNeeded)
    for goes_on in ("agrees", "too_young_to_say"):
        interview.answer(Answer.given(CHILD_ASSENT_QUESTION, goes_on))
        assert interview.blocker(first) is None, goes_on
        assert not interview.consent_refused
    interview.go_to(first)
    assert interview.current_section == first


def test_an_adult_is_not_asked_the_childs_questions(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq")
    adult: dict[str, str | int] = {
        "obs_apparent_age": "clearly_adult",
        "consent_interview": "yes",
        "prep_age": 34,
        "prep_age_doubt": "no",
    }
    for question_id, value in adult.items():
        interview.answer(Answer.given(question_id, value))
    consent = protocol.section("rights_and_consent")
    shown = {q.id for q in interview.visible_questions(consent)}
    assert not shown & {CHILD_ASSENT_QUESTION, "consent_guardian_by", "consent_guardian"}
    assert interview.blocker(protocol.section(_questions(protocol)[0])) is None
    assert not interview.child_declined


def test_who_answered_and_the_childs_view_are_kept_with_the_minimal_record(
    station: CreatedStation, protocol: Protocol
) -> None:
    """They are part of the consent record, not of the account: kept (and sent) when a record
    is refused, like the guardian's yes."""
    assert {"consent_guardian_by", CHILD_ASSENT_QUESTION} <= minimal_question_ids(protocol)
    interview = _child(
        station,
        protocol,
        consent_child_assent="too_young_to_say",
        consent_guardian_by="child_protection_unit",
        consent_storage="no",
    )
    assert interview.personal_data is PersonalData.MINIMAL
    held = {
        str(row[0])
        for row in station.session.db.all(
            "SELECT question_id FROM answers WHERE case_id = ?", (interview.case.id,)
        )
    }
    assert {"consent_guardian_by", CHILD_ASSENT_QUESTION} <= held
    assert "child_travelling_with" not in held


def test_the_refusal_is_worded_for_people() -> None:
    problem = ChildAssentNeeded("The child has not agreed to the interview.")
    english, albanian = find_sentence(problem, "en"), find_sentence(problem, "sq")
    assert english is not None and "child's own view" in english
    assert albanian is not None and "mendimi i vetë fëmijës" in albanian
