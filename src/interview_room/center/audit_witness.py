"""The central office as witness of each station's audit log.

Every bundle carries its station's audit head (``sync/audit_head.py``). The centre keeps each
head it receives, per station and bundle number, and flags a head that

- **went backwards**: fewer entries than a head of an earlier-numbered bundle (or more than a
  later one): entries were deleted;
- **forked**: as many entries as a head seen before, with another hash: the log was rewritten
  and grew back to the same length;
- **does not extend** a head seen before: the log now holds another hash at the count an earlier
  bundle carried (the station names those hashes again), so entries up to it were rewritten,
  even if the log has grown past it since.

A flag is a notice for a person; the bundle is imported all the same (refusing it would stop
the cases, and the insider who rewrote the log would only need to stop sending). Flags are
typed (:class:`AuditChainFlagged`) so the command line and the window word them in Albanian
and English from the sentence catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.store import CenterStore
    from interview_room.store.database import Database
    from interview_room.sync.audit_head import AuditHead
    from interview_room.sync.bundle import Bundle

MIGRATION = (
    """CREATE TABLE audit_heads (
        id               INTEGER PRIMARY KEY,
        station_id       TEXT NOT NULL,
        bundle_sequence  INTEGER NOT NULL,
        entries          INTEGER NOT NULL,
        hash             TEXT NOT NULL,
        head_at          TEXT NOT NULL,
        received_at      TEXT NOT NULL,
        flag             TEXT CHECK (flag IN ('backwards', 'fork', 'not_extending')),
        other_sequence   INTEGER,
        other_entries    INTEGER,
        UNIQUE (station_id, bundle_sequence, entries, hash)
    )""",
    "CREATE INDEX audit_heads_by_count ON audit_heads (station_id, entries)",
)
"""Centre schema 5: every head received, with its flag."""


class AuditFlag(StrEnum):
    BACKWARDS = "backwards"
    FORK = "fork"
    NOT_EXTENDING = "not_extending"


class AuditChainFlagged(InterviewRoomError):
    """A station's audit head contradicts one the centre saw before: a notice for a person
    (never raised; the bundle was imported). ``station`` is the station's name and code."""

    flag: AuditFlag = AuditFlag.FORK

    def __init__(
        self, station: str, sequence: int, entries: int, other_sequence: int, other_entries: int
    ) -> None:
        self.station = station
        self.sequence = sequence
        self.entries = entries
        self.other_sequence = other_sequence
        self.other_entries = other_entries
        # The earlier-numbered bundle first, whichever arrived first.
        first, then = sorted(((sequence, entries), (other_sequence, other_entries)))
        self.first_sequence, self.first_entries = first
        self.then_sequence, self.then_entries = then
        super().__init__(self._english())

    def _english(self) -> str:
        return (
            f"The audit log of station {self.station} in bundle {self.sequence} contradicts"
            f" the one in bundle {self.other_sequence}."
        )


class AuditHeadWentBackwards(AuditChainFlagged):
    """A later bundle counted fewer audit entries than an earlier one: entries were deleted."""

    flag = AuditFlag.BACKWARDS

    def _english(self) -> str:
        return (
            f"The audit log of station {self.station} went backwards: bundle"
            f" {self.first_sequence} counted {self.first_entries} entries, bundle"
            f" {self.then_sequence} only {self.then_entries}."
        )


class AuditHeadForked(AuditChainFlagged):
    """Two bundles counted as many audit entries with another newest hash: a rewritten log."""

    flag = AuditFlag.FORK

    def _english(self) -> str:
        return (
            f"The audit log of station {self.station} forked: bundles {self.first_sequence}"
            f" and {self.then_sequence} both counted {self.entries} entries, with different"
            " hashes."
        )


class AuditChainRewritten(AuditChainFlagged):
    """The station's log no longer holds the head an earlier bundle carried."""

    flag = AuditFlag.NOT_EXTENDING

    def _english(self) -> str:
        return (
            f"The audit log of station {self.station} was rewritten: in bundle"
            f" {self.sequence} it no longer holds the first {self.other_entries} entries that"
            f" bundle {self.other_sequence} carried."
        )


NOTICES: dict[AuditFlag, type[AuditChainFlagged]] = {
    AuditFlag.BACKWARDS: AuditHeadWentBackwards,
    AuditFlag.FORK: AuditHeadForked,
    AuditFlag.NOT_EXTENDING: AuditChainRewritten,
}


@dataclass(frozen=True)
class _Seen:
    sequence: int
    entries: int
    hash: str


def _judge(head: AuditHead, sequence: int, seen: list[_Seen]) -> tuple[AuditFlag, _Seen] | None:
    """The first contradiction between ``head`` (of bundle ``sequence``) and the heads seen."""
    for other in seen:
        # A log only grows, and each bundle adds an entry (its sync entry): counts rise with
        # the bundle numbers.
        if (other.sequence < sequence and other.entries > head.entries) or (
            other.sequence > sequence and other.entries < head.entries
        ):
            return AuditFlag.BACKWARDS, other
    for other in seen:
        if other.entries == head.entries and other.hash != head.hash:
            return AuditFlag.FORK, other
    named = dict(head.witnessed)
    for other in sorted(seen, key=lambda s: s.entries):
        if other.entries in named and named[other.entries] != other.hash:
            return AuditFlag.NOT_EXTENDING, other
    return None


