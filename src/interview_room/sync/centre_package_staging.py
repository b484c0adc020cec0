"""Staging a centre's package at the station: each protocol and the directory written to a
staging folder and loaded there, a protocol new to the station checked against its test vectors,
the floor of invariant cases and the versions held before; and whether what a package brings is
still on disk as the centre signed it. Nothing here is visible to a reader: applying the staged
files (``centre_package_station.py``) makes them so.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from interview_room.documents.directory import DirectoryError, load_directory
from interview_room.files import atomic_write_bytes
from interview_room.screening.errors import ProtocolError
from interview_room.screening.loader import load_protocol
from interview_room.screening.vectors import VECTORS_FILE, check_protocol
from interview_room.sync.centre_holdings import (
    DIRECTORIES_DIR,
    PROTOCOLS_DIR,
    HeldProtocol,
    centre_folder,
    file_hashes,
    files_intact,
    protocol_folder,
)
from interview_room.sync.centre_package import CentrePackage, CentrePackageError
from interview_room.sync.protocol_floor import (
    ProtocolBelowFloor,
    ProtocolVectorsDropped,
    check_continuity,
    check_floor,
    floor_case_count,
)


class CentrePackageContentInvalid(CentrePackageError):
    """The package is signed, but a protocol or the directory in it does not load, or a
    protocol's content is not the version the package states."""


class CentrePackageVectorsFail(CentrePackageError):
    """A protocol new to this station has no test vectors, vectors that cannot be run, or
    vectors that do not all give the suggestion they expect when this station's own decision
    rule runs them (``interview-room protocol check``): the whole package is refused.

    Also refused (``sync/protocol_floor.py``): a protocol that fails the floor of invariant
    cases every protocol must satisfy (``floor``: ``failed`` of ``total`` floor cases), or whose
    vectors drop or silently change a vector of the newest earlier version held (``dropped``:
    ``failed`` vectors concerned).

    ``reason`` is ``missing``, ``unreadable``, ``failed``, ``floor`` or ``dropped``;
    ``protocol`` names the version (``al-border-screening 2.1.0``); ``failed`` of ``total``
    vectors failed."""

    def __init__(self, protocol: str, reason: str, failed: int = 0, total: int = 0) -> None:
        words = {
            "missing": "carries no test vectors",
            "unreadable": "has test vectors that cannot be run",
            "failed": f"fails {failed} of its {total} test vectors at this station",
            "floor": f"fails {failed} of the {total} invariant cases every protocol must satisfy",
            "dropped": f"drops or silently changes {failed} test vector(s) of the version before",
        }[reason]
        super().__init__(
            f"Protocol {protocol} in the centre's package {words}: the package is refused."
        )
        self.protocol = protocol
        self.reason = reason
        self.failed = failed
        self.total = total


def _check_vectors(folder: Path, named: str) -> None:
    """Run the protocol's test vectors in ``folder`` with this station's decision rule (the
    code of ``interview-room protocol check``): the centre ran them before publishing, but the
    station's rule is what will make suggestions with it."""
    if not (folder / VECTORS_FILE).is_file():
        raise CentrePackageVectorsFail(named, "missing")
    try:
        report = check_protocol(folder)
    except ProtocolError:
        raise CentrePackageVectorsFail(named, "unreadable") from None
    if not report.all_passed:
        raise CentrePackageVectorsFail(named, "failed", len(report.failed), len(report.results))


def _check_floor_and_continuity(folder: Path, named: str, held_folders: list[Path]) -> None:
    """The floor of invariant cases, and no vector of the newest earlier version held dropped
    or silently changed (``sync/protocol_floor.py``)."""
    try:
        check_floor(load_protocol(folder))
    except ProtocolBelowFloor as below:
        raise CentrePackageVectorsFail(
            named, "floor", len(below.failed), floor_case_count()
        ) from None
    except (OSError, ValueError, KeyError, TypeError):  # the shipped floor does not read
        raise CentrePackageVectorsFail(named, "unreadable") from None
    try:
        check_continuity(folder, held_folders)
    except ProtocolVectorsDropped as dropped:
        raise CentrePackageVectorsFail(named, "dropped", len(dropped.vectors)) from None
    except (ProtocolError, OSError, ValueError, KeyError, TypeError):
        raise CentrePackageVectorsFail(named, "unreadable") from None


def stage_protocols(
    package: CentrePackage,
    staging: Path,
    checked: frozenset[str],
    held_folders: tuple[Path, ...] = (),
) -> list[tuple[HeldProtocol, Path]]:
    """Each protocol written to ``staging`` and loaded; for each one whose content hash is not
    in ``checked`` (those the store recorded as applied before) its vectors, the floor and
    continuity with the newest earlier version in ``held_folders`` (or in this package) are
    checked."""
    staged: list[tuple[HeldProtocol, Path]] = []
    compared = list(held_folders)
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
        if protocol.content_hash not in checked:
            named = f"{protocol.id} {protocol.version}"
            _check_vectors(folder, named)
            _check_floor_and_continuity(folder, named, compared)
        compared.append(folder)
        name = protocol_folder(protocol.id, protocol.version, protocol.content_hash)
        hashes = file_hashes(published.files)
        held = HeldProtocol(protocol.id, protocol.version, protocol.content_hash, name, hashes)
        staged.append((held, folder))
    return staged


def protocol_intact(
    folder: Path, content_hash: str, files: tuple[tuple[str, str], ...] | None = None
) -> bool:
    try:
        return load_protocol(folder).content_hash == content_hash and files_intact(folder, files)
    except ProtocolError:
        return False


def package_on_disk(data_dir: Path, package: CentrePackage) -> bool:
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
        protocol_intact(
            centre / PROTOCOLS_DIR / protocol_folder(p.id, p.version, p.content_hash),
            p.content_hash,
            file_hashes(p.files),
        )
        for p in package.protocols
    )


def stage_directory(package: CentrePackage, staging: Path) -> None:
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
