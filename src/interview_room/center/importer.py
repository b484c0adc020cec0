"""Importing bundles at the central office: verify, store all or nothing, answer with a receipt.

The same bundle twice, overlapping bundles, or bundles out of order never duplicate or roll
back a record: a version is stored only when it moves by one, along the chain its station
names, from the version held; anything else that is not held already is kept aside as a
conflict for a person (``holdings.py``, ``versions.py``). A bundle number the station already
used for other content is refused. A bundle that fails any check changes nothing and is kept in
quarantine with the reason; the others still import. Files from a drive are read only when they
are regular files within the size limit, and streamed (``sync/drive.py``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_room.center import audit_log
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.audit_witness import AuditChainFlagged, record_head, split_head
from interview_room.center.certificates import split_registers, store_registers
from interview_room.center.coded_cases import CodedCase, code_document
from interview_room.center.holdings import (
    RecordOfAnotherStation as RecordOfAnotherStation,  # re-exported: a refusal of an import
)
from interview_room.center.holdings import Stored, store_bundle
from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.files import (
    atomic_write_bytes,
    atomic_write_stream,
    private_dir,
    remove_interrupted_writes,
)
from interview_room.store.database import Database
from interview_room.sync.bundle import DEFAULT_LIMITS, Bundle
from interview_room.sync.bundle_reader import read_bundle, read_bundle_file
from interview_room.sync.drive import DriveFileRefused, open_regular_file
from interview_room.sync.errors import BundleError, SyncError
from interview_room.sync.receipt import Receipt, receipt_file_name, write_receipt

if TYPE_CHECKING:
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.screening.protocol import Protocol

QUARANTINE_DIR = "quarantine"
RECEIPTS_DIR = "receipts"


class RecordBreaksConsent(BundleError):
    """A case record carries what the person's consents do not allow to travel (their name,
    free text, answers beyond the anonymous minimal record): the whole bundle is refused, so
    the station is told and nothing of it is kept. The message names the field, never content.
    """

    def __init__(self, position: int, station_id: str, what: str) -> None:
        self.position = position
        self.what = what
        super().__init__(
            f"Record {position} of the bundle from station {station_id} carries {what} although"
            " the person did not agree to a record being kept."
        )


class RecordUnderUnknownProtocol(RecordBreaksConsent):
    """A minimal record (the person did not agree to a record being kept) of an interview under
    a protocol this centre neither ships nor published: nothing says which values its answers
    and recipients may take, so a name could pass as one. The whole bundle is refused; a
    station on a newer protocol needs a centre whose program knows it."""


class UnknownRecordKind(BundleError):
    """A record of a kind the centre does not know (it knows cases, the register of signing
    certificates and the audit head): nothing would read it, check it against the person's
    consents or show it, so the whole bundle is refused. The message names the record's
    position only."""

    def __init__(self, position: int, station_id: str) -> None:
        self.position = position
        super().__init__(
            f"Record {position} of the bundle from station {station_id} is of a kind the"
            " centre does not know."
        )


def check_kinds(bundle: Bundle) -> None:
    """Refuse the bundle if a record is of a kind the centre does not know
    (``UnknownRecordKind``), or is a register of signing certificates or an audit head under
    another id than the sending station's (``RecordOfAnotherStation``): a station writes
    neither, and neither
    would be stored, read or refused otherwise (docs/BUNDLE_FORMAT.md, "Record kinds")."""
    from interview_room.sync.audit_head import AUDIT_HEAD_KIND
    from interview_room.sync.certificate_register import REGISTER_KIND
    from interview_room.sync.records import RECORD_KIND

    for position, record in enumerate(bundle.records, start=1):
        if record.kind not in (RECORD_KIND, REGISTER_KIND, AUDIT_HEAD_KIND):
            raise UnknownRecordKind(position, bundle.station_id)
        if record.kind != RECORD_KIND and record.record_id != bundle.station_id:
            raise RecordOfAnotherStation(position, bundle.station_id)


def check_consents(bundle: Bundle, library: ProtocolLibrary | None = None) -> dict[str, CodedCase]:
    """Refuse the bundle if any case record breaks the consent rule of docs/BUNDLE_FORMAT.md
    ("What a case record may carry"). Returns each case record's coded row (registry and
    statistics, ``coded_cases.py``) by record id, made from the same parse of its JSON."""
    from interview_room.interview.protocols import ProtocolLibrary, ProtocolUnavailable
    from interview_room.sync.fields import FormatViolation, parse_json
    from interview_room.sync.record_consent import UNKNOWN_PROTOCOL, breach
    from interview_room.sync.records import RECORD_KIND

    library = library or ProtocolLibrary()
    protocols: dict[tuple[str, ...], Protocol | None] = {}
    coded: dict[str, CodedCase] = {}
    for position, record in enumerate(bundle.records, start=1):
        if record.kind != RECORD_KIND:
            continue
        try:
            document = parse_json(record.content, "the record")
        except FormatViolation:
            document = None
        protocol = None
        interview = document.get("interview") if isinstance(document, dict) else None
        named = interview.get("protocol") if isinstance(interview, dict) else None
        if isinstance(named, list) and len(named) == 3 and all(isinstance(p, str) for p in named):
            if (key := tuple(named)) not in protocols:
                try:
                    protocols[key] = library.find(*named)
                except ProtocolUnavailable:
                    protocols[key] = None
            protocol = protocols[key]
        what = breach(document, protocol, station_id=bundle.station_id)
        if what == UNKNOWN_PROTOCOL:
            raise RecordUnderUnknownProtocol(position, bundle.station_id, what)
        if what is not None:
            raise RecordBreaksConsent(position, bundle.station_id, what)
        coded[record.record_id] = code_document(document)
    return coded


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    station_id: str
    sequence: int
    imported: int
    unchanged: int
    receipt: bytes
    receipt_name: str
    conflicts: int = 0
    """Versions kept aside for a person (``center conflicts``); the held versions stand."""
    replayed: bool = False
    """The very bundle was imported before: nothing changed."""
    reused_number: bool = False
    audit_notice: AuditChainFlagged | None = None
    """The station's audit head contradicts one received before (the bundle was imported)."""
    """The station had already sent other content under this bundle number (recorded for a
    person: ``center conflicts``); the records went through the version rules all the same."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read(db: Database, data: bytes | Path, age_identity: str) -> Bundle:
    """The verified bundle in ``data`` (bytes received, or a file on a drive, streamed)."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    stations = db.all("SELECT station_id, public_key, revoked_at FROM stations")
    identity = pyrage.x25519.Identity.from_str(age_identity)
    station_keys = {str(r[0]): Ed25519PublicKey.from_public_bytes(bytes(r[1])) for r in stations}
    revoked = {str(r[0]) for r in stations if r[2]}
    if isinstance(data, Path):
        return read_bundle_file(
            data, identity=identity, station_keys=station_keys, revoked_stations=revoked
        )
    return read_bundle(data, identity=identity, station_keys=station_keys, revoked_stations=revoked)


