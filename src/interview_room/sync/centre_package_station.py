"""The station's side of the centre's package: verify it and apply it atomically (what the
station then holds and uses is read by ``centre_holdings.py``).

Files in the station's data folder (no personal data: services and protocol texts)::

    centre/held.json                         what the station holds (written last: the commit)
    centre/protocols/<id>-<version>-<hash>/  each protocol version received, never removed
    centre/directories/<sha256>.json         each directory received

A package is applied only when its signature verifies with the station's central root
(``centre_package.read_package``), its number is above the one the encrypted store keeps
(``settings``: ``centre_package_number``; a file-level copy cannot roll it back) and every
protocol loads, has the content hash the centre states, and (for one new to the station) passes
its test vectors with this station's decision rule, and the directory loads (the staging and
those checks: ``centre_package_staging.py``). Until then nothing is written outside a staging
folder that is removed afterwards. Protocol folders are
named by content hash and never removed, so an interview pinned to an older version (shipped or
received) always opens again; ``held.json`` lists every version ever received, so a later
package that no longer carries one does not hide it. ``held.json`` is recorded in the encrypted
store too (``centre_package_held``), and only what that record names, with the hashes it gives,
is used: anyone who can write the data folder can edit ``held.json`` or the files.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from interview_room.files import atomic_write_bytes, fsync_dir, private_dir
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.sync.centre_holdings import (
    DIRECTORIES_DIR,
    HELD_FILE,
    HELD_SETTING,
    PROTOCOLS_DIR,
    HeldPackage,
    HeldProtocol,
    centre_folder,
    held_package,
    logged_withdrawals,
    recorded_package,
    withdrawal_details,
)
from interview_room.sync.centre_package import (
    MAX_PACKAGE_BYTES,
    PACKAGE_FILE_NAME,
    CentrePackage,
    CentrePackageDamaged,
    CentrePackageError,
    ReadPackage,
    read_package,
)
from interview_room.sync.centre_package_changes import remember_applied
from interview_room.sync.centre_package_seen import apply_sealed
from interview_room.sync.centre_package_staging import (
    package_on_disk,
    protocol_intact,
    stage_directory,
    stage_protocols,
)
from interview_room.sync.centre_revocations import (
    PACKAGE_NUMBER_SETTING,
    REVOCATIONS_HASH_SETTING,
    REVOCATIONS_SETTING,
    HeldRevocations,
    HeldRevocationsUnreadable,
    applied_package,
    held_revocations,
    stored_form,
)
from interview_room.sync.drive import read_regular_file
from interview_room.sync.protocol_floor import shipped_protocol_folders
from interview_room.workstation import Session

NUMBER_SETTING = PACKAGE_NUMBER_SETTING
HASH_SETTING = "centre_package_sha256"


class CentrePackageOutdated(CentrePackageError):
    """The package is not newer than the one the station holds (an old stick, a replay)."""


class CentrePackageNotEnrolled(CentrePackageError):
    """The station holds no central root to check a package against (not enrolled yet)."""


@dataclass(frozen=True)
class PackageApplied:
    """What applying one package did; ``changed`` is False when it was the one already held."""

    held: HeldPackage
    changed: bool
    protocols_added: tuple[str, ...]
    """``id version`` of each protocol version new to this station."""
    directory_changed: bool
    revocations_added: int = 0
    """Revoked certificates and station CAs' revocation lists new to this station."""
    protocols_withdrawn: tuple[str, ...] = ()
    """``id version`` of each protocol version the centre withdrew, new to this station."""


@dataclass(frozen=True)
class PackageOutcome:
    """A package found on a stick or fetched over the network: applied, or refused with the
    reason (a refusal is reported, never raised, so receipts and bundles still go through)."""

    applied: PackageApplied | None
    problem: CentrePackageError | None = None
    """Why it was not applied (the window words it in the person's language)."""

    @property
    def refused(self) -> str | None:
        return None if self.problem is None else str(self.problem)

    @property
    def refused_as(self) -> str | None:
        return None if self.problem is None else type(self.problem).__name__


def _floor(db: Database) -> tuple[int, str | None]:
    values = dict(
        db.all(
            "SELECT key, value FROM settings WHERE key IN (?, ?)", (NUMBER_SETTING, HASH_SETTING)
        )
    )
    number = int(values[NUMBER_SETTING]) if values.get(NUMBER_SETTING) is not None else 0
    applied = applied_package(db)  # the audit log's, when the settings rows were deleted
    if applied is not None and applied.number > number:
        return applied.number, None
    return number, values.get(HASH_SETTING)


