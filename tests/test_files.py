"""File hygiene: private folders and files, and writes that are whole or absent."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_room.files import (
    atomic_write_bytes,
    private_dir,
    remove_interrupted_writes,
    restrict_umask,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("open_umask")
def test_private_dir_is_0700_even_when_it_existed(tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    assert _mode(private_dir(existing)) == 0o700
    assert _mode(private_dir(tmp_path / "a" / "b")) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_atomic_write_is_0600_and_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    atomic_write_bytes(target, b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


@pytest.mark.usefixtures("open_umask")
def test_restrict_umask_makes_new_files_private(tmp_path: Path) -> None:
    restrict_umask()
    (tmp_path / "plain.txt").write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    assert _mode(tmp_path / "plain.txt") == 0o600
    assert _mode(tmp_path / "folder") == 0o700


def test_a_long_name_is_written_atomically_too(tmp_path: Path) -> None:
    target = tmp_path / ("IR-" + "x" * 240 + ".age")
    atomic_write_bytes(target, b"data")
    assert target.read_bytes() == b"data"


def test_only_old_leftovers_of_interrupted_writes_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".IR-MOR-000012.age.k3j9x_a1.tmp"
    fresh = tmp_path / ".keyring.json.a8b7c6d5.tmp"
    kept = [tmp_path / "IR-MOR-000012.age", tmp_path / ".hidden", tmp_path / "notes.tmp"]
    for path in (old, fresh, *kept):
        path.write_bytes(b"x")
    an_hour_ago = time.time() - 3600
    for path in (old, *kept):
        os.utime(path, (an_hour_ago, an_hour_ago))

    assert remove_interrupted_writes(tmp_path) == 1

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, *(p.name for p in kept)]
    )
