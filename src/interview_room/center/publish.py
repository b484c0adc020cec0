"""The central office publishes its package for the stations (``sync/centre_package.py``):
protocol versions, the directory of services and every station's revocations, signed with its
root.

The latest package is ``published/IR-centre-package.json`` in the centre's folder; each
publication reads it, adds the new protocol version (or replaces the directory), raises the
number by one and signs again, under a lock so two publications never take the same number.
A package holds every protocol version published so far, so a station that missed one gets it
with the next. A protocol is published only when it loads and every one of its test vectors
passes (what ``interview-room protocol check`` runs). Each published protocol is also kept as a
folder under ``published/protocols/`` (``center_protocols``), so the centre reads the records of
interviews that used it.

Every package carries the revocations the stations reported (``station_revocations``: each
station CA's newest revocation list and every certificate a register names revoked, or of a
station the centre revoked). They change when a bundle is imported, not when someone publishes,
so before the package goes back to a station (``write_beside``, ``newer_package``) it is signed
again with the next number if the revocations held differ from those it carries
(``publish_revocations``): a user disabled at station A is revoked at station B after B's next
sync that follows A's.

The package goes back to the stations beside the receipts on a stick (``write_beside``) and
from the receiver (``GET /centre-package``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.certificates import publishable_lists
from interview_room.center.publish_snapshot import (
    PublishedFileTooLarge as PublishedFileTooLarge,  # re-exported: raised by publishing
)
from interview_room.center.publish_snapshot import read_published_file
from interview_room.center.store import CenterMissing, CenterStore
from interview_room.center.users import CenterAction
from interview_room.documents.directory import load_directory
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, exclusive_lock, fsync_dir, private_dir
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening.loader import load_protocol
from interview_room.screening.vectors import check_protocol
from interview_room.sync.centre_package import (
    HELD_PACKAGE_HEADER as HELD_PACKAGE_HEADER,  # re-exported for the receiver
)
from interview_room.sync.centre_package import (
    MAX_REVOKED_CERTIFICATES,
    PACKAGE_FILE_NAME,
    CentrePackage,
    PublishedDirectory,
    PublishedProtocol,
    PublishedRevocations,
    WithdrawnProtocol,
    read_package,
    root_fingerprint,
    write_package,
)
from interview_room.sync.centre_package import (
    PACKAGE_PATH as PACKAGE_PATH,
)
from interview_room.sync.protocol_floor import (
    check_continuity,
    check_floor,
    shipped_protocol_folders,
)

if TYPE_CHECKING:
    from interview_room.center.seen_before import SealedSection
    from interview_room.store.database import Database

PUBLISHED_DIR = "published"
_SHA256 = re.compile(r"[0-9a-f]{64}")
PROTOCOLS_DIR = "protocols"
LOCK_FILE = "publish.lock"


class ProtocolVectorsFail(InterviewRoomError):
    """The protocol's test vectors do not all give the suggestion they expect: not published."""


class ProtocolAlreadyPublished(InterviewRoomError):
    """This protocol id and version is already in the centre's package."""


@dataclass(frozen=True)
class Published:
    """One publication: the new package's number and time, and where it was written."""

    number: int
    created_at: str
    path: Path
    what: str
    """``protocol <id> <version>`` or ``directory of <day>``."""


def published_folder(center: CenterStore) -> Path:
    return center.center_dir / PUBLISHED_DIR


def latest_package(center: CenterStore) -> bytes | None:
    """The signed package the stations should hold now; None before the first publication."""
    try:
        return (published_folder(center) / PACKAGE_FILE_NAME).read_bytes()
    except FileNotFoundError:
        return None


_last_read: dict[bytes, tuple[bytes, CentrePackage]] = {}
"""The package last read under each root, by its exact bytes: a station's poll compares the
file with them instead of checking again the signature and body of a package that, with the
seen-before section, weighs megabytes (``benchmarks/centre_package_seen.py``)."""


def _read(data: bytes, root: bytes) -> CentrePackage:
    held = _last_read.get(root)
    if held is not None and held[0] == data:
        return held[1]
    package = read_package(data, root).package
    _last_read.clear()
    _last_read[root] = (data, package)
    return package


def _current(center: CenterStore, root: bytes) -> CentrePackage | None:
    data = latest_package(center)
    return None if data is None else _read(data, root)


