"""Protocol test vectors: the shipped ones pass and cover what the issue names; a wrong
expectation, a broken file or another version's vectors are reported; and the command line
says which fail, with exit 1, as the centre and CI use it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import ProtocolError, load_protocol
from interview_room.screening.errors import ProtocolFileMissing, ProtocolSchemaError
from interview_room.screening.vectors import (
    VectorsInvalid,
    check_protocol,
    load_vectors,
)
from tests.conftest import run_cli

V2_DIR = resources_root() / "protocols" / "screening-v2"
V2 = load_protocol(V2_DIR)
SHIPPED = json.loads((V2_DIR / "vectors.json").read_text(encoding="utf-8"))


def _merged(vector: dict[str, Any]) -> dict[str, Any]:
    return {**SHIPPED.get("common", {}), **vector["answers"]}


def test_the_shipped_vectors_pass() -> None:
    report = check_protocol(V2_DIR)
    assert report.all_passed, "\n".join(report.lines())
    assert len(report.results) >= 40
    assert (report.protocol_id, report.protocol_version) == (V2.id, V2.version)
    counts = report.outcome_counts()
    for outcome in ("potential_victim", "potential_victim_at_risk", "indicators_not_met"):
        assert counts[outcome] >= 5, counts


def test_the_shipped_vectors_cover_every_form_every_direction_adults_and_children() -> None:
    vectors = SHIPPED["vectors"]
    recorded = [_merged(v).get("exploitation_forms") for v in vectors]
    forms = {f for given in recorded if isinstance(given, list) for f in given}
    assert forms == set(V2.question("exploitation_forms").options)
    directions = {_merged(v).get("journey_direction") for v in vectors} - {None}
    assert directions == set(V2.question("journey_direction").options)
    children = [v for v in vectors if v["expect"].get("presumed_child") is True]
    adults = [v for v in vectors if v["expect"].get("presumed_child") is False]
    assert len(children) >= 8 and len(adults) >= 25
    ids = {v["id"] for v in vectors}
    assert {"seasonal_worker_contract_leaving", "smuggled_adult_in_transit"} <= ids
    negatives = {v["id"] for v in vectors if v["expect"]["outcome"] == "indicators_not_met"}
    assert {"seasonal_worker_contract_leaving", "smuggled_adult_in_transit"} <= negatives


def _copy(tmp_path: Path, change: Any = None) -> Path:
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    if change is not None:
        path = folder / "vectors.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def _vector(document: dict[str, Any], vector_id: str) -> dict[str, Any]:
    return next(v for v in document["vectors"] if v["id"] == vector_id)


def test_a_wrong_expectation_fails_and_says_what_differs(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        _vector(document, "seasonal_worker_contract_leaving")["expect"]["outcome"] = (
            "potential_victim"
        )
        _vector(document, "adult_sexual_returning_boyfriend")["expect"]["positive_dimensions"] = [
            "exploitation"
        ]

    report = check_protocol(_copy(tmp_path, change))
    assert not report.all_passed
    failed = {r.vector.id: r.problems for r in report.failed}
    assert set(failed) == {"seasonal_worker_contract_leaving", "adult_sexual_returning_boyfriend"}
    assert failed["seasonal_worker_contract_leaving"] == (
        "expected potential_victim, got indicators_not_met",
    )
    assert (
        "positive dimensions expected [exploitation], got [deceptive_recruitment, "
        in failed["adult_sexual_returning_boyfriend"][0]
    )
    assert any(line.startswith("FAILED seasonal_worker") for line in report.lines())


def test_an_answer_to_a_hidden_question_is_a_failure(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        # Shown only when the person worked; this person did not say so.
        _vector(document, "seasonal_worker_contract_leaving")["answers"]["work_hours"] = (
            "more_than_twelve"
        )

    report = check_protocol(_copy(tmp_path, change))
    (failed,) = report.failed
    assert failed.problems == ("answers to questions that are not shown: work_hours",)


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (
            lambda d: _vector(d, "consent_refused")["answers"].update(no_such_question="yes"),
            VectorsInvalid,
            "vector 'consent_refused': the protocol has no question 'no_such_question'",
        ),
        (
            lambda d: _vector(d, "consent_refused")["answers"].update(prep_age=200),
            VectorsInvalid,
            "above the maximum 120",
        ),
        (
            lambda d: _vector(d, "consent_refused")["answers"].update(prep_sex={"status": "no"}),
            VectorsInvalid,
            "prefers_not_to_answer",
        ),
        (lambda d: d.update(version="1.0.0"), VectorsInvalid, "not for al-border-screening 2.0.0"),
        (
            lambda d: d["vectors"].append(dict(d["vectors"][0])),
            VectorsInvalid,
            "the id is used twice",
        ),
        (
            lambda d: _vector(d, "consent_refused")["expect"].update(outcome="victim"),
            ProtocolSchemaError,
            "unknown outcome 'victim'",
        ),
        (
            lambda d: _vector(d, "consent_refused")["expect"].update(positive_signs=["x"]),
            VectorsInvalid,
            "the protocol has no sign 'x'",
        ),
    ],
)
def test_a_broken_vectors_file_is_refused_naming_the_fault(
    tmp_path: Path, change: Any, error: type[ProtocolError], words: str
) -> None:
    folder = _copy(tmp_path, change)
    with pytest.raises(error) as caught:
        load_vectors(folder / "vectors.json", V2)
    assert str(caught.value).startswith("vectors.json, ")
    assert words in str(caught.value)


def test_a_folder_without_vectors_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "vectors.json").unlink()
    with pytest.raises(ProtocolFileMissing):
        check_protocol(folder)


# --- The command line -------------------------------------------------------------------------


def test_protocol_check_passes_with_exit_0() -> None:
    run = run_cli("protocol", "check")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines[0].startswith("Protocol al-border-screening 2.0.0 (content hash ")
    assert lines[1].endswith(" passed, 0 failed.")


def test_protocol_check_names_the_failures_with_exit_1(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        _vector(document, "smuggled_adult_in_transit")["expect"]["outcome"] = "potential_victim"

    folder = _copy(tmp_path, change)
    run = run_cli("protocol", "check", "--protocol", folder)
    assert run.returncode == 1
    assert "1 failed." in run.stdout
    assert (
        "FAILED smuggled_adult_in_transit: expected potential_victim, got indicators_not_met"
        in run.stdout
    )
    as_json = run_cli("protocol", "check", "--protocol", folder, "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["failed"] == 1 and report["total"] == len(SHIPPED["vectors"])
    (failed,) = [r for r in report["results"] if not r["passed"]]
    assert failed["id"] == "smuggled_adult_in_transit"
    assert failed["actual"]["outcome"] == "indicators_not_met"


def test_protocol_check_with_another_vectors_file_and_a_broken_protocol(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vectors = tmp_path / "elsewhere.json"
    shutil.move(folder / "vectors.json", vectors)
    run = run_cli("protocol", "check", "--protocol", folder, "--vectors", vectors, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["vectors_file"] == str(vectors)

    (folder / "protocol.json").write_text("{", encoding="utf-8")
    broken = run_cli("protocol", "check", "--protocol", folder, "--vectors", vectors)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert broken.stderr.strip().startswith("interview-room: protocol.json, line 1")
