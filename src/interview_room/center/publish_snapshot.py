"""A protocol folder read once (attacker review 7, break 5): what is checked is what is signed.

``publish_protocol`` and the window's check read the folder's files once into memory
(:func:`read_snapshot`), run the vectors, the floor and continuity on a private copy of those
bytes (:func:`materialised`, a 0700 temporary folder of synthetic protocol text, removed
afterwards) and sign exactly those bytes. The check keeps their SHA-256; the window's Publish
step passes it back and a folder changed since is refused (:class:`ProtocolFolderChanged`).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.files import private_dir
from interview_room.sync.centre_package import MAX_FILE_BYTES

_PROTOCOL_FILES = ("protocol.json", "vectors.json", "README.md")
"""The files of a protocol folder besides its ``texts/``."""


class PublishedFileTooLarge(InterviewRoomError):
    """A file to publish is larger than a package may carry."""


class ProtocolFolderChanged(InterviewRoomError):
    """The protocol folder changed since it was checked: check it again before publishing."""


@dataclass(frozen=True)
class ProtocolSnapshot:
    """A protocol folder's files as read once: (path in the package, bytes), sorted."""

    name: str
    files: tuple[tuple[str, bytes], ...]

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for path, data in self.files:
            encoded = path.encode("utf-8")
            digest.update(len(encoded).to_bytes(8, "big") + encoded)
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()


def read_snapshot(directory: Path, expected_sha256: str | None = None) -> ProtocolSnapshot:
    """``directory``'s protocol files, read once (``PublishedFileTooLarge`` for a file too
    large); :class:`ProtocolFolderChanged` when ``expected_sha256`` is given and differs."""
    snapshot = ProtocolSnapshot(directory.name, protocol_files(directory))
    if expected_sha256 is not None and snapshot.sha256 != expected_sha256:
        raise ProtocolFolderChanged(
            f"{directory.name} changed since it was checked: check it again."
        )
    return snapshot


@contextmanager
def materialised(snapshot: ProtocolSnapshot) -> Iterator[Path]:
    """The snapshot's bytes as a folder of the same name in a private temporary folder, for
    the checks that read a folder; removed afterwards."""
    parent = Path(tempfile.mkdtemp(prefix="interview-room-publish-"))
    try:
        folder = private_dir(parent / (snapshot.name or "protocol"))
        private_dir(folder / "texts")
        for path, data in snapshot.files:
            (folder / path).write_bytes(data)
        yield folder
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def read_published_file(path: Path) -> bytes:
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise PublishedFileTooLarge(f"{path.name} is larger than {MAX_FILE_BYTES} bytes.")
    return data


def protocol_files(directory: Path) -> tuple[tuple[str, bytes], ...]:
    files = [
        (name, read_published_file(directory / name))
        for name in _PROTOCOL_FILES
        if (directory / name).is_file()
    ]
    files += [
        (f"texts/{path.name}", read_published_file(path))
        for path in sorted((directory / "texts").glob("*.json"))
    ]
    return tuple(sorted(files))
