"""The centre's seen-before index: bounded in the package, sealed to the stations not revoked,
and never fed by a record without storage consent."""

from __future__ import annotations

import base64
import json
import secrets
import time
from pathlib import Path

import pytest

from interview_room.center.enrollment import make_enrollment
from interview_room.center.publish import latest_package, publish_revocations
from interview_room.center.seen_before import current_key, sealed_section
from interview_room.center.store import CenterStore
from interview_room.sync.centre_package import read_package
from interview_room.sync.centre_package_seen import MAX_CASES, open_sealed, read_section
from interview_room.sync.record_consent import breach

ENTRIES = 5_000


def _fill(center: CenterStore, count: int) -> None:
    db = center.open()
    try:
        with db.transaction():
            version = current_key(db).version
            db.executemany(
                "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
                " case_code, interviewed_on, outcome, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        secrets.token_hex(16),
                        "st-han",
                        version,
                        json.dumps([secrets.token_hex(32) for _ in range(5)]),
                        f"HAN-2026-{n:05d}",
                        f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
                        "potential_victim",
                        json.dumps(["shelter"]),
                    )
                    for n in range(count)
                ],
            )
    finally:
        db.close()


def test_thousands_of_interviews_travel_in_a_bounded_sealed_section(tmp_path: Path) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    enrolment = make_enrollment(center, station_name="Han i Hotit", station_code="HAN", url=None)
    _fill(center, ENTRIES)
    started = time.perf_counter()
    published = publish_revocations(center)
    seconds = time.perf_counter() - started
    assert published is not None
    data = latest_package(center)
    assert data is not None
    package = read_package(data, center.keys().root_certificate_der).package
    assert package.seen_before is not None
    per_interview = len(package.seen_before) / ENTRIES
    print(
        f"\nseen-before section: {ENTRIES} interviews, sealed {len(package.seen_before)} bytes"
        f" ({per_interview:.0f} B each), package {len(data)} bytes, published in {seconds:.2f} s"
    )
    # Bounded: the largest index the format allows fits the 16 MiB seal, and, as base64, leaves
    # room in the 24 MiB body for the protocols.
    assert per_interview * MAX_CASES < 12 * 2**20
    # Nothing changed: no new package.
    assert publish_revocations(center) is None
    _ = enrolment

    # Sealed to the station's bundle key only: the section opens with it, not with another.
    db = center.open()
    try:
        section = sealed_section(db)
    finally:
        db.close()
    assert section is not None and section.interviews == ENTRIES


def test_a_revoked_station_is_no_longer_a_recipient_and_an_enrolled_one_becomes_one(
    tmp_path: Path,
) -> None:
    from interview_room.sync.enrollment import _open as open_enrollment

    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    first = make_enrollment(center, station_name="Han i Hotit", station_code="HAN", url=None)
    raw = base64.b64decode(open_enrollment(first.data, first.passphrase)["bundle_key"])
    publish_revocations(center)
    data = latest_package(center)
    assert data is not None
    sealed = read_package(data, center.keys().root_certificate_der).package.seen_before
    assert sealed is not None
    opened = open_sealed(sealed, raw)
    assert opened is not None and read_section(opened).current_key.version == 1
    station_id = open_enrollment(first.data, first.passphrase)["station"]["id"]
    make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    center.revoke_station(station_id)
    assert publish_revocations(center) is not None
    data = latest_package(center)
    assert data is not None
    sealed = read_package(data, center.keys().root_certificate_der).package.seen_before
    assert sealed is not None
    assert open_sealed(sealed, raw) is None, "a revoked station opened the index"


def test_a_minimal_record_carrying_tokens_is_refused() -> None:
    record = {
        "format": 1,
        "station_id": "st-han",
        "personal_data": "minimal",
        "case": None,
        "interview": None,
        "answers": [],
        "events": [],
        "decision": None,
        "referrals": [],
        "seen_before": {"key_version": 1, "tokens": ["ab" * 32]},
    }
    assert breach(record, None) == "fields beyond the minimal record"


def test_a6_each_station_gets_a_fair_share_of_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker 6, N1: the newest rows of each station in turn, so one station's many (or
    newest) rows cannot push another station's out."""
    from interview_room.center import seen_before as centre_seen

    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    _fill(center, 50)  # "st-han": 50 rows, days all through 2026
    db = center.open()
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
                " case_code, interviewed_on, outcome, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ("mor-1", "st-mor", current_key(db).version, json.dumps([secrets.token_hex(32)]),
                 "MOR-2020-0001", "2020-01-02", "not_determined", "[]"),
            )  # fmt: skip
        monkeypatch.setattr(centre_seen, "MAX_CASES", 4)
        codes = [i.earlier.case_code for i in centre_seen._section(db).interviews]
    finally:
        db.close()
    assert len(codes) == 4 and "MOR-2020-0001" in codes
