"""A real station enrolled at a real centre, with six synthetic interviews, and what an insider
who copied the station's bundle-signing key out of its store can send."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.importer import ImportRun, import_files
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_file_name, write_bundle
from interview_room.sync.records import RECORD_KIND, canonical, case_record
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory

NAMES = (
    "Arta Shembulli",
    "Besnik Provaj",
    "Drita Ushtrimi",
    "Erion Testaj",
    "Hana Modeli",
    "Ilir Trajnimi",
)
KEPT = "Hana Modeli"
"""A case whose person agreed to a record being kept: a changed answer changes its record."""


def linked_station(
    workstation: WorkstationFactory, center_dir: Path
) -> tuple[Session, CenterStore]:
    session = workstation(training=True).session
    protocol = ProtocolLibrary().current()
    for index, (path, name) in enumerate(zip(PATHS, NAMES, strict=True)):
        run_scenario(session, protocol, path, name, index, None)
    center = CenterStore(center_dir)
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    return session, center


def carry_to_center(sync: StationSync, center: CenterStore, stick: Path) -> ImportRun:
    """Station → stick → centre: what is pending written as a bundle to ``stick`` (made when
    missing) and imported at the centre, which writes its receipts beside the bundle."""
    stick.mkdir(exist_ok=True)
    bundle = sync.write_to_folder(stick)
    assert bundle is not None
    return import_files(center, [bundle])


def round_trip(sync: StationSync, center: CenterStore, stick: Path) -> None:
    """Station → stick → centre → receipts back on the stick → station, nothing refused."""
    assert not carry_to_center(sync, center, stick).refused
    sync.receive_receipts(stick)


def case_id(session: Session, name: str = KEPT) -> str:
    return next(c.id for c in session.cases.search() if c.person_name == name)


def change_an_answer(session: Session, value: str, name: str = KEPT) -> None:
    interview = Interview.resume(session, case_id(session, name), ProtocolLibrary())
    if interview.is_stopped:  # the scenario stopped it: take it up again, as an officer would
        interview.continue_interview()
    interview.answer(Answer.given("prep_interpreter", value))


def insider_key(session: Session) -> Ed25519PrivateKey:
    """The station's bundle-signing key, read out of the store as anyone with the database
    key can."""
    row = session.db.one("SELECT station_key FROM sync_link WHERE id = 1")
    assert row is not None
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))


def forged_bundle(
    session: Session,
    center: CenterStore,
    records: tuple[BundleRecord, ...],
    sequence: int,
    folder: Path,
) -> Path:
    """A bundle signed with the station's own key, as the insider sends it, written to
    ``folder`` under the name the station would use."""
    station_id = StationSync(session).station_id
    bundle = Bundle(station_id, sequence, datetime.now(UTC).isoformat(timespec="seconds"), records)
    data = write_bundle(
        bundle, station_key=insider_key(session), recipient=center.keys().age_recipient
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / bundle_file_name(station_id, sequence)
    path.write_bytes(data)
    return path


def forged_case(
    session: Session, version: int, previous: tuple[str, ...] = (), name: str = KEPT
) -> BundleRecord:
    """The case's real record with its recorded decision rewritten, as the insider sends it."""
    record_id = case_id(session, name)
    document = json.loads(case_record(session.db, record_id, StationSync(session).station_id))
    document["case"]["status"] = "completed"
    document["decision"] = dict(document.get("decision") or {}, decision="indicators_not_met")
    return BundleRecord(RECORD_KIND, record_id, version, canonical(document), previous)


def held(center: CenterStore, record_id: str) -> tuple[int, str, bytes] | None:
    db = center.open()
    try:
        row = db.one(
            "SELECT version, content_hash, content FROM records WHERE record_id = ?", (record_id,)
        )
    finally:
        db.close()
    return None if row is None else (int(row[0]), str(row[1]), bytes(row[2]))