Content = tuple[
    PublishedDirectory | None, tuple[PublishedProtocol, ...], tuple[WithdrawnProtocol, ...]
]
"""What a package carries besides revocations: the directory, the protocols, the withdrawn."""
_Update = Callable[[CentrePackage | None], Content]
"""From the package published now (None: none yet), the content of the next."""


def station_revocations(center: CenterStore) -> PublishedRevocations:
    """What every station reported revoked, as the centre holds it now: each station CA's
    newest revocation list (``center/certificates.py`` keeps only lists a station CA the root
    issued has signed) and the SHA-256 of every registered certificate that is revoked or
    belongs to a station the centre revoked."""
    db = center.open()
    try:
        lists = publishable_lists(db)  # bounded: one station's data never stops a publish
        certificates = {
            hashlib.sha256(bytes(r[0])).hexdigest()
            for r in db.all(
                "SELECT c.certificate FROM registered_certificates c JOIN stations s"
                " ON s.station_id = c.station_id"
                " WHERE c.revoked_at IS NOT NULL OR s.revoked_at IS NOT NULL"
            )
        }
        stolen = _stolen_stations(db)
    finally:
        db.close()
    kept = tuple(sorted(certificates))[:MAX_REVOKED_CERTIFICATES]
    return PublishedRevocations(lists, kept, stolen)


def _stolen_stations(db: Database) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """For each station the centre revoked: the SHA-256 of its certificates revoked only by
    that, and of every referral PDF it sent the centre before the revocation (those forms stay
    valid everywhere, as at the centre: ``center/certificates._of_revoked_stations``)."""
    from interview_room.sync.records import RECORD_KIND

    stolen = []
    for station_id, revoked_at in db.all(
        "SELECT station_id, revoked_at FROM stations WHERE revoked_at IS NOT NULL"
    ):
        certificates = tuple(
            sorted(
                hashlib.sha256(bytes(r[0])).hexdigest()
                for r in db.all(
                    "SELECT certificate FROM registered_certificates"
                    " WHERE station_id = ? AND revoked_at IS NULL",
                    (station_id,),
                )
            )
        )
        forms: set[str] = set()
        for (content,) in db.all(
            "SELECT content FROM records WHERE station_id = ? AND kind = ? AND received_at <= ?",
            (station_id, RECORD_KIND, revoked_at),
        ):
            forms |= _referral_hashes(bytes(content))
        if certificates:
            stolen.append((certificates, tuple(sorted(forms))))
    return tuple(sorted(stolen))


def _referral_hashes(content: bytes) -> set[str]:
    try:
        document = json.loads(content.decode("utf-8"))
        return {
            str(referral["pdf_sha256"])
            for referral in document["referrals"]
            # only well-formed hashes: one bad value must not make the package unreadable
            if isinstance(referral, dict)
            and isinstance(referral.get("pdf_sha256"), str)
            and _SHA256.fullmatch(referral["pdf_sha256"]) is not None
        }
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return set()


def _sign_next(
    center: CenterStore,
    folder: Path,
    root: bytes,
    current: CentrePackage | None,
    content: Content,
    revocations: PublishedRevocations,
) -> CentrePackage:
    """The package after ``current``, signed and written (the caller holds the lock)."""
    directory, protocols, withdrawn = content
    # Issue 16 hook, seen before: the index, sealed to the stations (center/seen_before.py).
    sealed = _seal_seen_before(center)
    package = CentrePackage(
        number=(current.number if current else 0) + 1,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        root_sha256=root_fingerprint(root),
        directory=directory,
        protocols=protocols,
        revocations=revocations,
        seen_before=None if sealed is None else sealed.sealed,
        withdrawn=withdrawn,
    )
    data = write_package(
        package, root_certificate_der=root, root_private_key_der=center.root_private_key()
    )
    atomic_write_bytes(folder / PACKAGE_FILE_NAME, data)
    if sealed is not None:
        _record_seen_before(center, sealed.digest)
        if sealed.left_out.versions:  # a station reads MAX_KEYS versions (attacker 8, B2)
            center.record(
                CenterAuditEvent.SEEN_BEFORE_SECTION_TRIMMED,
                detail={
                    "package": package.number,
                    "versions_left_out": len(sealed.left_out.versions),
                    "newest_left_out": sealed.left_out.versions[-1],
                    "entries_left_out": sealed.left_out.entries,
                },
            )
    return package


