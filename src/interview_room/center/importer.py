"""Importing bundles at the central office: verify, store all or nothing, answer with a receipt.

The same bundle twice, overlapping bundles, or bundles out of order never duplicate or roll
back a record: a record is stored only when its version is newer than the one held. A bundle
that fails any check changes nothing and is kept in quarantine with the reason; the others
still import.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, private_dir, remove_interrupted_writes
from interview_room.store.database import Database
from interview_room.sync.bundle import Bundle, BundleRecord, read_bundle
from interview_room.sync.errors import BundleError
from interview_room.sync.receipt import Receipt, receipt_file_name, write_receipt

QUARANTINE_DIR = "quarantine"
RECEIPTS_DIR = "receipts"


class RecordOfAnotherStation(BundleError):
    """The bundle carries a record the centre holds for another station: one station may never
    overwrite another's cases, even with its own valid signature."""

    def __init__(self, position: int, station_id: str) -> None:
        super().__init__(
            f"Record {position} of the bundle from station {station_id} belongs to another station."
        )


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    station_id: str
    sequence: int
    imported: int
    unchanged: int
    receipt: bytes
    receipt_name: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read(db: Database, data: bytes, age_identity: str) -> Bundle:
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    stations = db.all("SELECT station_id, public_key, revoked_at FROM stations")
    return read_bundle(
        data,
        identity=pyrage.x25519.Identity.from_str(age_identity),
        station_keys={str(r[0]): Ed25519PublicKey.from_public_bytes(bytes(r[1])) for r in stations},
        revoked_stations={str(r[0]) for r in stations if r[2]},
    )


_LOOKUP_BATCH = 400  # (kind, id) pairs per query: 800 parameters, under SQLite's old 999


def _held_versions(
    db: Database, records: tuple[BundleRecord, ...]
) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(version, content hash, station) the centre holds for each record of ``records`` it
    has, read a batch at a time instead of one query per record."""
    held: dict[tuple[str, str], tuple[int, str, str]] = {}
    for start in range(0, len(records), _LOOKUP_BATCH):
        batch = records[start : start + _LOOKUP_BATCH]
        pairs = ", ".join("(?, ?)" for _ in batch)
        params = tuple(value for r in batch for value in (r.kind, r.record_id))
        for kind, record_id, version, digest, station_id in db.all(
            "SELECT kind, record_id, version, content_hash, station_id FROM records"
            f" WHERE (kind, record_id) IN (VALUES {pairs})",
            params,
        ):
            held[(str(kind), str(record_id))] = (int(version), str(digest), str(station_id))
    return held


def import_bundle(center: CenterStore, data: bytes, file_name: str) -> ImportResult:
    """Verify and store one bundle; raise a :class:`BundleError` (and store nothing) if it
    fails any check. The receipt lists every record of the bundle as the centre now holds it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    keys = center.keys()
    db = center.open()
    try:
        bundle = _read(db, data, keys.age_identity)
        imported = unchanged = 0
        stored: list[tuple[str, str, int, str]] = []
        moment = _now()
        with db.transaction():
            held = _held_versions(db, bundle.records)
            new_rows: list[tuple[str, str, str, int, str, bytes, str]] = []
            changed_rows: list[tuple[int, str, bytes, str, str, str]] = []
            for position, record in enumerate(bundle.records, start=1):
                current = held.get((record.kind, record.record_id))
                if current is not None and current[2] != bundle.station_id:
                    raise RecordOfAnotherStation(position, bundle.station_id)
                if current is not None and current[0] >= record.version:
                    unchanged += 1
                    stored.append((record.kind, record.record_id, current[0], current[1]))
                    continue
                digest = record.content_hash  # a property that hashes the content: once
                if current is None:
                    new_rows.append(
                        (
                            record.kind,
                            record.record_id,
                            bundle.station_id,
                            record.version,
                            digest,
                            record.content,
                            moment,
                        )
                    )
                else:
                    changed_rows.append(
                        (
                            record.version,
                            digest,
                            record.content,
                            moment,
                            record.kind,
                            record.record_id,
                        )
                    )
                imported += 1
                stored.append((record.kind, record.record_id, record.version, digest))
            db.executemany(
                "INSERT INTO records (kind, record_id, station_id, version, content_hash,"
                " content, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new_rows,
            )
            db.executemany(
                "UPDATE records SET version = ?, content_hash = ?, content = ?, received_at = ?"
                " WHERE kind = ? AND record_id = ?",
                changed_rows,
            )
            db.execute(
                "INSERT INTO bundles (station_id, sequence, received_at, records, imported)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id, sequence) DO UPDATE SET"
                " received_at = excluded.received_at",
                (bundle.station_id, bundle.sequence, moment, len(bundle.records), imported),
            )
    finally:
        db.close()
    receipt = write_receipt(
        Receipt(bundle.station_id, bundle.sequence, moment, tuple(stored)),
        center_key=Ed25519PrivateKey.from_private_bytes(keys.receipt_key),
    )
    return ImportResult(
        file_name,
        bundle.station_id,
        bundle.sequence,
        imported,
        unchanged,
        receipt,
        receipt_file_name(bundle.station_id, bundle.sequence),
    )


@dataclass(frozen=True)
class ImportRun:
    results: tuple[ImportResult, ...]
    refused: tuple[tuple[str, str], ...]
    """(file name, reason) of each bundle put in quarantine."""

    @property
    def imported(self) -> int:
        return sum(r.imported for r in self.results)

    @property
    def unchanged(self) -> int:
        return sum(r.unchanged for r in self.results)


def import_files(center: CenterStore, paths: list[Path]) -> ImportRun:
    """Import each file; write each receipt beside its bundle (the USB stick goes back with it)
    and in the centre's receipts folder; quarantine the bundles that fail."""
    results: list[ImportResult] = []
    refused: list[tuple[str, str]] = []
    # What a crash or a pulled stick left half-written last time (never a whole file).
    for folder in {center.center_dir / RECEIPTS_DIR, center.center_dir / QUARANTINE_DIR}:
        remove_interrupted_writes(folder)
    for path in paths:
        try:
            data = path.read_bytes()
            result = import_bundle(center, data, path.name)
        except (BundleError, OSError) as problem:
            reason = (
                str(problem)
                if isinstance(problem, InterviewRoomError)
                else (f"{path.name} cannot be read.")
            )
            _quarantine(center, path, reason)
            refused.append((path.name, reason))
            continue
        atomic_write_bytes(
            private_dir(center.center_dir / RECEIPTS_DIR) / result.receipt_name, result.receipt
        )
        # A read-only medium keeps no copy: the receipt is still in the centre's folder.
        with contextlib.suppress(OSError):
            atomic_write_bytes(path.with_name(result.receipt_name), result.receipt)
        results.append(result)
    return ImportRun(tuple(results), tuple(refused))


def _quarantine(center: CenterStore, path: Path, reason: str) -> None:
    folder = private_dir(center.center_dir / QUARANTINE_DIR)
    with contextlib.suppress(OSError):
        atomic_write_bytes(folder / path.name, path.read_bytes())
    db = center.open()
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO quarantine (received_at, file_name, problem) VALUES (?, ?, ?)",
                (_now(), path.name, reason),
            )
    finally:
        db.close()
