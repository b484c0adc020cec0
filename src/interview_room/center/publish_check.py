"""Checking what is about to be published, without publishing it (issue 16, the centre window).

``center/publish.py`` runs these checks itself each time it publishes; here they are run
first and their result kept for a person to read: how many test vectors pass and which fail
and why, then the floor of invariant cases, the continuity with the newest earlier version,
whether the version is already in the package, and the size of each file. The same core calls
as ``publish_protocol`` and ``publish_directory``, in the same order, so a check that passes
is followed by a publication that passes (unless the folder or the package changes between).

``published_now`` reads the package published now, for the window's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_room.center.publish import (
    ProtocolAlreadyPublished,
    ProtocolVectorsFail,
    earlier_published,
    latest_package,
)
from interview_room.center.publish_snapshot import materialised, read_published_file, read_snapshot
from interview_room.center.store import CenterStore
from interview_room.documents.directory import load_directory
from interview_room.errors import InterviewRoomError
from interview_room.screening.loader import load_protocol
from interview_room.screening.protocol import Outcome
from interview_room.screening.vectors import VectorResult, check_protocol
from interview_room.sync.centre_package import CentrePackage, read_package
from interview_room.sync.protocol_floor import (
    check_continuity,
    check_floor,
    shipped_protocol_folders,
)


@dataclass(frozen=True)
class FailedVector:
    """One test vector that does not give what it expects, and how."""

    id: str
    expected: Outcome
    got: Outcome
    problems: tuple[str, ...]
    """The core's own words (English), for the log and the command line."""


@dataclass(frozen=True)
class ProtocolCheck:
    """What the check of one protocol folder found."""

    folder: Path
    protocol: str
    """``<id> <version>``; empty when the folder does not load."""
    version: str
    vectors: int
    failed: tuple[FailedVector, ...]
    refusal: InterviewRoomError | None
    """The first check that refuses it (the vectors, the floor, continuity, already
    published, a file too large, a folder that does not load); None when all pass."""
    sha256: str = ""
    """The SHA-256 of the bytes checked (``publish_snapshot.py``): the window's Publish step
    passes it to ``publish_protocol``, which refuses a folder changed since."""

    @property
    def passed(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class DirectoryCheck:
    file: Path
    services: int
    """Emergency numbers and services it lists."""
    refusal: InterviewRoomError | None

    @property
    def passed(self) -> bool:
        return self.refusal is None


def _failed(result: VectorResult) -> FailedVector:
    return FailedVector(
        result.vector.id, result.vector.expected.outcome, result.outcome, result.problems
    )


def published_now(center: CenterStore) -> CentrePackage | None:
    """The package the stations get now, its signature verified with the centre's root; None
    before the first publication."""
    data = latest_package(center)
    if data is None:
        return None
    return read_package(data, center.keys().root_certificate_der).package


def check_protocol_folder(center: CenterStore, folder: Path) -> ProtocolCheck:
    """Every check ``publish_protocol`` makes before it signs, on the folder's bytes read once
    (their SHA-256 kept in the result), nothing written."""
    try:
        snapshot = read_snapshot(folder)  # PublishedFileTooLarge
        with materialised(snapshot) as copy:
            return _check_copy(center, folder, copy, snapshot.sha256)
    except InterviewRoomError as error:  # a protocol or vectors file that does not load
        return ProtocolCheck(folder, "", "", 0, (), error)


def _check_copy(center: CenterStore, folder: Path, copy: Path, sha256: str) -> ProtocolCheck:
    report = check_protocol(copy)
    named = f"{report.protocol_id} {report.protocol_version}"
    failed = tuple(_failed(result) for result in report.failed)
    refusal: InterviewRoomError | None = None
    try:
        if not report.all_passed:
            raise ProtocolVectorsFail(
                f"{len(failed)} of {len(report.results)} test vectors of {folder.name} fail."
            )
        check_floor(load_protocol(copy))
        check_continuity(copy, (*shipped_protocol_folders(), *earlier_published(center)))
        current = published_now(center)
        if current is not None and (
            current.protocol(report.protocol_id, report.protocol_version)
            or current.withdrawal(report.protocol_id, report.protocol_version)
        ):
            raise ProtocolAlreadyPublished(f"Protocol {named} is already published.")
    except InterviewRoomError as error:
        refusal = error
    return ProtocolCheck(
        folder, named, report.protocol_version, len(report.results), failed, refusal, sha256
    )


def check_directory_file(file: Path) -> DirectoryCheck:
    """Every check ``publish_directory`` makes before it signs, nothing written."""
    try:
        directory = load_directory(file)
        read_published_file(file)  # the bound publishing applies (PublishedFileTooLarge)
    except InterviewRoomError as error:
        return DirectoryCheck(file, 0, error)
    return DirectoryCheck(file, len(directory.entries), None)
