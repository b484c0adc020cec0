"""Sixth practitioner's review, the engine part (issue 12): a person never heard apart from the
companion is *not determined*, never "indicators not met" (finding 4, ``when_not_heard_apart``);
the mostly-declined line prints what the officers saw (finding 6); the refusal line names who
refused for a child (finding 1). Runs the shipped version 2 on the reviewer's vignettes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.screening import Outcome, assess
from interview_room.screening.protocol import text
from tests.screening.reviewed_protocol import V2, recorded, refused_rule, vignettes

_vignette = vignettes("practitioner-6-vectors.json")


# --- Finding 4: never heard apart ------------------------------------------------------------


def test_a_wife_never_heard_apart_from_her_husband_is_not_determined() -> None:
    result = assess(V2, _vignette("prac6_u05"), presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_not_heard_apart"
    line = result.rule_text["en"]
    assert "could not be heard apart from the companion" in line
    assert recorded("obs_asked_apart", "companion_would_not_leave") in line
    assert "Try again to separate them" in line
    assert recorded("obs_asked_apart", "companion_would_not_leave", "sq") in result.rule_text["sq"]


@pytest.mark.parametrize("why", ["person_wanted_companion", "not_possible_here"])
def test_every_reason_for_not_being_apart_keeps_the_door_open(why: str) -> None:
    result = assess(V2, _vignette("prac6_u05", obs_asked_apart=why), presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_not_heard_apart"


def test_the_same_answers_heard_apart_are_indicators_not_met() -> None:
    # The husband waited outside: her calm answers were her own.
    result = assess(V2, _vignette("prac6_u05", obs_asked_apart="apart"), presumed_child=False)
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


def test_never_heard_apart_does_not_lower_a_result_the_rule_meets() -> None:
    # u06: fear observed as well: the at-risk path is met and stays.
    result = assess(V2, _vignette("prac6_u06"), presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK


def test_a_refusal_in_front_of_the_companion_stays_a_refusal() -> None:
    refused = _vignette("prac6_u05", consent_interview="no")
    result = assess(V2, refused, presumed_child=False)
    assert result.path == "not_determined_refused"
    assert "(refused by: the person)" in result.rule_text["en"]


# --- Finding 6: the mostly-declined line prints what the officers saw ------------------------


def test_mostly_declined_prints_the_violence_and_fear_the_officers_saw() -> None:
    result = assess(V2, _vignette("prac6_u07"), presumed_child=False)
    assert result.path == "not_determined_declined"
    line = result.rule_text["en"]
    for question_id, option in (
        ("obs_signs_of_violence", "yes"),
        ("obs_fear_or_coaching", "yes"),
        ("obs_exhaustion", "yes"),
        ("obs_vulnerability", "signs_of_trauma"),
    ):
        assert recorded(question_id, option) in line, question_id
        assert recorded(question_id, option, "sq") in result.rule_text["sq"], question_id
    # What was not seen is not listed as if it were.
    assert text(V2, "en", V2.question("obs_acted_against_others").label) not in line


# --- Finding 1: who refused for a child --------------------------------------------------------


@pytest.mark.parametrize(
    ("vector_id", "changed", "en", "sq"),
    [
        (
            "prac6_u01",
            {},
            "refused by: the Child Protection Unit worker",
            "refuzoi: punonjësi i Njësisë",
        ),
        ("prac6_u03", {}, "refused by: the child", "refuzoi: fëmija"),
        (
            "prac6_u02",
            {
                "guardian_conflict": "no",
                "consent_unit": None,
                "consent_guardian": "no",
                "consent_guardian_by": "legal_guardian",
            },
            "refused by: the guardian",
            "refuzoi: kujdestari",
        ),
    ],
)
def test_the_refusal_line_names_who_refused_for_the_child(
    vector_id: str, changed: dict[str, Any], en: str, sq: str
) -> None:
    result = assess(V2, _vignette(vector_id, **changed), presumed_child=True)
    assert result.path == "not_determined_refused"
    assert en in result.rule_text["en"]
    assert sq in result.rule_text["sq"]
    assert "Nothing was asked" not in result.rule_text["en"]


# --- The new fields are checked when the protocol is loaded -----------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r["when_not_heard_apart"].update(question="rec_how_started"),
            "'rec_how_started', which is not an observation",
        ),
        (
            lambda r: r["when_not_heard_apart"].update(values=["in_the_car"]),
            "'in_the_car', which is not an option of 'obs_asked_apart'",
        ),
        (
            lambda r: r["when_mostly_declined"].update(observations=["ctl_harm"]),
            "'ctl_harm', which is not an observation",
        ),
        (
            lambda r: r["when_interview_refused"]["refused_by"][0].update(
                when={"answered": "consent_child_assent", "equals": "maybe"}
            ),
            "maybe",
        ),
    ],
)
def test_the_new_rule_fields_are_checked(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], words: str
) -> None:
    assert words in str(refused_rule(tmp_path, change))


def test_a_new_who_refused_needs_its_words(tmp_path: Path) -> None:
    error = refused_rule(
        tmp_path,
        lambda r: r["when_interview_refused"]["refused_by"].append(
            {"when": {"answered": "consent_unit", "equals": "no"}, "by": "officer"}
        ),
    )
    assert "rule.refused_by.officer" in str(error)
