"""What a protocol from the centre must keep, beyond its own test vectors (attacker 4, V1).

A protocol's ``vectors.json`` is chosen by whoever publishes it, so vectors that agree with a
harmful rule prove nothing. Two checks do not depend on the publisher's choice; the station runs
them before it applies a received protocol (``centre_package_station.py``) and the centre before
it publishes one (``center/publish.py``):

- **The floor** (``resources/protocols/floor-vectors.json``): a few invariant cases copied by
  id from the shipped ``vectors.json`` (adult sexual exploitation with violence, a child made
  to beg with the money taken: potential victim; a seasonal worker with a contract: not met;
  a refusal: not determined; a clearly young person: presumed child...). Each is run with the
  new protocol's rule; only the outcome and the presumed child are judged. A protocol without a
  question they use fails the floor.
- **Continuity**: the new version's vectors keep every vector id of the newest earlier version
  of the same protocol held (shipped, received, or published), with the same answers and the
  same expectation, unless the vector says why it changed (``changed_because``). A vector is
  never dropped.

docs/CENTRE_PACKAGE.md describes both.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError
from interview_room.resources import resources_root
from interview_room.screening.errors import ProtocolError
from interview_room.screening.loader import load_protocol
from interview_room.screening.protocol import Protocol
from interview_room.screening.vectors import VECTORS_FILE, load_vectors, run_vector

FLOOR_FILE = "floor-vectors.json"


class ProtocolBelowFloor(InterviewRoomError):
    """A protocol fails the floor of invariant cases every protocol must satisfy (or lacks a
    question they use): it is neither published nor applied. ``protocol`` names the version,
    ``failed`` the ids of the floor cases it fails."""

    def __init__(self, protocol: str, failed: tuple[str, ...]) -> None:
        super().__init__(
            f"Protocol {protocol} fails {len(failed)} of the invariant cases every protocol must"
            f" satisfy: {', '.join(failed)}."
        )
        self.protocol = protocol
        self.failed = failed


class ProtocolVectorsDropped(InterviewRoomError):
    """A new protocol version drops a test vector of the version before it, or changes one's
    answers or expectation without saying why (``changed_because``). ``protocol`` names the
    version, ``earlier`` the version compared with, ``vectors`` the ids concerned."""

    def __init__(self, protocol: str, earlier: str, vectors: tuple[str, ...]) -> None:
        super().__init__(
            f"Protocol {protocol} drops or silently changes {len(vectors)} test vector(s) of"
            f" version {earlier}: {', '.join(vectors)}."
        )
        self.protocol = protocol
        self.earlier = earlier
        self.vectors = vectors


def floor_path() -> Path:
    return resources_root() / "protocols" / FLOOR_FILE


def floor_case_count(path: Path | None = None) -> int:
    raw = json.loads((path or floor_path()).read_text("utf-8"))
    return len(raw["vectors"])


def check_floor(protocol: Protocol, path: Path | None = None) -> None:
    """Run the floor cases with ``protocol``'s rule; raise ``ProtocolBelowFloor`` if any gives
    another outcome or presumed child than it expects, or cannot be run with this protocol."""
    raw = json.loads((path or floor_path()).read_text("utf-8"))
    ids = tuple(str(item["id"]) for item in raw["vectors"])
    named = f"{protocol.id} {protocol.version}"
    body = {
        "protocol": protocol.id,
        "version": protocol.version,
        "vectors": raw["vectors"],
    }
    with tempfile.TemporaryDirectory(prefix="ir-floor-") as folder:
        file = Path(folder) / FLOOR_FILE
        file.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
        try:
            vectors = load_vectors(file, protocol)
        except ProtocolError:  # a question, an option or a sign the floor uses is missing
            raise ProtocolBelowFloor(named, ids) from None
    failed = []
    for vector in vectors:
        result = run_vector(protocol, vector)
        expected = vector.expected
        if result.outcome is not expected.outcome or (
            expected.presumed_child is not None
            and result.presumed_child is not expected.presumed_child
        ):
            failed.append(vector.id)
    if failed:
        raise ProtocolBelowFloor(named, tuple(failed))


def _vectors_by_id(folder: Path) -> dict[str, dict[str, Any]]:
    raw = json.loads((folder / VECTORS_FILE).read_text("utf-8"))
    common = raw.get("common", {})
    return {
        str(item["id"]): {
            "answers": {**common, **item["answers"]},
            "expect": item["expect"],
            "changed_because": item.get("changed_because"),
        }
        for item in raw["vectors"]
    }


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def newest_earlier(protocol: Protocol, folders: Iterable[Path]) -> tuple[Protocol, Path] | None:
    """The newest version of ``protocol``'s id below its version among ``folders`` (each a
    protocol folder that loads; one that does not is passed over)."""
    earlier: list[tuple[Protocol, Path]] = []
    for folder in folders:
        try:
            held = load_protocol(folder)
        except ProtocolError:
            continue
        if held.id == protocol.id and _version_key(held.version) < _version_key(protocol.version):
            earlier.append((held, folder))
    if not earlier:
        return None
    return max(earlier, key=lambda pair: _version_key(pair[0].version))


def check_continuity(folder: Path, held_folders: Iterable[Path]) -> None:
    """Raise ``ProtocolVectorsDropped`` when the protocol in ``folder`` drops a vector id of
    the newest earlier version among ``held_folders``, or changes a kept vector's answers or
    expectation without a ``changed_because`` note."""
    protocol = load_protocol(folder)
    found = newest_earlier(protocol, held_folders)
    if found is None:
        return
    earlier, earlier_folder = found
    try:
        before = _vectors_by_id(earlier_folder)
    except (OSError, ValueError, KeyError, TypeError):
        return  # the earlier version carries no readable vectors: nothing to keep
    now = _vectors_by_id(folder)
    concerned = []
    for vector_id, old in before.items():
        new = now.get(vector_id)
        if new is None:
            concerned.append(vector_id)  # a vector is never dropped
            continue
        said = isinstance(new["changed_because"], str) and new["changed_because"].strip()
        if (new["answers"], new["expect"]) != (old["answers"], old["expect"]) and not said:
            concerned.append(vector_id)
    if concerned:
        raise ProtocolVectorsDropped(
            f"{protocol.id} {protocol.version}", earlier.version, tuple(sorted(concerned))
        )


def shipped_protocol_folders() -> tuple[Path, ...]:
    root = resources_root() / "protocols"
    return tuple(sorted(path.parent for path in root.glob("*/protocol.json")))
