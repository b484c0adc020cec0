"""Eighth practitioner's review, findings 4 and 5: no consent stands that the person could not
understand. With no common language (x11: Tigrinya only, no interpreter) or through an
interpreter the person knows (x07), "yes" to the rights and the consents is refused, typed and
worded; what was recorded before is set aside and asked again once that changes. When no other
interpreter can be reached, the person may choose to go on with the one they trust (⚠ centre),
so the officers are never trapped; the decision stays open either way."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ConsentWaitsForACommonLanguage,
    ConsentWaitsForAnotherInterpreter,
    InterpreterKnownWaits,
    InterviewError,
    NoCommonLanguage,
)
from interview_room.interview.interview import Interview
from interview_room.screening import Answer, ConsentScope, Protocol, SectionKind
from tests.conftest import CreatedStation

CONSENTS = (
    "consent_rights_read",
    "consent_interview",
    "consent_storage",
    "consent_share_shelter",
    "consent_share_anti_trafficking_police",
)
ADULT: dict[str, str | int] = {
    "obs_apparent_age": "clearly_adult",
    "prep_age": 20,
    "prep_age_doubt": "no",
}


def _begin(station: CreatedStation, protocol: Protocol, **more: str | int) -> Interview:
    interview = Interview.begin(station.session, protocol, "en")
    for question_id, value in {**ADULT, **more}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def _agree(interview: Interview) -> None:
    for question_id in CONSENTS:
        interview.answer(Answer.given(question_id, "yes"))


def test_no_consent_is_taken_without_a_common_language(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _begin(station, protocol, prep_common_language="no")
    for question_id in CONSENTS:
        with pytest.raises(ConsentWaitsForACommonLanguage) as refused:
            interview.answer(Answer.given(question_id, "yes"))
        assert isinstance(refused.value, NoCommonLanguage)
        assert question_id not in interview.answers
    interview.answer(Answer.given("consent_share_shelter", "no"))  # a "no" is not refused
    determination = next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION)
    assert interview.blocker(determination) is None, "'not determined' is never trapped"


def test_consents_taken_before_no_common_language_was_recorded_are_asked_again(
    station: CreatedStation, protocol: Protocol
) -> None:
    """x11: the man answered for her; the officers then record that she understands nothing."""
    interview = _begin(station, protocol)
    _agree(interview)
    interview.answer(Answer.given("prep_common_language", "no"))
    assert not set(CONSENTS) & set(interview.answers), "set aside"
    interview.answer(Answer.given("consent_share_shelter", "no"))
    # A telephone interpreter joins: the answer taken without one is asked again too.
    interview.answer(Answer.given("prep_common_language", "yes"))
    assert "consent_share_shelter" not in interview.answers
    _agree(interview)
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None


def test_a_known_interpreter_holds_back_the_rights_and_the_consents_until_replaced(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _begin(station, protocol, prep_interpreter="yes")
    _agree(interview)
    interview.answer(Answer.given("prep_interpreter_known", "yes"))
    assert not set(CONSENTS) & set(interview.answers), "taken through the known interpreter"
    for question_id in CONSENTS:
        with pytest.raises(ConsentWaitsForAnotherInterpreter) as refused:
            interview.answer(Answer.given(question_id, "yes"))
        assert isinstance(refused.value, InterpreterKnownWaits)
    interview.answer(Answer.given("prep_interpreter_replaced", "yes"))
    _agree(interview)
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None


def test_with_no_other_interpreter_the_person_may_choose_to_go_on(
    station: CreatedStation, protocol: Protocol
) -> None:
    """x07 at night with one Dari interpreter: a recorded way on, the person's choice."""
    interview = _begin(station, protocol, prep_interpreter="yes", prep_interpreter_known="yes")
    rights = protocol.section("rights_and_consent")
    shown = [q.id for q in interview.visible_questions(rights)]
    assert "prep_interpreter_trusted" not in shown
    interview.answer(Answer.given("prep_interpreter_replaced", "no"))
    shown = [q.id for q in interview.visible_questions(rights)]
    assert "prep_interpreter_trusted" in shown
    determination = next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION)
    assert interview.blocker(determination) is None, "never trapped"
    interview.answer(Answer.given("prep_interpreter_trusted", "yes"))
    _agree(interview)
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None
    assert interview.consent(ConsentScope.INTERVIEW) is True


@pytest.mark.parametrize(
    "error", [ConsentWaitsForACommonLanguage, ConsentWaitsForAnotherInterpreter]
)
def test_each_refusal_is_worded_for_a_person(error: type[InterviewError]) -> None:
    english = find_sentence(error("x"), "en")
    albanian = find_sentence(error("x"), "sq")
    assert english is not None and "consents" in english
    assert albanian is not None and "pëlqime" in albanian
