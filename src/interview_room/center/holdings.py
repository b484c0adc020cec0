"""Storing a verified bundle in the centre's store: bundle numbers first, then each record by
the rule of ``versions.py``, conflicts kept aside, and what the receipt will say.

Runs inside the importer's transaction, so a bundle is stored all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from interview_room.center.coded_cases import (
    CodedCase,
    CodedRow,
    code_case,
    coded_row,
    insert_coded,
)
from interview_room.center.versions import Held, Judgement, Verdict, judge
from interview_room.store.database import Database
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_digest
from interview_room.sync.errors import BundleError
from interview_room.sync.receipt import StoredRecord
from interview_room.sync.records import RECORD_KIND

_LOOKUP_BATCH = 400  # (kind, id) pairs per query: 800 parameters, under SQLite's old 999


class RecordOfAnotherStation(BundleError):
    """The bundle carries a record the centre holds for another station: one station may never
    overwrite another's cases, even with its own valid signature."""

    def __init__(self, position: int, station_id: str) -> None:
        super().__init__(
            f"Record {position} of the bundle from station {station_id} belongs to another station."
        )


@dataclass
class Stored:
    """What storing one bundle did, and the receipt's list (the records as now held)."""

    imported: int = 0
    unchanged: int = 0
    conflicts: int = 0
    replayed: bool = False
    reused_number: bool = False
    receipt: list[StoredRecord] = field(default_factory=list)


@dataclass(frozen=True)
class _Current:
    held: Held
    station_id: str


def _held(db: Database, records: tuple[BundleRecord, ...]) -> dict[tuple[str, str], _Current]:
    """What the centre holds for each record of ``records``, a batch at a time."""
    held: dict[tuple[str, str], _Current] = {}
    for start in range(0, len(records), _LOOKUP_BATCH):
        batch = records[start : start + _LOOKUP_BATCH]
        pairs = ", ".join("(?, ?)" for _ in batch)
        params = tuple(value for r in batch for value in (r.kind, r.record_id))
        for kind, record_id, version, digest, station_id, sequence in db.all(
            "SELECT kind, record_id, version, content_hash, station_id, bundle_sequence"
            f" FROM records WHERE (kind, record_id) IN (VALUES {pairs})",
            params,
        ):
            held[(str(kind), str(record_id))] = _Current(
                Held(int(version), str(digest), None if sequence is None else int(sequence)),
                str(station_id),
            )
    return held


def _history(db: Database, record: BundleRecord, below: int) -> dict[int, str]:
    """The hashes the centre knows for versions of ``record`` below ``below``."""
    if record.version >= below:
        return {}
    row = db.one(
        "SELECT content_hash FROM record_versions WHERE kind = ? AND record_id = ? AND version = ?",
        (record.kind, record.record_id, record.version),
    )
    return {} if row is None else {record.version: str(row[0])}


def _receipt_of(bundle: Bundle, db: Database) -> list[StoredRecord]:
    """The records of ``bundle`` as the centre holds them for its station (none: left out)."""
    held = _held(db, bundle.records)
    listed: list[StoredRecord] = []
    for record in bundle.records:
        current = held.get((record.kind, record.record_id))
        if current is not None and current.station_id == bundle.station_id:
            listed.append(
                (record.kind, record.record_id, current.held.version, current.held.content_hash)
            )
    return listed


def _seen(db: Database, bundle: Bundle, digest: str) -> tuple[bool, bool]:
    """(this very bundle was stored before, its number was used for other content)."""
    first = db.one(
        "SELECT digest FROM bundles WHERE station_id = ? AND sequence = ?",
        (bundle.station_id, bundle.sequence),
    )
    if first is None or first[0] is None:  # new, or stored before digests were kept
        return False, False
    if str(first[0]) == digest:
        return True, False
    again = db.one(
        "SELECT 1 FROM reused_numbers WHERE station_id = ? AND sequence = ? AND digest = ?",
        (bundle.station_id, bundle.sequence, digest),
    )
    return again is not None, True


def store_bundle(
    db: Database, bundle: Bundle, moment: str, coded: Mapping[str, CodedCase] | None = None
) -> Stored:
    """Store ``bundle`` (already verified) by the rules of docs/BUNDLE_FORMAT.md, inside the
    caller's transaction. Raises ``RecordOfAnotherStation``. ``coded`` may give case records'
    coded rows by record id, made from the JSON the caller parsed already (else each stored
    case record is parsed here).

    The same bundle again changes nothing, not even its time of arrival. A number the station
    already used for other content is recorded (``reused_numbers``) for a person, and the
    records go through the version rules all the same: refusing the bundle would let whoever
    used the number first (a thief of the station's key using its future numbers) block the
    station's own bundles."""
    digest = bundle_digest(bundle)
    held = _held(db, bundle.records)
    for position, record in enumerate(bundle.records, start=1):
        current = held.get((record.kind, record.record_id))
        if current is not None and current.station_id != bundle.station_id:
            raise RecordOfAnotherStation(position, bundle.station_id)
    replay, reused = _seen(db, bundle, digest)
    if replay:
        # A retry, a stick imported twice: the receipt says what is held now.
        stored = Stored(replayed=True, reused_number=reused, receipt=_receipt_of(bundle, db))
        stored.unchanged = len(stored.receipt)
        return stored

    stored = Stored(reused_number=reused)
    _store_records(db, bundle, held, moment, coded, stored)
    _record_bundle(db, bundle, digest, moment, stored)
    for record in bundle.records:
        current = held.get((record.kind, record.record_id))
        if current is not None:
            stored.receipt.append(
                (record.kind, record.record_id, current.held.version, current.held.content_hash)
            )
    return stored


