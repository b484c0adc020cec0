"""The age rule with the officers' observation of the apparent age (second practitioner's
review, finding 8): without a stated age, only "clearly an adult" makes an adult; nothing known
at all still errs towards a child; "could be under 18" or "clearly a child" is a doubt that no
stated age lifts (third review, finding 1); otherwise a stated age and its doubt decide."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import Answer, ProtocolError, load_protocol, presumed_child
from interview_room.screening.errors import (
    InvalidProtocolStructure,
    ProtocolSchemaError,
    UnknownQuestionReference,
    UnsupportedProtocolFormat,
)

V2_DIR = resources_root() / "protocols" / "screening-v2"
V1_DIR = resources_root() / "protocols" / "screening-v1"
V2 = load_protocol(V2_DIR)
APPARENT = "obs_apparent_age"


def _answers(**values: str | int | None) -> dict[str, Answer]:
    """Answers by id; ``None`` means "prefers not to answer"."""
    return {
        question_id: Answer.prefers_not_to_answer(question_id)
        if value is None
        else Answer.given(question_id, value)
        for question_id, value in values.items()
    }


@pytest.mark.parametrize(
    ("answers", "child"),
    [
        # No age stated (a refusal, or not asked yet): the apparent age decides.
        ({}, True),
        ({APPARENT: "clearly_adult"}, False),
        ({APPARENT: "could_be_under_18"}, True),
        ({APPARENT: "clearly_child"}, True),
        ({"prep_age": None, APPARENT: "clearly_adult"}, False),
        ({"prep_age": None, APPARENT: "could_be_under_18"}, True),
        ({"prep_age": None}, True),
        # A doubt recorded wins over a clear impression.
        ({APPARENT: "clearly_adult", "prep_age_doubt": "yes"}, True),
        ({APPARENT: "clearly_adult", "prep_age_doubt": "no"}, False),
        # A stated age under 18 makes a child, whatever the impression.
        ({"prep_age": 16, APPARENT: "clearly_adult"}, True),
        # The officers' impression of a child is a doubt that a stated adult age or a passport
        # does not lift (third practitioner's review, finding 1: about 15, a passport saying 19).
        ({"prep_age": 30, "prep_age_doubt": "no", APPARENT: "could_be_under_18"}, True),
        ({"prep_age": 19, "prep_age_doubt": "no", APPARENT: "clearly_child"}, True),
        ({"prep_age": 30, "prep_age_doubt": "no", APPARENT: "clearly_adult"}, False),
        ({"prep_age": 30, "prep_age_doubt": "no"}, False),
        ({"prep_age": 30, "prep_age_doubt": "yes", APPARENT: "clearly_adult"}, True),
        ({"prep_age": 30, APPARENT: "clearly_adult"}, True),  # the doubt not yet answered
    ],
)
def test_the_age_rule(answers: dict[str, str | int | None], child: bool) -> None:
    assert presumed_child(V2, _answers(**answers)) is child


def test_version_1_keeps_its_rule() -> None:
    v1 = load_protocol(V1_DIR)
    assert v1.age_rule.apparent_age_question is None
    assert presumed_child(v1, {})


def _broken(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> ProtocolError:
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    path = folder / "protocol.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(folder)
    return caught.value


def _move_after_consent(document: dict[str, Any]) -> None:
    needs = document["sections"][0]["questions"]
    moved = next(q for q in needs if q["id"] == APPARENT)
    needs.remove(moved)
    consent = next(s for s in document["sections"] if s["id"] == "rights_and_consent")
    consent["questions"].append(moved)


def _question(document: dict[str, Any], question_id: str) -> dict[str, Any]:
    questions = (q for s in document["sections"] for q in s["questions"])
    return next(q for q in questions if q["id"] == question_id)


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (
            _move_after_consent,
            InvalidProtocolStructure,
            "must be recorded before the interview consent",
        ),
        (
            lambda d: d["age_rule"].update(apparent_adult_options=["adult"]),
            UnknownQuestionReference,
            "must name options of 'obs_apparent_age'",
        ),
        (
            lambda d: d["age_rule"].update(apparent_age_question="no_such_question"),
            UnknownQuestionReference,
            "unknown question 'no_such_question'",
        ),
        (
            lambda d: _question(d, APPARENT).pop("observation"),
            ProtocolSchemaError,
            "single_choice observation",
        ),
        (
            lambda d: _question(d, APPARENT).update(audience="adult_only"),
            InvalidProtocolStructure,
            "must be recorded before the interview consent",
        ),
        (
            lambda d: d["age_rule"].pop("apparent_age_question"),
            InvalidProtocolStructure,
            "'apparent_adult_options' needs 'apparent_age_question'",
        ),
    ],
)
def test_a_broken_apparent_age_rule_is_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], error: type, words: str
) -> None:
    refused = _broken(tmp_path, change)
    assert isinstance(refused, error), refused
    assert words in str(refused)


def test_format_1_has_no_apparent_age(tmp_path: Path) -> None:
    folder = tmp_path / "screening-v1"
    shutil.copytree(V1_DIR, folder)
    path = folder / "protocol.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["age_rule"]["apparent_age_question"] = "prep_age_doubt"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UnsupportedProtocolFormat) as caught:
        load_protocol(folder)
    assert "age rule: 'apparent_age_question' needs \"format\": 2" in str(caught.value)
