"""Fourth practitioner's review, finding 6: a child's own view of the interview is heard apart
from the adult the child travels with, and only with the Child Protection Unit present. The
protocol shows the question only when the unit is recorded as present, and the core refuses to
record it before (``ChildViewNeedsTheUnit``): with only the accompanying parent or guardian in
the room the child is not asked, and the case questions wait for the unit. Needs, emergency
help and the referral by law stay possible throughout. A "no" recorded in front of that adult
before this was enforced still only pauses the questions (``ChildViewWaitsForTheUnit``)."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ChildAssentNeeded,
    ChildProtectionNotPresent,
    ChildViewNeedsTheUnit,
    ChildViewWaitsForTheUnit,
    InterviewError,
)
from interview_room.interview.interview import Interview, Outcome, StopRequester
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.safeguards import (
    CHILD_ASSENT_QUESTION,
    child_blocker,
    child_heard_apart,
    view_to_ask_again,
)
from interview_room.referral.recipients import Basis, possible_basis
from interview_room.screening import Answer, Protocol, SectionKind, visible_question_ids
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


def test_with_only_the_father_the_childs_view_is_neither_shown_nor_recorded(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _child(station, protocol)
    shown = visible_question_ids(protocol, interview.answers, presumed_child=True)
    assert CHILD_ASSENT_QUESTION not in shown, "the protocol does not show it"
    for attempt in (
        Answer.given(CHILD_ASSENT_QUESTION, "does_not_agree"),
        Answer.given(CHILD_ASSENT_QUESTION, "agrees"),
        Answer.prefers_not_to_answer(CHILD_ASSENT_QUESTION),
    ):
        with pytest.raises(ChildViewNeedsTheUnit):
            interview.answer(attempt)
    assert CHILD_ASSENT_QUESTION not in interview.answers
    resumed = Interview.resume(station.session, interview.case.id, library)
    assert CHILD_ASSENT_QUESTION not in resumed.answers, "nothing reached the store"
    assert not interview.child_declined and not interview.consent_refused
    with pytest.raises(InterviewError):
        interview.refuse_consent()  # nothing to end on
    for section_id in _asking(protocol):
        problem = interview.blocker(protocol.section(section_id))
        if section_id == "child_and_companion":
            assert problem is None, "who the child travels with may be asked"
        else:
            assert isinstance(problem, ChildViewNeedsTheUnit), section_id
            assert isinstance(problem, ChildProtectionNotPresent), "waits as for the unit"
    with pytest.raises(ChildViewNeedsTheUnit):
        interview.record_decision("not_determined", "arsye-sintetike")
    # Needs and help stay possible throughout.
    assert interview.blocker(protocol.section("immediate_needs")) is None
    interview.answer(Answer.given("needs_medical", "yes"))
    basis = possible_basis(interview, "child_protection_unit")
    assert basis is not None and basis.basis is Basis.LAW

    # The unit comes in: now the question shows, the child is asked apart, and a no ends it.
    interview.answer(Answer.given("prep_child_support", "both"))
    shown = visible_question_ids(protocol, interview.answers, presumed_child=True)
    assert CHILD_ASSENT_QUESTION in shown
    first = protocol.section(_asking(protocol)[0])
    assert isinstance(interview.blocker(first), ChildAssentNeeded)
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "does_not_agree"))
    assert interview.child_declined and interview.consent_refused, "heard apart, it counts"
    interview.refuse_consent()
    assert interview.outcome is Outcome.CONSENT_REFUSED


def test_a_no_recorded_in_front_of_the_father_before_the_rule_only_pauses(
    protocol: Protocol,
) -> None:
    """A record made before the view was enforced: its "no" is not the child's view."""
    values = {**WITH_HER_FATHER, CHILD_ASSENT_QUESTION: "does_not_agree"}
    stored = {
        question_id: Answer.given(question_id, value) for question_id, value in values.items()
    }
    assert not child_heard_apart(protocol, stored)
    for section_id in _asking(protocol):
        problem = child_blocker(protocol, stored, protocol.section(section_id))
        assert isinstance(problem, ChildViewWaitsForTheUnit), section_id
    unit_here = {**stored, "prep_child_support": Answer.given("prep_child_support", "both")}
    assert view_to_ask_again(protocol, stored, unit_here), "the unit asks again"


def test_asked_apart_the_child_may_agree_and_the_questions_go_on(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol)
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
            assert isinstance(problem, ChildProtectionNotPresent), section_id


def test_a_child_travelling_alone_is_asked_for_her_view_only_when_the_unit_comes(
    station: CreatedStation, protocol: Protocol
) -> None:
    """A guardian who is not the adult the child travels with: the view still waits for the
    unit (it is asked only with the unit present); once heard, a "no" ends the interview."""
    interview = _child(station, protocol, child_travelling_with="no_one")
    assert isinstance(interview.blocker(protocol.section("safety_and_risk")), ChildViewNeedsTheUnit)
    with pytest.raises(ChildViewNeedsTheUnit):
        interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "agrees"))
    interview.answer(Answer.given("prep_child_support", "child_protection_unit"))
    assert isinstance(interview.blocker(protocol.section("safety_and_risk")), ChildAssentNeeded)
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "does_not_agree"))
    assert interview.child_declined and interview.consent_refused


def test_a_paused_interview_can_be_stopped_for_help_and_taken_up_again(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol)
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


def test_the_wait_for_the_unit_is_worded_for_people() -> None:
    problem = ChildViewNeedsTheUnit("x")
    english, albanian = find_sentence(problem, "en"), find_sentence(problem, "sq")
    assert english is not None and "only when the Child Protection Unit is present" in english
    assert albanian is not None and "vetëm kur është e pranishme Njësia" in albanian
