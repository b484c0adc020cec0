"""The "asked apart" observation (fourth practitioner's review, finding 4): whether the person
was seen apart from the companion, and if not why, recorded by the officers (never asked of the
person). A companion who will not leave the person alone is surveillance, a sign of control now
(DOMAIN.md; ILO "isolation, confinement or surveillance"), counted once with a companion who
speaks for the person, and one of the officers' own observations of the at-risk path; for a
child with a parent or guardian whose papers are in order it indicates nothing. Runs the
shipped version 2 with real answers."""

from __future__ import annotations

from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    IndicatorAssessment,
    Outcome,
    assess,
    explain,
    load_protocol,
)
from interview_room.screening.flow import effective_answers

V2 = load_protocol(resources_root() / "protocols" / "screening-v2")
QUESTION = "obs_asked_apart"
SURVEILLANCE = "cr_isolation_surveillance"


def answers(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "consent_interview": "yes",
        "prep_age": 22,
        "prep_age_doubt": "no",
        "journey_direction": "leaving_albania",
        "rec_how_started": "own_plan",
        "rec_who_arranged": "no_one",
        "rec_journey_paid_by": "self",
        "obs_stayed_at_destination": "still_travelling",
        "obs_fear_or_coaching": "yes",
        "doc_where_now": "with_person",
    }
    return {qid: Answer.given(qid, value) for qid, value in {**base, **given}.items()}


def suggest(given: dict[str, Answer], *, child: bool = False) -> IndicatorAssessment:
    return assess(V2, effective_answers(V2, given, child), presumed_child=child)


def test_it_is_an_observation_with_a_reason_for_every_no() -> None:
    question = V2.question(QUESTION)
    assert question.observation, "recorded by the officers, never read to the person"
    assert set(question.options) >= {
        "apart",
        "no_companion",
        "companion_would_not_leave",
        "person_wanted_companion",
        "not_possible_here",
    }
    order = [q.id for q in V2.questions]
    assert order.index(QUESTION) < order.index("consent_rights_read"), "before the rights"


def test_a_companion_who_would_not_leave_and_a_coached_story_is_at_risk() -> None:
    result = suggest(answers(obs_asked_apart="companion_would_not_leave"))
    assert SURVEILLANCE in result.indicator_ids
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.path == "at_risk_observed"
    assert (QUESTION, "companion_would_not_leave") in result.observations
    printed = " ".join(explain(result, V2, "en"))
    assert "the companion would not leave the person alone" in printed


def test_seen_apart_the_same_story_is_not_met() -> None:
    for reason in ("apart", "no_companion"):
        result = suggest(answers(obs_asked_apart=reason))
        assert SURVEILLANCE not in result.indicator_ids, reason
        assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET, reason


def test_not_heard_apart_for_another_reason_is_no_sign_but_clears_no_one() -> None:
    # No surveillance counted, but answers given in front of the companion cannot clear the
    # person: not determined, never "indicators not met" (sixth review, finding 4).
    for reason in ("person_wanted_companion", "not_possible_here"):
        result = suggest(answers(obs_asked_apart=reason))
        assert SURVEILLANCE not in result.indicator_ids, reason
        assert result.suggested_outcome is Outcome.NOT_DETERMINED, reason
        assert result.path == "not_determined_not_heard_apart", reason


def test_one_fact_counts_once_with_a_companion_who_speaks_for_her() -> None:
    # A husband who speaks for his wife and stays in the room: one sign, not two.
    family = answers(
        obs_asked_apart="companion_would_not_leave",
        obs_companion_control="yes",
        obs_fear_or_coaching="no",
        journey_direction="in_transit",
    )
    result = suggest(family)
    assert result.indicator_ids.count(SURVEILLANCE) == 1
    # One sign opens no at-risk path (no police report); never heard apart, her answers clear
    # her of nothing (sixth review, finding 4).
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_not_heard_apart"


def test_a_parent_with_papers_staying_with_a_child_is_no_control() -> None:
    child = {
        **answers(obs_asked_apart="companion_would_not_leave", prep_age=15),
        "prep_child_support": Answer.given("prep_child_support", "both"),
        "consent_guardian": Answer.given("consent_guardian", "yes"),
        "consent_child_assent": Answer.given("consent_child_assent", "agrees"),
        "child_travelling_with": Answer.given("child_travelling_with", "mother_or_father"),
        "child_adult_relationship": Answer.given("child_adult_relationship", "parent"),
        "child_adult_papers": Answer.given("child_adult_papers", "relationship_and_consent"),
    }
    assert SURVEILLANCE not in suggest(child, child=True).indicator_ids
    papers_doubtful = {
        **child,
        "child_adult_papers": Answer.given("child_adult_papers", "doubtful"),
    }
    assert SURVEILLANCE in suggest(papers_doubtful, child=True).indicator_ids


def test_a_refusal_in_front_of_the_companion_prints_that_he_would_not_leave() -> None:
    refused = answers(obs_asked_apart="companion_would_not_leave", consent_interview="no")
    result = suggest(refused)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert (QUESTION, "companion_would_not_leave") in result.observations
