"""The protocol versions a station holds: the newest for new interviews, the exact one an older
interview was started with for resuming it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.resources import resources_root
from interview_room.screening import Protocol, load_protocol
from interview_room.screening.errors import ProtocolError

SCREENING_PROTOCOL_ID = "al-border-screening"


class ProtocolUnavailable(InterviewRoomError):
    """An interview was started with a protocol version this station no longer has."""


class ProtocolLibrary:
    """Every protocol folder under ``resources/protocols`` (each a protocol.json + texts/),
    and the ``received`` folders: the versions the centre's package brought to this station
    (``sync/centre_holdings.py``: ``station_protocols``)."""

    def __init__(
        self,
        root: Path | None = None,
        received: tuple[Path, ...] = (),
        *,
        anchored: Mapping[Path, str] | None = None,
        withdrawn: frozenset[str] = frozenset(),
    ) -> None:
        """``anchored``: when given (a station), the content hash its encrypted store recorded
        for each received folder when the signed package was applied. A received version is
        then offered to a new interview only if it is anchored and its content still has that
        hash, and a received folder that no longer loads is passed over; ``find`` needs no
        anchor, since it matches the exact hash the interview recorded.

        ``withdrawn``: the content hashes of the versions the centre withdrew. A received
        version with one is not offered to a new interview; ``find`` still opens it, and a
        version shipped with the program is never withdrawn (a program release replaces it),
        so a new interview always has one."""
        self.root = root or resources_root() / "protocols"
        self.received = received
        self.anchored = anchored
        self._withdrawn = withdrawn

    def _received(self) -> list[tuple[Path, Protocol]]:
        loaded: list[tuple[Path, Protocol]] = []
        for folder in self.received:
            try:
                loaded.append((folder, _load_received(folder)))
            except ProtocolError:
                if self.anchored is None:
                    raise
        return loaded

    def _all(self) -> list[Protocol]:
        # Received versions first: ``max`` keeps the first of equals, so a version the centre
        # sent wins over a shipped one of the same number.
        return [protocol for _, protocol in self._received()] + _load_all(self.root)

    def current(self, protocol_id: str = SCREENING_PROTOCOL_ID) -> Protocol:
        """The newest version of ``protocol_id``: what a new interview uses."""
        offered = [
            protocol
            for folder, protocol in self._received()
            if (self.anchored is None or self.anchored.get(folder) == protocol.content_hash)
            and protocol.content_hash not in self._withdrawn
        ]
        versions = [p for p in offered + _load_all(self.root) if p.id == protocol_id]
        if not versions:
            raise ProtocolUnavailable(f"No protocol {protocol_id!r} under {self.root}.")
        return max(versions, key=lambda p: _version_key(p.version))

    def withdrawn(self, protocol: Protocol) -> bool:
        """Whether the centre withdrew ``protocol``: an interview begun with it is finished
        with it, and says so; no new interview is offered it."""
        shipped = {p.content_hash for p in _load_all(self.root)}
        return protocol.content_hash in self._withdrawn and protocol.content_hash not in shipped

    def find(self, protocol_id: str, version: str, content_hash: str) -> Protocol:
        """The exact protocol an interview was started with, identified by its content hash."""
        for protocol in self._all():
            if (protocol.id, protocol.version, protocol.content_hash) == (
                protocol_id,
                version,
                content_hash,
            ):
                return protocol
        raise ProtocolUnavailable(
            f"Protocol {protocol_id} {version} with hash {content_hash[:12]}… is not on this "
            "station; the interview cannot be continued with a different wording."
        )


def _load_received(folder: Path) -> Protocol:
    # A received folder is named by its content hash and never rewritten in place by the
    # program: safe to cache. Applying the same package again replaces a folder edited since
    # with a new one (a new inode), which is then read afresh.
    try:
        identity = folder.stat().st_ino
    except OSError:
        identity = -1  # load_protocol says what is missing
    return _load_one(folder, identity)


@cache
def _load_one(folder: Path, identity: int) -> Protocol:
    return load_protocol(folder)


@cache
def _load_all(root: Path) -> list[Protocol]:
    return [load_protocol(folder.parent) for folder in sorted(root.glob("*/protocol.json"))]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
