"""Attacker 4 (docs/reviews/attacker-4.md), area 2: a harmful protocol whose own vectors agree.

A protocol's vectors are chosen by whoever publishes it. The centre (before publishing) and the
station (before applying) also run the floor of invariant cases shipped with the app
(resources/protocols/floor-vectors.json) and refuse a version that drops or silently changes a
vector of the newest earlier version held (sync/protocol_floor.py). Real centre, real station,
real signed packages; nothing mocked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from interview_room.center.publish import publish_protocol, write_beside
from interview_room.center.store import CenterStore
from interview_room.error_sentences import error_sentence
from interview_room.resources import resources_root
from interview_room.screening.loader import load_protocol
from interview_room.screening.vectors import check_protocol
from interview_room.sync.centre_holdings import station_protocols
from interview_room.sync.centre_package_staging import CentrePackageVectorsFail
from interview_room.sync.protocol_floor import (
    ProtocolBelowFloor,
    ProtocolVectorsDropped,
    check_floor,
    floor_path,
)
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import SHIPPED_V2, _enrolled, _protocol_version
from tests.sync.test_centre_package_vectors import _sign_unchecked


def _harmful(tmp_path: Path) -> tuple[Path, int]:
    """screening-v2 as 2.1.0 with a rule under which nobody is ever a potential victim (every
    dimension needs 99 strong indicators) and a child counts as an adult from 12; vectors.json
    keeps only the shipped vectors that still pass under it. Returns the folder and how many
    shipped vectors it dropped."""
    folder = tmp_path / "protocol-2.1.0"
    shutil.copytree(SHIPPED_V2, folder)
    protocol = json.loads((folder / "protocol.json").read_text("utf-8"))
    protocol["version"] = "2.1.0"
    protocol["decision_rule"]["dimension_positive_when_any"] = [{"strong": 99}]
    protocol["age_rule"]["adult_age"] = 12
    (folder / "protocol.json").write_text(json.dumps(protocol, ensure_ascii=False), "utf-8")
    vectors = json.loads((folder / "vectors.json").read_text("utf-8"))
    vectors["version"] = "2.1.0"
    shipped = vectors["vectors"]
    (folder / "vectors.json").write_text(json.dumps(vectors, ensure_ascii=False), "utf-8")
    failed = {result.vector.id for result in check_protocol(folder).failed}
    vectors["vectors"] = [v for v in shipped if v["id"] not in failed]
    (folder / "vectors.json").write_text(json.dumps(vectors, ensure_ascii=False), "utf-8")
    assert check_protocol(folder).all_passed
    return folder, len(failed)


def _edit_vectors(folder: Path, edit: Any) -> None:
    path = folder / "vectors.json"
    raw = json.loads(path.read_text("utf-8"))
    edit(raw["vectors"])
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")


def _receive(session: Session, center: CenterStore, stick: Path) -> CentrePackageVectorsFail:
    stick.mkdir(exist_ok=True)
    write_beside(center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None
    library = station_protocols(session.workstation.data_dir, session.db)
    assert outcome.refused is not None, f"applied; new interviews use {library.current().version}"
    assert library.current().version == "2.0.0"
    assert isinstance(outcome.problem, CentrePackageVectorsFail)
    return outcome.problem


def test_a_protocol_that_never_suggests_a_victim_is_not_applied_because_its_own_vectors_agree(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    folder, dropped = _harmful(tmp_path)
    assert dropped > 50, dropped  # most shipped vectors fail under the harmful rule
    with pytest.raises(ProtocolBelowFloor) as below:
        publish_protocol(center, folder)
    # The children the rule would treat as adults fail the floor. (Since review 7 the adult
    # floor vectors are still met through the strong-means paths, which a 99-strong dimension
    # threshold does not touch: the floor is satisfied by what it pins, not by the rule's text.)
    assert {"child_sexual_returning", "child_forced_marriage_leaving"} <= set(below.value.failed)
    # A centre whose publishing step skipped the checks signs it anyway: the station refuses.
    _sign_unchecked(center, folder)
    problem = _receive(session, center, tmp_path / "stick")
    assert problem.reason == "floor"
    for language in ("sq", "en"):
        assert "al-border-screening 2.1.0" in error_sentence(problem, language)


def test_a_version_that_drops_a_vector_of_the_one_before_is_refused(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The same rule, one established vector left out: not published, not applied."""
    session, center = _enrolled(workstation, tmp_path)
    folder = _protocol_version(tmp_path, "2.1.0")
    _edit_vectors(folder, lambda vectors: vectors.pop(0))
    assert check_protocol(folder).all_passed
    with pytest.raises(ProtocolVectorsDropped) as dropped:
        publish_protocol(center, folder)
    assert dropped.value.vectors == ("adult_sexual_returning_boyfriend",)
    _sign_unchecked(center, folder)
    problem = _receive(session, center, tmp_path / "stick")
    assert (problem.reason, problem.failed) == ("dropped", 1)


def test_a_changed_expectation_needs_its_reason(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """A kept vector whose expectation changes is refused unless it says why
    (``changed_because``); with the reason it is published and applied."""
    session, center = _enrolled(workstation, tmp_path)
    silent = _protocol_version(tmp_path, "2.1.0")
    _edit_vectors(silent, lambda vectors: vectors[0]["expect"].pop("positive_signs"))
    with pytest.raises(ProtocolVectorsDropped):
        publish_protocol(center, silent)

    def explained(vectors: list[dict[str, Any]]) -> None:
        vectors[0]["expect"].pop("positive_signs")
        vectors[0]["changed_because"] = "Signs before exploitation are no longer judged here."

    said = _protocol_version(tmp_path, "2.2.0")
    _edit_vectors(said, explained)
    publish_protocol(center, said)
    stick = tmp_path / "stick"
    stick.mkdir()
    write_beside(center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None
    assert outcome.refused is None, outcome.refused
    library = station_protocols(session.workstation.data_dir, session.db)
    assert library.current().version == "2.2.0"


def test_a_protocol_without_the_questions_of_the_floor_fails_it() -> None:
    """The floor is written in screening-v2's question ids: a protocol that lacks them (here
    the shipped screening-v1) cannot show it satisfies the floor."""
    with pytest.raises(ProtocolBelowFloor):
        check_floor(load_protocol(resources_root() / "protocols" / "screening-v1"))
    check_floor(load_protocol(SHIPPED_V2))


def test_the_floor_cases_are_shipped_vectors_word_for_word() -> None:
    floor = json.loads(floor_path().read_text("utf-8"))
    shipped = json.loads((SHIPPED_V2 / "vectors.json").read_text("utf-8"))
    by_id = {vector["id"]: vector for vector in shipped["vectors"]}
    assert 8 <= len(floor["vectors"]) <= 15
    outcomes = set()
    for vector in floor["vectors"]:
        original = by_id[vector["id"]]
        assert vector["answers"] == {**shipped["common"], **original["answers"]}
        assert vector["expect"] == original["expect"]
        outcomes.add(vector["expect"]["outcome"])
    assert {"potential_victim", "indicators_not_met", "not_determined"} <= outcomes
