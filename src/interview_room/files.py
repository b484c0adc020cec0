"""File hygiene: private folders, private files and atomic writes.

Every file the app writes outside the encrypted store goes through here, so that nothing is
ever world-readable and nothing is ever half-written.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
TEMP_NAME_KEPT = 100
"""How much of the target's name a temp file carries: a 255-byte name must still leave room."""
INTERRUPTED_WRITE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
"""The name of a temp file ``atomic_write_bytes`` makes: ``.<name>.<8 random>.tmp``."""
STALE_AFTER_SECONDS = 600.0


def restrict_umask() -> None:
    """Make every file and folder this process creates private to its user (umask 077)."""
    os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    with contextlib.suppress(PermissionError):
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk so a rename in it survives a power cut."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_beside(path: Path, prefix: str) -> tuple[int, str]:
    """A temp file in ``path``'s folder; a folder that is missing or read-only is reported
    under the name the caller asked for, not the temp file's."""
    try:
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise type(error)(error.errno, error.strerror, str(path.parent)) from error


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix.

    A temp file in the same folder is written, flushed to disk, made 0600 and renamed over the
    target; the folder is then flushed too.
    """
    folder = path.parent
    prefix = f".{path.name[:TEMP_NAME_KEPT]}."
    fd, tmp_name = _temp_beside(path, prefix)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE_FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def atomic_write_stream(path: Path, source: BinaryIO, chunk_bytes: int = 1024 * 1024) -> None:
    """``atomic_write_bytes`` for data read from ``source`` a chunk at a time (a large file
    copied without holding it in memory)."""
    folder = path.parent
    prefix = f".{path.name[:TEMP_NAME_KEPT]}."
    fd, tmp_name = _temp_beside(path, prefix)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            while chunk := source.read(chunk_bytes):
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE_FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def remove_interrupted_writes(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> int:
    """Delete the temp files that writes killed before their rename left in ``folder`` (never
    a complete file: those were renamed); only files older than ``older_than`` seconds, so a
    write still under way elsewhere is left alone. Returns how many were removed."""
    removed = 0
    cutoff = time.time() - older_than
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not INTERRUPTED_WRITE.match(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
    return removed


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a lock file, created 0600 if missing) for the block.

    Any other holder, in another process or on another thread of this one, waits until the
    block ends. The operating system drops the lock when its process dies, so a crash never
    leaves it held. Not re-entrant: a block must not take the same lock again.
    """
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
    try:
        _lock_file(fd)
        try:
            yield
        finally:
            _unlock_file(fd)
    finally:
        os.close(fd)


class HeldLock:
    """An exclusive lock on a lock file, held until :meth:`release` (or the process ends).

    :func:`lock_is_held` tells from anywhere whether it is still held: a presence that a
    crash cannot leave behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
        try:
            _lock_file(self._fd)
        except BaseException:
            os.close(self._fd)
            raise

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock_file(fd)
        finally:
            os.close(fd)


def lock_is_held(path: Path) -> bool:
    """Whether some holder (another process, or another handle in this one) holds an
    exclusive lock on ``path``; False for a missing file. Never waits."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        if not _try_lock_file(fd):
            return True
        _unlock_file(fd)
        return False
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    LOCK_POLL_SECONDS = 0.05

    def _lock_file(fd: int) -> None:
        # msvcrt's blocking mode gives up after 10 s; a short poll waits as long as needed.
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(LOCK_POLL_SECONDS)

    def _unlock_file(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _try_lock_file(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _try_lock_file(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
