"""Seventh practitioner's review, finding 3 (w15): a boy of 14 leaving with his father, the
Child Protection Unit 40 minutes away, whispers that his father "sells him to work". The
officers record at once that the adult may be involved: the father's consents no longer stand,
the questions about the case and the consents wait for the Unit (the father waits outside),
and the child's words are recorded as an observation. Needs go on."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ConflictWaitsForTheUnit,
    ConsentsAreTheUnits,
    ConsentsWaitForTheUnit,
)
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Protocol
from tests.conftest import CreatedStation

BOY_WITH_HIS_FATHER_THE_UNIT_CALLED: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 14,
    "prep_age_doubt": "no",
    "prep_child_support": "legal_guardian",
    "child_cpu_informed": "yes",
    "consent_guardian": "yes",
    "consent_guardian_by": "legal_guardian",
    "consent_storage": "yes",
    "consent_share_shelter": "yes",
}
FATHERS_ANSWERS = ("consent_guardian_by", "consent_storage", "consent_share_shelter")


def _boy(station: CreatedStation, protocol: Protocol) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in BOY_WITH_HIS_FATHER_THE_UNIT_CALLED.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def test_the_conflict_is_recorded_before_the_unit_and_the_fathers_consents_fall(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _boy(station, protocol)
    rights = protocol.section("rights_and_consent")
    assert "guardian_conflict" in [q.id for q in interview.visible_questions(rights)]
    # Before: who the child travels with may be asked in front of the father.
    assert interview.blocker(protocol.section("child_and_companion")) is None

    interview.answer(Answer.given("guardian_conflict", "yes"))
    interview.answer(Answer.given("guardian_conflict_disclosure", "He said: my father sells me"))
    for question_id in FATHERS_ANSWERS:
        assert question_id not in interview.answers, question_id
    for section in ("child_and_companion", "journey_and_recruitment", "determination"):
        assert isinstance(interview.blocker(protocol.section(section)), ConflictWaitsForTheUnit)
    assert interview.blocker(protocol.section("immediate_needs")) is None, "needs go on"
    assert not interview.consent_refused
    with pytest.raises(ConsentsWaitForTheUnit):
        interview.answer(Answer.given("consent_storage", "yes"))
    with pytest.raises(ConsentsAreTheUnits):
        interview.answer(Answer.given("consent_guardian_by", "legal_guardian"))

    resumed = Interview.resume(station.session, interview.case.id, library)
    for question_id in FATHERS_ANSWERS:
        assert question_id not in resumed.answers, "gone from the store too"
    assert resumed.answers["guardian_conflict_disclosure"].value == "He said: my father sells me"

    # The Unit arrives and decides; the questions go on with the child heard apart.
    resumed.answer(Answer.given("prep_child_support", "child_protection_unit"))
    resumed.answer(Answer.given("consent_unit", "yes"))
    resumed.answer(Answer.given("consent_guardian_by", "child_protection_unit"))
    resumed.answer(Answer.given("consent_child_assent", "agrees"))
    resumed.answer(Answer.given("consent_storage", "yes"))
    assert resumed.blocker(protocol.section("journey_and_recruitment")) is None


def test_the_pause_tells_the_officers_to_ask_the_adult_to_wait_outside() -> None:
    problem = ConflictWaitsForTheUnit("x")
    english = find_sentence(problem, "en")
    albanian = find_sentence(problem, "sq")
    assert english is not None and "wait outside" in english
    assert albanian is not None and "presë jashtë" in albanian
