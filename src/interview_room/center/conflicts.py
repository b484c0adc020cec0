"""Versions kept aside at the centre for a person to resolve (docs/BUNDLE_FORMAT.md, "Versions
of a record"), and the two ways to resolve one.

A conflict is never resolved by the software: the held version stays until a person at the
central office, having compared the two (``center conflicts``), chooses. Choosing the incoming
version makes it the held one (its station's next receipt then confirms it, and the station may
purge it); keeping the held one closes the conflict and changes nothing else. Either way the
seen-before index follows the version now held (issue 16), in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from interview_room.center.coded_cases import code_case, store_coded
from interview_room.center.store import CenterStore
from interview_room.center.versions import Problem, describe
from interview_room.errors import InterviewRoomError
from interview_room.store.database import Database
from interview_room.sync.records import RECORD_KIND

if TYPE_CHECKING:
    from interview_room.interview.protocols import ProtocolLibrary


class ConflictNotFound(InterviewRoomError):
    """No open conflict has this number (it does not exist or was resolved already)."""


class Resolution(Enum):
    INCOMING = "incoming"
    """The version kept aside becomes the held one."""
    HELD = "held"
    """The held version stays; the one kept aside is set aside for good."""


@dataclass(frozen=True)
class Conflict:
    """One version kept aside: what came, what the centre holds, and why they differ. No
    content: a person who needs it reads it with :func:`conflict_content`."""

    number: int
    station_id: str
    kind: str
    record_id: str
    version: int
    content_hash: str
    bundle_sequence: int
    received_at: str
    problem: Problem
    held_version: int | None
    held_hash: str | None
    resolved_at: str | None
    resolution: Resolution | None

    @property
    def reason(self) -> str:
        """One English sentence for logs and the command line."""
        return (
            f"Version {self.version} of {self.kind} {self.record_id} from station"
            f" {self.station_id} (bundle {self.bundle_sequence}) is kept aside because"
            f" {describe(self.problem)}."
        )


_COLUMNS = (
    "id, station_id, kind, record_id, version, content_hash, bundle_sequence, received_at,"
    " problem, held_version, held_hash, resolved_at, resolution"
)


def _conflict(row: tuple[object, ...]) -> Conflict:
    return Conflict(
        number=int(str(row[0])),
        station_id=str(row[1]),
        kind=str(row[2]),
        record_id=str(row[3]),
        version=int(str(row[4])),
        content_hash=str(row[5]),
        bundle_sequence=int(str(row[6])),
        received_at=str(row[7]),
        problem=Problem(str(row[8])),
        held_version=None if row[9] is None else int(str(row[9])),
        held_hash=None if row[10] is None else str(row[10]),
        resolved_at=None if row[11] is None else str(row[11]),
        resolution=None if row[12] is None else Resolution(str(row[12])),
    )


def load_conflicts(center: CenterStore, *, open_only: bool = True) -> tuple[Conflict, ...]:
    """The conflicts, oldest first; by default only those still to resolve."""
    where = " WHERE resolved_at IS NULL" if open_only else ""
    db = center.open()
    try:
        rows = db.all(f"SELECT {_COLUMNS} FROM conflicts{where} ORDER BY id")
    finally:
        db.close()
    return tuple(_conflict(row) for row in rows)


@dataclass(frozen=True)
class ReusedNumber:
    """A bundle number a station used a second time for other content: one of the two bundles
    is not the station's (or the station was put back from a copy of its store)."""

    station_id: str
    sequence: int
    received_at: str

    @property
    def reason(self) -> str:
        return (
            f"Bundle {self.sequence} of station {self.station_id} came again with other"
            f" content at {self.received_at}."
        )


def load_reused_numbers(center: CenterStore) -> tuple[ReusedNumber, ...]:
    """Every second use of a bundle number, oldest first."""
    db = center.open()
    try:
        rows = db.all(
            "SELECT station_id, sequence, received_at FROM reused_numbers ORDER BY received_at"
        )
    finally:
        db.close()
    return tuple(ReusedNumber(str(r[0]), int(r[1]), str(r[2])) for r in rows)


