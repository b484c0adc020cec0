"""The station's side of sync: incremental bundles, receipts, and purging after confirmation.

A case is one record. Its version rises by one whenever its content changes (the SHA-256 of
every version is kept in ``sync_versions``); a bundle carries every record whose latest version
the centre has not confirmed yet (so a lost USB stick costs nothing: the next bundle carries the
same records again), each naming the hashes of the versions before it back to the last one the
centre confirmed. A receipt marks a version as held by the centre only when the centre's hash
is this station's hash for that version; any other answer is a conflict: the case keeps its
data, stays unsent and unpurged, and is reported (``SyncStatus.conflicts``). After the retention
period a confirmed case keeps only its code and status.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.cases.register import CaseStatus
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, remove_interrupted_writes
from interview_room.settings import DEFAULT_RETENTION_DAYS
from interview_room.store.audit import AuditEvent
from interview_room.sync.audit_head import SENT_HEAD_DETAIL, current_head, head_record
from interview_room.sync.bundle import MAX_PREVIOUS, Bundle, BundleRecord, write_bundle
from interview_room.sync.certificate_register import (
    pending_register,
)
from interview_room.sync.receipt import (
    bundle_file_name,
)
from interview_room.sync.records import RECORD_KIND, case_record, content_hash
from interview_room.sync.retention import purge_confirmed
from interview_room.sync.station_receipts import (
    ReceiptApplied,
    ReceiptRun,
    apply_receipt,
    apply_receipts_in,
)
from interview_room.workstation import Session


class NotLinked(InterviewRoomError):
    """The station has not been linked to a central office yet."""


class BundleWriteFailed(InterviewRoomError):
    """The bundle could not be written to the drive or did not read back the same."""


@dataclass(frozen=True)
class CenterLink:
    center_recipient: str
    center_receipt_key: bytes
    center_url: str | None
    station_id: str


@dataclass(frozen=True)
class ExportedBundle:
    sequence: int
    records: int
    data: bytes


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_bundle_at: str | None
    last_receipt_at: str | None
    conflicts: int = 0
    """Cases the centre holds differently from this station (a receipt's hash was not ours):
    kept here, never purged, until the centre holds this station's content."""


def _now() -> datetime:
    return datetime.now(UTC)


class StationSync:
    """Sync for the signed-in user's station."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._db = session.db

    # -- the link to the centre ------------------------------------------------------------

    def link(
        self,
        station_key_raw: bytes,
        center_recipient: str,
        center_receipt_key: bytes,
        center_url: str | None = None,
        station_id: str | None = None,
    ) -> None:
        """Remember the centre (its age recipient, its receipt-signing key) and this station's
        Ed25519 bundle-signing key (32 raw bytes), as an enrollment provides them."""
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO sync_link (id, station_id, station_key, center_recipient,"
                " center_receipt_key, center_url, linked_at) VALUES (1, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id,"
                " station_key = excluded.station_key,"
                " center_recipient = excluded.center_recipient,"
                " center_receipt_key = excluded.center_receipt_key,"
                " center_url = excluded.center_url, linked_at = excluded.linked_at",
                (
                    station_id or self._session.station.station_id,
                    station_key_raw,
                    center_recipient,
                    center_receipt_key,
                    center_url,
                    _now().isoformat(timespec="seconds"),
                ),
            )

    def center_url(self) -> str | None:
        """The centre's receiver address, if the enrollment gave one."""
        return self._link()[1].center_url if self.linked() else None

    def linked(self) -> bool:
        return self._db.one("SELECT 1 FROM sync_link WHERE id = 1") is not None

    def _link(self) -> tuple[bytes, CenterLink]:
        row = self._db.one(
            "SELECT station_key, center_recipient, center_receipt_key, center_url, station_id"
            " FROM sync_link WHERE id = 1"
        )
        if row is None:
            raise NotLinked("This station is not linked to a central office yet.")
        return bytes(row[0]), CenterLink(str(row[1]), bytes(row[2]), row[3], str(row[4]))

    @property
    def station_id(self) -> str:
        """The id the central office knows this station by (given at enrollment)."""
        return self._link()[1].station_id

    def sign_request(self, message: bytes) -> bytes:
        """Sign an upload request to the centre (``sync/request_signature.py``) with the key
        the enrollment gave; the key itself never leaves this object."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self._link()[0]).sign(message)

    # -- bundles ---------------------------------------------------------------------------

    def _refresh_versions(self, station_id: str) -> dict[str, bytes]:
        """Give every changed case a new version (content hash differs from the last one);
        return the content just built for each case, so a bundle need not build it again.

        Only the cases never versioned and those the m0006 triggers marked as changed are
        built: every write to what a case record is made of sets the mark (the case's own
        columns, its interview, answers, events, decision and referrals; a status change
        comes with ``updated_at``, the one sync sets is mapped back in the record). An export
        with nothing changed therefore costs a query, not a rebuild of every case."""
        built: dict[str, bytes] = {}
        known: dict[str, tuple[int, str, bool] | None] = {}
        for case_id, version, digest, changed, synced, conflict in self._db.all(
            "SELECT c.id, r.version, r.content_hash, r.changed, r.synced_version, r.conflict_at"
            " FROM cases c LEFT JOIN sync_records r ON r.case_id = c.id"
            " WHERE r.case_id IS NULL OR (r.changed = 1 AND r.purged_at IS NULL)"
            " ORDER BY c.started_at"
        ):
            known[str(case_id)] = (
                None
                if version is None
                else (
                    int(version),
                    str(digest),
                    bool(int(changed) and int(synced) == int(version) and conflict is None),
                )
            )
        for case_id, previous in known.items():
            content = case_record(self._db, case_id, station_id)
            built[case_id] = content
            digest = content_hash(content)
            if previous is None:
                self._db.execute(
                    "INSERT INTO sync_records (case_id, version, content_hash) VALUES (?, 1, ?)",
                    (case_id, digest),
                )
                self._remember_version(case_id, 1, digest)
            elif previous[1] == digest and previous[2]:
                # Changed after confirmation and changed back: the centre holds this content.
                self._db.execute(
                    "UPDATE cases SET status = ? WHERE id = ?", (CaseStatus.SYNCED.value, case_id)
                )
            elif previous[1] != digest:
                self._db.execute(
                    "UPDATE sync_records SET version = version + 1, content_hash = ? WHERE"
                    " case_id = ?",
                    (digest, case_id),
                )
                self._remember_version(case_id, previous[0] + 1, digest)
                # Changed after the centre confirmed it: no longer "sent to central office".
                self._db.execute(
                    "UPDATE cases SET status = (SELECT coalesce(prior_status, 'completed')"
                    " FROM sync_records WHERE case_id = ?) WHERE id = ? AND status = 'synced'",
                    (case_id, case_id),
                )
        # Every change is now in a version (the m0006 triggers set the flag on each write).
        self._db.execute("UPDATE sync_records SET changed = 0 WHERE changed = 1")
        return built

    def _remember_version(self, case_id: str, version: int, digest: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO sync_versions (case_id, version, content_hash)"
            " VALUES (?, ?, ?)",
            (case_id, version, digest),
        )

    def _earlier_hashes(self) -> dict[str, tuple[str, ...]]:
        """For each case to send, the hashes of the versions before its latest, newest first,
        back to the one the centre confirmed (at most ``MAX_PREVIOUS``, and only as far as
        they are known without a gap)."""
        known: dict[str, dict[int, str]] = {}
        latest: dict[str, int] = {}
        for case_id, version, digest, current in self._db.all(
            "SELECT v.case_id, v.version, v.content_hash, r.version FROM sync_versions v"
            " JOIN sync_records r ON r.case_id = v.case_id"
            " WHERE r.purged_at IS NULL AND r.version > 1"
            " AND (r.synced_version < r.version OR r.conflict_at IS NOT NULL)"
            " AND v.version < r.version AND v.version >= max(r.synced_version, r.version - ?, 1)",
            (MAX_PREVIOUS,),
        ):
            known.setdefault(str(case_id), {})[int(version)] = str(digest)
            latest[str(case_id)] = int(current)
        chains: dict[str, tuple[str, ...]] = {}
        for case_id, hashes in known.items():
            chain: list[str] = []
            version = latest[case_id] - 1
            while version in hashes:
                chain.append(hashes[version])
                version -= 1
            chains[case_id] = tuple(chain)
        return chains

    def export_bundle(self) -> ExportedBundle:
        """Everything the centre has not confirmed yet, signed and encrypted: the cases, and
        the register of signing certificates when it changed, with the audit head for the
        centre to witness. ``records`` counts the cases; empty ``data`` means there is nothing
        to send (no bundle number is used then; the head alone is never sent)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        station_key_raw, link = self._link()
        station_id = link.station_id
        with self._db.transaction():
            built = self._refresh_versions(station_id)
            # A case in conflict travels again each time, so the centre sees what we hold.
            pending = self._db.all(
                "SELECT case_id, version FROM sync_records WHERE purged_at IS NULL"
                " AND (synced_version < version OR conflict_at IS NOT NULL) ORDER BY case_id"
            )
            register = pending_register(self._db, station_id)
            if not pending and register is None:
                return ExportedBundle(0, 0, b"")
            row = self._db.one("SELECT coalesce(max(sequence), 0) + 1 FROM sync_bundles")
            sequence = int(row[0]) if row else 1
            chains = self._earlier_hashes()
            records = tuple(
                BundleRecord(
                    RECORD_KIND,
                    str(case_id),
                    int(version),
                    built.get(str(case_id)) or case_record(self._db, str(case_id), station_id),
                    chains.get(str(case_id), ()),
                )
                for case_id, version in pending
            ) + ((register,) if register is not None else ())
            # The audit head rides along (never alone: the sync entry below moves the head, so
            # a head-only bundle would always have something to send), for the centre to
            # witness the log (sync/audit_head.py).
            carried = len(records)  # the head is not counted among the records sent
            detail: dict[str, int | bool | str | None] = {"bundle": sequence, "records": carried}
            head = current_head(self._db, station_id)
            if head is not None:
                records += (head_record(head),)
                detail[SENT_HEAD_DETAIL] = head.entries  # names it for the next bundles
            bundle = Bundle(station_id, sequence, _now().isoformat(timespec="seconds"), records)
            data = write_bundle(
                bundle,
                station_key=Ed25519PrivateKey.from_private_bytes(station_key_raw),
                recipient=link.center_recipient,
            )
            self._db.execute(
                "INSERT INTO sync_bundles (sequence, created_at, records) VALUES (?, ?, ?)",
                (sequence, bundle.created_at, carried),
            )
            self._session.audit.append(
                AuditEvent.SYNC,
                self._session.user.username,
                None,
                detail,
            )
        return ExportedBundle(sequence, len(pending), data)

    def write_to_folder(self, folder: Path) -> Path | None:
        """Write a new bundle onto a drive: temp file, fsync, rename, then read it back."""
        exported = self.export_bundle()
        if not exported.data:
            return None
        target = folder / bundle_file_name(self.station_id, exported.sequence)
        remove_interrupted_writes(folder)  # what a pulled stick or a crash left last time
        try:
            atomic_write_bytes(target, exported.data)
            if target.read_bytes() != exported.data:
                # A damaged file must not travel under a bundle's name: the centre would only
                # quarantine it. The records stay pending for the next bundle.
                with contextlib.suppress(OSError):
                    target.unlink()
                raise BundleWriteFailed(f"{target.name} did not read back the same.")
        except OSError as error:
            raise BundleWriteFailed(f"The bundle could not be written to {folder}.") from error
        return target

    # -- receipts and retention ------------------------------------------------------------

    def apply_receipt(self, data: bytes) -> int:
        """Mark the versions the centre confirms (its hash is ours) as synced; return how many
        records. Conflicts are recorded on the cases (see :meth:`apply_receipt_checked`)."""
        return self.apply_receipt_checked(data).confirmed

    def apply_receipt_checked(self, data: bytes) -> ReceiptApplied:
        """Apply a receipt the centre signed for this station (``ReceiptInvalid`` otherwise).

        A record counts as confirmed only when the receipt's hash is this station's hash for
        that version. A different hash, or a version this station never made, is a conflict:
        the case keeps its data and its status, is never purged while the conflict lasts, and
        travels in every bundle until the centre holds this station's content.
        """
        _, link = self._link()
        return apply_receipt(
            self._session,
            data,
            station_id=link.station_id,
            center_receipt_key=link.center_receipt_key,
            moment=_now().isoformat(timespec="seconds"),
        )

    def receive_from_folder(self, folder: Path) -> int:
        """Apply every receipt for this station found on a drive, then purge what the
        retention period allows; return the records confirmed (see :meth:`receive_receipts`)."""
        return self.receive_receipts(folder).confirmed

    def receive_receipts(self, folder: Path) -> ReceiptRun:
        """Apply every receipt for this station found on a drive, in order, then purge what
        the retention period allows. Only regular files named as receipts of this station are
        read, each within the receipt size limit; one that is refused (damaged, badly signed,
        a link or a FIFO …) is reported and the others are still applied."""
        run = apply_receipts_in(folder, self.station_id, self.apply_receipt_checked)
        self.purge_expired()
        return run

    def purge_expired(self) -> int:
        """Purge with the station's retention setting (default 30 days)."""
        return self.purge(self._session.settings().retention_days)

    def purge(
        self, retention_days: int = DEFAULT_RETENTION_DAYS, now: datetime | None = None
    ) -> int:
        """Remove personal data from cases the centre confirmed more than ``retention_days``
        ago, keeping the case code and status. Returns how many cases were purged."""
        return purge_confirmed(self._session, retention_days, now or _now())

    def status(self) -> SyncStatus:
        pending = self._db.one(
            "SELECT count(*) FROM cases c LEFT JOIN sync_records r ON r.case_id = c.id"
            " WHERE r.case_id IS NULL"
            " OR (r.purged_at IS NULL AND (r.synced_version < r.version OR r.changed = 1))"
        )
        last = self._db.one("SELECT max(created_at), max(receipt_at) FROM sync_bundles")
        conflicts = self._db.one(
            "SELECT count(*) FROM sync_records WHERE conflict_at IS NOT NULL AND purged_at IS NULL"
        )
        return SyncStatus(
            int(pending[0]) if pending else 0,
            str(last[0]) if last and last[0] else None,
            str(last[1]) if last and last[1] else None,
            int(conflicts[0]) if conflicts else 0,
        )
