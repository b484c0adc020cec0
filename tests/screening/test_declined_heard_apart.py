"""The all-declined at-risk path needs the person heard apart (fourth practitioner's review,
finding 4; sixth review, open point): declining every recruitment question can carry *potential
victim at risk* only when the person was asked apart from any companion, travels without one,
or (review 4's other option) fear or coaching was observed and the person was not recorded as
never heard apart. Declines given only in front of a companion carry nothing: the person is
then *not determined* (never heard apart, sixth review, finding 4), unless what the officers
saw meets another path. Runs the shipped version 2 with real answers; a copy of it for the
load checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.resources import resources_root
from interview_room.screening import Answer, IndicatorAssessment, Outcome, assess, load_protocol
from interview_room.screening.errors import UnknownOptionReference, UnknownQuestionReference

V2_DIR = resources_root() / "protocols" / "screening-v2"
V2 = load_protocol(V2_DIR)
RECRUITMENT = (
    "rec_how_started",
    "rec_who_arranged",
    "rec_promised",
    "rec_reality_differed",
    "rec_what_awaits",
    "rec_journey_paid_by",
    "rec_harm_during_journey",
    "rec_control_during_journey",
)
NEVER_APART = ("person_wanted_companion", "not_possible_here")
"""Never heard apart, for a reason that is no sign in itself (a companion who would not leave
is surveillance, one of the officers' observations: see below)."""


def suggest(asked_apart: str | None, **given: str | list[str]) -> IndicatorAssessment:
    """A woman of 24 leaving, her passport held by the man with her (observed, strong as
    control now), no fear or companion control seen, every recruitment question declined."""
    base: dict[str, str | int | list[str]] = {
        "consent_interview": "yes",
        "prep_age": 24,
        "prep_age_doubt": "no",
        "journey_direction": "leaving_albania",
        "obs_stayed_at_destination": "still_travelling",
        "obs_companion_control": "no",
        "obs_fear_or_coaching": "no",
        "obs_documents_held_by_companion": "yes",
        "debt_owed": "no",
    }
    if asked_apart is not None:
        base["obs_asked_apart"] = asked_apart
    answers = {qid: Answer.given(qid, value) for qid, value in {**base, **given}.items()}
    answers |= {qid: Answer.prefers_not_to_answer(qid) for qid in RECRUITMENT}
    return assess(V2, answers, presumed_child=False)


def test_declines_heard_apart_carry_the_at_risk_path() -> None:
    result = suggest("apart")
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.path == "at_risk_declined"
    assert len(result.declined) == len(RECRUITMENT)
    assert "asked apart from any companion" in result.rule_text["en"]
    assert "veçmas nga çdo shoqërues" in result.rule_text["sq"]


def test_travelling_without_a_companion_counts_as_heard_apart() -> None:
    result = suggest(
        "no_companion",
        obs_documents_held_by_companion="no",
        doc_where_now="held_by_someone_else",
        doc_who_holds="recruiter_since_journey",
    )
    assert result.path == "at_risk_declined"


@pytest.mark.parametrize("reason", NEVER_APART)
def test_declines_in_front_of_the_companion_are_not_determined(reason: str) -> None:
    result = suggest(reason)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED, reason
    assert result.path == "not_determined_not_heard_apart"
    assert "control_now" in result.positive_signs, "the signs are still computed and printed"


def test_what_the_officers_saw_still_counts_when_never_heard_apart() -> None:
    # A companion who would not leave and the passport in his hands: the observed path, not the
    # declines, carries the suggestion (sixth review: u06 stays at risk).
    result = suggest("companion_would_not_leave")
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.path == "at_risk_observed"


def test_not_recorded_whether_apart_carries_no_declined_path() -> None:
    # Review 4 asked that being apart be recorded: without it the declines alone decide
    # nothing (here most questions were declined, so: not determined, too little information).
    result = suggest(None)
    assert result.path != "at_risk_declined"
    assert result.suggested_outcome is Outcome.NOT_DETERMINED


def test_fear_observed_carries_the_path_unless_never_heard_apart() -> None:
    # Review 4's other option: fear or coaching observed (the guidance records it once the
    # person is apart); recorded as never heard apart, the declines still carry nothing (here
    # the passport and the fear the officers saw meet the observed path instead).
    assert suggest(None, obs_fear_or_coaching="yes").path == "at_risk_declined"
    never = suggest("not_possible_here", obs_fear_or_coaching="yes")
    assert never.path == "at_risk_observed"


def test_the_decision_option_names_too_little_information() -> None:
    decision = V2.question("det_decision")
    assert "not_determined" in decision.options
    en = V2.catalogs["en"].texts["question.det_decision.option.not_determined"]
    sq = V2.catalogs["sq"].texts["question.det_decision.option.not_determined"]
    assert "refused" in en and "too little information" in en
    assert "u refuzua" in sq and "shumë pak informacion" in sq


def _copy_with_only_when(tmp_path: Path, only_when: dict[str, object]) -> Path:
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    path = folder / "protocol.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for at_risk in document["decision_rule"]["before_exploitation"]["paths"]:
        if "all_declined" in at_risk:
            at_risk["only_when"] = only_when
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_path_condition_on_an_unknown_option_is_refused(tmp_path: Path) -> None:
    folder = _copy_with_only_when(tmp_path, {"answered": "obs_asked_apart", "equals": "alone"})
    with pytest.raises(UnknownOptionReference, match="only_when"):
        load_protocol(folder)


def test_a_path_condition_on_an_unknown_question_is_refused(tmp_path: Path) -> None:
    folder = _copy_with_only_when(tmp_path, {"answered": "obs_heard_alone", "equals": "yes"})
    with pytest.raises(UnknownQuestionReference, match="obs_heard_alone"):
        load_protocol(folder)
