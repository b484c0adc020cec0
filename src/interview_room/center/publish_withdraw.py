"""Withdrawing a published protocol version (``interview-room center publish
--withdraw-protocol VERSION``): the centre found it wrong (a rule path that says "indicators not
met" for a trafficked person), so no station should start a new interview with it again.

The next package no longer carries the version and names it under ``withdrawn``
(docs/CENTRE_PACKAGE.md), as does every package after it: a withdrawal is never taken back (a
corrected protocol is published under a new version number). The centre keeps the folder under
``published/protocols/`` so it still reads the records of interviews that used it; a station
keeps its folder too, so an interview begun with it keeps its words and can be finished.

Refused: a version that is not in the centre's package (never published, or only shipped with
the program: a program release replaces those), one already withdrawn, one with the content of
a protocol shipped with the program (what stations fall back to), and the last version of its
protocol id that stations could still start an interview with.

The centre window (``gui/center_publish_dialog.py``) lists ``withdrawable_versions``, runs
``check_withdrawal`` first (nothing signed) and then the same ``withdraw_protocol``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.publish import (
    PROTOCOLS_DIR,
    Content,
    Published,
    published_folder,
    sign_and_publish,
)
from interview_room.center.publish_check import published_now
from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.interview.protocols import SCREENING_PROTOCOL_ID
from interview_room.screening.errors import ProtocolError
from interview_room.screening.loader import load_protocol
from interview_room.sync.centre_package import CentrePackage, WithdrawnProtocol
from interview_room.sync.protocol_floor import shipped_protocol_folders


class ProtocolNotPublished(InterviewRoomError):
    """The version to withdraw is not in the centre's package: only a version the centre
    published can be withdrawn."""


class ProtocolAlreadyWithdrawn(InterviewRoomError):
    """The version was withdrawn before (a withdrawal is never taken back)."""


class ProtocolWithdrawalRefused(InterviewRoomError):
    """Withdrawing the version would leave the stations without the protocol they fall back
    to: ``reason`` is ``shipped`` (its content is a protocol shipped with the program) or
    ``last`` (no other version of its id would remain for a new interview)."""

    def __init__(self, protocol: str, reason: str) -> None:
        words = {
            "shipped": "has the content of a protocol shipped with the program, which the"
            " stations fall back to",
            "last": "is the last version of its protocol the stations could start an interview"
            " with",
        }[reason]
        super().__init__(f"Protocol {protocol} {words}: it is not withdrawn.")
        self.protocol = protocol
        self.reason = reason


def _shipped() -> dict[str, tuple[str, str]]:
    """Content hash -> (id, version) of each protocol shipped with this program."""
    shipped = {}
    for folder in shipped_protocol_folders():
        try:
            protocol = load_protocol(folder)
        except ProtocolError:
            continue
        shipped[protocol.content_hash] = (protocol.id, protocol.version)
    return shipped


def _withdrawal(current: CentrePackage | None, protocol_id: str, version: str) -> Content:
    """The content of the next package: ``protocol_id version`` moved from the protocols to
    the withdrawn; raises when that is refused (module docstring)."""
    named = f"{protocol_id} {version}"
    if current is not None and current.withdrawal(protocol_id, version):
        raise ProtocolAlreadyWithdrawn(f"Protocol {named} was already withdrawn.")
    published = current.protocol(protocol_id, version) if current else None
    if current is None or published is None:
        raise ProtocolNotPublished(
            f"Protocol {named} is not in the centre's package: only a version the centre"
            " published can be withdrawn."
        )
    shipped = _shipped()
    if published.content_hash in shipped:
        raise ProtocolWithdrawalRefused(named, "shipped")
    remaining = [p for p in current.protocols if p.id == protocol_id and p is not published]
    if not remaining and all(kept_id != protocol_id for kept_id, _ in shipped.values()):
        raise ProtocolWithdrawalRefused(named, "last")
    withdrawn = WithdrawnProtocol(protocol_id, version, published.content_hash)
    return (
        current.directory,
        tuple(p for p in current.protocols if p is not published),
        tuple(sorted((*current.withdrawn, withdrawn))),
    )


@dataclass(frozen=True)
class WithdrawableVersion:
    """A protocol version in the package published now, not withdrawn."""

    id: str
    version: str
    published_on: str
    """YYYY-MM-DD: the day the centre kept its folder when it published it (the package
    carries no date per protocol); empty when that folder is missing."""


def withdrawable_versions(center: CenterStore) -> tuple[WithdrawableVersion, ...]:
    """The protocol versions the stations are offered now from the centre's package, oldest
    publication first. Whether one may be withdrawn is ``check_withdrawal``'s answer."""
    package = published_now(center)
    if package is None:
        return ()
    folders = published_folder(center) / PROTOCOLS_DIR
    versions = []
    for protocol in package.protocols:
        folder = folders / f"{protocol.id}-{protocol.version}-{protocol.content_hash[:16]}"
        try:
            day = datetime.fromtimestamp(folder.stat().st_mtime).date().isoformat()
        except OSError:
            day = ""
        versions.append(WithdrawableVersion(protocol.id, protocol.version, day))
    return tuple(versions)


def check_withdrawal(
    center: CenterStore, version: str, protocol_id: str = SCREENING_PROTOCOL_ID
) -> None:
    """Raise what ``withdraw_protocol`` would raise for the package published now, signing
    nothing (the window's first step)."""
    _withdrawal(published_now(center), protocol_id, version)


def withdraw_protocol(
    center: CenterStore, version: str, protocol_id: str = SCREENING_PROTOCOL_ID
) -> Published:
    """Sign the next package with ``protocol_id version`` withdrawn (the same sign-in and role
    as publishing: ``CenterAction.PUBLISH``), and log it in the centre's audit log. Raises
    :class:`ProtocolNotPublished`, :class:`ProtocolAlreadyWithdrawn` or
    :class:`ProtocolWithdrawalRefused`; nothing is signed then."""
    result = sign_and_publish(
        center,
        f"withdrawn protocol {protocol_id} {version}",
        lambda current: _withdrawal(current, protocol_id, version),
    )
    center.record(
        CenterAuditEvent.PROTOCOL_WITHDRAWN,
        detail={"number": result.number, "protocol_id": protocol_id, "withdrawn": version},
    )
    return result