def apply_package(session: Session, data: bytes) -> PackageApplied:
    """Verify the package against the station's central root and apply it: its protocols
    join the station's, its directory replaces the one in use, and the store remembers its
    number. Raises a ``CentrePackageError`` (nothing changed) for a package that is damaged,
    of another centre, badly signed, not newer, or whose content does not load."""
    root = StationCertificates(session.db).central_root()
    if root is None:
        raise CentrePackageNotEnrolled(
            "This station is not enrolled with a central office, so it cannot check the"
            " centre's package."
        )
    read = read_package(data, root)
    data_dir = session.workstation.data_dir
    remove_staging_leftovers(data_dir)
    recorded, already_held = _recorded_unless_outdated(session, read)
    if already_held and recorded is not None:
        return PackageApplied(recorded, False, (), False)
    # A withdrawal is never taken back: those held stay, whatever this package says.
    was_withdrawn = recorded.withdrawn if recorded else ()
    withdrawn = tuple(
        sorted(
            {*was_withdrawn, *((w.id, w.version, w.content_hash) for w in read.package.withdrawn)}
        )
    )
    written = _write_files(data_dir, read, recorded, withdrawn)
    revocations_added = _commit(session, read, recorded, written, len(was_withdrawn))
    newly = tuple(f"{i} {v}" for i, v, h in withdrawn if (i, v, h) not in was_withdrawn)
    return PackageApplied(
        written.held, True, written.added, written.directory_changed, revocations_added, newly
    )


def _recorded_unless_outdated(
    session: Session, read: ReadPackage
) -> tuple[HeldPackage | None, bool]:
    """What the store records as received before, and whether it is this very package, still
    intact on disk. Raises ``CentrePackageOutdated`` for a package not newer than the one held."""
    package = read.package
    data_dir = session.workstation.data_dir
    floor_number, floor_hash = _floor(session.db)
    held = held_package(data_dir)
    # What was received before comes from the store, not from held.json (which anyone who can
    # write the station's folder can edit): an entry planted there is never carried forward.
    recorded = recorded_package(session.db)
    if package.number < floor_number or (
        package.number == floor_number and read.body_sha256 != floor_hash
    ):
        raise CentrePackageOutdated(
            f"This is the centre's package {package.number}; the station already holds"
            f" package {floor_number}."
        )
    same = (package.number, read.body_sha256)
    already_held = (
        recorded is not None
        and held == recorded
        and (recorded.number, recorded.body_sha256) == same
        and floor_number == same[0]
        and package_on_disk(data_dir, package)
        # Held revocations that no longer read are rebuilt from this very package (attacker 9,
        # B3: the root signed it, so trusting it again is safe; no wait for the next one).
        and _held_revocations_or_none(session.db) is not None
    )
    return recorded, already_held


def _held_revocations_or_none(db: Database) -> HeldRevocations | None:
    """The held revocations, or None when they do not read (or not as recorded)."""
    try:
        return held_revocations(db)
    except HeldRevocationsUnreadable:
        return None


@dataclass(frozen=True)
class _Written:
    """What the station's folder holds once a package's files are in place."""

    held: HeldPackage
    added: tuple[str, ...]
    """``id version`` of each protocol version new to this station."""
    directory_changed: bool