def conflict_content(center: CenterStore, number: int) -> bytes:
    """The content of the version kept aside (personal data: for the person resolving it)."""
    db = center.open()
    try:
        row = db.one("SELECT content FROM conflicts WHERE id = ?", (number,))
    finally:
        db.close()
    if row is None:
        raise ConflictNotFound(f"There is no conflict number {number}.")
    return bytes(row[0])


def resolve_conflict(center: CenterStore, number: int, resolution: Resolution) -> Conflict:
    """Resolve open conflict ``number`` as ``resolution``; raises :class:`ConflictNotFound`."""
    from interview_room.center.publish import center_protocols

    moment = datetime.now(UTC).isoformat(timespec="seconds")
    library = center_protocols(center.center_dir)  # the protocols the importer reads with
    db = center.open()
    try:
        with db.transaction():
            row = db.one(
                f"SELECT {_COLUMNS} FROM conflicts WHERE id = ? AND resolved_at IS NULL",
                (number,),
            )
            if row is None:
                raise ConflictNotFound(f"There is no open conflict number {number}.")
            conflict = _conflict(row)
            if resolution is Resolution.INCOMING:
                _hold_incoming(db, conflict, moment)
            # Issue 16 hook, seen before: the index follows the version now held, either way.
            _index_held(db, conflict, library)
            db.execute(
                "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                (moment, resolution.value, number),
            )
    finally:
        db.close()
    center.follow_statistics(after_commit=True)  # the held version's facts (key_split.py)
    return replace(conflict, resolved_at=moment, resolution=resolution)


def _index_held(db: Database, conflict: Conflict, library: ProtocolLibrary) -> None:
    """The record's seen-before rows derived again from the version now held, as the importer
    derives them (``seen_before_index.index_records``: the centre's keys, today's date, storage
    consent beyond doubt), so a replaced version's tokens never outlive it (issue 16)."""
    from interview_room.center.seen_before_index import index_records

    if conflict.kind != RECORD_KIND:
        return
    row = db.one(
        "SELECT station_id FROM records WHERE kind = ? AND record_id = ?",
        (conflict.kind, conflict.record_id),
    )
    station_id = conflict.station_id if row is None else str(row[0])
    index_records(db, station_id, [conflict.record_id], library)


def _hold_incoming(db: Database, conflict: Conflict, moment: str) -> None:
    content = db.one("SELECT content, previous FROM conflicts WHERE id = ?", (conflict.number,))
    assert content is not None
    key = (conflict.kind, conflict.record_id)
    db.execute(
        "INSERT INTO records (kind, record_id, station_id, version, content_hash, content,"
        " received_at, bundle_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, record_id) DO UPDATE SET version = excluded.version,"
        " content_hash = excluded.content_hash, content = excluded.content,"
        " received_at = excluded.received_at, bundle_sequence = excluded.bundle_sequence",
        (
            *key,
            conflict.station_id,
            conflict.version,
            conflict.content_hash,
            bytes(content[0]),
            moment,
            conflict.bundle_sequence,
        ),
    )
    if conflict.kind == RECORD_KIND:
        coded = code_case(bytes(content[0]))
        store_coded(db, conflict.record_id, conflict.station_id, conflict.version, moment, coded)
    # The history from here on is the incoming version's: what the station named before it,
    # and nothing above it (those versions were not this station's).
    db.execute(
        "DELETE FROM record_versions WHERE kind = ? AND record_id = ? AND version >= ?",
        (*key, conflict.version - len(json.loads(str(content[1])))),
    )
    named = [conflict.content_hash, *json.loads(str(content[1]))]
    db.executemany(
        "INSERT INTO record_versions (kind, record_id, version, content_hash) VALUES (?, ?, ?, ?)",
        [(*key, conflict.version - i, digest) for i, digest in enumerate(named)],
    )
