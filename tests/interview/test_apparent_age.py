"""Second practitioner's review, finding 8: after a refusal the age is never asked, so the
officers' observation of the apparent age (recorded with the immediate needs, before the
consent) decides whether the person is a presumed child: an adult who refuses is no longer
referred to the Child Protection Unit "by law", called a presumed child on a shelter's referral,
or counted as a child in the minimal record."""

from __future__ import annotations

import pytest

from interview_room.interview.interview import Interview
from interview_room.interview.personal_data import (
    ADULT_AGE_UNKNOWN,
    CHILD_AGE_UNKNOWN,
    PersonalData,
    read_personal_data,
)
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.recipients import possible_basis
from interview_room.screening import Answer, SectionKind
from tests.conftest import WorkstationFactory
from tests.referral.test_minimum_necessary import Station, open_station, preview

APPARENT_AGE = "obs_apparent_age"
PRESUMED_CHILD_WORDS = "presumed child"
"""How the English referral form says it (resources/referral/en.json value.presumed_child)."""


@pytest.fixture
def station(workstation: WorkstationFactory) -> Station:
    return open_station(workstation)


def _refused(station: Station, apparent_age: str | None) -> Interview:
    """The officers record the needs (and the apparent age), read the rights; the person says
    no. Nothing is asked about their age."""
    library = ProtocolLibrary()
    interview = Interview.begin(station.officer, library.current(), "sq")
    interview.answer(Answer.given("needs_medical", "no"))
    if apparent_age is not None:
        interview.answer(Answer.given(APPARENT_AGE, apparent_age))
    interview.answer(Answer.given("consent_rights_read", "yes"))
    interview.answer(Answer.given("consent_interview", "no"))
    interview.refuse_consent()
    return Interview.resume(station.officer, interview.case.id, library)


def _band(station: Station, interview: Interview) -> str | None:
    return read_personal_data(station.officer.db, interview.case.id)[1]


def test_the_apparent_age_is_an_observation_recorded_before_the_consent() -> None:
    protocol = ProtocolLibrary().current()
    question = protocol.question(APPARENT_AGE)
    assert question.observation and question.person_wording is None
    assert protocol.section(question.section_id).kind is SectionKind.IMMEDIATE_NEEDS
    assert question.options == ("clearly_adult", "could_be_under_18", "clearly_child")
    assert protocol.age_rule.apparent_age_question == APPARENT_AGE
    assert protocol.age_rule.apparent_adult_options == frozenset({"clearly_adult"})


def test_an_adult_who_refuses_is_not_a_presumed_child(station: Station) -> None:
    refused = _refused(station, "clearly_adult")
    assert not refused.presumed_child
    assert refused.personal_data is PersonalData.MINIMAL
    assert _band(station, refused) == ADULT_AGE_UNKNOWN
    # No referral to the Child Protection Unit by law, and none without her consent.
    assert possible_basis(refused, "child_protection_unit") is None
    refused.answer_for_help("consent_share_shelter", Answer.given("consent_share_shelter", "yes"))
    shelter = preview(station, refused, "shelter")
    assert PRESUMED_CHILD_WORDS not in shelter


@pytest.mark.parametrize("apparent_age", ["could_be_under_18", "clearly_child", None])
def test_a_refusal_that_may_be_a_childs_keeps_the_duty_to_the_child_protection_unit(
    station: Station, apparent_age: str | None
) -> None:
    refused = _refused(station, apparent_age)
    assert refused.presumed_child
    assert _band(station, refused) == CHILD_AGE_UNKNOWN
    unit = possible_basis(refused, "child_protection_unit")
    assert unit is not None and not unit.consented, "the referral the law requires"
    refused.answer_for_help("consent_share_shelter", Answer.given("consent_share_shelter", "yes"))
    assert PRESUMED_CHILD_WORDS in preview(station, refused, "shelter")


def test_the_apparent_age_can_still_be_recorded_after_a_refusal(station: Station) -> None:
    refused = _refused(station, None)
    assert APPARENT_AGE in {q.id for q in refused.help_questions()}
    refused.answer_for_help(APPARENT_AGE, Answer.given(APPARENT_AGE, "clearly_adult"))
    assert not refused.presumed_child
    assert _band(station, refused) == ADULT_AGE_UNKNOWN
    assert possible_basis(refused, "child_protection_unit") is None


@pytest.mark.parametrize(
    ("stated", "apparent", "printed"),
    [
        # A stated age under 18 is a child: not "age unknown or in doubt".
        (
            {"prep_age": 15, "prep_age_doubt": "no"},
            "could_be_under_18",
            "Age: 15 – child (under 18)",
        ),
        # A stated adult age that the officers doubt (third review, finding 1): presumed child.
        ({"prep_age": 19, "prep_age_doubt": "no"}, "clearly_child", "Age: 19 – presumed child"),
        ({"prep_age": 30, "prep_age_doubt": "no"}, "clearly_adult", "Age: 30"),
    ],
)
def test_the_referral_says_how_the_age_is_known(
    station: Station, stated: dict[str, int | str], apparent: str, printed: str
) -> None:
    library = ProtocolLibrary()
    interview = Interview.begin(station.officer, library.current(), "sq")
    for question_id, value in {
        APPARENT_AGE: apparent,
        "consent_rights_read": "yes",
        "consent_interview": "yes",
        **stated,
        "prep_child_support": "child_protection_unit",
        "consent_guardian": "yes",
        "consent_child_assent": "agrees",
        "consent_share_shelter": "yes",
    }.items():
        interview.answer(Answer.given(question_id, value))
    protocol = library.current()
    interview.go_to(next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION))
    interview.record_decision("not_determined", "Sintetike: vetëm mosha.")
    lines = [line.strip() for line in preview(station, interview, "shelter").splitlines()]
    age_line = next(line for line in lines if line.startswith("Age:"))
    assert age_line == printed or age_line.startswith(printed + " ("), age_line
    if printed == "Age: 30":
        assert age_line == printed
