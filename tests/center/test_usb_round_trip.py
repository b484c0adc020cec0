"""Station → USB folder → centre → receipt → station: exactly once, nothing lost, then purged."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_room.cases.register import CaseStatus
from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.linking import NAMES, carry_to_center, linked_station
from tests.conftest import WorkstationFactory, run_cli


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return linked_station(workstation, tmp_path / "center")


def _records(center: CenterStore) -> int:
    db = center.open()
    try:
        row = db.one("SELECT count(*) FROM records")
        return int(row[0]) if row else 0
    finally:
        db.close()


def test_usb_round_trip_imports_once_confirms_and_purges(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    usb = tmp_path / "usb"
    usb.mkdir()
    sync = StationSync(session)
    bundle = sync.write_to_folder(usb)
    assert bundle is not None and bundle.exists()
    assert sync.status().pending == len(NAMES)
    for name in NAMES:
        assert name.encode() not in bundle.read_bytes(), "nothing is readable on the way"

    first = run_cli("center", "import", "--center-dir", center.center_dir, "--json", bundle)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout.strip().splitlines()[-1])
    assert report["imported"] == len(NAMES) and report["unchanged"] == 0
    again = run_cli("center", "import", "--center-dir", center.center_dir, "--json", bundle)
    report = json.loads(again.stdout.strip().splitlines()[-1])
    assert report["imported"] == 0 and report["unchanged"] == len(NAMES)
    assert _records(center) == len(NAMES)

    assert sync.receive_from_folder(usb) == len(NAMES)
    assert {c.status for c in session.cases.search()} == {CaseStatus.SYNCED}
    assert sync.write_to_folder(usb) is None, "nothing left to send"

    assert sync.purge(retention_days=30) == 0, "too early"
    later = datetime.now(UTC) + timedelta(days=31)
    assert sync.purge(retention_days=30, now=later) == len(NAMES)
    cases = session.cases.search()
    assert all(c.person_name == "" and c.code.startswith("MOR-") for c in cases)
    assert session.db.one("SELECT count(*) FROM answers") == (0,)
    assert session.verify_audit().intact


def test_flipped_byte_is_refused_and_changes_nothing(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = StationSync(session).write_to_folder(usb)
    assert bundle is not None
    damaged = tmp_path / "damaged" / bundle.name
    damaged.parent.mkdir()
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x10
    damaged.write_bytes(bytes(data))
    run = run_cli("center", "import", "--center-dir", center.center_dir, damaged)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and damaged.name in run.stderr
    assert _records(center) == 0
    assert (center.center_dir / "quarantine" / damaged.name).exists()
    good = run_cli("center", "import", "--center-dir", center.center_dir, bundle)
    assert good.returncode == 0, "one bad bundle never blocks the good ones"


def test_changes_after_sync_travel_again_and_old_bundles_never_roll_back(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    first_folder, second_folder = tmp_path / "trip1", tmp_path / "trip2"
    first_folder.mkdir()
    second_folder.mkdir()
    old = sync.write_to_folder(first_folder)
    assert old is not None
    import_files(center, [old])
    sync.receive_from_folder(first_folder)

    draft = next(c for c in session.cases.search() if c.person_name == "Ilir Trajnimi")
    interview = Interview.resume(session, draft.id, ProtocolLibrary())
    # The draft has no consent to keep a record yet: its minimal record, which holds the sex
    # ("male" in this scenario), is what travels.
    interview.answer(Answer.given("prep_sex", "female"))
    new = sync.write_to_folder(second_folder)
    assert new is not None
    run = import_files(center, [new])
    assert (run.imported, run.unchanged) == (1, 0)
    replay = import_files(center, [old])
    assert (replay.imported, replay.unchanged) == (0, len(NAMES))
    db = center.open()
    try:
        row = db.one("SELECT version FROM records WHERE record_id = ?", (draft.id,))
    finally:
        db.close()
    assert row == (2,)


def test_unknown_and_revoked_stations_are_refused(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = StationSync(session).write_to_folder(usb)
    assert bundle is not None
    other = CenterStore(tmp_path / "other-center")
    other.create(training=True)
    copied = tmp_path / "copy"
    shutil.copytree(usb, copied)
    refused = import_files(other, [copied / bundle.name])
    assert refused.refused and not refused.results, "a bundle for another centre is refused"
    center.revoke_station(session.station.station_id)
    revoked = import_files(center, [bundle])
    assert revoked.refused and _records(center) == 0


def test_a_vanished_drive_is_a_clear_error_and_everything_stays_pending(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    from interview_room.sync.station import BundleWriteFailed

    session, center = linked
    sync = StationSync(session)
    pending = sync.status().pending
    with pytest.raises(BundleWriteFailed):
        sync.write_to_folder(tmp_path / "the-stick-was-pulled-out")
    assert sync.status().pending == pending == len(NAMES)
    run = carry_to_center(sync, center, tmp_path / "usb")
    assert run.imported == len(NAMES), "the next trip carries it all"


def test_a_bundle_that_reads_back_differently_is_not_left_on_the_drive(
    linked: tuple[Session, CenterStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_room.files import atomic_write_bytes
    from interview_room.sync import station as station_module
    from interview_room.sync.station import BundleWriteFailed

    def failing_stick(path: Path, data: bytes) -> None:  # keeps one bit other than it was given
        atomic_write_bytes(path, data[:-1] + bytes([data[-1] ^ 0x01]))

    session, center = linked
    sync = StationSync(session)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(station_module, "atomic_write_bytes", failing_stick)
    with pytest.raises(BundleWriteFailed):
        sync.write_to_folder(usb)
    assert list(usb.iterdir()) == [], "no damaged file under a bundle's name"
    assert sync.status().pending == len(NAMES)
    monkeypatch.undo()
    bundle = sync.write_to_folder(usb)
    assert bundle is not None
    assert import_files(center, [bundle]).imported == len(NAMES)


def test_half_written_files_left_on_the_stick_and_at_the_centre_are_cleared(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    usb = tmp_path / "usb"
    usb.mkdir()
    receipts = center.center_dir / "receipts"
    receipts.mkdir(exist_ok=True)
    leftovers = [usb / ".IR-X-000001.age.a1b2c3d4.tmp", receipts / ".IR-X.receipt.e5f6g7h8.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a file")
        os.utime(leftover, (0, 0))

    assert carry_to_center(StationSync(session), center, usb).imported == len(NAMES)

    assert not any(leftover.exists() for leftover in leftovers)


def test_a_case_changed_after_confirmation_is_pending_at_once_and_never_purged_unsent(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    usb = tmp_path / "usb"
    carry_to_center(sync, center, usb)
    draft = next(c for c in session.cases.search() if c.person_name == "Ilir Trajnimi")
    interview = Interview.resume(session, draft.id, ProtocolLibrary())
    interview.answer(Answer.given("prep_sex", "female"))  # after the bundle, before receipt

    assert sync.receive_from_folder(usb) == len(NAMES)
    assert session.cases.get(draft.id).status != CaseStatus.SYNCED, "the receipt is for before"
    assert sync.status().pending == 1, "pending at once, before any export"
    assert sync.purge(retention_days=0, now=datetime.now(UTC) + timedelta(days=1)) == len(NAMES) - 1
    assert session.cases.get(draft.id).person_name == "Ilir Trajnimi", "not purged unsent"

    again = sync.write_to_folder(usb)
    assert again is not None and import_files(center, [again]).imported == 1
    sync.receive_from_folder(usb)
    assert sync.status().pending == 0
    assert session.cases.get(draft.id).status == CaseStatus.SYNCED

    interview.answer(Answer.given("prep_sex", "male"))  # changed, then changed back:
    interview.answer(Answer.given("prep_sex", "female"))  # the centre has this content
    assert sync.status().pending == 1
    assert sync.write_to_folder(usb) is None, "nothing new to send"
    assert sync.status().pending == 0
    assert session.cases.get(draft.id).status == CaseStatus.SYNCED
