"""Fourth practitioner's review, finding 6: a child's own view of the interview is heard apart
from the adult the child travels with. With only that adult (the accompanying parent or
guardian) in the room, a "does not agree" does not end the interview: the case questions pause
until the Child Protection Unit is present, and the unit asks the child again, apart. Needs,
emergency help and the unit's referral by law stay possible throughout."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ChildAssentNeeded,
    ChildProtectionNotPresent,
    ChildViewWaitsForTheUnit,
    InterviewError,
)
from interview_room.interview.interview import Interview, Outcome, StopRequester
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.safeguards import CHILD_ASSENT_QUESTION, child_heard_apart
from interview_room.referral.recipients import Basis, possible_basis
from interview_room.screening import Answer, Protocol, SectionKind
from tests.conftest import CreatedStation

WITH_HER_FATHER: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 15,
    "prep_age_doubt": "no",
    "prep_child_support": "legal_guardian",
    "child_cpu_informed": "yes",
    "consent_guardian": "yes",
    "consent_guardian_by": "legal_guardian",
}


def _child(station: CreatedStation, protocol: Protocol, **more: str | int) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in {**WITH_HER_FATHER, **more}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def _asking(protocol: Protocol) -> list[str]:
    return [
        s.id
        for s in protocol.sections
        if s.kind in (SectionKind.QUESTIONS, SectionKind.DETERMINATION)
    ]


def test_a_no_in_front_of_the_father_pauses_and_the_unit_asks_again_apart(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _child(station, protocol, consent_child_assent="does_not_agree")
    assert not child_heard_apart(protocol, interview.answers)
    assert not interview.child_declined and not interview.consent_refused
    with pytest.raises(InterviewError):
        interview.refuse_consent()  # nothing ends on a "no" said in front of him
    for section_id in _asking(protocol):
        problem = interview.blocker(protocol.section(section_id))
        assert isinstance(problem, ChildViewWaitsForTheUnit), section_id
        assert isinstance(problem, ChildProtectionNotPresent), "waits as for the unit"
    with pytest.raises(ChildViewWaitsForTheUnit):
        interview.record_decision("not_determined", "arsye-sintetike")
    # Needs and help stay possible throughout the pause.
    assert interview.blocker(protocol.section("immediate_needs")) is None
    interview.answer(Answer.given("needs_medical", "yes"))
    basis = possible_basis(interview, "child_protection_unit")
    assert basis is not None and basis.basis is Basis.LAW

    # The unit comes in: the earlier "no" is not her view; she is asked again, apart.
    interview.answer(Answer.given("prep_child_support", "both"))
    assert CHILD_ASSENT_QUESTION not in interview.answers
    resumed = Interview.resume(station.session, interview.case.id, library)
    assert CHILD_ASSENT_QUESTION not in resumed.answers, "forgotten in the store too"
    first = protocol.section(_asking(protocol)[0])
    assert isinstance(interview.blocker(first), ChildAssentNeeded)
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "does_not_agree"))
    assert interview.child_declined and interview.consent_refused, "heard apart, it counts"
    interview.refuse_consent()
    assert interview.outcome is Outcome.CONSENT_REFUSED


def test_asked_apart_the_child_may_agree_and_the_questions_go_on(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_child_assent="does_not_agree")
    interview.answer(Answer.given("prep_child_support", "child_protection_unit"))
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "agrees"))
    assert all(interview.blocker(s) is None for s in protocol.sections)
    # A later change of who is present does not throw away a view heard apart.
    interview.answer(Answer.given("prep_child_support", "both"))
    assert interview.answers[CHILD_ASSENT_QUESTION].value == "agrees"


def test_with_only_the_guardian_the_child_is_not_asked_and_who_she_travels_with_may_be(
    station: CreatedStation, protocol: Protocol
) -> None:
    """The child's view is not needed before the unit comes: only who the child travels with
    may be asked then, and the rest waits for the unit, as before."""
    interview = _child(station, protocol)
    assert interview.blocker(protocol.section("child_and_companion")) is None
    interview.go_to(protocol.section("child_and_companion"))
    interview.answer(Answer.given("child_travelling_with", "mother_or_father"))
    interview.answer(Answer.given("child_adult_relationship", "parent"))
    for section_id in _asking(protocol):
        if section_id != "child_and_companion":
            problem = interview.blocker(protocol.section(section_id))
            assert type(problem) is ChildProtectionNotPresent, section_id


def test_a_child_travelling_alone_is_heard_apart_from_the_guardian_present(
    station: CreatedStation, protocol: Protocol
) -> None:
    """A guardian who is not the adult the child travels with: the child's view counts as
    before, and a "no" ends the interview."""
    interview = _child(station, protocol, child_travelling_with="no_one")
    assert child_heard_apart(protocol, interview.answers)
    assert isinstance(interview.blocker(protocol.section("safety_and_risk")), ChildAssentNeeded)
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "does_not_agree"))
    assert interview.child_declined and interview.consent_refused


def test_a_paused_interview_can_be_stopped_for_help_and_taken_up_again(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_child_assent="does_not_agree")
    interview.stop(StopRequester.INTERVIEWER, "Duke pritur Njësinë.")
    interview.answer_for_help("needs_basic", Answer.given("needs_basic", ("water", "rest")))
    interview.continue_interview()
    interview.answer(Answer.given("prep_child_support", "both"))
    assert isinstance(interview.blocker(protocol.section("child_and_companion")), ChildAssentNeeded)


def test_the_pause_is_worded_for_people() -> None:
    problem = ChildViewWaitsForTheUnit("x")
    english, albanian = find_sentence(problem, "en"), find_sentence(problem, "sq")
    assert english is not None and "asks the child again, apart" in english
    assert "does not end" in english
    assert albanian is not None and "e pyet fëmijën përsëri, veçmas" in albanian
