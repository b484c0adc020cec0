"""The decision rule after the fourth practitioner's review (issue 12): forced criminality
seen without the person saying "he made me", a child sent to dangerous work while still
travelling, declining more never lowers the result, a family carrying each other's papers is
not control, documents kept briefly for papers are not confiscation, a child's or a guardian's
"no" is a refusal, a coached story against what the officers saw, a marriage the person chose,
a child begging beside a parent. Runs the shipped version 2 with real answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interview_room.screening import (
    Answer,
    Dimension,
    Outcome,
    assess,
    explain,
)
from interview_room.screening.flow import effective_answers, presumed_child
from tests.screening.reviewed_protocol import V2, refused_rule


def answers(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "consent_interview": "yes",
        "prep_age": 33,
        "prep_age_doubt": "no",
    }
    return {qid: Answer.given(qid, value) for qid, value in {**base, **given}.items()}


def declined(*question_ids: str) -> dict[str, Answer]:
    return {qid: Answer.prefers_not_to_answer(qid) for qid in question_ids}


def suggest(given: dict[str, Answer], *, child: bool = False) -> Any:
    return assess(V2, effective_answers(V2, given, child), presumed_child=child)


# --- Finding 1: forced criminality without "he made me" ------------------------------------------

CANNABIS_HOUSE = answers(
    journey_direction="returning_citizen",
    rec_how_started="offer_from_someone",
    rec_who_arranged="online_contact",
    rec_promised=["a_job"],
    rec_reality_differed=["nature_of_job"],
    obs_stayed_at_destination="stayed_or_worked",
    work_did_work="yes",
    work_kind=["criminal_activity"],
    work_pay="not_paid",
    work_could_refuse="never_dared",
    ctl_free_to_leave="not_allowed",
    doc_where_now="lost_or_destroyed",
    doc_held_at_destination="by_employer",
)


def test_crime_he_never_dared_refuse_is_forced_criminality_without_whose_decision() -> None:
    result = suggest(CANNABIS_HOUSE)
    assert "work_crime_whose_decision" not in CANNABIS_HOUSE
    assert "ex_forced_begging_or_criminality" in result.indicator_ids
    assert result.dimension(Dimension.EXPLOITATION).counts_for_the_rule
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_crime_he_could_refuse_is_not_read_as_forced() -> None:
    could = suggest({**CANNABIS_HOUSE, **answers(work_could_refuse="could_refuse")})
    assert "ex_forced_begging_or_criminality" not in could.indicator_ids
    # Farm work he never dared refuse is not forced criminality either.
    farm = suggest({**CANNABIS_HOUSE, **answers(work_kind=["agriculture"])})
    assert "ex_forced_begging_or_criminality" not in farm.indicator_ids


# --- Finding 2: a child sent by a parent to dangerous work, still travelling ---------------------


def child_going_to_work(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "prep_age": 16,
        "prep_child_support": "both",
        "consent_guardian": "yes",
        "consent_guardian_by": "both",
        "consent_child_assent": "agrees",
        "child_travelling_with": "mother_or_father",
        "child_adult_relationship": "parent",
        "child_adult_papers": "relationship_and_consent",
        "rec_how_started": "offer_from_someone",
        "rec_who_arranged": "parent_or_guardian",
        "rec_promised": ["a_job", "wages"],
        "rec_what_awaits": ["work_arranged"],
        "obs_stayed_at_destination": "still_travelling",
    }
    return answers(**{**base, **given})


def test_dangerous_work_arranged_by_the_parent_is_the_purpose_while_still_travelling() -> None:
    ordinary = suggest(child_going_to_work(), child=True)
    assert ordinary.suggested_outcome is Outcome.CHILD_AT_RISK
    scaffolding = suggest(
        child_going_to_work(rec_what_awaits=["work_arranged", "dangerous_or_night_work"]),
        child=True,
    )
    assert "ip_child_work_planned" in scaffolding.indicator_ids
    assert "vr_child_work_arranged_by_parent" not in scaffolding.indicator_ids
    assert scaffolding.suggested_outcome is Outcome.POTENTIAL_VICTIM
    # The option alone names the job too.
    alone = suggest(child_going_to_work(rec_what_awaits=["dangerous_or_night_work"]), child=True)
    assert "ip_child_work_planned" in alone.indicator_ids


def test_dangerous_work_planned_indicates_nothing_for_an_adult() -> None:
    adult = suggest(
        answers(
            journey_direction="leaving_albania",
            obs_stayed_at_destination="still_travelling",
            rec_who_arranged="no_one",
            rec_what_awaits=["knows_and_chose", "dangerous_or_night_work"],
        )
    )
    assert adult.indicator_ids == ()


# --- Finding 3: declining the recruitment questions too ------------------------------------------

RECRUITMENT = (
    "rec_how_started",
    "rec_who_arranged",
    "rec_promised",
    "rec_journey_paid_by",
    "rec_harm_during_journey",
    "rec_control_during_journey",
)
RETURNING_CONFINED = answers(
    journey_direction="returning_citizen",
    obs_stayed_at_destination="stayed_or_worked",
    ctl_free_to_leave="only_accompanied",
    ctl_harm=["threats"],
    doc_where_now="lost_or_destroyed",
    doc_held_at_destination="by_recruiter",
)


def test_declining_recruitment_as_well_as_the_work_is_still_a_potential_victim() -> None:
    result = suggest(
        {**RETURNING_CONFINED, **declined(*RECRUITMENT, "work_did_work", "living_conditions")}
    )
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.path == "adult_exploitation_declined"
    assert result.recruitment_indicator_ids == ()
    assert len(result.recruitment_declined) == len(RECRUITMENT)
    line = next(line for line in explain(result, V2, "en") if line.startswith("Suggestion"))
    assert f"({len(RECRUITMENT)} of them)" in line
    assert "declining more must not lower the result" in line


def test_recruitment_answered_without_an_indicator_is_not_declined() -> None:
    # She told the trip was her own plan and paid by herself: nothing to stand in for.
    answered = {
        **RETURNING_CONFINED,
        **answers(
            rec_how_started="own_plan",
            rec_who_arranged="no_one",
            rec_promised=["nothing_specific"],
            rec_journey_paid_by="self",
        ),
        **declined("rec_harm_during_journey", "work_did_work", "living_conditions"),
    }
    result = suggest(answered)
    assert result.path != "adult_exploitation_declined"
    assert result.suggested_outcome is not Outcome.POTENTIAL_VICTIM


# --- Findings 4 and 7: what the officers saw ------------------------------------------------------

LEAVING_WITH_COMPANION = answers(
    journey_direction="leaving_albania",
    safety_threat_at_crossing="companion_here",
    obs_stayed_at_destination="still_travelling",
    rec_how_started="own_plan",
    rec_who_arranged="no_one",
    rec_promised=["a_job"],
    rec_what_awaits=["knows_and_chose"],
    rec_journey_paid_by="self",
    rec_harm_during_journey=["none"],
    rec_control_during_journey="together",
    doc_where_now="held_by_someone_else",
    doc_who_holds="partner_or_companion",
    obs_documents_held_by_companion="yes",
    obs_companion_control="yes",
    obs_fear_or_coaching="yes",
)


def test_a_coached_story_against_what_the_officers_saw_is_at_risk() -> None:
    result = suggest(LEAVING_WITH_COMPANION)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.path == "at_risk_observed"
    assert [q for q, _ in result.observations] == [
        "obs_documents_held_by_companion",
        "obs_companion_control",
        "obs_fear_or_coaching",
    ]
    line = next(line for line in explain(result, V2, "sq") if line.startswith("Sugjerim"))
    assert "veçmas nga shoqëruesi" in line


def test_one_observation_beside_a_coached_story_is_not_enough() -> None:
    one = suggest(
        {**LEAVING_WITH_COMPANION, **answers(obs_companion_control="no", obs_fear_or_coaching="no")}
    )
    assert one.path != "at_risk_observed"
    assert one.suggested_outcome is Outcome.INDICATORS_NOT_MET


def test_a_husband_carrying_the_family_passports_is_not_documents_taken() -> None:
    family = {
        **LEAVING_WITH_COMPANION,
        **answers(
            journey_direction="in_transit",
            doc_who_holds="trusted_family_member",
            obs_fear_or_coaching="no",
            rec_journey_paid_by="family",
        ),
        **declined(
            "rec_who_arranged", "rec_promised", "rec_what_awaits", "rec_harm_during_journey"
        ),
    }
    result = suggest(family)
    assert "cr_documents_confiscated" not in result.indicator_ids
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET
    # The same family with a wife who is afraid: the companion's control counts again.
    afraid = suggest({**family, **answers(obs_fear_or_coaching="yes")})
    assert afraid.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


# --- Finding 5: documents kept briefly for papers -------------------------------------------------

SEASONAL_WORKER = answers(
    journey_direction="returning_citizen",
    rec_how_started="offer_from_someone",
    rec_who_arranged="agency_or_employer",
    rec_promised=["a_job", "wages"],
    rec_reality_differed=["wages"],
    obs_stayed_at_destination="stayed_or_worked",
    work_did_work="yes",
    work_kind=["agriculture"],
    work_pay="less_than_agreed",
    work_conditions=["no_contract_or_insurance"],
    work_could_refuse="could_refuse",
    living_conditions=["arranged_by_employer", "crowded_or_unsanitary"],
    ctl_free_to_leave="freely",
    doc_where_now="with_person",
)


def test_documents_kept_for_a_registration_and_given_back_are_not_confiscation() -> None:
    brief = suggest({**SEASONAL_WORKER, **answers(doc_held_at_destination="briefly_returned")})
    assert "cd_documents_confiscated" not in brief.indicator_ids
    assert brief.suggested_outcome is Outcome.INDICATORS_NOT_MET
    kept = suggest({**SEASONAL_WORKER, **answers(doc_held_at_destination="by_employer")})
    assert "cd_documents_confiscated" in kept.indicator_ids
    assert kept.suggested_outcome is Outcome.POTENTIAL_VICTIM


# --- Finding 6: a child's or a guardian's "no" ----------------------------------------------------


def girl_with_father(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "prep_age": 15,
        # The Unit hears her view, apart: only then is it shown (review 4, finding 6).
        "prep_child_support": "both",
        "consent_guardian": "yes",
        "consent_guardian_by": "legal_guardian",
        "consent_child_assent": "does_not_agree",
        "obs_companion_control": "yes",
    }
    return answers(**{**base, **given})


def test_a_child_who_does_not_agree_is_not_determined_like_an_adult_refusal() -> None:
    result = suggest(girl_with_father(), child=True)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_refused"
    assert result.observations == (("obs_companion_control", "yes"),)


def test_a_guardian_who_says_no_is_not_determined_too() -> None:
    refused = suggest(
        girl_with_father(consent_guardian="no", consent_child_assent="agrees"), child=True
    )
    assert refused.suggested_outcome is Outcome.NOT_DETERMINED
    agrees = suggest(girl_with_father(consent_child_assent="agrees"), child=True)
    assert agrees.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_the_childs_answers_do_not_refuse_for_an_adult() -> None:
    # A stale child-only answer on a person now screened as an adult is not shown, not read.
    adult = answers(consent_child_assent="does_not_agree", consent_guardian="no", prep_age=30)
    assert not presumed_child(V2, adult)
    assert suggest(adult).suggested_outcome is Outcome.INDICATORS_NOT_MET


# --- Findings 8 and 9 (⚠ centre) ------------------------------------------------------------------


def test_a_marriage_the_person_chose_is_not_a_forced_marriage() -> None:
    marriage = answers(
        journey_direction="leaving_albania",
        obs_stayed_at_destination="still_travelling",
        rec_who_arranged="relative",
        rec_promised=["marriage"],
        rec_journey_paid_by="someone_else",
        rec_what_awaits=["marriage_by_agreement"],
    )
    assert suggest(marriage).suggested_outcome is Outcome.INDICATORS_NOT_MET
    forced = suggest({**marriage, **answers(rec_what_awaits=["marriage_arranged"])})
    assert "ip_forced_marriage_planned" in forced.indicator_ids
    assert forced.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


def boy_begging_with_mother(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "prep_age": 9,
        "prep_child_support": "both",
        "consent_guardian": "yes",
        "consent_child_assent": "agrees",
        "child_travelling_with": "mother_or_father",
        "child_adult_relationship": "parent",
        "child_adult_papers": "relationship_and_consent",
        "rec_who_arranged": "parent_or_guardian",
        "obs_stayed_at_destination": "stayed_or_worked",
        "work_did_work": "yes",
        "work_kind": ["begging"],
        "work_hours": "up_to_eight",
        "work_pay": "paid_to_someone_else",
        "work_could_refuse": "could_refuse",
        "work_child_school": "no",
        "ctl_free_to_leave": "freely",
        "ctl_harm": ["none"],
        "obs_signs_of_violence": "no",
        "obs_fear_or_coaching": "no",
    }
    return answers(**{**base, **given})


def test_a_child_begging_beside_a_parent_with_papers_and_no_force_is_child_at_risk() -> None:
    result = suggest(boy_begging_with_mother(), child=True)
    assert "ex_child_begging_with_parent" in result.indicator_ids
    assert "ex_child_worst_forms" not in result.indicator_ids
    assert result.suggested_outcome is Outcome.CHILD_AT_RISK


@pytest.mark.parametrize(
    "change",
    [
        {"child_adult_papers": "doubtful"},
        # Another relative with papers for the relationship now counts like a parent (seventh
        # review, finding 10, ⚠ centre); a family friend or another adult does not.
        {"child_adult_relationship": "family_friend"},
        {"rec_who_arranged": "acquaintance"},
        {"work_could_refuse": "punished_or_threatened"},
        {"ctl_harm": ["threats"]},
        {"obs_fear_or_coaching": "yes"},
        {"work_kind": ["begging", "criminal_activity"]},
        {"work_hours": "more_than_twelve"},
    ],
)
def test_any_sign_of_force_or_another_adult_keeps_the_worst_forms(
    change: dict[str, Any],
) -> None:
    result = suggest(boy_begging_with_mother(**change), child=True)
    assert "ex_child_worst_forms" in result.indicator_ids, change
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM, change


# --- What the protocol may say is checked ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r["before_exploitation"]["paths"][-1]["observed"].update(
                of=["obs_companion_control", "rec_how_started"]
            ),
            "'rec_how_started', which is not an observation",
        ),
        (
            lambda r: r["before_exploitation"]["paths"][-1]["observed"].update(at_least=5),
            "asks for more observations than it names",
        ),
        (
            lambda r: r["adult_with_exploitation_declined"].update(or_declined=["rec_nothing"]),
            "unknown question 'rec_nothing'",
        ),
        (
            lambda r: r["when_interview_refused"].update(
                also_when={"answered": "consent_child_assent", "equals": "maybe"}
            ),
            "unknown option 'maybe'",
        ),
    ],
)
def test_the_new_rule_fields_are_checked_at_load(tmp_path: Path, change: Any, words: str) -> None:
    refused = refused_rule(tmp_path, change)
    assert words in str(refused), str(refused)
