"""The station's audit head as one sync record, so the central office witnesses the audit log.

The audit log (``store/audit.py``) is a hash chain kept on the station: whoever holds the
store's key can delete entries and compute the chain again, and the station alone cannot tell.
Every bundle therefore carries the log's head (how many entries, the newest entry's hash and
time), and the hashes the log holds now at the heads sent in the station's last bundles. The
centre keeps every head it receives (``center/audit_witness.py``) and flags a head that goes
backwards, that has another hash at a count it saw before (a fork), or whose chain no longer
holds a head it saw (rewritten). It carries ids and hashes only, never an entry's content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_room.sync.bundle import BundleRecord, bundle_damaged
from interview_room.sync.fields import (
    FormatViolation,
    canonical_json,
    check_counter,
    check_list,
    check_object,
    check_sha256,
    parse_json,
)

if TYPE_CHECKING:
    from interview_room.store.database import Database

AUDIT_HEAD_KIND = "audit_head"
"""The record kind; its record id is the station id, its version the number of entries."""
AUDIT_HEAD_FORMAT = 1
WITNESSED_BUNDLES = 8
"""How many of the station's last bundles' heads are named again, as the log holds them now."""
MAX_WITNESSED = 64
"""The most earlier heads a centre reads in one record."""
SENT_HEAD_DETAIL = "audit_head"
"""The key of the sync audit entry's detail that names the head the bundle carried."""

_FIELDS = frozenset({"format", "station_id", "entries", "hash", "at", "witnessed"})
_WITNESSED_FIELDS = frozenset({"entries", "hash"})


@dataclass(frozen=True)
class AuditHead:
    """A station's audit log as one bundle said it was."""

    station_id: str
    entries: int
    hash: str
    at: str
    witnessed: tuple[tuple[int, str], ...] = ()
    """(entries, hash) of the heads the station's earlier bundles carried, as the log holds
    those entries now: a log rewritten below one of them has another hash there."""


def _witnessed(db: Database) -> tuple[tuple[int, str], ...]:
    """The heads the last bundles carried (named in their sync audit entries), with the hash
    the log holds now at each; a count the log no longer reaches is left out."""
    counts: list[int] = []
    for (detail,) in db.all(
        "SELECT detail FROM audit_log WHERE event = 'sync' ORDER BY seq DESC LIMIT ?",
        (WITNESSED_BUNDLES,),
    ):
        try:
            value = json.loads(str(detail)).get(SENT_HEAD_DETAIL)
        except (ValueError, AttributeError):
            continue
        if type(value) is int and value >= 1 and value not in counts:
            counts.append(value)
    if not counts:
        return ()
    marks = ", ".join("?" for _ in counts)
    held = {
        int(seq): str(digest)
        for seq, digest in db.all(
            f"SELECT seq, hash FROM audit_log WHERE seq IN ({marks})", tuple(counts)
        )
    }
    return tuple((count, held[count]) for count in sorted(counts) if count in held)


def current_head(db: Database, station_id: str) -> AuditHead | None:
    """The audit log's head now, with the earlier heads as the log holds them; None when the
    log is empty."""
    row = db.one("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1")
    if row is None:
        return None
    return AuditHead(station_id, int(row[0]), str(row[1]), str(row[2]), _witnessed(db))


def head_record(head: AuditHead) -> BundleRecord:
    """The head as a bundle record (no earlier versions: each head stands alone)."""
    content = canonical_json(
        {
            "format": AUDIT_HEAD_FORMAT,
            "station_id": head.station_id,
            "entries": head.entries,
            "hash": head.hash,
            "at": head.at,
            "witnessed": [{"entries": n, "hash": h} for n, h in head.witnessed],
        }
    )
    return BundleRecord(AUDIT_HEAD_KIND, head.station_id, head.entries, content)


def _moment(value: object) -> str:
    # As the log wrote it (``isoformat`` of the entry's time): shown, never compared.
    if not isinstance(value, str) or not value.isascii() or not 1 <= len(value) <= 40:
        raise FormatViolation("the audit head's time is not up to 40 ASCII characters")
    return value


def read_head(record: BundleRecord, station_id: str) -> AuditHead:
    """The head an ``audit_head`` record of ``station_id``'s bundle states; ``BundleDamaged``
    when it is not one this program writes (strict canonical JSON, exact fields, its count
    equal to the record's version)."""
    try:
        document = parse_json(record.content, "the audit head")
        if canonical_json(document) != record.content:
            raise FormatViolation("the audit head is not canonical JSON")
        fields = check_object(document, _FIELDS, "the audit head")
        if fields["format"] != AUDIT_HEAD_FORMAT or type(fields["format"]) is not int:
            raise FormatViolation("the audit head is in a format this program does not read")
        if fields["station_id"] != station_id:
            raise FormatViolation("the audit head names another station")
        entries = check_counter(fields["entries"], "the audit head's count")
        if entries != record.version:
            raise FormatViolation("the audit head's count is not its record's version")
        witnessed: list[tuple[int, str]] = []
        for item in check_list(fields["witnessed"], MAX_WITNESSED, "the earlier heads"):
            earlier = check_object(item, _WITNESSED_FIELDS, "an earlier head")
            witnessed.append(
                (
                    check_counter(earlier["entries"], "an earlier head's count"),
                    check_sha256(earlier["hash"], "an earlier head's hash"),
                )
            )
        return AuditHead(
            station_id,
            entries,
            check_sha256(fields["hash"], "the audit head's hash"),
            _moment(fields["at"]),
            tuple(witnessed),
        )
    except FormatViolation as violation:
        bundle_damaged(violation.reason)
