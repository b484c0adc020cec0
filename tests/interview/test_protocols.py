"""The protocol library: the newest version for new interviews, the exact one for old ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.interview.protocols import (
    SCREENING_PROTOCOL_ID,
    ProtocolLibrary,
    ProtocolUnavailable,
)
from interview_room.screening import Protocol, load_protocol, shipped_protocol_dir


@pytest.fixture(scope="module")
def shipped() -> Protocol:
    return load_protocol(shipped_protocol_dir())


def _shipped_version() -> str:
    document = json.loads((shipped_protocol_dir() / "protocol.json").read_text(encoding="utf-8"))
    return str(document["version"])


def _copy_with_version(root: Path, folder: str, version: str | None) -> Path:
    target = root / folder
    shutil.copytree(shipped_protocol_dir(), target)
    if version is not None:
        path = target / "protocol.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        document["version"] = version
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def test_current_is_the_shipped_protocol(shipped: Protocol) -> None:
    current = ProtocolLibrary().current()
    assert current.id == SCREENING_PROTOCOL_ID == shipped.id
    assert current.version == _shipped_version() == shipped.version
    assert current.content_hash == shipped.content_hash


def test_find_returns_the_exact_protocol(shipped: Protocol) -> None:
    found = ProtocolLibrary().find(shipped.id, shipped.version, shipped.content_hash)
    assert found.content_hash == shipped.content_hash
    assert found.version == shipped.version


@pytest.mark.parametrize(
    ("protocol_id", "version", "content_hash"),
    [
        (SCREENING_PROTOCOL_ID, "1.0.0", "0" * 64),  # same version, other wording
        (SCREENING_PROTOCOL_ID, "9.9.9", None),
        ("another-protocol", None, None),
    ],
)
def test_find_refuses_anything_but_the_exact_protocol(
    shipped: Protocol, protocol_id: str, version: str | None, content_hash: str | None
) -> None:
    with pytest.raises(ProtocolUnavailable):
        ProtocolLibrary().find(
            protocol_id, version or shipped.version, content_hash or shipped.content_hash
        )


def test_current_of_an_unknown_protocol_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ProtocolUnavailable):
        ProtocolLibrary().current("no-such-protocol")
    with pytest.raises(ProtocolUnavailable):
        ProtocolLibrary(tmp_path).current()


def test_the_newest_version_is_current_and_older_ones_still_found(
    tmp_path: Path, shipped: Protocol
) -> None:
    major, minor, _ = (int(part) for part in shipped.version.split("."))
    newer = f"{major}.{minor + 1}.0"
    _copy_with_version(tmp_path, "screening-v1", None)
    _copy_with_version(tmp_path, "screening-v1-1", newer)
    library = ProtocolLibrary(tmp_path)

    newest = library.current()
    assert newest.version == newer
    assert newest.content_hash != shipped.content_hash  # the version is part of the content

    old = library.find(shipped.id, shipped.version, shipped.content_hash)
    assert old.version == shipped.version
    assert library.find(newest.id, newer, newest.content_hash).version == newer
    with pytest.raises(ProtocolUnavailable):
        library.find(shipped.id, newer, shipped.content_hash)


def test_versions_compare_as_numbers(tmp_path: Path) -> None:
    _copy_with_version(tmp_path, "a", "1.9.0")
    _copy_with_version(tmp_path, "b", "1.10.0")
    assert ProtocolLibrary(tmp_path).current().version == "1.10.0"
