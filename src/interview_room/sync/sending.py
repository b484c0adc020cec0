"""Sending to the central office: the use-cases every front end shares (the window's
background upload and its sync dialog, ``interview-room sync`` and ``status``).

- :func:`send_over_network`: the centre's root chosen as the only TLS anchor, everything
  pending uploaded, the receipt applied, what the retention period allows purged, and the
  outcome remembered (``center_tried_at``, ``center_reached_at``, ``center_problem``).
- :func:`exchange_with_folder`: a USB stick or folder: the receipts found there read first,
  then a bundle of what is still pending written (so a bundle never carries what a receipt on
  the same stick already confirmed).
- :func:`sync_overview`: what to tell a person: pending, last sent, last receipt, when the
  centre was last reached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.store.certificates import StationCertificates
from interview_room.sync.centre_package_station import (
    PackageOutcome,
    fetch_and_apply,
    receive_package_from_folder,
)
from interview_room.sync.network import (
    NetworkSyncError,
    RetryScheduled,
    UploadResult,
    upload_pending,
)
from interview_room.sync.station import NotLinked, StationSync
from interview_room.sync.station_receipts import ReceiptRun
from interview_room.workstation import Session


class NoCenterAddress(NetworkSyncError):
    """The station was enrolled without the centre's network address: it syncs by USB only."""


class NoCenterRoot(NetworkSyncError):
    """No central office root is held to check the receiver's certificate (enroll again)."""


class FolderMissing(InterviewRoomError):
    """The folder or drive given for sync is not there (a stick not plugged in, a typo)."""


@dataclass(frozen=True)
class SyncOverview:
    """What a person is told about sync; times are ISO 8601 in UTC, None for never."""

    linked: bool
    has_url: bool
    """The centre can be reached over the network (the enrollment gave its address)."""
    pending: int
    """Cases the centre has not confirmed in the content this station holds."""
    conflicts: int
    last_bundle_at: str | None
    last_receipt_at: str | None
    center_tried_at: str | None
    center_reached_at: str | None
    """The last time the centre answered over the network with a receipt it signed."""
    center_problem: str | None
    """The kind of error that stopped the last network try (a class name), None if it worked."""

    def as_json(self) -> dict[str, object]:
        return {
            "linked": self.linked,
            "network": self.has_url,
            "pending": self.pending,
            "conflicts": self.conflicts,
            "last_sent": self.last_bundle_at,
            "last_receipt": self.last_receipt_at,
            "center_tried": self.center_tried_at,
            "center_reached": self.center_reached_at,
            "center_problem": self.center_problem,
        }


@dataclass(frozen=True)
class NetworkSent:
    """One network sync: what was uploaded and confirmed, and how many cases were purged."""

    upload: UploadResult
    purged: int
    package: PackageOutcome | None = None
    """The centre's package fetched after the upload (None: it had none newer)."""


@dataclass(frozen=True)
class FolderExchange:
    """One visit of a stick or folder: the receipts read there, and the bundle written (None
    when nothing was left to send)."""

    receipts: ReceiptRun
    written: Path | None
    package: PackageOutcome | None = None
    """The centre's package found beside the receipts (None: there was none)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sync_overview(session: Session) -> SyncOverview:
    sync = StationSync(session)
    if not sync.linked():
        return SyncOverview(False, False, 0, 0, None, None, None, None, None)
    status = sync.status()
    row = session.db.one(
        "SELECT center_url, center_tried_at, center_reached_at, center_problem"
        " FROM sync_link WHERE id = 1"
    )
    assert row is not None  # linked
    return SyncOverview(
        linked=True,
        has_url=bool(row[0]),
        pending=status.pending,
        conflicts=status.conflicts,
        last_bundle_at=status.last_bundle_at,
        last_receipt_at=status.last_receipt_at,
        center_tried_at=row[1],
        center_reached_at=row[2],
        center_problem=row[3],
    )


def _remember_contact(session: Session, problem: BaseException | None) -> None:
    moment = _now()
    with session.db.transaction():
        if problem is None:
            session.db.execute(
                "UPDATE sync_link SET center_tried_at = ?, center_reached_at = ?,"
                " center_problem = NULL WHERE id = 1",
                (moment, moment),
            )
        else:
            session.db.execute(
                "UPDATE sync_link SET center_tried_at = ?, center_problem = ? WHERE id = 1",
                (moment, type(problem).__name__),
            )


def send_over_network(
    session: Session,
    *,
    attempts: int = 5,
    backoff_seconds: float = 0.5,
    timeout: float = 30,
    on_retry: Callable[[RetryScheduled], None] | None = None,
) -> NetworkSent:
    """Upload everything pending to the centre's receiver, apply its receipt, purge what the
    retention period allows, and remember how it went.

    Raises :class:`NotLinked`, :class:`NoCenterAddress`, :class:`NoCenterRoot`, or what
    :func:`upload_pending` raises (``CenterUnreachable``, ``CenterNotTrusted``,
    ``BundleRefused`` …, ``ReceiptInvalid``).
    """
    sync = StationSync(session)
    if not sync.linked():
        raise NotLinked("This station is not linked to a central office yet.")
    url = sync.center_url()
    if not url:
        raise NoCenterAddress(
            "This station was enrolled without the central office's network address:"
            " send by USB stick (interview-room sync --to DIR)."
        )
    root = StationCertificates(session.db).central_root()
    if root is None:
        raise NoCenterRoot(
            "This station holds no central office root to check the receiver against."
        )
    try:
        upload = upload_pending(
            sync,
            url,
            root,
            attempts=attempts,
            backoff_seconds=backoff_seconds,
            timeout=timeout,
            on_retry=on_retry,
        )
    except InterviewRoomError as error:
        _remember_contact(session, error)
        raise
    _remember_contact(session, None)
    purged = sync.purge_expired()
    return NetworkSent(upload, purged, fetch_and_apply(session, url, root, timeout=timeout))


def send_when_possible(session: Session) -> SyncOverview:
    """The window's background round: when the station is linked and knows the centre's
    address, send over the network; then say how things stand. Errors of the upload are
    raised (and remembered), so the caller can word them."""
    sync = StationSync(session)
    if sync.linked() and sync.center_url():
        send_over_network(session)
    return sync_overview(session)


def exchange_with_folder(session: Session, folder: Path) -> FolderExchange:
    """Read the receipts for this station in ``folder`` (then purge what the retention period
    allows), and write a bundle of what is still pending there.

    Raises :class:`FolderMissing`, :class:`NotLinked`, ``BundleWriteFailed`` when the bundle
    cannot be written or does not read back the same; receipts that cannot be applied are
    listed in ``receipts.refused``, not raised.
    """
    if not folder.is_dir():
        raise FolderMissing(f"{folder} is not a folder that can be used.")
    sync = StationSync(session)
    receipts = sync.receive_receipts(folder)
    package = receive_package_from_folder(session, folder)
    return FolderExchange(receipts, sync.write_to_folder(folder), package)
