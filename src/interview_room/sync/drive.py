"""Reading files from a USB stick or a folder someone else filled: regular files only, sizes
checked before the first byte is read.

A stick is untrusted input. A name ending in ``.bundle.age`` may be a symbolic link to
``/dev/zero``, a FIFO that never ends, a device, or a sparse file of hundreds of MiB that costs
nothing on the stick. Each of these is refused here from its metadata alone, with a typed error,
so the caller can report it and go on with the next file.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

from interview_room.sync.errors import SyncError


class DriveFileRefused(SyncError):
    """A file on the drive is not read: not a regular file (a link, FIFO, device, folder), or
    larger than anything that could be valid there."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name} is not read because {reason}.")
        self.name = name
        self.reason = reason


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # the last part of the path must not be a link
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_BINARY", 0)
)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "it is a symbolic link, not a file"
    if stat.S_ISDIR(mode):
        return "it is a folder"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a file"
    return "it is not a regular file"


class _Bounded(io.RawIOBase):
    """A read-only view of a file that fails past ``limit`` bytes (a file growing while read)."""

    def __init__(self, raw: io.FileIO, name: str, limit: int) -> None:
        super().__init__()
        self._raw = raw
        self._name = name
        self._left = limit

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._raw.fileno()

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        size = self._raw.readinto(buffer)
        if size is None:  # non-blocking read with nothing there: not a regular file
            raise DriveFileRefused(self._name, "it gave no data to read")
        self._left -= size
        if self._left < 0:
            raise DriveFileRefused(self._name, "it grew past its size while being read")
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_regular_file(path: Path, max_bytes: int) -> BinaryIO:
    """``path`` opened for reading, once it is known to be a regular file of at most
    ``max_bytes`` bytes (the size a file claims, so a sparse file counts at its full size).

    Raises :class:`DriveFileRefused` for anything else, ``OSError`` when it cannot be opened.
    """
    name = path.name
    info = os.lstat(path)  # before opening: opening a FIFO or a device can block or cost
    if not stat.S_ISREG(info.st_mode):
        raise DriveFileRefused(name, _kind(info.st_mode))
    if info.st_size > max_bytes:
        raise DriveFileRefused(name, f"it is larger than {max_bytes:,} bytes")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path):  # swapped for a link since lstat (ELOOP with O_NOFOLLOW)
            raise DriveFileRefused(name, "it is a symbolic link, not a file") from None
        raise error
    try:
        opened = os.fstat(fd)
        # The same file lstat saw: nothing swapped in between.
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(
            opened.st_mode
        ):
            raise DriveFileRefused(name, "it changed while being opened")
        if opened.st_size > max_bytes:
            raise DriveFileRefused(name, f"it is larger than {max_bytes:,} bytes")
        raw = io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    return io.BufferedReader(_Bounded(raw, name, max_bytes), buffer_size=64 * 1024)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The whole of a small file (a receipt), with the checks of :func:`open_regular_file`."""
    with open_regular_file(path, max_bytes) as handle:
        return handle.read()
