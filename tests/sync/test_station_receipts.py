"""Receipts can no longer destroy data (issue 13, item 4): a case is marked sent, and may be
purged, only when the centre's hash is this station's hash for that version.

The attacks are run as they were reported: an insider who copied the station's bundle key
sends a forged next version of a real case; the station's real next version is then answered
with a genuine receipt naming the forged content. Real station, real centre, real importer."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.cases.register import CaseStatus
from interview_room.center.conflicts import Resolution, load_conflicts, resolve_conflict
from interview_room.center.importer import import_files
from interview_room.center.registry import load_registry
from interview_room.center.store import CenterStore
from interview_room.center.versions import Problem
from interview_room.sync.bundle import MAX_PREVIOUS
from interview_room.sync.receipt import Receipt, receipt_file_name, write_receipt
from interview_room.sync.records import RECORD_KIND
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.linking import (
    NAMES,
    carry_to_center,
    case_id,
    change_an_answer,
    forged_bundle,
    forged_case,
    held,
    linked_station,
    round_trip,
)
from tests.conftest import WorkstationFactory

LATER = datetime.now(UTC) + timedelta(days=31)


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return linked_station(workstation, tmp_path / "center")


def _version_hash(session: Session, record_id: str) -> tuple[int, str]:
    row = session.db.one(
        "SELECT version, content_hash FROM sync_records WHERE case_id = ?", (record_id,)
    )
    assert row is not None
    return int(row[0]), str(row[1])


def test_a_receipt_for_forged_content_does_not_mark_the_real_version_sent_nor_purge_it(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    round_trip(sync, center, tmp_path / "trip1")
    target = case_id(session)
    version, first_hash = _version_hash(session, target)
    assert version == 1

    # The insider's forged version 2, chained to the real version 1 (its hash is in receipts).
    forged = forged_case(session, 2, (first_hash,))
    run = import_files(center, [forged_bundle(session, center, (forged,), 50, tmp_path / "x")])
    assert run.imported == 1, "a key holder's next version is accepted: nothing can tell"

    # The station's real version 2; the centre answers with a genuine receipt.
    change_an_answer(session, "yes")
    trip = tmp_path / "trip2"
    trip.mkdir()
    bundle = sync.write_to_folder(trip)
    assert bundle is not None
    result = import_files(center, [bundle]).results[0]
    assert (result.imported, result.conflicts) == (0, 1)
    applied = sync.receive_receipts(trip)
    assert (applied.confirmed, applied.conflicts, applied.refused) == (0, 1, ())

    case = session.cases.get(target)
    assert case.status != CaseStatus.SYNCED, "not marked sent: the centre holds other content"
    assert sync.status().conflicts == 1
    purged = sync.purge(retention_days=30, now=LATER)
    assert purged == len(NAMES) - 1, "every other case was confirmed and is purged"
    kept = session.cases.get(target)
    assert kept.person_name == case.person_name != "", "the real data was not purged"
    answers = session.db.one("SELECT count(*) FROM answers WHERE case_id = ?", (target,))
    assert answers is not None and answers[0] > 0

    # The centre kept the real version aside, flagged in the registry: nothing overwritten.
    (conflict,) = load_conflicts(center)
    assert (conflict.record_id, conflict.version, conflict.problem) == (
        target,
        2,
        Problem.OTHER_CONTENT,
    )
    assert conflict.content_hash == _version_hash(session, target)[1]
    held_now = held(center, target)
    assert held_now is not None and held_now[1] == forged.content_hash
    flagged = [row for row in load_registry(center).rows if row.conflicts]
    assert len(flagged) == 1 and flagged[0].version == 2

    # A person chooses the station's version; the next trip confirms it and it may be purged.
    resolve_conflict(center, conflict.number, Resolution.INCOMING)
    assert load_conflicts(center) == () and load_registry(center).conflicts == 0
    round_trip(sync, center, tmp_path / "trip3")
    assert session.cases.get(target).status == CaseStatus.SYNCED
    assert sync.status().conflicts == 0 and sync.status().pending == 0
    assert sync.purge(retention_days=30, now=LATER + timedelta(days=31)) == 1


def test_a_forged_version_2_to_the_53_minus_1_blocks_no_later_fix(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    round_trip(sync, center, tmp_path / "trip1")
    target = case_id(session)
    top = 2**53 - 1
    fake_chain = tuple(f"{n:064x}" for n in range(MAX_PREVIOUS))
    forgeries = (
        forged_case(session, top),
        forged_case(session, top, fake_chain),
    )
    for number, forged in enumerate(forgeries, start=60):
        run = import_files(center, [forged_bundle(session, center, (forged,), number, tmp_path)])
        assert (run.imported, run.results[0].conflicts) == (0, 1)
    assert held(center, target) is not None and held(center, target)[0] == 1  # type: ignore[index]

    change_an_answer(session, "yes")  # the real fix: version 2
    round_trip(sync, center, tmp_path / "trip2")
    now = held(center, target)
    assert now is not None and now[0] == 2 and now[1] == _version_hash(session, target)[1]
    assert session.cases.get(target).status == CaseStatus.SYNCED
    assert {c.problem for c in load_conflicts(center)} == {Problem.DOES_NOT_FOLLOW}


def test_a_genuine_receipt_naming_a_version_the_station_never_made_is_a_conflict(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    """Whatever the centre answers, only our own hash confirms (here the receipt is signed
    with the centre's real key, as a compromised or confused centre could)."""
    session, center = linked
    sync = StationSync(session)
    round_trip(sync, center, tmp_path / "trip1")
    target = case_id(session)
    change_an_answer(session, "yes")
    exported = sync.export_bundle()
    version, digest = _version_hash(session, target)
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    key = Ed25519PrivateKey.from_private_bytes(center.keys().receipt_key)
    for sequence, stored in (
        (exported.sequence, (RECORD_KIND, target, version, "f" * 64)),  # other content
        (exported.sequence + 1, (RECORD_KIND, target, 2**53 - 1, digest)),  # never made
        (exported.sequence + 2, (RECORD_KIND, target, version - 1, "e" * 64)),  # other, older
    ):
        receipt = Receipt(sync.station_id, sequence, "2026-03-02T11:00:00Z", (stored,))
        name = receipt_file_name(sync.station_id, sequence)
        (receipts / name).write_bytes(write_receipt(receipt, center_key=key))
    run = sync.receive_receipts(receipts)
    assert (run.confirmed, run.conflicts) == (0, 3)
    assert sync.purge(retention_days=0, now=LATER) == len(NAMES) - 1
    assert session.cases.get(target).person_name != ""
    assert sync.status().conflicts == 1


def test_one_bad_receipt_file_never_stops_the_others(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    usb = tmp_path / "usb"
    carry_to_center(sync, center, usb)
    station = sync.station_id
    (usb / receipt_file_name(station, 1000)).symlink_to("/dev/zero")
    os.mkfifo(usb / receipt_file_name(station, 1001))
    (usb / receipt_file_name(station, 1002)).write_bytes(b'{"format":"interview-room-receipt"')
    sparse = usb / receipt_file_name(station, 1003)
    with sparse.open("wb") as handle:
        handle.truncate(700 * 1024 * 1024)  # costs nothing on the stick, refused by its size
    run = sync.receive_receipts(usb)
    assert run.confirmed == len(NAMES)
    refused = dict(run.refused)
    assert set(refused) == {receipt_file_name(station, n) for n in (1000, 1001, 1002, 1003)}
    assert "symbolic link" in refused[receipt_file_name(station, 1000)]
    assert "named pipe" in refused[receipt_file_name(station, 1001)]
    assert "is invalid" in refused[receipt_file_name(station, 1002)]
    assert "larger than" in refused[receipt_file_name(station, 1003)]