def split_head(bundle: Bundle) -> tuple[Bundle, AuditHead | None]:
    """The bundle without its audit head, and the head it states (``BundleDamaged`` when the
    head is malformed); a bundle from before heads travelled has none."""
    from interview_room.sync.audit_head import AUDIT_HEAD_KIND, read_head
    from interview_room.sync.bundle import Bundle

    heads = [r for r in bundle.records if r.kind == AUDIT_HEAD_KIND]
    if not heads:
        return bundle, None
    rest = tuple(r for r in bundle.records if r.kind != AUDIT_HEAD_KIND)
    # One per bundle: the record id is the station id, and (kind, id) is unique in a bundle.
    head = read_head(heads[0], bundle.station_id)
    return Bundle(bundle.station_id, bundle.sequence, bundle.created_at, rest), head


def record_head(
    db: Database, head: AuditHead, sequence: int, moment: str
) -> AuditChainFlagged | None:
    """Keep ``head``, carried by bundle ``sequence`` of its station, inside the caller's
    transaction; return the notice when it contradicts a head seen before, else None. The
    same head of the same bundle again (a replay) is kept once and flagged at most once."""
    if db.one(
        "SELECT 1 FROM audit_heads WHERE station_id = ? AND bundle_sequence = ? AND entries = ?"
        " AND hash = ?",
        (head.station_id, sequence, head.entries, head.hash),
    ):
        return None
    counts = sorted({head.entries, *(n for n, _ in head.witnessed)})
    marks = ", ".join("?" for _ in counts)
    # Only the heads that can contradict this one: by order (the nearest count on each side of
    # the bundle number) or by count (the same count as this head or one it names again).
    seen = [
        _Seen(int(s), int(n), str(h))
        for s, n, h in db.all(
            "SELECT bundle_sequence, entries, hash FROM audit_heads WHERE station_id = ?"
            f" AND (entries IN ({marks})"
            " OR id = (SELECT id FROM audit_heads WHERE station_id = ? AND bundle_sequence < ?"
            "  ORDER BY entries DESC LIMIT 1)"
            " OR id = (SELECT id FROM audit_heads WHERE station_id = ? AND bundle_sequence > ?"
            "  ORDER BY entries LIMIT 1))",
            (head.station_id, *counts, head.station_id, sequence, head.station_id, sequence),
        )
    ]
    judged = _judge(head, sequence, seen)
    db.execute(
        "INSERT INTO audit_heads (station_id, bundle_sequence, entries, hash, head_at,"
        " received_at, flag, other_sequence, other_entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            head.station_id,
            sequence,
            head.entries,
            head.hash,
            head.at,
            moment,
            None if judged is None else judged[0].value,
            None if judged is None else judged[1].sequence,
            None if judged is None else judged[1].entries,
        ),
    )
    if judged is None:
        return None
    flag, other = judged
    name = _station_names(db, head.station_id).get(head.station_id, head.station_id)
    return NOTICES[flag](name, sequence, head.entries, other.sequence, other.entries)


@dataclass(frozen=True)
class StationAuditHead:
    """The newest head the centre holds of one station's audit log, and its flags."""

    station: str
    station_id: str
    sequence: int
    entries: int
    hash: str
    head_at: str
    received_at: str
    heads: int
    """Heads received from this station."""
    flagged: int
    """Of those, how many contradict an earlier one."""


def _station_names(db: Database, station_id: str | None = None) -> dict[str, str]:
    return {
        str(r[0]): f"{r[1]} ({r[2]})"
        for r in db.all(
            "SELECT station_id, name, code FROM stations WHERE ? IS NULL OR station_id = ?",
            (station_id, station_id),
        )
    }


def station_heads(center: CenterStore) -> list[StationAuditHead]:
    """Per station, the head of its highest-numbered bundle, by station name."""
    db = center.open()
    try:
        names = _station_names(db)
        rows = db.all(
            "SELECT h.station_id, h.bundle_sequence, h.entries, h.hash, h.head_at,"
            " h.received_at, t.heads, t.flagged FROM audit_heads h JOIN ("
            "  SELECT station_id, max(bundle_sequence) AS last, count(*) AS heads,"
            "  count(flag) AS flagged FROM audit_heads GROUP BY station_id) t"
            " ON t.station_id = h.station_id AND t.last = h.bundle_sequence"
            " ORDER BY h.station_id, h.entries DESC"
        )
    finally:
        db.close()
    newest: dict[str, StationAuditHead] = {}
    for station_id, sequence, entries, digest, at, received, heads, flagged in rows:
        if str(station_id) in newest:  # a reused number: the longer head is shown
            continue
        newest[str(station_id)] = StationAuditHead(
            names.get(str(station_id), str(station_id)),
            str(station_id),
            int(sequence),
            int(entries),
            str(digest),
            str(at),
            str(received),
            int(heads),
            int(flagged),
        )
    return sorted(newest.values(), key=lambda h: h.station)


def audit_flags(center: CenterStore) -> list[AuditChainFlagged]:
    """Every flagged head, as a notice to word, by station and then bundle number."""
    db = center.open()
    try:
        names = _station_names(db)
        rows = db.all(
            "SELECT station_id, bundle_sequence, entries, flag, other_sequence, other_entries"
            " FROM audit_heads WHERE flag IS NOT NULL ORDER BY station_id, bundle_sequence, id"
        )
    finally:
        db.close()
    notices = [
        NOTICES[AuditFlag(str(flag))](
            names.get(str(station_id), str(station_id)),
            int(sequence),
            int(entries),
            int(other_sequence),
            int(other_entries),
        )
        for station_id, sequence, entries, flag, other_sequence, other_entries in rows
    ]
    return sorted(notices, key=lambda n: (n.station, n.sequence))
