"""The station's side of the centre's package: verify, apply atomically, say what is held.

Files in the station's data folder (no personal data: services and protocol texts)::

    centre/held.json                         what the station holds (written last: the commit)
    centre/protocols/<id>-<version>-<hash>/  each protocol version received, never removed
    centre/directories/<sha256>.json         each directory received

A package is applied only when its signature verifies with the station's central root
(``centre_package.read_package``), its number is above the one the encrypted store keeps
(``settings``: ``centre_package_number``; a file-level copy cannot roll it back) and every
protocol loads, has the content hash the centre states, and the directory loads. Until then
nothing is written outside a staging folder that is removed afterwards. Protocol folders are
named by content hash and never removed, so an interview pinned to an older version (shipped or
received) always opens again; ``held.json`` lists every version ever received, so a later
package that no longer carries one does not hide it. ``held.json`` is recorded in the encrypted
store too (``centre_package_held``), and only what that record names, with the hashes it gives,
is used: anyone who can write the data folder can edit ``held.json`` or the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_room.documents.directory import (
    Directory,
    DirectoryError,
    load_directory,
    parse_directory,
)
from interview_room.files import atomic_write_bytes, fsync_dir, private_dir
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening.errors import ProtocolError
from interview_room.screening.loader import load_protocol
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.sync.centre_package import (
    MAX_PACKAGE_BYTES,
    PACKAGE_FILE_NAME,
    CentrePackage,
    CentrePackageDamaged,
    CentrePackageError,
    read_package,
)
from interview_room.sync.drive import read_regular_file
from interview_room.workstation import Session

CENTRE_DIR = "centre"
HELD_FILE = "held.json"
PROTOCOLS_DIR = "protocols"
DIRECTORIES_DIR = "directories"
NUMBER_SETTING = "centre_package_number"
HASH_SETTING = "centre_package_sha256"
HELD_SETTING = "centre_package_held"
"""``held.json``'s content as recorded in the encrypted store when the package was applied: the
directory file (named by its SHA-256) and each protocol folder with its content hash. What the
station uses is checked against this, never against ``held.json`` alone."""


class CentrePackageOutdated(CentrePackageError):
    """The package is not newer than the one the station holds (an old stick, a replay)."""


class CentrePackageContentInvalid(CentrePackageError):
    """The package is signed, but a protocol or the directory in it does not load, or a
    protocol's content is not the version the package states."""


class CentrePackageNotEnrolled(CentrePackageError):
    """The station holds no central root to check a package against (not enrolled yet)."""


@dataclass(frozen=True)
class HeldProtocol:
    id: str
    version: str
    content_hash: str
    folder: str


@dataclass(frozen=True)
class HeldPackage:
    """What the station holds from the centre (``centre/held.json``)."""

    number: int
    created_at: str
    body_sha256: str
    directory_file: str | None
    directory_published_on: str | None
    protocols: tuple[HeldProtocol, ...]
    """Every version ever received, oldest first."""

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "created_at": self.created_at,
            "body_sha256": self.body_sha256,
            "directory_file": self.directory_file,
            "directory_published_on": self.directory_published_on,
            "protocols": [
                {
                    "id": p.id,
                    "version": p.version,
                    "content_hash": p.content_hash,
                    "folder": p.folder,
                }
                for p in self.protocols
            ],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> HeldPackage:
        return cls(
            number=int(raw["number"]),
            created_at=str(raw["created_at"]),
            body_sha256=str(raw["body_sha256"]),
            directory_file=raw["directory_file"],
            directory_published_on=raw["directory_published_on"],
            protocols=tuple(
                HeldProtocol(
                    str(p["id"]), str(p["version"]), str(p["content_hash"]), str(p["folder"])
                )
                for p in raw["protocols"]
            ),
        )


@dataclass(frozen=True)
class PackageApplied:
    """What applying one package did; ``changed`` is False when it was the one already held."""

    held: HeldPackage
    changed: bool
    protocols_added: tuple[str, ...]
    """``id version`` of each protocol version new to this station."""
    directory_changed: bool


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


def centre_folder(data_dir: Path) -> Path:
    return data_dir / CENTRE_DIR


_DIRECTORY_FILE = re.compile(rf"{DIRECTORIES_DIR}/([0-9a-f]{{64}})\.json")
_PROTOCOL_FOLDER = re.compile(r"[a-z][a-z0-9-]{0,63}-[0-9]{1,4}(\.[0-9]{1,4}){0,3}-[0-9a-f]{16}")


def _protocol_folder(protocol_id: str, version: str, content_hash: str) -> str:
    """The folder a received protocol is kept in: named by its content."""
    return f"{protocol_id}-{version}-{content_hash[:16]}"


