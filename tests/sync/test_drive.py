"""Files on a stick are read only when they are regular files within the size limit, decided
from their metadata before a byte is read (issue 13, item 5): links to /dev/zero, FIFOs,
folders and sparse giants are refused at once, with a typed error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from interview_room.errors import InterviewRoomError
from interview_room.sync.bundle import Bundle, BundleRecord, write_bundle
from interview_room.sync.bundle_reader import read_bundle_file
from interview_room.sync.drive import DriveFileRefused, open_regular_file, read_regular_file

LIMIT = 1024 * 1024


def _sparse(path: Path, size: int) -> None:
    """A file that claims ``size`` bytes and occupies none (costs nothing on a stick)."""
    with path.open("wb") as handle:
        handle.truncate(size)


def test_a_regular_file_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "receipt.json"
    path.write_bytes(b"x" * 1000)
    assert read_regular_file(path, LIMIT) == b"x" * 1000


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "symbolic link"),
        (lambda p: os.mkfifo(p), "named pipe"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.write_bytes(b"x" * (LIMIT + 1)), "larger than"),
        (lambda p: _sparse(p, 700 * LIMIT), "larger than"),
    ],
)
def test_anything_else_is_refused_before_reading(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "IR-ab-00000001.bundle.age"
    make(path)  # type: ignore[operator]
    started = time.monotonic()
    with pytest.raises(DriveFileRefused, match=reason) as refused:
        open_regular_file(path, LIMIT)
    assert time.monotonic() - started < 2, "refused from metadata, not by reading"
    assert isinstance(refused.value, InterviewRoomError) and path.name in str(refused.value)


def test_a_link_to_a_regular_file_is_refused_too(tmp_path: Path) -> None:
    target = tmp_path / "real"
    target.write_bytes(b"x")
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(DriveFileRefused, match="symbolic link"):
        read_regular_file(link, LIMIT)


def test_a_bundle_file_is_streamed_and_a_sparse_one_refused(tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    key = Ed25519PrivateKey.generate()
    bundle = Bundle(
        "ab", 1, "2026-03-02T09:30:00Z", (BundleRecord("case", "c", 1, b"{}" * 100_000),)
    )
    path = tmp_path / "IR-ab-00000001.bundle.age"
    path.write_bytes(write_bundle(bundle, station_key=key, recipient=str(identity.to_public())))
    keys = {"ab": key.public_key()}
    assert read_bundle_file(path, identity=identity, station_keys=keys) == bundle
    sparse = tmp_path / "IR-ab-00000002.bundle.age"
    with sparse.open("wb") as handle:
        handle.truncate(700 * LIMIT)
    with pytest.raises(DriveFileRefused, match="larger than"):
        read_bundle_file(sparse, identity=identity, station_keys=keys)
