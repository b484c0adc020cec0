"""One station can never overwrite another station's records at the centre, even with its own
valid signature (found by the reliability suite's bundle fuzzing, issue 7)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.importer import RecordOfAnotherStation, import_bundle, import_files
from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.bundle import Bundle, BundleRecord, write_bundle
from interview_room.sync.certificate_register import REGISTER_KIND, register_content
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from tests.conftest import WorkstationFactory


def _rows(center: CenterStore) -> list[tuple[object, ...]]:
    db = center.open()
    try:
        return db.all("SELECT kind, record_id, station_id, version, content_hash FROM records")
    finally:
        db.close()


# A full record (the person agreed to it being kept): the consent rule has nothing to refuse.
_AGREED = b'{"answers":[["consent_storage","answered","yes"]],"case":{"code":%s}}'


def test_another_stations_bundle_cannot_overwrite_a_record(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = workstation(training=True).session
    run_scenario(
        session, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, "Arta Shembulli", 0, None
    )
    center = CenterStore(tmp_path / "center")
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    import_bundle(center, StationSync(session).export_bundle().data, "a.bundle.age")
    held = _rows(center)
    kind, record_id, owner, version, _digest = held[0]
    assert owner == station.station_id

    other_id = secrets.token_hex(8)
    other_key = Ed25519PrivateKey.from_private_bytes(
        center.enroll_station(other_id, "Hani i Hotit (sintetik)", "HAN")
    )
    forged = write_bundle(
        Bundle(
            other_id,
            1,
            "2026-03-07T09:00:00+00:00",
            (
                # Shaped as case records, so that only whose record it is can be wrong.
                BundleRecord("case", secrets.token_hex(16), 1, _AGREED % b'"HAN-2026-0001"'),
                BundleRecord(
                    str(kind), str(record_id), int(str(version)) + 5, _AGREED % b'"forged"'
                ),
            ),
        ),
        station_key=other_key,
        recipient=keys.age_recipient,
    )
    with pytest.raises(RecordOfAnotherStation, match="Record 2 "):
        import_bundle(center, forged, "forged.bundle.age")
    assert _rows(center) == held, "nothing of the bundle was stored"

    path = tmp_path / "forged.bundle.age"
    path.write_bytes(forged)
    run = import_files(center, [path])
    assert run.refused and not run.results, "the USB import quarantines it"
    assert _rows(center) == held


def _registers(center: CenterStore) -> list[tuple[object, ...]]:
    db = center.open()
    try:
        return db.all("SELECT station_id, version, content_hash FROM certificate_registers")
    finally:
        db.close()


def test_a_register_under_another_stations_id_is_refused(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Found by the bundle fuzzing (a path trick on the register's record id): a register of
    signing certificates whose id is not the sending station's was signed, then neither stored
    nor refused, and left out of the receipt. It now refuses the whole bundle, like a case of
    another station."""
    session = workstation(training=True).session
    center = CenterStore(tmp_path / "center")
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    other_id = secrets.token_hex(8)
    center.enroll_station(other_id, "Hani i Hotit (sintetik)", "HAN")
    content = register_content(session.db, station.station_id)
    for record_id in (other_id, station.station_id + "0", "con"):
        forged = write_bundle(
            Bundle(
                station.station_id,
                1,
                "2026-03-07T09:00:00+00:00",
                (
                    BundleRecord("case", secrets.token_hex(16), 1, b'{"code":"MOR-2026-0001"}'),
                    BundleRecord(REGISTER_KIND, record_id, 1, content),
                ),
            ),
            station_key=Ed25519PrivateKey.from_private_bytes(key),
            recipient=keys.age_recipient,
        )
        with pytest.raises(RecordOfAnotherStation, match="Record 2 "):
            import_bundle(center, forged, "forged.bundle.age")
        assert _rows(center) == [] and _registers(center) == [], "nothing of it was stored"
