"""Fifth practitioner's review, finding 5: a guardian who may be the exploiter (a father who
makes his son beg, one marrying off his daughter) must not be able to end the child's interview
or give the consents alone when the Child Protection Unit worker is present. The officers record
``guardian_conflict``; then the guardian's "no" neither ends the interview nor sets "not
determined" — the questions wait for the Unit worker's decision (``consent_unit``) — and the
consents for the child are the Unit worker's (``ConsentsAreTheUnits``)."""

from __future__ import annotations

import pytest

from interview_room.error_sentences import find_sentence
from interview_room.interview.errors import (
    ConsentsAreTheUnits,
    ConsentsWaitForTheUnit,
    GuardianConsentNeeded,
)
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.safeguards import RefusedFor, guardian_consent
from interview_room.screening import (
    Answer,
    ConsentState,
    Outcome,
    Protocol,
    assess,
    presumed_child,
    visible_question_ids,
)
from tests.conftest import CreatedStation

BOY_WITH_HIS_FATHER_AND_THE_UNIT: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 14,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
}


def _child(station: CreatedStation, protocol: Protocol, **more: str | int) -> Interview:
    interview = Interview.begin(station.session, protocol, "sq")
    for question_id, value in {**BOY_WITH_HIS_FATHER_AND_THE_UNIT, **more}.items():
        interview.answer(Answer.given(question_id, value))
    return interview


def _case_section(protocol: Protocol) -> str:
    return next(s.id for s in protocol.sections if s.id == "journey_and_recruitment")


def test_without_the_observation_the_guardians_no_still_ends_the_interview(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_guardian="no", consent_guardian_by="both")
    assert interview.consent_refused, "as before: the guardian's no, the Unit not saying else"


