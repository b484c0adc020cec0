"""Attacker 5 (docs/reviews/attacker-5.md), P1 and P3: protocols that keep every id, so the old
floor and continuity passed, but change what an id means.

P1 swaps the labels the officer reads ("Clearly a child" stored as ``clearly_adult``); P3 makes
17 an adult and rewrites the one vector that notices, with a ``changed_because``. The floor now
pins the age rule and the sq/en texts of its questions, and a reason never changes a vector's
outcome or presumed child (sync/protocol_floor.py). Real centre, real station, real signed
packages; nothing mocked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview_room.center.publish import publish_protocol
from interview_room.screening.loader import load_protocol
from interview_room.screening.vectors import check_protocol
from interview_room.sync.protocol_floor import (
    ProtocolBelowFloor,
    ProtocolVectorsDropped,
    check_continuity,
    check_floor,
    floor_path,
)
from tests.conftest import WorkstationFactory
from tests.sync.test_attacks_centre_package_vectors import _edit_vectors, _receive
from tests.sync.test_centre_package import SHIPPED_V2, _enrolled, _protocol_version
from tests.sync.test_centre_package_vectors import _sign_unchecked

KEY = "question.obs_apparent_age.option.{}"
_CHILD_ONLY = (
    "prep_child_support",
    "consent_guardian",
    "consent_guardian_by",
    "consent_child_assent",
)


def _swap_labels(folder: Path, first: str, second: str) -> None:
    for lang in ("sq", "en", "ar", "fa", "fr", "sr"):
        path = folder / "texts" / f"{lang}.json"
        doc = json.loads(path.read_text("utf-8"))
        texts = doc["texts"]
        if first in texts and second in texts:
            texts[first], texts[second] = texts[second], texts[first]
        path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def test_a5_p1_swapped_labels_of_the_apparent_age_are_below_the_floor(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The ids are unchanged, so the protocol's own vectors pass; the words are not, so it is
    neither published nor applied when signed anyway."""
    session, center = _enrolled(workstation, tmp_path)
    folder = _protocol_version(tmp_path, "2.1.0")
    _swap_labels(folder, KEY.format("clearly_adult"), KEY.format("clearly_child"))
    assert check_protocol(folder).all_passed
    with pytest.raises(ProtocolBelowFloor) as below:
        publish_protocol(center, folder)
    assert below.value.failed == (
        "text sq question.obs_apparent_age.option.clearly_adult",
        "text sq question.obs_apparent_age.option.clearly_child",
        "text en question.obs_apparent_age.option.clearly_adult",
        "text en question.obs_apparent_age.option.clearly_child",
    )
    _sign_unchecked(center, folder)
    problem = _receive(session, center, tmp_path / "stick")
    assert problem.reason == "floor"


def test_a5_p1_an_inverted_question_or_a_planted_guidance_is_below_the_floor(
    tmp_path: Path,
) -> None:
    """The doubt question reworded to mean its opposite, or a new hint under a floor question:
    below the floor. A new option's label is allowed (a protocol may add options)."""
    folder = _protocol_version(tmp_path, "2.1.0")
    path = folder / "texts" / "en.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["texts"]["question.prep_age_doubt.label"] = "Are you sure the person is an adult?"
    doc["texts"]["question.work_hours.person"] = "Answer 'less than eight' if unsure."
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(ProtocolBelowFloor) as below:
        check_floor(load_protocol(folder))
    assert below.value.failed == (
        "text en question.prep_age_doubt.label",
        "text en question.work_hours.person",
    )
    check_floor(load_protocol(SHIPPED_V2))


def test_a5_p1_the_floor_pins_the_shipped_wording() -> None:
    """The pinned texts are the shipped protocol's. A program release that deliberately
    rewords a question of the floor runs ``python -m interview_room.sync.protocol_floor``."""
    try:
        check_floor(load_protocol(SHIPPED_V2))
    except ProtocolBelowFloor as below:
        pytest.fail(
            f"the shipped protocol differs from the floor's pins: {below.failed[:5]}; after a"
            " deliberate rewording run: python -m interview_room.sync.protocol_floor"
        )
    pinned = json.loads(floor_path().read_text("utf-8"))["texts"]
    assert len(pinned["sq"]) == len(pinned["en"]) > 250
    assert "question.obs_apparent_age.option.clearly_child" in pinned["en"]


def _adult_at_17(folder: Path) -> list[str]:
    """adult_age 17, and every vector that notices rewritten to agree, with a reason."""
    protocol = json.loads((folder / "protocol.json").read_text("utf-8"))
    protocol["age_rule"]["adult_age"] = 17
    (folder / "protocol.json").write_text(json.dumps(protocol, ensure_ascii=False), "utf-8")
    changed = {result.vector.id: result for result in check_protocol(folder).failed}

    def agree(vectors: list[dict[str, Any]]) -> None:
        for vector in vectors:
            result = changed.get(vector["id"])
            if result is None:
                continue
            vector["expect"] = {
                "outcome": result.outcome.value,
                "positive_dimensions": sorted(d.value for d in result.positive_dimensions),
                "positive_signs": sorted(result.positive_signs),
                "presumed_child": result.presumed_child,
            }
            for hidden in _CHILD_ONLY:  # no longer asked of a 17-year-old
                vector["answers"].pop(hidden, None)
            vector["changed_because"] = "Aligned with the regional practice."

    _edit_vectors(folder, agree)
    assert check_protocol(folder).all_passed
    return sorted(changed)


def test_a5_p3_a_seventeen_year_old_stays_a_child(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The pinned age rule and its boundary cases refuse adult_age 17 at the centre and at the
    station, whatever the vectors say."""
    session, center = _enrolled(workstation, tmp_path)
    folder = _protocol_version(tmp_path, "2.1.0")
    assert _adult_at_17(folder)
    with pytest.raises(ProtocolBelowFloor) as below:
        publish_protocol(center, folder)
    assert below.value.failed == ("age_rule.adult_age", "age_case 17, no doubt")
    _sign_unchecked(center, folder)
    assert _receive(session, center, tmp_path / "stick").reason == "floor"


def test_a5_p3_a_reason_never_changes_an_established_outcome(tmp_path: Path) -> None:
    """Continuity: ``changed_because`` may refine the dimensions or signs of a kept vector; its
    outcome or presumed child changed is refused, reason or not (a program release)."""
    folder = _protocol_version(tmp_path, "2.1.0")

    def flip(vectors: list[dict[str, Any]]) -> None:
        vectors[0]["expect"]["outcome"] = "indicators_not_met"
        vectors[0]["changed_because"] = "Aligned with the regional practice."

    _edit_vectors(folder, flip)
    with pytest.raises(ProtocolVectorsDropped) as dropped:
        check_continuity(folder, [SHIPPED_V2])
    assert dropped.value.vectors == ("adult_sexual_returning_boyfriend",)
