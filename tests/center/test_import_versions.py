"""The importer enforces bundle numbers as docs/BUNDLE_FORMAT.md says, moves versions by one,
keeps what does not follow aside for a person, and reads only regular files from a stick
(issue 13, items 4 and 5). Real station, real centre, real files."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from interview_room.center.conflicts import (
    ConflictNotFound,
    Resolution,
    load_conflicts,
    load_reused_numbers,
    resolve_conflict,
)
from interview_room.center.importer import import_bundle, import_files
from interview_room.center.registry import load_registry
from interview_room.center.store import CenterStore
from interview_room.center.versions import Problem
from interview_room.sync.bundle import bundle_file_name
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
)
from tests.conftest import WorkstationFactory, run_cli


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return linked_station(workstation, tmp_path / "center")


def _bundles(center: CenterStore) -> list[tuple[object, ...]]:
    db = center.open()
    try:
        return db.all("SELECT sequence, received_at, imported FROM bundles ORDER BY sequence")
    finally:
        db.close()


def test_a_bundle_number_used_twice_is_recorded_and_cannot_block_the_station(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    """The insider takes the station's next numbers first. Refusing the station's bundles
    under those numbers would block it; they go through the version rules instead, and each
    second use of a number is recorded for a person."""
    session, center = linked
    sync = StationSync(session)
    stick = tmp_path / "stick"
    assert carry_to_center(sync, center, stick).imported == len(NAMES)
    sync.receive_receipts(stick)
    for number in (2, 3):  # the station's next two numbers, with its own case unchanged
        record = forged_case(session, 1, name=NAMES[number])
        path = forged_bundle(session, center, (record,), number, tmp_path / str(number))
        assert import_files(center, [path]).results[0].conflicts == 1

    change_an_answer(session, "yes")
    real = sync.write_to_folder(stick)  # number 2, taken by the insider
    assert real is not None
    result = import_files(center, [real]).results[0]
    assert (result.reused_number, result.imported, result.replayed) == (True, 1, False)
    assert held(center, case_id(session))[0] == 2  # type: ignore[index]
    (reused,) = load_reused_numbers(center)
    assert (reused.station_id, reused.sequence) == (sync.station_id, 2)
    again = import_files(center, [real]).results[0]  # the same stick again: a replay
    assert (again.replayed, again.imported) == (True, 0)
    assert len(load_reused_numbers(center)) == 1


def test_the_same_bundle_again_changes_nothing_not_even_its_time_of_arrival(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    first = import_bundle(center, data, "a.bundle.age")
    before = _bundles(center)
    time.sleep(1.1)  # received_at is kept to the second: a refresh would show
    again = import_bundle(center, data, "a.bundle.age")
    assert (again.replayed, again.imported, again.unchanged) == (True, 0, len(NAMES))
    assert _bundles(center) == before, "received_at is not refreshed by a replay"
    assert again.receipt_name == first.receipt_name


def test_an_older_bundle_arriving_late_rolls_nothing_back_and_is_no_conflict(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    older = sync.export_bundle().data  # bundle 1: never confirmed (a stick in a drawer)
    change_an_answer(session, "yes")
    newer = sync.export_bundle().data  # bundle 2: the case at version 2, naming version 1
    assert import_bundle(center, newer, "b2").imported == len(NAMES)
    late = import_bundle(center, older, "b1")
    assert (late.imported, late.conflicts) == (0, 0)
    version = held(center, case_id(session))
    assert version is not None and version[0] == 2


def test_a_lost_bundle_does_not_stop_the_next_version(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    """Versions 2 and 3 were made while bundles were lost: version 3 names both hashes before
    it, so it moves by one, twice, from the version 1 the centre holds."""
    session, center = linked
    sync = StationSync(session)
    assert import_bundle(center, sync.export_bundle().data, "b1").imported == len(NAMES)
    sync.receive_receipts(tmp_path)  # no receipts: nothing confirmed at the station either
    change_an_answer(session, "yes")
    sync.export_bundle()  # version 2: lost
    change_an_answer(session, "no")
    result = import_bundle(center, sync.export_bundle().data, "b3")  # version 3
    assert (result.conflicts, held(center, case_id(session))[0]) == (0, 3)  # type: ignore[index]


def test_versions_that_do_not_follow_are_kept_aside_and_flagged(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    assert import_bundle(center, sync.export_bundle().data, "b1").imported == len(NAMES)
    target = case_id(session)
    cases = (
        (forged_case(session, 3), Problem.DOES_NOT_FOLLOW),  # skips version 2
        (forged_case(session, 2, ("0" * 64,)), Problem.DOES_NOT_FOLLOW),  # names another v1
        (forged_case(session, 1), Problem.OTHER_CONTENT),  # version 1, other content
    )
    for number, (record, problem) in enumerate(cases, start=10):
        path = forged_bundle(session, center, (record,), number, tmp_path / str(number))
        result = import_files(center, [path]).results[0]
        assert (result.imported, result.conflicts) == (0, 1)
        assert load_conflicts(center)[-1].problem is problem
    assert held(center, target)[0] == 1  # type: ignore[index]
    registry = load_registry(center)
    assert [row.conflicts for row in registry.rows if row.conflicts] == [3]
    # Sent again (a retry): kept once.
    path = forged_bundle(session, center, (cases[0][0],), 20, tmp_path / "again")
    import_files(center, [path])
    assert len(load_conflicts(center)) == 3

    # A person keeps the held version: the conflict closes, nothing else changes.
    number = load_conflicts(center)[0].number
    resolve_conflict(center, number, Resolution.HELD)
    assert held(center, target)[0] == 1  # type: ignore[index]
    with pytest.raises(ConflictNotFound):
        resolve_conflict(center, number, Resolution.INCOMING)
    assert load_registry(center).conflicts == 2


def test_the_station_sending_an_older_version_after_a_forged_newer_one_is_flagged(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    """The insider's version 2 links to the real version 1 and is held; the real station made
    no change. Its next receipt names the forged version (a conflict at the station), so the
    case travels again, and the centre learns that the station does not have version 2."""
    session, center = linked
    sync = StationSync(session)
    stick = tmp_path / "stick"
    carry_to_center(sync, center, stick)
    sync.receive_receipts(stick)
    version_1 = held(center, case_id(session))
    assert version_1 is not None
    forged = forged_case(session, 2, (version_1[1],))
    # Under a number the station already used (a forger above the station's next number
    # escapes this flag at the centre: docs/BUNDLE_FORMAT.md; the station still flags it).
    forged_path = forged_bundle(session, center, (forged,), 1, tmp_path / "f")
    assert import_files(center, [forged_path]).imported == 1
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    for receipt in forged_path.parent.glob("*.receipt.json"):  # written beside the bundle
        shutil.copy(receipt, receipts)
    assert sync.receive_receipts(receipts).conflicts == 1

    bundle = sync.write_to_folder(stick)
    assert bundle is not None, "a case in conflict travels again"
    result = import_files(center, [bundle]).results[0]
    assert result.conflicts == 1
    assert load_conflicts(center)[-1].problem is Problem.OLDER_AFTER_NEWER
    assert [row.conflicts for row in load_registry(center).rows if row.conflicts] == [1]


# --- only regular files from a stick, one bad file never stops the others -----------------


def test_links_fifos_and_sparse_files_on_a_stick_are_refused_and_the_good_bundle_imports(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    stick = tmp_path / "stick"
    stick.mkdir()
    good = sync.write_to_folder(stick)
    assert good is not None
    station = sync.station_id
    link = stick / bundle_file_name(station, 100)
    link.symlink_to("/dev/zero")
    fifo = stick / bundle_file_name(station, 101)
    os.mkfifo(fifo)
    sparse = stick / bundle_file_name(station, 102)
    with sparse.open("wb") as handle:
        handle.truncate(700 * 1024 * 1024)
    folder = stick / bundle_file_name(station, 103)
    folder.mkdir()

    started = time.monotonic()
    run = import_files(center, [link, fifo, sparse, folder, good])
    took = time.monotonic() - started
    assert [r.file_name for r in run.results] == [good.name]
    assert run.imported == len(NAMES)
    reasons = dict(run.refused)
    assert "symbolic link" in reasons[link.name]
    assert "named pipe" in reasons[fifo.name]
    assert "larger than" in reasons[sparse.name]
    assert "folder" in reasons[folder.name]
    quarantine = center.center_dir / "quarantine"
    assert sorted(p.name for p in quarantine.iterdir()) == [], "nothing copied from them"
    assert took < 30, "nothing was read whole"
    shutil.rmtree(stick)


def test_the_command_line_lists_and_resolves_conflicts(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    session, center = linked
    sync = StationSync(session)
    assert import_bundle(center, sync.export_bundle().data, "b1").imported == len(NAMES)
    forged = forged_bundle(session, center, (forged_case(session, 9),), 7, tmp_path / "f")
    imported = run_cli("center", "import", "--center-dir", center.center_dir, "--json", forged)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout.splitlines()[-1])["conflicts"] == 1
    assert "kept aside for a person" in imported.stderr
    listed = run_cli("center", "conflicts", "--center-dir", center.center_dir, "--json")
    (conflict,) = json.loads(listed.stdout)["conflicts"]
    assert (conflict["version"], conflict["held_version"], conflict["problem"]) == (
        9,
        1,
        "does_not_follow",
    )
    number = str(conflict["number"])
    resolved = run_cli(
        "center", "conflicts", "--center-dir", center.center_dir, "--resolve", number,
        "--use", "held",
    )  # fmt: skip
    assert resolved.returncode == 0, resolved.stderr
    again = run_cli("center", "conflicts", "--center-dir", center.center_dir)
    assert "No conflicts to resolve." in again.stdout