def _store_records(
    db: Database,
    bundle: Bundle,
    held: dict[tuple[str, str], _Current],
    moment: str,
    coded: Mapping[str, CodedCase] | None,
    stored: Stored,
) -> None:
    """Judge and store each record in turn (``held`` follows what is held after each), and
    the coded rows of the case records new or updated."""
    coded_rows: list[CodedRow] = []
    writes = _Writes()
    for record in bundle.records:
        key = (record.kind, record.record_id)
        current = held.get(key)
        judgement = judge(
            None if current is None else current.held,
            {} if current is None else _history(db, record, current.held.version),
            record,
            bundle.sequence,
        )
        _apply(db, bundle, record, current, judgement, moment, stored, writes)
        if record.kind == RECORD_KIND and judgement.verdict in (Verdict.NEW, Verdict.UPDATE):
            known = (coded or {}).get(record.record_id) or code_case(record.content)
            coded_rows.append(
                coded_row(record.record_id, bundle.station_id, record.version, moment, known)
            )
        if judgement.verdict in (Verdict.NEW, Verdict.UPDATE):
            held[key] = _Current(
                Held(record.version, record.content_hash, bundle.sequence), bundle.station_id
            )
    writes.run(db)  # one statement each for the bundle's new records, updates and versions
    insert_coded(db, coded_rows)


def _record_bundle(db: Database, bundle: Bundle, digest: str, moment: str, stored: Stored) -> None:
    """The bundle's number as received, or (used before for other content) kept for a person."""
    if stored.reused_number:
        db.execute(
            "INSERT INTO reused_numbers (station_id, sequence, digest, received_at)"
            " VALUES (?, ?, ?, ?)",
            (bundle.station_id, bundle.sequence, digest, moment),
        )
    else:
        db.execute(
            "INSERT INTO bundles (station_id, sequence, received_at, records, imported, digest)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station_id, sequence) DO UPDATE SET"
            " digest = excluded.digest",
            (
                bundle.station_id,
                bundle.sequence,
                moment,
                len(bundle.records),
                stored.imported,
                digest,
            ),
        )


@dataclass
class _Writes:
    """The rows a bundle adds or changes, written with one statement each at the end (a
    statement per record cost 0.1 ms each, a third of an import)."""

    inserts: list[tuple[object, ...]] = field(default_factory=list)
    updates: list[tuple[object, ...]] = field(default_factory=list)
    versions: list[tuple[object, ...]] = field(default_factory=list)

    def run(self, db: Database) -> None:
        if self.inserts:
            db.executemany(
                "INSERT INTO records (kind, record_id, station_id, version, content_hash,"
                " content, received_at, bundle_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                self.inserts,
            )
        if self.updates:
            db.executemany(
                "UPDATE records SET version = ?, content_hash = ?, content = ?,"
                " received_at = ?, bundle_sequence = ? WHERE kind = ? AND record_id = ?",
                self.updates,
            )
        if self.versions:
            db.executemany(
                "INSERT OR IGNORE INTO record_versions (kind, record_id, version, content_hash)"
                " VALUES (?, ?, ?, ?)",
                self.versions,
            )


def _apply(
    db: Database,
    bundle: Bundle,
    record: BundleRecord,
    current: _Current | None,
    judgement: Judgement,
    moment: str,
    stored: Stored,
    writes: _Writes,
) -> None:
    verdict = judgement.verdict
    if verdict in (Verdict.UNCHANGED, Verdict.STALE):
        stored.unchanged += 1
        return
    if verdict is Verdict.CONFLICT:
        _keep_conflict(db, bundle, record, current, judgement, moment)
        stored.conflicts += 1
        return
    if current is None:
        writes.inserts.append(
            (
                record.kind,
                record.record_id,
                bundle.station_id,
                record.version,
                record.content_hash,
                record.content,
                moment,
                bundle.sequence,
            )
        )
    else:
        writes.updates.append(
            (
                record.version,
                record.content_hash,
                record.content,
                moment,
                bundle.sequence,
                record.kind,
                record.record_id,
            )
        )
    writes.versions.extend(
        (record.kind, record.record_id, version, h) for version, h in judgement.history
    )
    stored.imported += 1


def _keep_conflict(
    db: Database,
    bundle: Bundle,
    record: BundleRecord,
    current: _Current | None,
    judgement: Judgement,
    moment: str,
) -> None:
    """Set the record aside for a person, beside what the centre holds (never stored over it)."""
    assert judgement.problem is not None
    db.execute(
        "INSERT OR IGNORE INTO conflicts (kind, record_id, station_id, version,"
        " content_hash, previous, content, bundle_sequence, received_at, problem,"
        " held_version, held_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.kind,
            record.record_id,
            bundle.station_id,
            record.version,
            record.content_hash,
            json.dumps(list(record.previous)),
            record.content,
            bundle.sequence,
            moment,
            judgement.problem.value,
            None if current is None else current.held.version,
            None if current is None else current.held.content_hash,
        ),
    )