def import_bundle(center: CenterStore, data: bytes, file_name: str) -> ImportResult:
    """Verify and store one bundle; raise a :class:`BundleError` (and store nothing) if it
    fails any check. The receipt lists every record of the bundle as the centre now holds it
    for that station (a record it holds nothing of is left out)."""
    return _import(center, data, file_name)


def import_bundle_file(center: CenterStore, path: Path) -> ImportResult:
    """``import_bundle`` for a file on a drive: only a regular file within the size limit is
    read (``DriveFileRefused`` otherwise), streamed rather than loaded whole."""
    return _import(center, path, path.name)


def _import(center: CenterStore, data: bytes | Path, file_name: str) -> ImportResult:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.center.publish import center_protocols
    from interview_room.center.seen_before_index import index_records

    keys = center.keys()
    db = center.open()
    try:
        bundle = _read(db, data, keys.age_identity)
        check_kinds(bundle)
        # The versions the centre published too (center/publish.py): stations use them.
        library = center_protocols(center.center_dir)
        coded = check_consents(bundle, library)
        # The register of signing certificates is merged apart (center/certificates.py): it
        # is not a case, and not counted as one.
        bundle, registers = split_registers(bundle)
        # The audit head is kept apart too (center/audit_witness.py); a malformed one refuses
        # the bundle before anything is stored.
        bundle, head = split_head(bundle)
        moment = _now()
        with db.transaction():
            stored = store_bundle(db, bundle, moment, coded)
            # Issue 16 hook, seen before: the index follows the case records now held
            # (center/seen_before_index.py; tokens kept only with storage consent), read
            # from the bundle where the record held is the one it carries.
            index_records(db, bundle.station_id, _case_ids(bundle), library, _contents(bundle))
            held = store_registers(
                db, bundle.station_id, registers, keys.root_certificate_der, moment
            )
            notice = None if head is None else record_head(db, head, bundle.sequence, moment)
            # The centre's own audit log, in the import's transaction (center/audit_log.py).
            audit_log.append(
                db,
                CenterAuditEvent.BUNDLE_IMPORTED,
                center.user.username,
                bundle.station_id,
                {"bundle": bundle.sequence, "imported": stored.imported},
            )
        center.move_audit_anchor(db)
    finally:
        db.close()
    center.follow_statistics(after_commit=True)  # the statistics store's own commit
    receipt = write_receipt(
        Receipt.of_held_records(
            bundle.station_id, bundle.sequence, moment, (*stored.receipt, *held)
        ),
        center_key=Ed25519PrivateKey.from_private_bytes(keys.receipt_key),
    )
    return _result(file_name, bundle, stored, receipt, notice)


