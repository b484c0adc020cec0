"""Issue 12: after a "no" to the interview, or a stop, help stays possible without it: the
immediate needs are recorded as far as the consent to keeping a record allows, and a referral
the person agrees to (or the law requires) is made without a decision, saying why."""

from __future__ import annotations

import pytest

from interview_room.interview.errors import InterviewClosed, InterviewError
from interview_room.interview.interview import Interview
from interview_room.interview.personal_data import PersonalData
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.recipients import possible_basis
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer
from interview_room.training.scenarios import Path as ScenarioPath
from tests.conftest import WorkstationFactory
from tests.referral.test_minimum_necessary import (
    OFFICER,
    Station,
    open_station,
    preview,
    titles,
)


@pytest.fixture
def station(workstation: WorkstationFactory) -> Station:
    return open_station(workstation)


def _refused_at_once(station: Station) -> Interview:
    """The person hears the rights and says no: nothing asked about keeping a record."""
    library = ProtocolLibrary()
    interview = Interview.begin(station.officer, library.current(), "sq")
    interview.answer(Answer.given("needs_medical", "no"))
    interview.answer(Answer.given("consent_rights_read", "yes"))
    interview.answer(Answer.given("consent_interview", "no"))
    interview.refuse_consent()
    return Interview.resume(station.officer, interview.case.id, library)


def _stored(station: Station, case_id: str) -> set[str]:
    rows = station.officer.db.all("SELECT question_id FROM answers WHERE case_id = ?", (case_id,))
    return {str(row[0]) for row in rows}


def test_after_a_refusal_needs_and_a_shelter_consent_can_be_recorded_never_more(
    station: Station,
) -> None:
    refused = _refused_at_once(station)
    assert refused.personal_data is PersonalData.MINIMAL
    refused.answer_for_help("needs_medical", Answer.given("needs_medical", "yes"))
    refused.answer_for_help("consent_share_shelter", Answer.given("consent_share_shelter", "yes"))
    # The need is held for the referral in this session only; the consent is on the record.
    assert refused.answers["needs_medical"].value == "yes"
    stored = _stored(station, refused.case.id)
    assert "needs_medical" not in stored and "consent_share_shelter" in stored
    assert refused.personal_data is PersonalData.MINIMAL
    # Nothing else of the interview reopens.
    with pytest.raises(InterviewClosed):
        refused.answer_for_help("rec_how_started", Answer.given("rec_how_started", "job_offer"))
    with pytest.raises(InterviewClosed):
        refused.answer(Answer.given("needs_medical", "no"))


def test_a_shelter_referral_after_a_refusal_says_there_was_no_interview(
    station: Station,
) -> None:
    refused = _refused_at_once(station)
    assert possible_basis(refused, "shelter") is None, "no consent yet: no referral"
    refused.answer_for_help("consent_share_shelter", Answer.given("consent_share_shelter", "yes"))
    shelter = preview(station, refused, "shelter")
    assert "Immediate needs" in shelter
    # The age was never asked: a presumed child, referred to the Child Protection Unit by
    # law, whose form says why there is no decision.
    assert refused.presumed_child
    unit = preview(station, refused, "child_protection_unit")
    assert "no interview: the person did not agree to be interviewed" in unit
    assert "Legal basis of a referral without consent" in titles(unit)
    record = Referrals(station.officer).create(
        refused,
        recipient="shelter",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    assert record.consented and record.recipient == "shelter"


def test_a_stopped_interview_refers_without_a_decision_and_keeps_what_was_agreed(
    station: Station,
) -> None:
    stopped = station.case(ScenarioPath.STOPPED_MIDWAY)
    stopped.answer_for_help("needs_medical", Answer.given("needs_medical", "yes"))
    assert "needs_medical" in _stored(station, stopped.case.id) or (
        stopped.personal_data is PersonalData.MINIMAL
    )
    stopped.answer_for_help(
        "consent_share_responsible_authority",
        Answer.given("consent_share_responsible_authority", "yes"),
    )
    authority = preview(station, stopped, "responsible_authority")
    assert "the interview was stopped before a decision" in authority


def test_an_interview_still_going_on_records_help_the_ordinary_way(station: Station) -> None:
    ongoing = station.case(ScenarioPath.INCOMPLETE)
    with pytest.raises(InterviewError):
        ongoing.answer_for_help("needs_medical", Answer.given("needs_medical", "yes"))


def test_the_refusal_and_stop_scripts_promise_what_the_help_panel_offers() -> None:
    import json

    from interview_room.resources import resources_root

    texts = resources_root() / "protocols" / "screening-v2" / "texts"
    english = json.loads((texts / "en.json").read_text(encoding="utf-8"))["texts"]
    for script in ("script.consent_refused", "script.stopped"):
        words = english[script]
        # Each promise is one of the actions on the help panel: needs, shelter, the sheet.
        assert "doctor" in words and "shelter" in words and "sheet" in words
        assert "social worker will tell you" not in words, "no vague promise"