def _seal_seen_before(center: CenterStore) -> SealedSection | None:
    """The sealed seen-before section for the next package (None: no station to seal it to)."""
    from interview_room.center import seen_before

    db = center.open()
    try:
        with db.transaction():  # the first key is made here
            return seen_before.sealed_section(db)
    finally:
        db.close()


def _record_seen_before(center: CenterStore, digest: str) -> None:
    """The section just written in a package: the next changes only when this digest does."""
    from interview_room.center import seen_before

    db = center.open()
    try:
        seen_before.record_published(db, digest)
    finally:
        db.close()


def _seen_before_changed(center: CenterStore) -> bool:
    """The index, its keys or the stations it is sealed to changed since the last package."""
    from interview_room.center import seen_before

    db = center.open()
    try:
        with db.transaction():
            now = seen_before.section_digest(db)
            return now is not None and now != seen_before.published_digest(db)
    finally:
        db.close()


def sign_and_publish(center: CenterStore, change: str, update: _Update) -> Published:
    """The next package, with the content ``update`` makes of the current one, signed under
    the lock by someone whose role may publish (``publish_withdraw.py`` uses it too)."""
    if not center.exists():
        raise CenterMissing(f"No central office is set up in {center.center_dir}.")
    center.require(CenterAction.PUBLISH)
    folder = private_dir(published_folder(center))
    keys = center.keys()
    root = keys.root_certificate_der
    with exclusive_lock(folder / LOCK_FILE):
        current = _current(center, root)
        package = _sign_next(
            center, folder, root, current, update(current), station_revocations(center)
        )
    return Published(package.number, package.created_at, folder / PACKAGE_FILE_NAME, change)


def publish_revocations(center: CenterStore) -> Published | None:
    """Sign the next package when the revocations the centre holds differ from those the
    latest package carries (the same protocols and directory); None when they do not.

    Not a choice anyone makes, so no role is asked for: it follows from bundles imported (by
    the registry or the receiver) and carries only what the stations themselves reported."""
    if not center.exists():
        raise CenterMissing(f"No central office is set up in {center.center_dir}.")
    folder = private_dir(published_folder(center))
    root = center.keys().root_certificate_der
    with exclusive_lock(folder / LOCK_FILE):
        current = _current(center, root)
        revocations = station_revocations(center)
        if revocations == (
            current.revocations if current else PublishedRevocations()
        ) and not _seen_before_changed(center):
            return None
        content = (
            (current.directory, current.protocols, current.withdrawn) if current else (None, (), ())
        )
        package = _sign_next(center, folder, root, current, content, revocations)
    result = Published(
        package.number, package.created_at, folder / PACKAGE_FILE_NAME, "revocations"
    )
    center.record(
        CenterAuditEvent.PACKAGE_PUBLISHED,
        detail={"number": result.number, "revocations": len(revocations.certificates)},
    )
    return result


def publish_protocol(
    center: CenterStore, directory: Path, expected_sha256: str | None = None
) -> Published:
    """Publish the protocol version in ``directory``, its files read once and the checks run
    on those bytes (``publish_snapshot.py``). Raises a ``ProtocolError`` when it does
    not load, :class:`ProtocolVectorsFail` when a test vector fails, ``ProtocolBelowFloor``
    when it fails the floor of invariant cases, ``ProtocolVectorsDropped`` when it drops or
    silently changes a vector of the newest earlier version (``sync/protocol_floor.py``),
    :class:`ProtocolAlreadyPublished` when its id and version are already published,
    ``ProtocolFolderChanged`` when ``expected_sha256`` (the check's) no longer matches."""
    from interview_room.center.publish_snapshot import materialised, read_snapshot

    snapshot = read_snapshot(directory, expected_sha256)
    with materialised(snapshot) as copy:
        report = check_protocol(copy)
        if not report.all_passed:
            failed = len(report.failed)
            raise ProtocolVectorsFail(
                f"{failed} of {len(report.results)} test vectors of {directory.name} fail"
                " (interview-room protocol check): the protocol is not published."
            )
        # Its own vectors are the publisher's choice: the floor of invariant cases, and every
        # vector of the newest earlier version kept (sync/protocol_floor.py), are not.
        check_floor(load_protocol(copy))
        check_continuity(copy, (*shipped_protocol_folders(), *earlier_published(center)))
    published = PublishedProtocol(
        report.protocol_id, report.protocol_version, report.content_hash, snapshot.files
    )

    def add_protocol(current: CentrePackage | None) -> Content:
        if current is None:
            return None, (published,), ()
        if current.protocol(published.id, published.version) or current.withdrawal(
            published.id, published.version
        ):
            raise ProtocolAlreadyPublished(
                f"Protocol {published.id} {published.version} is already published; a changed"
                " protocol needs a new version number."
            )
        return current.directory, (*current.protocols, published), current.withdrawn

    result = sign_and_publish(center, f"protocol {published.id} {published.version}", add_protocol)
    _keep_protocol_folder(center, published)
    _log(center, result, protocol=True)
    return result