def _result(
    file_name: str,
    bundle: Bundle,
    stored: Stored,
    receipt: bytes,
    notice: AuditChainFlagged | None,
) -> ImportResult:
    """What ``_import`` reports of a bundle stored and receipted."""
    return ImportResult(
        file_name,
        bundle.station_id,
        bundle.sequence,
        stored.imported,
        stored.unchanged,
        receipt,
        receipt_file_name(bundle.station_id, bundle.sequence),
        stored.conflicts,
        stored.replayed,
        stored.reused_number,
        notice,
    )


def _contents(bundle: Bundle) -> dict[str, tuple[str, bytes]]:
    """(content hash, content) of each case record of ``bundle``, by record id."""
    from interview_room.sync.records import RECORD_KIND

    return {
        r.record_id: (r.content_hash, r.content) for r in bundle.records if r.kind == RECORD_KIND
    }


def _case_ids(bundle: Bundle) -> list[str]:
    from interview_room.sync.records import RECORD_KIND

    return [record.record_id for record in bundle.records if record.kind == RECORD_KIND]


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
            result = import_bundle_file(center, path)
        except (SyncError, OSError) as problem:
            # SyncError: a refused bundle, or a file that is not read at all (a link, a FIFO,
            # a device, too large). One bad file never stops the others.
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
    """Record the refusal; keep a copy of the file only if it is a regular file within the
    size limit (never follow a link or read a FIFO or device to copy it)."""
    folder = private_dir(center.center_dir / QUARANTINE_DIR)
    with (
        contextlib.suppress(OSError, DriveFileRefused),
        open_regular_file(path, DEFAULT_LIMITS.max_ciphertext_bytes()) as source,
    ):
        atomic_write_stream(folder / path.name, source)
    db = center.open()
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO quarantine (received_at, file_name, problem) VALUES (?, ?, ?)",
                (_now(), path.name, reason),
            )
    finally:
        db.close()
