"""Receipts at the station: the centre's signed word on which versions it holds.

A record counts as confirmed only when the receipt's hash is this station's hash for that
version. A different hash, or a version this station never made, is a conflict: the case keeps
its data and its status, is never purged while the conflict lasts, and travels in every bundle
until the centre holds this station's content. ``StationSync`` (``station.py``) calls these with
the link it holds.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_room.cases.register import CaseStatus
from interview_room.store.audit import AuditEvent
from interview_room.store.database import Database
from interview_room.sync.certificate_register import REGISTER_KIND, confirm_register
from interview_room.sync.drive import read_regular_file
from interview_room.sync.errors import SyncError
from interview_room.sync.receipt import (
    MAX_RECEIPT_BYTES,
    Receipt,
    parse_receipt_file_name,
    read_receipt,
)
from interview_room.sync.records import RECORD_KIND
from interview_room.workstation import Session


@dataclass(frozen=True)
class ReceiptApplied:
    """What one receipt did: cases confirmed (the centre holds our content) and conflicts."""

    confirmed: int
    conflicts: int


@dataclass(frozen=True)
class ReceiptRun:
    """What reading the receipts on a drive did; ``refused`` lists (file name, reason) of the
    files that were not applied (damaged, not for this station, not a regular file …)."""

    confirmed: int
    conflicts: int
    refused: tuple[tuple[str, str], ...]


def apply_receipt(
    session: Session, data: bytes, *, station_id: str, center_receipt_key: bytes, moment: str
) -> ReceiptApplied:
    """Apply a receipt the centre signed (with ``center_receipt_key``) for ``station_id``, at
    ``moment``; raises ``ReceiptInvalid`` otherwise. See the module's docstring."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    db = session.db
    receipt: Receipt = read_receipt(
        data,
        center_public_key=Ed25519PublicKey.from_public_bytes(center_receipt_key),
        station_id=station_id,
    )
    marked = conflicts = 0
    with db.transaction():
        for kind, record_id, version, digest in receipt.stored:
            if kind == REGISTER_KIND and record_id == station_id:
                confirm_register(db, version, digest, moment)
                continue
            if kind != RECORD_KIND:
                continue
            row = db.one(
                "SELECT version, synced_version, changed FROM sync_records WHERE case_id = ?",
                (record_id,),
            )
            if row is None:
                continue
            current, synced, changed = int(row[0]), int(row[1]), int(row[2])
            mine = db.one(
                "SELECT content_hash FROM sync_versions WHERE case_id = ? AND version = ?",
                (record_id, version),
            )
            if mine is None and version <= current:
                continue  # made before hashes were kept (migration 9): cannot tell
            if mine is None or str(mine[0]) != digest:
                _record_conflict(db, record_id, version, digest, moment)
                conflicts += 1
                continue
            if version < synced:
                continue  # never roll back to an older confirmation
            _confirm(db, record_id, version, current, bool(changed), moment)
            marked += 1
        db.execute(
            "UPDATE sync_bundles SET receipt_at = ? WHERE sequence = ?",
            (moment, receipt.sequence),
        )
        detail: dict[str, int | bool | str | None] = {
            "bundle": receipt.sequence,
            "records": marked,
        }
        if conflicts:
            detail["conflicts"] = conflicts
        session.audit.append(AuditEvent.RECEIPT_APPLIED, session.user.username, None, detail)
    return ReceiptApplied(marked, conflicts)


def _confirm(
    db: Database, case_id: str, version: int, current: int, changed: bool, moment: str
) -> None:
    """The centre holds this station's own ``version`` of the case (``current`` is the
    station's latest, ``changed`` whether the case changed since it was bundled)."""
    db.execute(
        "UPDATE sync_records SET synced_version = ?, synced_at = ? WHERE case_id = ?",
        (version, moment, case_id),
    )
    if version == current:
        # The centre holds exactly what this station holds: no conflict any more.
        db.execute(
            "UPDATE sync_records SET conflict_version = NULL, conflict_hash = NULL,"
            " conflict_at = NULL WHERE case_id = ?",
            (case_id,),
        )
    # Changed since that bundle left: confirmed, but not "sent" as it is now.
    if version == current and not changed:
        status = _case_status(db, case_id)
        if status != CaseStatus.SYNCED.value:
            db.execute(
                "UPDATE sync_records SET prior_status = ? WHERE case_id = ?",
                (status, case_id),
            )
        db.execute(
            "UPDATE cases SET status = ? WHERE id = ?",
            (CaseStatus.SYNCED.value, case_id),
        )


def _record_conflict(db: Database, case_id: str, version: int, digest: str, moment: str) -> None:
    """The centre holds ``version`` of this case with another hash: keep ours, unsent."""
    db.execute(
        "UPDATE sync_records SET conflict_version = ?, conflict_hash = ?, conflict_at = ?"
        " WHERE case_id = ?",
        (version, digest, moment, case_id),
    )
    # Not "sent to central office": the office holds something else under this case.
    db.execute(
        "UPDATE cases SET status = (SELECT coalesce(prior_status, 'completed')"
        " FROM sync_records WHERE case_id = ?) WHERE id = ? AND status = 'synced'",
        (case_id, case_id),
    )


def _case_status(db: Database, case_id: str) -> str:
    row = db.one("SELECT status FROM cases WHERE id = ?", (case_id,))
    return str(row[0]) if row else ""


def apply_receipts_in(
    folder: Path, station_id: str, apply: Callable[[bytes], ReceiptApplied]
) -> ReceiptRun:
    """``apply`` every receipt for ``station_id`` found in ``folder`` (a drive), in order.
    Only regular files named as receipts of this station are read, each within the receipt
    size limit; one that is refused (damaged, badly signed, a link or a FIFO …) is reported and
    the others are still applied."""
    named: list[tuple[int, str]] = []
    with contextlib.suppress(OSError):  # a drive pulled out has no receipts to give
        for entry in os.scandir(folder):
            parsed = parse_receipt_file_name(entry.name)
            if parsed is not None and parsed[0] == station_id:
                named.append((parsed[1], entry.name))
    confirmed = conflicts = 0
    refused: list[tuple[str, str]] = []
    for _, name in sorted(named):
        try:
            applied = apply(read_regular_file(folder / name, MAX_RECEIPT_BYTES))
        except (SyncError, OSError) as problem:
            reason = str(problem) if isinstance(problem, SyncError) else "it cannot be read"
            refused.append((name, reason))
            continue
        confirmed += applied.confirmed
        conflicts += applied.conflicts
    return ReceiptRun(confirmed, conflicts, tuple(refused))
