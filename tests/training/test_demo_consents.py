"""The demo lists its cases with their consents, so anyone can check what left the station:
decrypted with the standard ``age`` tool, the bundle shows no identity or free text for a case
whose storage was refused (issue 12's "done when")."""

from __future__ import annotations

import base64
import json
import subprocess
from typing import Any

from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import AnswerType
from tests.conftest import DemoStation
from tests.external_tools import require_tool

# The free text the storage-refused scenario types (its decision's reasons, its last answer).
REFUSED_CASE_FREE_TEXT = (b"nuk mbahet regjistrim", "telefonojë motrën".encode())


def _records(plaintext: bytes) -> list[dict[str, Any]]:
    """The case records of a decrypted bundle, read as docs/BUNDLE_FORMAT.md describes it."""
    if plaintext.startswith(b"{"):  # format 1: one JSON container, contents in base64
        container = json.loads(plaintext)
        return [
            json.loads(base64.b64decode(r["content"]))
            for r in container["records"]
            if r["kind"] == "case"
        ]
    # Format 2: a magic line, the header, its signature, then per record a head line
    # ({"bytes": n, …}), n bytes of content and a line break.
    body = plaintext.split(b"\n", 3)[3]
    records: list[dict[str, Any]] = []
    position = 0
    while position < len(body):
        end = body.index(b"\n", position)
        head = json.loads(body[position:end])
        size = head["bytes"]
        if head["kind"] == "case":  # not the register of signing certificates
            records.append(json.loads(body[end + 1 : end + 1 + size]))
        position = end + 1 + size + 1
    return records


def test_the_demo_lists_its_cases_and_their_consents(demo_station: DemoStation) -> None:
    cases = demo_station.report["cases"]
    assert len(cases) == len(demo_station.report["sample_names"])
    for case in cases:
        assert set(case) == {"code", "name", "child", "storage_consent", "recipients_consented"}
    assert {c["storage_consent"] for c in cases} >= {"given", "refused"}
    assert any(c["child"] for c in cases) and not all(c["child"] for c in cases)
    refused = next(c for c in cases if c["storage_consent"] == "refused")
    assert refused["recipients_consented"] == ["shelter"]


def test_age_shows_no_identity_or_free_text_for_a_case_whose_storage_was_refused(
    demo_station: DemoStation,
) -> None:
    require_tool("age")
    report = demo_station.report
    plaintext = subprocess.run(
        ["age", "-d", "-i", report["center_identity"], report["bundle"]],
        capture_output=True,
        check=True,
    ).stdout
    records = {record["case"]["code"]: record for record in _records(plaintext)}
    cases = report["cases"]
    assert set(records) == {c["code"] for c in cases}
    protocol = ProtocolLibrary().current()
    free_text = {q.id for q in protocol.questions if q.answer_type is AnswerType.TEXT}

    kept = [c for c in cases if c["storage_consent"] == "given"]
    assert kept and all(c["name"].encode() in plaintext for c in kept), "names can be seen"
    refused = [c for c in cases if c["storage_consent"] == "refused"]
    assert refused
    for case in refused:
        record = records[case["code"]]
        assert case["name"].encode() not in plaintext
        assert "person_name" not in record["case"]
        assert "person_language" not in (record["interview"] or {})
        assert not {question for question, _, _ in record["answers"]} & free_text
        assert "reasons" not in (record["decision"] or {})
        assert all(set(detail) <= {"requested_by", "decision"} for *_, detail in record["events"])
        for text in REFUSED_CASE_FREE_TEXT:
            assert text not in plaintext
        assert record["personal_data"] == "minimal" and record["interview"]["age_band"]
        assert record["decision"]["decision"] == "potential_victim", "the outcome travels"
