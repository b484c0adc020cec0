"""The lock that ``files.py`` takes is the operating system's: ``fcntl.flock`` on Linux and
macOS, ``msvcrt.locking`` on Windows (the frozen Windows build). The branch is chosen by
``sys.platform`` when the module loads. On Linux the Windows branch runs against a stand-in for
``msvcrt`` that behaves as Windows does (a byte-range lock at the file's position, refused to any
other handle, never waited for by LK_NBLCK), with ``fcntl`` made unimportable."""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import types
from pathlib import Path

import pytest

import interview_room.files


class _WindowsLocking:
    """``msvcrt.locking`` as Windows does it: the byte at the handle's current position, held
    by one handle; LK_NBLCK fails at once when another holds it; LK_UNLCK fails when this
    handle does not hold it."""

    LK_UNLCK = 0
    LK_NBLCK = 2

    def __init__(self) -> None:
        self.holders: dict[tuple[int, int, int], int] = {}
        self.refused = threading.Event()
        self._guard = threading.Lock()

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        info = os.fstat(fd)
        region = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        with self._guard:
            holder = self.holders.get(region)
            if mode == self.LK_NBLCK:
                if holder is not None:
                    self.refused.set()
                    raise PermissionError(13, "Permission denied")
                self.holders[region] = fd
            elif mode == self.LK_UNLCK:
                if holder != fd:
                    raise PermissionError(13, "Permission denied")
                del self.holders[region]
            else:
                raise AssertionError(f"mode {mode} is not used")

    def module(self) -> types.ModuleType:
        fake = types.ModuleType("msvcrt")
        fake.LK_UNLCK = self.LK_UNLCK  # type: ignore[attr-defined]
        fake.LK_NBLCK = self.LK_NBLCK  # type: ignore[attr-defined]
        fake.locking = self.locking  # type: ignore[attr-defined]
        return fake


def _files_as_on(platform: str, monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A fresh copy of ``interview_room/files.py`` loaded as on ``platform``."""
    monkeypatch.setattr(sys, "platform", platform)
    spec = importlib.util.spec_from_file_location(
        f"files_as_on_{platform}", interview_room.files.__file__
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_takes_msvcrt_and_never_needs_fcntl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = _WindowsLocking()
    monkeypatch.setitem(sys.modules, "msvcrt", windows.module())
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` now fails
    files = _files_as_on("win32", monkeypatch)
    lock = tmp_path / "keyring.json.lock"

    assert not files.lock_is_held(lock)
    with files.exclusive_lock(lock):
        assert len(windows.holders) == 1, "msvcrt.locking took the lock"
        assert files.lock_is_held(lock), "another handle sees it held"
    assert windows.holders == {} and not files.lock_is_held(lock)

    held = files.HeldLock(lock)
    assert files.lock_is_held(lock)
    held.release()
    held.release()  # a second release does nothing
    assert not files.lock_is_held(lock)


def test_on_windows_a_second_holder_waits_until_the_first_lets_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = _WindowsLocking()
    monkeypatch.setitem(sys.modules, "msvcrt", windows.module())
    files = _files_as_on("win32", monkeypatch)
    monkeypatch.setattr(files, "LOCK_POLL_SECONDS", 0.001)
    lock = tmp_path / "sign-in.lock"
    order: list[str] = []
    first = files.HeldLock(lock)

    def let_go_once_refused() -> None:
        # msvcrt never waits by itself: the second holder is refused (and polls) first.
        assert windows.refused.wait(10)
        order.append("first lets go")
        first.release()

    releaser = threading.Thread(target=let_go_once_refused)
    releaser.start()
    with files.exclusive_lock(lock):
        order.append("second holds")
    releaser.join(10)
    assert order == ["first lets go", "second holds"]
    assert windows.holders == {}


def test_elsewhere_the_lock_is_flock_and_msvcrt_is_never_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform == "win32":
        pytest.skip("fcntl exists only on POSIX systems")
    monkeypatch.setitem(sys.modules, "msvcrt", None)  # `import msvcrt` now fails
    files = _files_as_on("linux", monkeypatch)
    lock = tmp_path / "in-use.lock"
    with files.exclusive_lock(lock):
        assert files.lock_is_held(lock)
        # The real module (fcntl here too) sees the same operating-system lock.
        assert interview_room.files.lock_is_held(lock)
    assert not files.lock_is_held(lock)