def _write_files(
    data_dir: Path,
    read: ReadPackage,
    recorded: HeldPackage | None,
    withdrawn: tuple[tuple[str, str, str], ...],
) -> _Written:
    """Stage and check every protocol and the directory, then make them visible, ``held.json``
    last (the commit). A ``CentrePackageError`` raised while staging leaves nothing changed."""
    package = read.package
    withdrawn_hashes = {content_hash for _, _, content_hash in withdrawn}
    centre = private_dir(centre_folder(data_dir))
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=centre))
    try:
        checked = frozenset(p.content_hash for p in recorded.protocols) if recorded else frozenset()
        held_folders = (  # a new version keeps the vectors of one not withdrawn
            *shipped_protocol_folders(),
            *(
                centre / PROTOCOLS_DIR / p.folder
                for p in (recorded.protocols if recorded else ())
                if p.content_hash not in withdrawn_hashes
            ),
        )
        staged = stage_protocols(package, staging, checked, held_folders)
        stage_directory(package, staging)
        # Everything loaded: make it visible. Folders first (named by content, so one already
        # there is this very content), then the directory, then held.json: the commit.
        known, added = _publish_protocols(centre, staging, staged, recorded)
        directory_file, published_on = _publish_directory(centre, package, recorded)
        directory_changed = directory_file != (recorded.directory_file if recorded else None)
        new_held = HeldPackage(
            package.number,
            package.created_at,
            read.body_sha256,
            directory_file,
            published_on,
            tuple(known.values()),
            withdrawn,
        )
        atomic_write_bytes(
            centre / HELD_FILE, json.dumps(new_held.as_json(), indent=1).encode("utf-8")
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _Written(new_held, tuple(added), directory_changed)


def _publish_protocols(
    centre: Path,
    staging: Path,
    staged: list[tuple[HeldProtocol, Path]],
    recorded: HeldPackage | None,
) -> tuple[dict[str, HeldProtocol], list[str]]:
    """Every protocol version held once the staged folders are in place (by folder), and
    ``id version`` of those new to this station."""
    protocols_dir = private_dir(centre / PROTOCOLS_DIR)
    known = {p.folder: p for p in recorded.protocols} if recorded else {}
    added: list[str] = []
    for entry, folder in staged:
        target = protocols_dir / entry.folder
        if target.exists() and not protocol_intact(target, entry.content_hash, entry.files):
            # Edited since it was received: the signed content goes back in its place.
            os.replace(target, staging / f"changed-{entry.folder}")
        if not target.exists():
            os.replace(folder, target)
        if entry.folder not in known:
            known[entry.folder] = entry
            added.append(f"{entry.id} {entry.version}")
        elif known[entry.folder].files is None:
            known[entry.folder] = entry  # its files' hashes recorded now (attacker 5, P2)
    fsync_dir(protocols_dir)
    return known, added


def _publish_directory(
    centre: Path, package: CentrePackage, recorded: HeldPackage | None
) -> tuple[str | None, str | None]:
    """The directory file in use (relative to ``centre``) and the day it was published: the
    package's, written now, or the one held before when the package carries none."""
    directory_file = recorded.directory_file if recorded else None
    published_on = recorded.directory_published_on if recorded else None
    if package.directory is not None:
        directory_file = f"{DIRECTORIES_DIR}/{package.directory.sha256}.json"
        private_dir(centre / DIRECTORIES_DIR)
        atomic_write_bytes(centre / directory_file, package.directory.data)
        published_on = package.directory.published_on
    return directory_file, published_on


def _commit(
    session: Session,
    read: ReadPackage,
    recorded: HeldPackage | None,
    written: _Written,
    was_withdrawn: int,
) -> int:
    """Record the package in the store in one transaction (its number, hash, holdings and the
    revocations it brought, merged) with its audit entry; the number of revocations new here."""
    package = read.package
    data_dir = session.workstation.data_dir
    with session.db.transaction():
        revocations, now_held, rebuilt = _merged_revocations(session.db, package)
        revocations_added = len(now_held.certificates - revocations.certificates) + len(
            set(now_held.lists) - set(revocations.lists)
        )
        revocations_text, revocations_sha256 = stored_form(now_held)
        # Issue 16 hook, what changed: the held state kept for the administrator's view.
        remember_applied(
            session.db, data_dir, recorded, written.held, package, (revocations, now_held)
        )
        _store_settings(
            session.db,
            (NUMBER_SETTING, str(package.number)),
            (HASH_SETTING, read.body_sha256),
            (HELD_SETTING, json.dumps(written.held.as_json(), ensure_ascii=False)),
            (REVOCATIONS_SETTING, revocations_text),
            (REVOCATIONS_HASH_SETTING, revocations_sha256),
        )
        # Issue 16 hook, seen before: the sealed keys and index, if sealed to this station.
        seen_before = apply_sealed(session.db, package.seen_before)
        session.audit.append(
            AuditEvent.SETTINGS_CHANGED,
            session.user.username,
            None,
            {
                "seen_before_interviews": None if seen_before is None else seen_before.interviews,
                "seen_before_dropped": None if seen_before is None else seen_before.dropped,
                "seen_before_key_replaced": seen_before is not None and seen_before.keys_changed,
                "seen_before_refused": None if seen_before is None else seen_before.refused,
                "centre_package": package.number,
                "protocols_added": len(written.added),
                "directory_changed": written.directory_changed,
                "revocations_added": revocations_added,
                "revocations_sha256": revocations_sha256,
                "revocations_rebuilt": rebuilt,
                "protocols_withdrawn": len(written.held.withdrawn) - was_withdrawn,
                # Named, so the log keeps them whatever the record says (attacker 9, B2).
                **withdrawal_details(written.held.withdrawn, logged_withdrawals(session.db)),
            },
        )
    return revocations_added


def _merged_revocations(
    db: Database, package: CentrePackage
) -> tuple[HeldRevocations, HeldRevocations, bool]:
    """The revocations held before, those held with the package's merged in, and whether the
    ones before had to be rebuilt."""
    # Every station's revocations join those held, with the package's number: the referral
    # check uses them from this commit on (centre_revocations.py).
    # Held ones that no longer read (or not as recorded) are rebuilt from this package: the
    # centre's carries every station's revocations (centre_revocations.py).
    try:
        revocations = held_revocations(db)
        rebuilt = False
    except HeldRevocationsUnreadable:
        revocations, rebuilt = HeldRevocations(), True
    now_held = revocations.merged(
        package.revocations.lists,
        package.revocations.certificates,
        package.revocations.stolen,
    )
    return revocations, now_held, rebuilt


def _store_settings(db: Database, *values: tuple[str, str]) -> None:
    for key, value in values:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _outcome(session: Session, data: bytes) -> PackageOutcome:
    try:
        return PackageOutcome(apply_package(session, data))
    except CentrePackageError as refusal:
        return PackageOutcome(None, refusal)


def receive_package_from_folder(session: Session, folder: Path) -> PackageOutcome | None:
    """Apply the centre's package found in ``folder`` (a stick the centre wrote receipts on);
    None when there is none. Only a regular file within the size limit is read."""
    from interview_room.sync.drive import DriveFileRefused

    path = folder / PACKAGE_FILE_NAME
    if not path.exists():
        return None
    try:
        data = read_regular_file(path, MAX_PACKAGE_BYTES)
    except (OSError, DriveFileRefused):
        return PackageOutcome(
            None, CentrePackageDamaged(f"{PACKAGE_FILE_NAME} on the drive cannot be read.")
        )
    return _outcome(session, data)


def fetch_and_apply(
    session: Session, url: str, root_certificate_der: bytes, *, timeout: float = 30
) -> PackageOutcome | None:
    """Fetch the centre's package from its receiver and apply it; None when the centre has
    none newer than the one held. A failure to fetch is reported like a refusal."""
    from interview_room.sync.centre_package_fetch import fetch_package
    from interview_room.sync.station import StationSync

    held = held_package(session.workstation.data_dir)
    try:
        data = fetch_package(
            StationSync(session),
            url,
            root_certificate_der,
            held.number if held else None,
            timeout=timeout,
        )
    except CentrePackageError as problem:
        return PackageOutcome(None, problem)
    return None if data is None else _outcome(session, data)


def remove_staging_leftovers(data_dir: Path) -> None:
    """Staging folders a crash left behind (never visible to any reader)."""
    centre = centre_folder(data_dir)
    with contextlib.suppress(OSError):
        for entry in centre.iterdir():
            if entry.name.startswith(".staging-"):
                shutil.rmtree(entry, ignore_errors=True)


def outcome_sentence(outcome: PackageOutcome) -> str:
    if outcome.applied is None:
        return f"The central office's package was not taken: {outcome.refused}"
    applied = outcome.applied
    if not applied.changed:
        return f"The central office's package {applied.held.number} is already held."
    sentence = f"The central office's package {applied.held.number} was applied."
    if applied.protocols_withdrawn:
        sentence += (
            " Protocol version(s) withdrawn by the centre:"
            f" {', '.join(applied.protocols_withdrawn)};"
            " new interviews no longer use them, interviews begun with them are finished as they"
            " are."
        )
    if applied.revocations_added:
        sentence += (
            f" It brought {applied.revocations_added} revocation(s) from the stations: a"
            " referral signed with a revoked certificate is refused here from now on."
        )
    return sentence
