"""Seventh practitioner's review, findings 7 and 8: the questions about the case wait while the
person and the officers have no common language (w07: Urdu only, no interpreter), and while the
interpreter is one the person knows, until another one interprets. Needs and emergency help go
on; the decision stays open (no common language: "not determined")."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    InterpreterKnownWaits,
    InterviewError,
    NoCommonLanguage,
)
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Protocol, SectionKind
from tests.conftest import CreatedStation

AGREED_ADULT: dict[str, str | int] = {
    "obs_apparent_age": "clearly_adult",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 28,
    "prep_age_doubt": "no",
}
CASE_SECTIONS = ("safety_and_risk", "journey_and_recruitment", "needs")


def _adult(station: CreatedStation, protocol: Protocol, **more: str) -> Interview:
    interview = Interview.begin(station.session, protocol, "en")
    for question_id, value in {**more, **AGREED_ADULT}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def test_no_common_language_pauses_the_case_questions_not_needs_nor_the_decision(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _adult(station, protocol)
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None
    interview.answer(Answer.given("prep_common_language", "no"))
    for section in CASE_SECTIONS:
        problem = interview.blocker(protocol.section(section))
        assert isinstance(problem, NoCommonLanguage), section
        with pytest.raises(NoCommonLanguage):
            interview.go_to(protocol.section(section))
    assert interview.blocker(protocol.section("immediate_needs")) is None, "needs go on"
    determination = next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION)
    assert interview.blocker(determination) is None, "'not determined' can be recorded"
    # A telephone interpreter is reached: the officers change it to yes, read the rights and
    # ask the consents again (eighth review, finding 4), and the interview goes on.
    interview.answer(Answer.given("prep_common_language", "yes"))
    assert "consent_interview" not in interview.answers, "asked again"
    for question_id in ("consent_rights_read", "consent_interview"):
        interview.answer(Answer.given(question_id, "yes"))
    interview.go_to(protocol.section("journey_and_recruitment"))


def test_the_pause_tells_the_officers_to_get_an_interpreter_in_both_languages() -> None:
    english = find_sentence(NoCommonLanguage("x"), "en")
    albanian = find_sentence(NoCommonLanguage("x"), "sq")
    assert english is not None and "interpreter in the person's language" in english
    assert "emergency help" in english
    assert albanian is not None and "përkthyes në gjuhën e personit" in albanian
    assert "ndihma emergjente" in albanian


def test_a_child_without_a_common_language_waits_for_the_language_first(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "en")
    interview.answer(Answer.given("prep_common_language", "no"))
    interview.answer(Answer.given("prep_age", 15))
    assert interview.presumed_child
    problem = interview.blocker(protocol.section("child_and_companion"))
    assert isinstance(problem, NoCommonLanguage)


def test_an_interpreter_the_person_knows_pauses_the_case_questions_until_replaced(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _adult(
        station, protocol, prep_interpreter="yes", prep_interpreter_name="Dritan Shembulli, Urdu"
    )
    shown = [q.id for q in interview.visible_questions(protocol.section("rights_and_consent"))]
    assert "prep_interpreter_replaced" not in shown
    interview.answer(Answer.given("prep_interpreter_known", "yes"))
    for section in CASE_SECTIONS:
        assert isinstance(interview.blocker(protocol.section(section)), InterpreterKnownWaits)
    assert interview.blocker(protocol.section("immediate_needs")) is None
    shown = [q.id for q in interview.visible_questions(protocol.section("rights_and_consent"))]
    assert shown[:2] == ["prep_interpreter_known", "prep_interpreter_replaced"]

    interview.answer(Answer.given("prep_interpreter_replaced", "no"))
    assert isinstance(
        interview.blocker(protocol.section("journey_and_recruitment")), InterpreterKnownWaits
    )
    # Another interpreter comes; who interpreted what before is kept in the record; the rights
    # and the consents taken through the first one are asked again (eighth review, finding 5).
    interview.answer(Answer.given("prep_interpreter_replaced", "yes"))
    interview.answer(Answer.given("prep_interpreter_name", "Vera Shembulli, Urdu (telephone)"))
    interview.answer(Answer.given("prep_interpreter_first", "Dritan Shembulli, Urdu: the needs"))
    assert "consent_interview" not in interview.answers
    for question_id in ("consent_rights_read", "consent_interview"):
        interview.answer(Answer.given(question_id, "yes"))
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None
    resumed = Interview.resume(station.session, interview.case.id, library)
    assert resumed.answers["prep_interpreter_first"].value == "Dritan Shembulli, Urdu: the needs"
    assert resumed.blocker(protocol.section("journey_and_recruitment")) is None


def test_without_an_interpreter_knowing_one_holds_nothing_back(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _adult(station, protocol, prep_interpreter="yes")
    interview.answer(Answer.given("prep_interpreter_known", "yes"))
    # The interpreter left and none came: "interpreter present" is no, the question is hidden.
    interview.answer(Answer.given("prep_interpreter", "no"))
    interview.answer(Answer.given("consent_interview", "yes"))  # asked again, understood
    assert interview.blocker(protocol.section("journey_and_recruitment")) is None


@pytest.mark.parametrize("error", [NoCommonLanguage, InterpreterKnownWaits])
def test_each_pause_is_worded_for_a_person(error: type[InterviewError]) -> None:
    for language in ("sq", "en"):
        assert find_sentence(error("x"), language), (error.__name__, language)
