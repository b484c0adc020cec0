"""`interview-room referral check FILE [--root PEM] [--json]`: the strict profile from a shell.

Exit 0 only for a complete, untouched form; one line (or JSON object) per signature and per
problem; a refusal is one sentence on stderr, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.referral.attacks import FORGED_DECISION, free_text_overlay, strip_to_revision_of
from tests.referral.conftest import Signed


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_an_untouched_form_exits_0_with_one_line_per_signature(
    signed: Signed, tmp_path: Path
) -> None:
    form = _file(tmp_path, "referral.pdf", signed.both)

    run = run_cli("referral", "check", form, "--root", signed.root_pem)

    assert run.returncode == 0, run.stdout + run.stderr
    first, *rest = run.stdout.splitlines()
    assert first.startswith("referral.pdf: VALID: complete and untouched (SHA-256 ")
    assert [line.split(":")[0] for line in rest] == [
        "signature officer",
        "signature social_worker",
    ]
    assert all(line.endswith(": valid") for line in rest)
    assert "(role officer)" in rest[0] and "(role social_worker)" in rest[1]
    assert run.stderr == ""


def test_json_gives_one_object_per_signature_and_problem_and_the_verdict_last(
    signed: Signed, tmp_path: Path
) -> None:
    form = _file(tmp_path, "stripped.pdf", strip_to_revision_of(signed.both, "officer"))

    run = run_cli("referral", "check", form, "--root", signed.root_pem, "--json")

    assert run.returncode == 1
    objects = [json.loads(line) for line in run.stdout.splitlines()]
    assert [o["kind"] for o in objects] == ["signature", "problem", "result"]
    signature, problem, result = objects
    assert signature["field"] == "officer" and signature["valid"] and signature["certifies"]
    assert (problem["problem"], problem["field"]) == ("not_countersigned", "social_worker")
    assert result["status"] == "incomplete" and result["file"] == "stripped.pdf"
    assert len(result["sha256"]) == 64


def test_an_overlay_is_refused_with_a_line_per_problem(signed: Signed, tmp_path: Path) -> None:
    attacked = free_text_overlay(signed.both, 0, (40.0, 500.0, 555.0, 540.0), FORGED_DECISION)
    form = _file(tmp_path, "overlay.pdf", attacked)

    run = run_cli("referral", "check", form, "--root", signed.root_pem)

    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith("overlay.pdf: NOT VALID")
    assert any(line.startswith("problem officer: The document was changed") for line in lines)
    assert any(line.startswith("problem social_worker: The document was changed") for line in lines)
    assert run.stderr == "", "pyHanko's own warnings (with tracebacks) stay out of the output"


def test_without_a_root_nothing_is_trusted(signed: Signed, tmp_path: Path) -> None:
    run = run_cli("referral", "check", _file(tmp_path, "referral.pdf", signed.both), "--json")

    assert run.returncode == 1
    problems = [o for o in map(json.loads, run.stdout.splitlines()) if o["kind"] == "problem"]
    assert {(p["problem"], p["field"]) for p in problems} == {
        ("not_trusted", "officer"),
        ("not_trusted", "social_worker"),
    }
    assert "--root" in run.stderr


@pytest.mark.parametrize(
    ("name", "content", "root_content"),
    [
        ("garbage.pdf", b"%PDF-1.7 not really\x00" * 20, None),
        ("missing.pdf", None, None),
        ("referral.pdf", b"", b"-----BEGIN CERTIFICATE-----\nnot a certificate\n"),
    ],
    ids=["not-a-pdf", "missing-file", "bad-root"],
)
def test_refusals_are_one_sentence_without_a_traceback(
    signed: Signed,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    root_content: bytes | None,
) -> None:
    form = tmp_path / name
    if content is not None:
        form.write_bytes(content or signed.both)
    root = signed.root_pem if root_content is None else _file(tmp_path, "root.pem", root_content)

    run = run_cli("referral", "check", form, "--root", root)

    assert run.returncode == 1
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith("interview-room: ")
    assert "Traceback" not in run.stderr