def publish_directory(
    center: CenterStore, file: Path, published_on: date | None = None
) -> Published:
    """Publish the directory of services in ``file`` (``resources/directory.json`` format) as
    of ``published_on`` (today by default). Raises a ``DirectoryError`` when it does not load."""
    load_directory(file)
    day = (published_on or datetime.now(UTC).date()).isoformat()
    directory = PublishedDirectory(day, read_published_file(file))

    def replace_directory(current: CentrePackage | None) -> Content:
        return directory, *((current.protocols, current.withdrawn) if current else ((), ()))

    result = sign_and_publish(center, f"directory of {day}", replace_directory)
    _log(center, result, protocol=False)
    return result


def earlier_published(center: CenterStore) -> tuple[Path, ...]:
    """The protocol versions this centre published before and did not withdraw (each kept in
    a folder): a new version keeps the vectors of the newest of them, never of a withdrawn
    one, whose rule was wrong (its fix may give a vector another outcome)."""
    folder = published_folder(center) / PROTOCOLS_DIR
    if not folder.is_dir():
        return ()
    current = _current(center, center.keys().root_certificate_der)
    withdrawn = {
        f"{w.id}-{w.version}-{w.content_hash[:16]}" for w in (current.withdrawn if current else ())
    }
    return tuple(
        sorted(
            p for p in folder.iterdir() if not p.name.startswith(".") and p.name not in withdrawn
        )
    )


def _log(center: CenterStore, published: Published, protocol: bool) -> None:
    """The publication in the centre's audit log, whichever front end asked for it."""
    center.record(
        CenterAuditEvent.PACKAGE_PUBLISHED,
        detail={"number": published.number, "protocol": protocol},
    )


def _keep_protocol_folder(center: CenterStore, published: PublishedProtocol) -> None:
    folders = private_dir(published_folder(center) / PROTOCOLS_DIR)
    target = folders / f"{published.id}-{published.version}-{published.content_hash[:16]}"
    if target.exists():
        return
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folders))
    (staging / "texts").mkdir()
    for path, data in published.files:
        atomic_write_bytes(staging / path, data)
    os.replace(staging, target)
    fsync_dir(folders)


def center_protocols(center_dir: Path) -> ProtocolLibrary:
    """The protocols the centre reads records with: those shipped and those it published."""
    folders = center_dir / PUBLISHED_DIR / PROTOCOLS_DIR
    received = (
        tuple(sorted(p for p in folders.iterdir() if not p.name.startswith(".")))
        if folders.is_dir()
        else ()
    )
    return ProtocolLibrary(received=received)


def write_beside(center: CenterStore, folder: Path) -> Path | None:
    """Write the latest package into ``folder`` (a stick the receipts go back on), signed
    again first if the stations' revocations changed; None when nothing is published yet or
    the medium takes no writes."""
    publish_revocations(center)
    data = latest_package(center)
    if data is None:
        return None
    target = folder / PACKAGE_FILE_NAME
    try:
        atomic_write_bytes(target, data)
    except OSError:
        return None
    return target


def newer_package(center: CenterStore, held: str | None) -> bytes | None:
    """The latest package (signed again first if the stations' revocations changed), unless
    the station says it holds that number or a later one."""
    publish_revocations(center)
    data = latest_package(center)
    if data is None or held is None or not held.isdigit():
        return data
    package = _read(data, center.keys().root_certificate_der)
    return None if package.number <= int(held) else data
