"""The seen-before section in the centre's package: body version 3 round-trips, with and
without revocations; an entry that carries anything beyond tokens and a summary on the closed
lists, or names a key the section does not hold, is left out and counted (attacker 6, D2),
never the whole section."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import date
from pathlib import Path

import pytest

from interview_room.center.store import CenterStore
from interview_room.seen_before import EarlierInterview, SeenBeforeKey
from interview_room.sync.centre_package import (
    CentrePackage,
    PublishedRevocations,
    read_package,
    root_fingerprint,
    write_package,
)
from interview_room.sync.centre_package_seen import (
    IndexedInterview,
    SeenBeforeSection,
    read_section,
    section_bytes,
)
from interview_room.sync.fields import FormatViolation

SUMMARY = EarlierInterview(
    "HAN-2026-0042", "Han i Hotit", date(2026, 10, 3), "potential_victim", ("shelter",)
)


def _section() -> SeenBeforeSection:
    key = SeenBeforeKey(1, secrets.token_bytes(32))
    entry = IndexedInterview(1, (secrets.token_bytes(32),), SUMMARY, "HAN")
    return SeenBeforeSection((key,), (entry,))


def test_body_version_3_carries_the_sealed_section_with_or_without_revocations(
    tmp_path: Path,
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    root = center.keys().root_certificate_der
    key = center.root_private_key()
    for revocations in (PublishedRevocations(), PublishedRevocations((), ("ab" * 32,))):
        package = CentrePackage(
            4, "2027-01-12T08:00:00+00:00", root_fingerprint(root), None, (), revocations,
            b"sealed bytes",
        )  # fmt: skip
        data = write_package(package, root_certificate_der=root, root_private_key_der=key)
        assert read_package(data, root).package == package
        body = json.loads(base64.b64decode(json.loads(data)["body"]))
        assert body["version"] == 3 and ("revocations" in body) == bool(revocations)


def test_the_section_reads_back_and_refuses_more_than_tokens_and_summaries() -> None:
    section = _section()
    assert read_section(section_bytes(section)) == section
    document = json.loads(section_bytes(section))
    named = json.loads(json.dumps(document))
    named["cases"][0]["person_name"] = "Besa Shembulli"
    unknown_key = json.loads(json.dumps(document))
    unknown_key["cases"][0]["key_version"] = 2
    short_token = json.loads(json.dumps(document))
    short_token["cases"][0]["tokens"] = [base64.b64encode(b"x" * 16).decode()]
    for bent in (named, unknown_key, short_token):
        read = read_section(json.dumps(bent).encode())
        assert read.interviews == () and read.dropped == 1
    no_keys = json.loads(json.dumps(document))
    no_keys["keys"] = []
    with pytest.raises(FormatViolation):
        read_section(json.dumps(no_keys).encode())


FREE_TEXT = "Said_Arben_Shembulli_beat_him_at_Durres_port_tel_0691234567"


def test_a6_one_bad_entry_is_dropped_and_counted_and_the_rest_is_held() -> None:
    key = SeenBeforeKey(1, secrets.token_bytes(32))
    good = IndexedInterview(1, (secrets.token_bytes(32),), SUMMARY, "HAN")
    section = SeenBeforeSection((key,), (good,))
    document = json.loads(section_bytes(section))
    bents: list[tuple[str, object]] = [
        ("outcome", "not a victim"),
        ("outcome", FREE_TEXT),
        ("recipients", [FREE_TEXT]),
        ("recipients", ["shelter"] * 2),
        ("recipients", [f"r{n}" for n in range(17)]),
        ("case_code", "MOR-2026-0999"),  # another station's code under HAN
        ("station_code", "MOR"),
        ("interviewed_on", "2099-12-31"),
        ("interviewed_on", "2019-12-31"),
    ]
    for field, value in bents:
        entry = {**document["cases"][0], field: value}
        document["cases"] = [document["cases"][0], entry]
        read = read_section(json.dumps(document).encode())
        assert (read.interviews, read.dropped) == ((good,), 1), field