def _held_names_valid(held: HeldPackage) -> bool:
    """``held.json`` names only files this module writes: no path leaves ``centre/``."""
    if held.directory_file is not None and not _DIRECTORY_FILE.fullmatch(held.directory_file):
        return False
    return all(
        _PROTOCOL_FOLDER.fullmatch(p.folder) is not None
        and p.folder == _protocol_folder(p.id, p.version, p.content_hash)
        for p in held.protocols
    )


def held_package(data_dir: Path) -> HeldPackage | None:
    """What ``held.json`` says the station holds; None before any package (or if the file is
    unreadable, or names a path this module never writes: the station then uses what it
    shipped with)."""
    try:
        text = (centre_folder(data_dir) / HELD_FILE).read_bytes().decode("utf-8")
    except (OSError, ValueError):
        return None
    return _parse_held(text)


def _parse_held(text: str) -> HeldPackage | None:
    try:
        held = HeldPackage.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return held if _held_names_valid(held) else None


def recorded_package(db: Database) -> HeldPackage | None:
    """What the encrypted store recorded when the last package was applied; None before any
    (or for a store that applied one before this was recorded: shipped resources are used)."""
    row = db.one("SELECT value FROM settings WHERE key = ?", (HELD_SETTING,))
    return None if row is None else _parse_held(str(row[0]))


def station_protocols(data_dir: Path, db: Database) -> ProtocolLibrary:
    """The station's protocols: those shipped and those the centre sent. A new interview is
    offered a received version only if the encrypted store ``db`` recorded it when its package
    was applied and its content still has the hash recorded (a folder edited in place, or one
    only ``held.json`` names, is not); an interview already started reopens with the version
    whose exact content hash it recorded, from any folder received."""
    return _station_protocols(data_dir, recorded_package(db))


def _station_protocols(data_dir: Path, recorded: HeldPackage | None) -> ProtocolLibrary:
    folders = centre_folder(data_dir) / PROTOCOLS_DIR
    anchored = {folders / p.folder: p.content_hash for p in recorded.protocols} if recorded else {}
    listed: list[Path] = []
    with contextlib.suppress(OSError):
        listed = sorted(f for f in folders.iterdir() if _PROTOCOL_FOLDER.fullmatch(f.name))
    received = tuple(dict.fromkeys([*anchored, *listed]))
    return ProtocolLibrary(received=received, anchored=anchored)


def _received_directory(data_dir: Path, recorded: HeldPackage | None) -> Directory | None:
    """The directory file the store recorded, if it is still the file the centre signed."""
    if recorded is None or recorded.directory_file is None:
        return None
    path = centre_folder(data_dir) / recorded.directory_file
    # Named by its SHA-256 when applied, and the name is taken from the encrypted store: a file
    # changed since (a phone number edited in place), or another file held.json was edited to
    # name, is not the one the centre signed. The bytes checked are the bytes parsed.
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != path.stem:
        return None
    return parse_directory(data, path.name)


def station_directory(data_dir: Path, db: Database) -> Directory:
    """The directory the centre sent last, as the encrypted store ``db`` recorded it when the
    package was applied; else the one shipped with the program."""
    received = _received_directory(data_dir, recorded_package(db))
    return received if received is not None else load_directory()


@dataclass(frozen=True)
class HoldingsSummary:
    """What a person is told: the directory's day (None: the one shipped) and the protocol
    version new interviews use."""

    directory_published_on: str | None
    protocol_version: str
    package_number: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "directory_of": self.directory_published_on,
            "protocol": self.protocol_version,
            "centre_package": self.package_number,
        }


def holdings(data_dir: Path, db: Database) -> HoldingsSummary:
    """What the station uses (checked as ``station_directory`` and ``station_protocols`` do)."""
    recorded = recorded_package(db)
    directory = _received_directory(data_dir, recorded)
    return HoldingsSummary(
        recorded.directory_published_on if recorded and directory else None,
        _station_protocols(data_dir, recorded).current().version,
        recorded.number if recorded else None,
    )


def _floor(db: Database) -> tuple[int, str | None]:
    values = dict(
        db.all(
            "SELECT key, value FROM settings WHERE key IN (?, ?)", (NUMBER_SETTING, HASH_SETTING)
        )
    )
    number = values.get(NUMBER_SETTING)
    return (int(number) if number is not None else 0), values.get(HASH_SETTING)


def _stage_protocols(package: CentrePackage, staging: Path) -> list[tuple[HeldProtocol, Path]]:
    staged: list[tuple[HeldProtocol, Path]] = []
    for position, published in enumerate(package.protocols, start=1):
        folder = staging / f"protocol-{position}"
        (folder / "texts").mkdir(parents=True)
        for path, data in published.files:
            atomic_write_bytes(folder / path, data)
        try:
            protocol = load_protocol(folder)
        except ProtocolError as error:
            raise CentrePackageContentInvalid(
                f"Protocol {published.id} {published.version} in the centre's package does not"
                f" load: {error}"
            ) from None
        if (protocol.id, protocol.version, protocol.content_hash) != (
            published.id,
            published.version,
            published.content_hash,
        ):
            raise CentrePackageContentInvalid(
                f"Protocol {published.id} {published.version} in the centre's package is not"
                " the version it states."
            )
        name = _protocol_folder(protocol.id, protocol.version, protocol.content_hash)
        staged.append(
            (HeldProtocol(protocol.id, protocol.version, protocol.content_hash, name), folder)
        )
    return staged


