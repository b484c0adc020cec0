"""Eighth practitioner's review, the rule findings (issue 12): the debt counts at destination
only once the person stayed or worked there, and a debt owed to a recruiter stays the
recruitment indicator a declined-work path needs (finding 1); a paused interview is *not
determined*, and for a child the recorded conflict is an indicative answer (finding 2); "not
paid" counts once (finding 6); a debt whose amount the recruiter keeps changing, to be worked
off, is planned debt bondage (finding 7). Runs the shipped version 2 on the reviewer's
vignettes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interview_room.screening import Outcome, assess
from tests.screening.reviewed_protocol import V2, refused_protocol, vignettes

_vignette = vignettes("practitioner-8-vectors.json")


# --- Finding 1: the debt where the person is ------------------------------------------------


def test_a_woman_still_leaving_albania_has_no_debt_bondage_at_destination() -> None:
    result = assess(V2, _vignette("prac8_x01"), presumed_child=False)
    assert "cd_debt_bondage" not in result.indicator_ids
    assert "cr_debt_bondage" in result.indicator_ids
    printed = " ".join(d.rule_text["en"] for d in result.dimensions)
    assert "Debt bondage at destination" not in printed
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


@pytest.mark.parametrize("stayed", ["not_clear", None])
def test_not_clear_or_unanswered_keeps_the_debt_at_recruitment(stayed: str | None) -> None:
    answers = _vignette("prac8_x02", obs_stayed_at_destination=stayed)
    result = assess(V2, answers, presumed_child=False)
    assert "cr_debt_bondage" in result.indicator_ids
    assert "cd_debt_bondage" not in result.indicator_ids
    intended = next(s for s in result.signs if s.sign == "intended_exploitation")
    assert intended.positive and "cr_debt_bondage" in intended.indicator_ids
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


def test_a_returning_woman_who_declined_the_work_questions_is_a_potential_victim() -> None:
    result = assess(V2, _vignette("prac8_x04"), presumed_child=False)
    # Printed once, at destination ...
    assert "cd_debt_bondage" in result.indicator_ids
    assert "cr_debt_bondage" not in result.indicator_ids
    # ... and still the recruitment indicator her path asks for.
    assert result.path == "adult_exploitation_declined"
    assert result.recruitment_indicator_ids == ("cr_debt_bondage",)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_the_debt_kept_aside_is_never_counted_in_a_dimension() -> None:
    result = assess(V2, _vignette("prac8_x04"), presumed_child=False)
    recruitment = [d for d in result.dimensions if d.dimension.value == "coercive_recruitment"]
    assert "cr_debt_bondage" not in recruitment[0].indicator_ids


def test_a_smugglers_debt_that_binds_still_counts_when_the_stay_is_not_clear() -> None:
    answers = _vignette(
        "prac8_x02",
        debt_owed="to_smuggler_for_crossing",
        debt_how_it_works=["cannot_leave_until_paid"],
    )
    assert "cd_debt_bondage" in assess(V2, answers, presumed_child=False).indicator_ids


# --- Finding 2: paused interviews --------------------------------------------------------------


def test_an_interpreter_the_person_knows_not_replaced_is_not_determined() -> None:
    result = assess(V2, _vignette("prac8_x07"), presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_paused"
    assert "knows the interpreter" in result.rule_text["en"]
    assert (
        "A companion held the person's documents at the checkpoint: Yes" in (result.rule_text["en"])
    )
    assert "personi e njeh përkthyesin" in result.rule_text["sq"]


def test_the_pause_lifts_when_another_interpreter_interprets() -> None:
    answers = _vignette("prac8_x07", prep_interpreter_replaced="yes")
    result = assess(V2, answers, presumed_child=False)
    assert result.path != "not_determined_paused"


def test_a_refusal_while_the_questions_wait_is_not_the_reason() -> None:
    answers = _vignette("prac8_x07", consent_interview="no")
    result = assess(V2, answers, presumed_child=False)
    assert result.path == "not_determined_paused"


def test_a_childs_recorded_conflict_is_an_indicative_answer() -> None:
    result = assess(V2, _vignette("prac8_x12b"), presumed_child=True)
    assert result.indicator_ids == ("child_adult_may_be_involved",)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.positive_dimensions == frozenset()


# --- Findings 6 and 7 ----------------------------------------------------------------------------


def test_not_paid_counts_once_as_no_salary() -> None:
    result = assess(V2, _vignette("prac8_x05"), presumed_child=False)
    assert "ex_low_or_no_pay" in result.indicator_ids
    assert "cd_withholding_wages" not in result.indicator_ids
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


def test_a_debt_the_recruiter_keeps_changing_to_be_worked_off_is_planned_bondage() -> None:
    result = assess(V2, _vignette("prac8_x08"), presumed_child=False)
    assert "ip_debt_bondage_planned" in result.indicator_ids
    intended = next(s for s in result.signs if s.sign == "intended_exploitation")
    assert intended.positive
    # Whether the recruiter as creditor is also the recruitment indicator: ⚠ centre.
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


# --- The new fields are checked on load ----------------------------------------------------------


def _indicator(raw: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    return next(i for i in raw["indicators"] if i["id"] == indicator_id)


def test_keeping_one_indicator_needs_a_replacement(tmp_path: Path) -> None:
    error = refused_protocol(
        tmp_path,
        lambda raw: _indicator(raw, "ip_earnings_to_others").update(
            instead_of_keeps_one_indicator=True
        ),
    )
    assert "'instead_of_keeps_one_indicator' needs 'instead_of'" in str(error)


def test_a_pause_names_its_reason_once_and_only_observations(tmp_path: Path) -> None:
    def twice(raw: dict[str, Any]) -> None:
        paused = raw["decision_rule"]["when_case_questions_paused"]
        paused.append(dict(paused[0]))

    assert "names 'interpreter_known' twice" in str(refused_protocol(tmp_path, twice))

    def asked(raw: dict[str, Any]) -> None:
        raw["decision_rule"]["when_case_questions_paused"][0]["observations"] = ["rec_promised"]

    assert "'rec_promised', which is not an observation" in str(
        refused_protocol(tmp_path / "b", asked)
    )
