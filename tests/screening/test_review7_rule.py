"""Seventh practitioner's review, the rule findings (issue 12): unpaid work under two strong
means at destination is a potential victim (finding 1); one debt is counted once (finding 2);
no common language is *not determined* (finding 8); a child alone with the parents' notarised
consent (finding 9) and a grandmother with relationship papers (finding 10) are *child at
risk*. Runs the shipped version 2 on the reviewer's vignettes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.screening import (
    Outcome,
    assess,
    visible_question_ids,
)
from tests.screening.reviewed_protocol import V2, recorded, refused_rule, vignettes

_vignette = vignettes("practitioner-7-vectors.json")


# --- Finding 1: unpaid work, papers kept, never out alone ------------------------------------


def test_the_live_in_carer_with_a_day_off_is_a_potential_victim() -> None:
    result = assess(V2, _vignette("prac7_w16"), presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.path == "adult_two_strong_means"
    assert set(result.means_indicator_ids) == {
        "cd_documents_confiscated",
        "cd_isolation_surveillance",
    }
    # Eighth review, finding 6: "not paid" counts once, as no salary (exploitation).
    assert "cd_withholding_wages" not in result.indicator_ids
    assert "Low or no pay" in result.rule_text["en"]
    assert "Sugjerim: viktimë e mundshme" in result.rule_text["sq"]


def test_one_strong_means_with_unpaid_work_is_not_enough() -> None:
    # Papers back with her: confinement alone (one strong) beside one exploitation indicator.
    answers = _vignette("prac7_w16", doc_held_at_destination="no")
    result = assess(V2, answers, presumed_child=False)
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


def test_two_strong_means_without_any_exploitation_indicator_is_not_enough() -> None:
    answers = _vignette("prac7_w16", work_pay="as_agreed")
    result = assess(V2, answers, presumed_child=False)
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


def test_the_free_cousin_unpaid_stays_a_labour_rights_case() -> None:
    result = assess(V2, _vignette("prac7_w02"), presumed_child=False)
    assert "ex_low_or_no_pay" in result.indicator_ids
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


# --- Finding 2: one debt, counted once -------------------------------------------------------


def test_a_returning_workers_debt_counts_once_at_destination() -> None:
    result = assess(V2, _vignette("prac7_w01"), presumed_child=False)
    assert "cd_debt_bondage" in result.indicator_ids
    assert "cr_debt_bondage" not in result.indicator_ids
    intended = next(s for s in result.signs if s.sign == "intended_exploitation")
    assert intended.indicator_ids == ()
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_a_debt_to_the_recruiter_without_bondage_still_counts_at_recruitment() -> None:
    answers = _vignette("prac7_w01", debt_how_it_works=["none_of_these"])
    result = assess(V2, answers, presumed_child=False)
    assert "cr_debt_bondage" in result.indicator_ids
    assert "cd_debt_bondage" not in result.indicator_ids


# --- Finding 8: no common language -----------------------------------------------------------


def test_no_common_language_is_not_determined_and_prints_what_was_seen() -> None:
    answers = _vignette("prac7_w07", prep_common_language="no")
    result = assess(V2, answers, presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_no_common_language"
    line = result.rule_text["en"]
    assert "no common language" in line
    assert recorded("obs_documents_held_by_companion", "yes") in line
    assert "telephone interpreter" in line


def test_rights_cannot_be_recorded_as_understood_without_a_common_language() -> None:
    without = _vignette("prac7_w07", prep_common_language="no")
    assert "consent_rights_read" not in visible_question_ids(V2, without, False)
    reached = _vignette("prac7_w07", prep_common_language="yes")
    assert "consent_rights_read" in visible_question_ids(V2, reached, False)
    # Once an interpreter is reached, the rule reads the observations again.
    result = assess(V2, reached, presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


def test_a_refusal_not_understood_is_no_common_language() -> None:
    answers = _vignette("prac7_w07", prep_common_language="no", consent_interview="no")
    result = assess(V2, answers, presumed_child=False)
    assert result.path == "not_determined_no_common_language"


# --- Findings 9 and 10: the parents' safeguard -----------------------------------------------


@pytest.mark.parametrize(
    ("consent", "outcome"),
    [
        ("notarised", Outcome.CHILD_AT_RISK),
        ("none", Outcome.POTENTIAL_VICTIM),
        ("doubtful", Outcome.POTENTIAL_VICTIM),
    ],
)
def test_a_child_alone_with_the_parents_notarised_consent(consent: str, outcome: Outcome) -> None:
    answers = _vignette("prac7_w09", child_travel_consent=consent)
    assert assess(V2, answers, presumed_child=True).suggested_outcome is outcome


def test_the_notarised_consent_does_not_cover_a_younger_child() -> None:
    answers = _vignette("prac7_w09", prep_age=14, child_travel_consent="notarised")
    result = assess(V2, answers, presumed_child=True)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_a_girl_begging_calmly_beside_her_grandmother_is_a_child_at_risk() -> None:
    result = assess(V2, _vignette("prac7_w08"), presumed_child=True)
    assert result.suggested_outcome is Outcome.CHILD_AT_RISK
    assert "ex_child_begging_with_parent" in result.indicator_ids


def test_begging_beside_a_family_friend_stays_a_potential_victim() -> None:
    answers = _vignette("prac7_w08", child_adult_relationship="family_friend")
    result = assess(V2, answers, presumed_child=True)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


# --- The new rule fields are checked on load -------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r.update(adult_with_two_strong_means_in=["nowhere"]),
            "unknown group 'nowhere'",
        ),
        (
            lambda r: r["when_no_common_language"].update(question="prep_language"),
            "not an observation",
        ),
        (
            lambda r: r["when_no_common_language"].update(values=["maybe"]),
            "'maybe', which is not an option",
        ),
        (
            lambda r: r["when_no_common_language"].update(observations=["rec_promised"]),
            "not an observation",
        ),
    ],
)
def test_the_new_rule_fields_are_checked(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], words: str
) -> None:
    assert words in str(refused_rule(tmp_path, change))
