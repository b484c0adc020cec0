"""The shipped screening protocol version 2 as the practitioners' review tests use it: their
vignettes (``docs/reviews/practitioner-N-vectors.json``) turned into answers, the line a
recorded observation prints, and a copy of the protocol with its decision rule changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import Answer, ProtocolError, load_protocol
from interview_room.screening.protocol import text

V2_DIR = resources_root() / "protocols" / "screening-v2"
V2 = load_protocol(V2_DIR)
REVIEWS = Path(__file__).parents[2] / "docs" / "reviews"


def vignettes(review: str) -> Callable[..., dict[str, Answer]]:
    """The answers of one review's vignette (``review`` names the vectors file), with some
    answers changed; a changed answer of ``None`` is left out."""
    path = REVIEWS / review

    def vignette(vector_id: str, **changed: Any) -> dict[str, Answer]:
        data = json.loads(path.read_text(encoding="utf-8"))
        vector = next(v for v in data["vectors"] if v["id"].startswith(vector_id))
        raw = {**data["common"], **vector["answers"], **changed}
        return {
            k: Answer.prefers_not_to_answer(k) if isinstance(v, dict) else Answer.given(k, v)
            for k, v in raw.items()
            if v is not None
        }

    return vignette


def recorded(question_id: str, option: str, lang: str = "en") -> str:
    """The line the rule text prints for an observation the officers recorded."""
    question = V2.question(question_id)
    return f"{text(V2, lang, question.label)}: {text(V2, lang, question.option_text(option))}"


def refused_protocol(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> ProtocolError:
    """The error loading a copy of version 2 whose ``protocol.json`` ``change`` altered."""
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    path = folder / "protocol.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(folder)
    return caught.value


def refused_rule(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> ProtocolError:
    """The error loading a copy of version 2 whose decision rule ``change`` altered."""
    return refused_protocol(tmp_path, lambda document: change(document["decision_rule"]))
