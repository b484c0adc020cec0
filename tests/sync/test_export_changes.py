"""An export builds only what changed (issue 14): the m0006 triggers mark each case whose
record changed; an export with nothing changed builds no case record, and a change made
after the centre confirmed a case makes exactly that case travel again."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_room.center.store import CenterStore
from interview_room.store.database import Database
from interview_room.sync import station as station_module
from interview_room.sync.records import case_record
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.linking import case_id, change_an_answer, linked_station, round_trip
from tests.conftest import WorkstationFactory


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return linked_station(workstation, tmp_path / "center")


def _built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The case ids whose record the export builds, in order (the real builder runs)."""
    seen: list[str] = []

    def counting(db: Database, case: str, station_id: str) -> bytes:
        seen.append(case)
        return case_record(db, case, station_id)

    monkeypatch.setattr(station_module, "case_record", counting)
    return seen


def test_an_export_with_nothing_changed_builds_no_case_and_a_change_builds_one(
    linked: tuple[Session, CenterStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, center = linked
    sync = StationSync(session)
    round_trip(sync, center, tmp_path / "usb")
    assert sync.status().pending == 0

    built = _built(monkeypatch)
    assert sync.export_bundle().data == b""  # nothing to send, nothing built
    assert built == []

    change_an_answer(session, "yes")
    changed = case_id(session)
    exported = sync.export_bundle()
    assert built == [changed]  # that case only, built once for its version and the bundle
    assert exported.records == 1
    assert sync.status().pending == 1