def test_the_fathers_no_pauses_for_the_unit_which_decides(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    interview = _child(station, protocol, guardian_conflict="yes", consent_guardian="no")
    assert not interview.consent_refused, "the father's no does not end the interview"
    section = protocol.section(_case_section(protocol))
    assert isinstance(interview.blocker(section), GuardianConsentNeeded), "it waits for the Unit"
    assert guardian_consent(protocol, interview.answers) is ConsentState.NOT_ASKED

    interview.answer(Answer.given("consent_unit", "yes"))
    interview.answer(Answer.given("consent_guardian_by", "child_protection_unit"))
    interview.answer(Answer.given("consent_child_assent", "agrees"))
    assert not interview.consent_refused
    assert guardian_consent(protocol, interview.answers) is ConsentState.GIVEN
    assert interview.blocker(section) is None, "the Unit agreed: the questions go on"
    # The rule does not read the father's no as a refused interview either.
    answers = interview.answers
    result = assess(protocol, answers, presumed_child=presumed_child(protocol, answers))
    assert result.suggested_outcome is not Outcome.NOT_DETERMINED
    resumed = Interview.resume(station.session, interview.case.id, library)
    assert not resumed.consent_refused and resumed.blocker(section) is None


def test_the_units_no_ends_it(station: CreatedStation, protocol: Protocol) -> None:
    interview = _child(station, protocol, guardian_conflict="yes", consent_guardian="yes")
    interview.answer(Answer.given("consent_unit", "no"))
    assert interview.consent_refused, "the Unit's decision counts, whatever the father said"
    answers = interview.answers
    result = assess(protocol, answers, presumed_child=True)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED


@pytest.mark.parametrize("who", ["legal_guardian", "both"])
def test_the_guardian_who_may_be_involved_never_answers_the_consents(
    station: CreatedStation, protocol: Protocol, who: str
) -> None:
    interview = _child(station, protocol, guardian_conflict="yes", consent_unit="yes")
    with pytest.raises(ConsentsAreTheUnits):
        interview.answer(Answer.given("consent_guardian_by", who))
    assert "consent_guardian_by" not in interview.answers
    interview.answer(Answer.given("consent_guardian_by", "child_protection_unit"))
    # Recorded the other way round: the observation is recorded, and "who answered" (the
    # guardian) no longer stands: the Unit worker answers again (seventh review, finding 3).
    other = _child(station, protocol, consent_guardian="yes", consent_guardian_by=who)
    other.answer(Answer.given("guardian_conflict", "yes"))
    assert other.answers["guardian_conflict"].value == "yes"
    assert "consent_guardian_by" not in other.answers
    english = find_sentence(ConsentsAreTheUnits("x"), "en")
    albanian = find_sentence(ConsentsAreTheUnits("x"), "sq")
    assert english is not None and "Child Protection Unit worker" in english
    assert albanian is not None and "punonjësi i Njësisë" in albanian


def test_the_observation_is_shown_with_a_guardian_before_the_unit_arrives(
    protocol: Protocol,
) -> None:
    """Seventh review, finding 3: the conflict can be recorded as soon as it is known; the
    Unit's own decision on the interview still waits for the Unit."""
    alone = {
        **{k: Answer.given(k, v) for k, v in BOY_WITH_HIS_FATHER_AND_THE_UNIT.items()},
        "prep_child_support": Answer.given("prep_child_support", "legal_guardian"),
    }
    shown = visible_question_ids(protocol, alone, presumed_child=True)
    assert "guardian_conflict" in shown and "consent_unit" not in shown
    nobody = {**alone, "prep_child_support": Answer.given("prep_child_support", "not_yet")}
    assert "guardian_conflict" not in visible_question_ids(protocol, nobody, presumed_child=True)
    with_unit = {**alone, "prep_child_support": Answer.given("prep_child_support", "both")}
    assert "guardian_conflict" in visible_question_ids(protocol, with_unit, presumed_child=True)


# Issue 12: the storage and sharing consents wait until "who answered" names the Unit worker.
# The wizard asks "who answered" first, but "Next" passes over an open question: the core
# refuses, so no consent of the suspected father's can reach the record or a referral.

THE_UNITS_CONSENTS = ("consent_storage", "consent_share_shelter", "consent_share_health_services")


@pytest.mark.parametrize("consent", THE_UNITS_CONSENTS)
def test_storage_and_sharing_wait_until_who_answered_is_the_unit(
    station: CreatedStation, protocol: Protocol, consent: str
) -> None:
    interview = _child(station, protocol, guardian_conflict="yes", consent_unit="yes")
    with pytest.raises(ConsentsWaitForTheUnit):
        interview.answer(Answer.given(consent, "yes"))
    with pytest.raises(ConsentsWaitForTheUnit):
        interview.answer(Answer.prefers_not_to_answer(consent))
    assert consent not in interview.answers
    interview.answer(Answer.given("consent_guardian_by", "child_protection_unit"))
    interview.answer(Answer.given(consent, "yes"))
    assert interview.answers[consent].value == "yes"
    english = find_sentence(ConsentsWaitForTheUnit("x"), "en")
    albanian = find_sentence(ConsentsWaitForTheUnit("x"), "sq")
    assert english is not None and "Who answered for the child" in english
    assert albanian is not None and "Kush u përgjigj për fëmijën" in albanian


def test_without_the_observation_the_consents_are_recorded_as_before(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_guardian="yes")
    interview.answer(Answer.given("consent_storage", "yes"))
    assert interview.answers["consent_storage"].value == "yes"


def test_the_observation_sets_aside_consents_recorded_before_who_answered(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, consent_guardian="yes", consent_share_shelter="yes")
    interview.answer(Answer.given("guardian_conflict", "yes"))
    assert interview.answers["guardian_conflict"].value == "yes"
    assert "consent_share_shelter" not in interview.answers, "the guardian's, set aside"
    # Consents the Unit worker gave stand when the conflict is recorded afterwards.
    other = _child(station, protocol, consent_guardian_by="child_protection_unit")
    other.answer(Answer.given("consent_share_shelter", "yes"))
    other.answer(Answer.given("guardian_conflict", "yes"))
    assert other.answers["consent_share_shelter"].value == "yes"


def test_after_the_units_no_help_asks_who_answered_before_a_sharing_consent(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(station, protocol, guardian_conflict="yes", consent_guardian="yes")
    interview.answer(Answer.given("consent_unit", "no"))
    interview.refuse_consent()
    asked = [q.id for q in interview.help_questions()]
    assert asked.index("consent_guardian_by") < asked.index("consent_share_shelter")
    with pytest.raises(ConsentsWaitForTheUnit):
        interview.answer_for_help(
            "consent_share_shelter", Answer.given("consent_share_shelter", "yes")
        )
    with pytest.raises(ConsentsAreTheUnits):
        interview.answer_for_help(
            "consent_guardian_by", Answer.given("consent_guardian_by", "legal_guardian")
        )
    interview.answer_for_help(
        "consent_guardian_by", Answer.given("consent_guardian_by", "child_protection_unit")
    )
    interview.answer_for_help("consent_share_shelter", Answer.given("consent_share_shelter", "yes"))
    assert interview.answers["consent_share_shelter"].value == "yes"
    assert "consent_guardian_by" not in [q.id for q in interview.help_questions()]


@pytest.mark.parametrize(
    ("present", "more", "by"),
    [
        (
            "both",
            {"guardian_conflict": "yes", "consent_guardian": "yes", "consent_unit": "no"},
            "unit",
        ),
        ("both", {"consent_guardian": "no", "consent_guardian_by": "legal_guardian"}, "guardian"),
        ("both", {"consent_guardian": "no", "consent_guardian_by": "both"}, "both"),
        ("both", {"consent_guardian": "no"}, "guardian_or_unit"),
        ("child_protection_unit", {"consent_guardian": "no"}, "unit"),
    ],
)
def test_who_refused_for_the_child_is_read_from_the_record(
    station: CreatedStation, protocol: Protocol, present: str, more: dict[str, str], by: str
) -> None:
    interview = _child(station, protocol, prep_child_support=present, **more)
    assert interview.consent_refused
    assert interview.refused_for_the_child == RefusedFor(by)


def test_nobody_refused_for_the_child_when_the_child_or_an_adult_said_no(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = _child(
        station, protocol, consent_guardian="yes", consent_child_assent="does_not_agree"
    )
    assert interview.consent_refused and interview.refused_for_the_child is None
