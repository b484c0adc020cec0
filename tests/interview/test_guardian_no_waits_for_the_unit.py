"""Sixth practitioner's review, finding 3: a guardian's "no" said before the Child Protection
Unit (already called) is present pauses the questions about the case and waits for the Unit,
like the child's own "no" in front of that adult; it never ends the interview by itself. Once
the Unit is present, the guardian's "no" with nothing recorded against the guardian ends it as
before; the Unit may record that the guardian may be involved and decide itself."""

from __future__ import annotations

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import GuardianConsentWaitsForTheUnit
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Outcome, Protocol, assess
from tests.conftest import CreatedStation

BOY_WITH_HIS_FATHER_THE_UNIT_CALLED: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 13,
    "prep_age_doubt": "no",
    "prep_child_support": "legal_guardian",
    "child_cpu_informed": "yes",
    "consent_guardian": "no",
}


def _boy(station: CreatedStation, protocol: Protocol) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in BOY_WITH_HIS_FATHER_THE_UNIT_CALLED.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def test_the_fathers_no_before_the_unit_arrives_pauses_the_questions(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _boy(station, protocol)
    assert not interview.consent_refused, "the father's no alone does not end it (u04)"
    assert interview.refused_for_the_child is None
    case = protocol.section("journey_and_recruitment")
    assert isinstance(interview.blocker(case), GuardianConsentWaitsForTheUnit)
    # Meanwhile the suggestion is "not determined", never "not met": nothing was asked.
    result = assess(protocol, interview.answers, presumed_child=True)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    resumed = Interview.resume(station.session, interview.case.id, library)
    assert not resumed.consent_refused
    assert isinstance(resumed.blocker(case), GuardianConsentWaitsForTheUnit)


def test_with_the_unit_present_the_guardians_no_ends_it_unless_the_unit_decides(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _boy(station, protocol)
    interview.answer(Answer.given("prep_child_support", "both"))
    assert interview.consent_refused, "the Unit came and said nothing else: as before"

    other = _boy(station, protocol)
    other.answer(Answer.given("prep_child_support", "both"))
    other.answer(Answer.given("guardian_conflict", "yes"))
    other.answer(Answer.given("consent_unit", "yes"))
    other.answer(Answer.given("consent_guardian_by", "child_protection_unit"))
    other.answer(Answer.given("consent_child_assent", "agrees"))
    assert not other.consent_refused
    assert other.blocker(protocol.section("journey_and_recruitment")) is None


def test_the_pause_is_explained_in_both_languages() -> None:
    problem = GuardianConsentWaitsForTheUnit("x")
    english = find_sentence(problem, "en")
    albanian = find_sentence(problem, "sq")
    assert english is not None and "does not end" in english
    assert albanian is not None and "nuk mbyllet" in albanian
