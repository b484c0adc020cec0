"""Second practitioner's review, finding 11: a child is not asked about the case with only the
accompanying parent or guardian in the room, who may be the exploiter. Until the Child
Protection Unit is present, only the immediate needs and who the child travels with may be
asked: not the safety questions either (third review, finding 7: who is a danger on return
cannot be answered in front of the adult who may be it)."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ChildAssentNeeded,
    ChildProtectionNotPresent,
    ChildViewNeedsTheUnit,
)
from interview_room.interview.interview import Interview
from interview_room.interview.safeguards import (
    ASKED_BEFORE_THE_UNIT_IS_PRESENT,
    CHILD_ASSENT_QUESTION,
)
from interview_room.screening import Answer, Protocol, SectionKind
from interview_room.screening.protocol import text
from tests.conftest import CreatedStation

CHILD_WITH_GUARDIAN: dict[str, str | int] = {
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 13,
    "prep_age_doubt": "no",
    "prep_child_support": "legal_guardian",
    "child_cpu_informed": "yes",
    "consent_guardian": "yes",
}
"""The child's own view is not here: it is recorded only with the unit present."""


def _child(station: CreatedStation, protocol: Protocol, **more: str | int) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in {**CHILD_WITH_GUARDIAN, **more}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def _case_sections(protocol: Protocol) -> list[str]:
    """The sections that ask about the case (and the determination)."""
    return [
        s.id
        for s in protocol.sections
        if s.kind in (SectionKind.QUESTIONS, SectionKind.DETERMINATION)
        and s.id not in ASKED_BEFORE_THE_UNIT_IS_PRESENT
    ]


def _blocked(interview: Interview) -> dict[str, bool]:
    return {
        s.id: isinstance(interview.blocker(s), ChildProtectionNotPresent)
        for s in interview.protocol.sections
    }


@pytest.mark.parametrize(
    "companion",
    [
        {"child_travelling_with": "mother_or_father", "child_adult_relationship": "parent"},
        {"child_travelling_with": "legal_guardian", "child_adult_relationship": "legal_guardian"},
        {"child_travelling_with": "other_relative", "child_adult_relationship": "parent"},
        {"child_travelling_with": "mother_or_father"},
        {},  # not asked yet: who the child travels with is not known
    ],
)
def test_a_child_with_the_accompanying_guardian_alone_is_not_asked_about_the_case(
    station: CreatedStation, protocol: Protocol, companion: dict[str, str]
) -> None:
    interview = _child(station, protocol, **companion)
    blocked = _blocked(interview)
    case = _case_sections(protocol)
    assert case and all(blocked[s] for s in case)
    # Who the child travels with may be asked before the unit comes; safety may not.
    assert {"child_and_companion"} == ASKED_BEFORE_THE_UNIT_IS_PRESENT
    for section_id in ASKED_BEFORE_THE_UNIT_IS_PRESENT:
        assert interview.blocker(protocol.section(section_id)) is None
    assert blocked["safety_and_risk"]
    assert blocked["needs"] and blocked["determination"]
    # ... and it comes first after the consents, so "Next" reaches it before the block.
    order = [s.id for s in protocol.sections]
    assert order.index("child_and_companion") == order.index("rights_and_consent") + 1
    interview.go_to(protocol.section("child_and_companion"))
    with pytest.raises(ChildProtectionNotPresent):
        interview.go_to(protocol.section(case[0]))
    with pytest.raises(ChildProtectionNotPresent):
        interview.record_decision("not_determined", "Sintetike: pa pyetje.")


@pytest.mark.parametrize("present", ["child_protection_unit", "both"])
def test_with_the_unit_present_the_child_is_asked(
    station: CreatedStation, protocol: Protocol, present: str
) -> None:
    interview = _child(
        station,
        protocol,
        child_travelling_with="mother_or_father",
        child_adult_relationship="parent",
    )
    # Not asked in front of the parent (fourth review, finding 6): only the unit asks it.
    with pytest.raises(ChildViewNeedsTheUnit):
        interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "agrees"))
    interview.answer(Answer.given("prep_child_support", present))
    assert all(
        isinstance(interview.blocker(s), ChildAssentNeeded)
        for s in protocol.sections
        if s.kind in (SectionKind.QUESTIONS, SectionKind.DETERMINATION)
    )
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "agrees"))
    assert all(interview.blocker(s) is None for s in protocol.sections)
    interview.go_to(protocol.section(_case_sections(protocol)[0]))


@pytest.mark.parametrize("alone", ["no_one", "other_children"])
def test_a_child_travelling_without_an_adult_is_asked_once_the_unit_hears_her_view(
    station: CreatedStation, protocol: Protocol, alone: str
) -> None:
    # A guardian who came to the crossing, the unit called: the case waits for the child's
    # view, which only the unit asks (fourth review, finding 6); then as before this finding.
    interview = _child(station, protocol, child_travelling_with=alone)
    assert all(_blocked(interview)[s] for s in _case_sections(protocol))
    interview.answer(Answer.given("prep_child_support", "both"))
    interview.answer(Answer.given(CHILD_ASSENT_QUESTION, "agrees"))
    interview.answer(Answer.given("prep_child_support", "legal_guardian"))  # the unit left
    assert all(_blocked(interview)[s] for s in _case_sections(protocol)), "view hidden again"
    interview.answer(Answer.given("prep_child_support", "both"))
    assert all(interview.blocker(s) is None for s in protocol.sections)


def test_an_adult_is_never_held_back(station: CreatedStation, protocol: Protocol) -> None:
    interview = _child(station, protocol, prep_age=30)
    assert not interview.presumed_child
    assert all(interview.blocker(s) is None for s in protocol.sections)


def test_the_officer_is_told_what_to_do_in_both_languages(protocol: Protocol) -> None:
    problem = ChildProtectionNotPresent("x")
    english, albanian = find_sentence(problem, "en"), find_sentence(problem, "sq")
    assert english is not None and "Child Protection Unit is present" in english
    assert albanian is not None and "e pranishme Njësia për Mbrojtjen e Fëmijës" in albanian
    question = protocol.question("child_travelling_with")
    assert question.guidance is not None
    assert text(protocol, "en", question.guidance).startswith("Ask the child apart from the adult.")
    assert text(protocol, "sq", question.guidance).startswith(
        "Pyeteni fëmijën veçmas nga i rrituri."
    )