def _intact(folder: Path, content_hash: str) -> bool:
    try:
        return load_protocol(folder).content_hash == content_hash
    except ProtocolError:
        return False


def _on_disk(data_dir: Path, package: CentrePackage) -> bool:
    """What ``package`` brings is on disk as the centre signed it (else applying the same
    package again puts it back)."""
    centre = centre_folder(data_dir)
    if package.directory is not None:
        try:
            data = (centre / DIRECTORIES_DIR / f"{package.directory.sha256}.json").read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != package.directory.sha256:
            return False
    return all(
        _intact(
            centre / PROTOCOLS_DIR / _protocol_folder(p.id, p.version, p.content_hash),
            p.content_hash,
        )
        for p in package.protocols
    )


def _stage_directory(package: CentrePackage, staging: Path) -> None:
    if package.directory is None:
        return
    path = staging / "directory.json"
    atomic_write_bytes(path, package.directory.data)
    try:
        load_directory(path)
    except DirectoryError as error:
        raise CentrePackageContentInvalid(
            f"The directory in the centre's package does not load: {error}"
        ) from None


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
    package = read.package
    data_dir = session.workstation.data_dir
    remove_staging_leftovers(data_dir)
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
    if (
        recorded is not None
        and held == recorded
        and (recorded.number, recorded.body_sha256) == same
        and floor_number == same[0]
        and _on_disk(data_dir, package)
    ):
        return PackageApplied(recorded, False, (), False)

    centre = private_dir(centre_folder(data_dir))
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=centre))
    try:
        staged = _stage_protocols(package, staging)
        _stage_directory(package, staging)
        # Everything loaded: make it visible. Folders first (named by content, so one already
        # there is this very content), then the directory, then held.json: the commit.
        protocols_dir = private_dir(centre / PROTOCOLS_DIR)
        known = {p.folder: p for p in recorded.protocols} if recorded else {}
        added: list[str] = []
        for entry, folder in staged:
            target = protocols_dir / entry.folder
            if target.exists() and not _intact(target, entry.content_hash):
                # Edited since it was received: the signed content goes back in its place.
                os.replace(target, staging / f"changed-{entry.folder}")
            if not target.exists():
                os.replace(folder, target)
            if entry.folder not in known:
                known[entry.folder] = entry
                added.append(f"{entry.id} {entry.version}")
        fsync_dir(protocols_dir)
        directory_file = recorded.directory_file if recorded else None
        published_on = recorded.directory_published_on if recorded else None
        if package.directory is not None:
            directory_file = f"{DIRECTORIES_DIR}/{package.directory.sha256}.json"
            private_dir(centre / DIRECTORIES_DIR)
            atomic_write_bytes(centre / directory_file, package.directory.data)
            published_on = package.directory.published_on
        directory_changed = directory_file != (recorded.directory_file if recorded else None)
        new_held = HeldPackage(
            package.number,
            package.created_at,
            read.body_sha256,
            directory_file,
            published_on,
            tuple(known.values()),
        )
        atomic_write_bytes(
            centre / HELD_FILE, json.dumps(new_held.as_json(), indent=1).encode("utf-8")
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    with session.db.transaction():
        for key, value in (
            (NUMBER_SETTING, str(package.number)),
            (HASH_SETTING, read.body_sha256),
            (HELD_SETTING, json.dumps(new_held.as_json(), ensure_ascii=False)),
        ):
            session.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        session.audit.append(
            AuditEvent.SETTINGS_CHANGED,
            session.user.username,
            None,
            {
                "centre_package": package.number,
                "protocols_added": len(added),
                "directory_changed": directory_changed,
            },
        )
    return PackageApplied(new_held, True, tuple(added), directory_changed)


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


def holdings_sentence(summary: HoldingsSummary) -> str:
    """ "Directory of 2027-01-12, protocol 2.0.0" (the command line's words; the window
    translates its own)."""
    directory = (
        f"Directory of {summary.directory_published_on}"
        if summary.directory_published_on
        else "Directory shipped with the program"
    )
    return f"{directory}, protocol {summary.protocol_version}"


def outcome_sentence(outcome: PackageOutcome) -> str:
    if outcome.applied is None:
        return f"The central office's package was not taken: {outcome.refused}"
    applied = outcome.applied
    if not applied.changed:
        return f"The central office's package {applied.held.number} is already held."
    return f"The central office's package {applied.held.number} was applied."
