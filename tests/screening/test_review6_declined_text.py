"""Sixth practitioner's review, finding 6 (the part that is data): a woman who declined most
questions, with violence and fear seen by the officers, is *not determined*; the explanation
then says that what the officers saw still counts and that the shelter can be offered today,
only the second conversation waiting. The ⚠ centre proposal (a path to *potential victim*) is
not built: it needs a rule field."""

from __future__ import annotations

import json
from pathlib import Path

from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Outcome, assess

REVIEW = Path(__file__).parents[2] / "docs" / "reviews" / "practitioner-6-vectors.json"


def _answers(vector_id: str) -> dict[str, Answer]:
    data = json.loads(REVIEW.read_text(encoding="utf-8"))
    vector = next(v for v in data["vectors"] if v["id"].startswith(vector_id))
    raw = {**data["common"], **vector["answers"]}
    return {
        k: Answer.prefers_not_to_answer(k) if isinstance(v, dict) else Answer.given(k, v)
        for k, v in raw.items()
    }


def test_mostly_declined_with_violence_seen_offers_the_shelter_today() -> None:
    protocol = ProtocolLibrary().current()
    result = assess(protocol, _answers("prac6_u07"), presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_declined"
    assert "what the officers themselves saw" in result.rule_text["en"]
    assert "The shelter can be offered today" in result.rule_text["en"]
    assert "Strehëza mund të ofrohet sot" in result.rule_text["sq"]
