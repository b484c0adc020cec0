"""Issue 16, data minimisation: a conflict resolved at the centre, either way, leaves the
seen-before index derived from the version the centre now holds, so a replaced version's tokens
(its person has since withdrawn storage consent) never outlive it until the station sends the
record again.

A real station with the centre's key, a real centre, two versions of one case record the
station made (with and without storage consent), each in a bundle signed with the station's own
key, the real importer and the real resolution; nothing is mocked. Synthetic people only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interview_room.center.conflicts import Resolution, load_conflicts, resolve_conflict
from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.center.versions import Problem
from interview_room.sync.bundle import BundleRecord
from interview_room.sync.records import RECORD_KIND, case_record
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from tests.center.linking import forged_bundle
from tests.seen_before.attacker6 import setup
from tests.seen_before.test_seen_before_end_to_end import _interview


def _rows(center: CenterStore) -> list[tuple[Any, ...]]:
    db = center.open()
    try:
        return db.all(
            "SELECT record_id, station_id, key_version, tokens, case_code FROM seen_before_cases"
        )
    finally:
        db.close()


def _two_versions(workstation: Any, tmp_path: Path) -> tuple[CenterStore, str, bytes, bytes, Any]:
    """The centre, the case id, and the station's record of the case with storage consent
    and after its person withdrew it (the record carries no tokens then)."""
    center, hani, _, _, _ = setup(workstation, tmp_path)
    case_id = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    station_id = StationSync(hani.session).station_id
    db = hani.session.db
    consented = case_record(db, case_id, station_id)
    with db.transaction():
        db.execute("UPDATE interviews SET personal_data = 'minimal' WHERE case_id = ?", (case_id,))
    withdrawn = case_record(db, case_id, station_id)
    assert b'"seen_before"' in consented and b'"seen_before"' not in withdrawn
    return center, case_id, consented, withdrawn, hani.session


def _in_conflict(
    workstation: Any, tmp_path: Path, *, incoming_consents: bool
) -> tuple[CenterStore, list[tuple[Any, ...]], int]:
    """Version 1 held, and version 1 with the other content kept aside (a station put back
    from a copy of its store). Returns the centre, its index rows then, the conflict number."""
    center, case_id, consented, withdrawn, session = _two_versions(workstation, tmp_path)
    held, incoming = (withdrawn, consented) if incoming_consents else (consented, withdrawn)
    for sequence, content in ((50, held), (51, incoming)):
        record = BundleRecord(RECORD_KIND, case_id, 1, content)
        path = forged_bundle(session, center, (record,), sequence, tmp_path / str(sequence))
        assert not import_files(center, [path]).refused
    (conflict,) = load_conflicts(center)
    assert (conflict.record_id, conflict.problem) == (case_id, Problem.OTHER_CONTENT)
    return center, _rows(center), conflict.number


def test_the_incoming_version_without_consent_takes_the_index_rows_with_it(
    workstation: Any, tmp_path: Path
) -> None:
    center, before, number = _in_conflict(workstation, tmp_path, incoming_consents=False)
    assert len(before) == 1, "the held version, with consent, is indexed"
    resolve_conflict(center, number, Resolution.INCOMING)
    assert _rows(center) == []


def test_keeping_the_held_version_with_consent_keeps_its_rows(
    workstation: Any, tmp_path: Path
) -> None:
    center, before, number = _in_conflict(workstation, tmp_path, incoming_consents=False)
    resolve_conflict(center, number, Resolution.HELD)
    assert _rows(center) == before


@pytest.mark.parametrize("resolution", [Resolution.INCOMING, Resolution.HELD])
def test_the_incoming_version_with_consent_is_indexed_only_when_it_is_held(
    workstation: Any, tmp_path: Path, resolution: Resolution
) -> None:
    center, before, number = _in_conflict(workstation, tmp_path, incoming_consents=True)
    assert before == [], "the held version, consent withdrawn, is not indexed"
    resolve_conflict(center, number, resolution)
    rows = _rows(center)
    if resolution is Resolution.INCOMING:
        (held,) = load_conflicts(center, open_only=False)
        assert [(r[0], r[2]) for r in rows] == [(held.record_id, 1)]  # key version 1
    else:
        assert rows == []
