"""Issue 12 (fifth review, finding 7's pattern): for a person still travelling, a threat to
the family (``fam_threats``) is part of the recruitment and the journey — control now and
coercive recruitment — never "coercion at destination" for a place not reached; recorded under
the journey's harm as well, it is one threat, counted once. After arrival it counts at
destination as before. Vignette t15 of docs/reviews/practitioner-5-vectors.json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    Outcome,
    assess,
    explain,
    load_protocol,
    shipped_protocol_dir,
)

PROTOCOL = load_protocol(shipped_protocol_dir())
T15 = "prac5_t15_moroccan_woman_transit_madam_paid_debt_family_threatened"
AT_DESTINATION = ("cd_violence_on_family", "cd_threat_inform_family")


def _t15() -> dict[str, Any]:
    path = resources_root().parent / "docs" / "reviews" / "practitioner-5-vectors.json"
    if not path.exists():  # an installed package has no docs: the shipped copy
        path = shipped_protocol_dir() / "vectors.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    vector = next(v for v in document["vectors"] if v["id"] == T15)
    return {**document.get("common", {}), **vector["answers"]}


def _assess(answers: dict[str, Any]):  # type: ignore[no-untyped-def]
    given = {k: Answer.given(k, v) for k, v in answers.items()}
    return assess(PROTOCOL, given, presumed_child=False)


def test_t15_family_threat_is_printed_on_the_way_not_at_destination() -> None:
    result = _assess(_t15())
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    ids = {i for d in result.dimensions for i in d.indicator_ids}
    assert "cr_family_threats_on_the_way" in ids
    assert not ids & set(AT_DESTINATION)
    words = "\n".join(explain(result, PROTOCOL, "en"))
    assert "Threats against the family, while still travelling" in words
    assert "family while the person was at destination" not in words
    albanian = "\n".join(explain(result, PROTOCOL, "sq"))
    assert "Kërcënime ndaj familjes, ndërsa është ende në rrugë" in albanian


@pytest.mark.parametrize(
    ("threat", "on_the_way", "at_destination"),
    [
        ("harm_to_family", "cr_family_threats_on_the_way", "cd_violence_on_family"),
        ("debt_claimed_from_family", "cr_family_threats_on_the_way", "cd_violence_on_family"),
        ("family_or_community_told", "cr_inform_family_on_the_way", "cd_threat_inform_family"),
    ],
)
def test_the_direction_of_travel_decides_where_it_counts(
    threat: str, on_the_way: str, at_destination: str
) -> None:
    answers = {**_t15(), "fam_threats": [threat], "rec_harm_during_journey": ["none"]}
    travelling = {i for d in _assess(answers).dimensions for i in d.indicator_ids}
    assert on_the_way in travelling and at_destination not in travelling
    arrived = _assess({**answers, "obs_stayed_at_destination": "stayed_or_worked"})
    ids = {i for d in arrived.dimensions for i in d.indicator_ids}
    assert at_destination in ids and on_the_way not in ids


def test_one_threat_recorded_in_both_questions_counts_once() -> None:
    answers = {**_t15(), "rec_harm_during_journey": ["threats_to_family"]}
    ids = [i for d in _assess(answers).dimensions for i in d.indicator_ids]
    assert ids.count("cr_family_threats_on_the_way") == 1
    assert "cr_threats_family" not in ids
