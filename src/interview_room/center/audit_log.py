"""The central office's own audit log: who signed in (and who failed), imported, exported
statistics, published a package, enrolled or revoked a station, added or removed a user,
changed a password, and when the database key changed.

The log is the station's (``store/audit.py``): a table ``audit_log`` inside the encrypted
``center.db``, each entry the SHA-256 of its fields and of the entry before, so a changed or
deleted row breaks the chain from there on; the keyring (``center.keyring``) keeps the head as
last seen (the *anchor*), so removing the newest rows is noticed too, and an anchor removed
from a centre whose log has entries is reported as such. Entries hold usernames, station ids,
event names and numbers, never anything about a person.

**Failed sign-ins** happen without the database key, so they cannot be written into the store
when they happen. Each is added to a hash-chained journal in ``center.keyring``
(:class:`FailureJournal`); the next successful sign-in, or the next logged action of a
program that stays signed in (the receiver), copies the journal into the log and records the
journal's head. A journal that no longer passes through the head
the log recorded (reset, shortened below it, rewritten) is logged as
``failed_sign_ins_removed``. What no check can see: whoever can write the folder can remove the
failures not yet copied in by putting back the keyring as it was just after the last copy-in
(no secret is available at a failed attempt to prevent that).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from interview_room.store.audit import (
    GENESIS_HASH,
    AuditDetailNotAllowed,
    AuditEntry,
    AuditLog,
    AuditVerification,
    DetailValue,
    _checked_detail,
    entry_hash,
)
from interview_room.store.database import Database
from interview_room.store.keyring import AuditAnchor
from interview_room.store.throttle import FailureCounter

MIGRATION = (
    """CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT,
        event      TEXT NOT NULL,
        subject    TEXT,
        detail     TEXT NOT NULL DEFAULT '{}',
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
    )""",
)
"""Centre schema 6: the centre's audit log, the station's table."""

MAX_PENDING_FAILURES = 10_000
"""Failed sign-ins kept one by one in the keyring until the next sign-in; older ones are
folded into the journal's base and logged as a number only."""


class CenterAuditEvent(StrEnum):
    CENTER_CREATED = "center_created"
    FIRST_PASSWORD_SET = "first_password_set"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    FAILED_SIGN_INS_UNLISTED = "failed_sign_ins_unlisted"
    """More failures than the keyring keeps one by one: only their number is known."""
    FAILED_SIGN_INS_REMOVED = "failed_sign_ins_removed"
    """The keyring's journal of failures does not continue the one the log recorded."""
    FAILED_SIGN_INS_TAKEN = "failed_sign_ins_taken"
    """Failures copied in by a program already signed in (the receiver, an open window)."""
    USER_ADDED = "user_added"
    USER_REMOVED = "user_removed"
    PASSWORD_CHANGED = "password_changed"
    SLOT_UNEXPLAINED = "slot_unexplained"
    """center.keyring held a slot for a user no entry of this log added (planted by someone
    who held the database key): it was taken away and no new key is sealed to it."""
    STORE_REKEYED = "store_rekeyed"
    STORE_REKEY_DUE = "store_rekey_due"
    STATION_ENROLLED = "station_enrolled"
    STATION_REVOKED = "station_revoked"
    BUNDLE_IMPORTED = "bundle_imported"
    STATISTICS_EXPORTED = "statistics_exported"
    PACKAGE_PUBLISHED = "package_published"
    PROTOCOL_WITHDRAWN = "protocol_withdrawn"
    """A published protocol version withdrawn (``center/publish_withdraw.py``): the detail is
    the package's number, the protocol's id and version."""
    REVOCATION_LIST_REFUSED = "revocation_list_refused"
    """A station's revocation list not kept: oversize, unreadable, a number from the future,
    or more entries than the station's certificates (``center/certificates.py``)."""
    STATISTICS_STORE_REBUILT = "statistics_store_rebuilt"
    """The statistics store could not be read, followed or trusted (changed by hand): built
    again from the registry; the detail says why (``unreadable``, ``schema``, ``counts``)."""
    OUTBOX_ENTRIES_REFUSED = "outbox_entries_refused"
    """Entries in the statistics outbox not taken into the log (another user's name, a detail
    the app does not write, beyond the number taken at once): only their count."""
    SEEN_BEFORE_KEY_ROTATED = "seen_before_key_rotated"
    """A new "seen before" key version made current (``interview-room center seen-before
    rotate``); the detail is the version number."""
    SEEN_BEFORE_SECTION_TRIMMED = "seen_before_section_trimmed"
    """A package's seen-before section left out key versions with entries: a station reads
    at most ``MAX_KEYS`` (attacker 8, B2); the detail counts the versions and entries."""


def append(
    db: Database,
    event: CenterAuditEvent,
    actor: str | None,
    subject: str | None = None,
    detail: dict[str, DetailValue] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry after the head, in the caller's transaction if there is one. Refuses
    (:class:`AuditDetailNotAllowed`) anything that is not an id, a code or a number."""
    from interview_room.store.audit import _IDENTIFIER

    for value in (actor, subject):
        if value is not None and not _IDENTIFIER.match(value):
            raise AuditDetailNotAllowed("Audit actors and subjects must be ids, not text.")
    detail_json = _checked_detail(detail or {})
    moment = (at or datetime.now(UTC)).isoformat(timespec="milliseconds")
    with db.transaction():
        head = db.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        seq = int(head[0]) + 1 if head else 1
        prev = str(head[1]) if head else GENESIS_HASH
        digest = entry_hash(seq, moment, actor, event.value, subject, detail_json, prev)
        db.execute(
            "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, moment, actor, event.value, subject, detail_json, prev, digest),
        )
    return AuditEntry(seq, moment, actor, event.value, subject, detail_json, prev, digest)


def is_identifier(value: str) -> bool:
    """Whether ``value`` may stand in an entry as an actor, a subject or a detail."""
    from interview_room.store.audit import _IDENTIFIER

    return _IDENTIFIER.match(value) is not None


def entries(db: Database) -> list[AuditEntry]:
    return AuditLog(db).entries()


def head(db: Database) -> AuditAnchor | None:
    return AuditLog(db).head()


@dataclass(frozen=True)
class KeyHolders:
    """Who the log says holds a slot: the users it added (the first administrator, users
    added, a first password set) and did not remove since."""

    usernames: frozenset[str]
    log_started_at: str | None
    """The first entry's time, when the log does not go back to the centre's creation (a
    centre from before the log): slots made before it are explained by their age."""

    def explain(self, username: str, created_at: str) -> bool:
        if username in self.usernames:
            return True
        if self.log_started_at is None:
            return False
        try:
            return datetime.fromisoformat(created_at) <= datetime.fromisoformat(self.log_started_at)
        except (ValueError, TypeError):
            return False


def key_holders(db: Database) -> KeyHolders:
    """Replay the log's user entries (:class:`KeyHolders`)."""
    holders: set[str] = set()
    first = db.one("SELECT at FROM audit_log ORDER BY seq LIMIT 1")
    first_at = None if first is None else str(first[0])
    created = False
    users = (
        CenterAuditEvent.CENTER_CREATED,
        CenterAuditEvent.FIRST_PASSWORD_SET,
        CenterAuditEvent.USER_ADDED,
        CenterAuditEvent.USER_REMOVED,
        CenterAuditEvent.SLOT_UNEXPLAINED,
    )
    for actor, event, subject in db.all(
        "SELECT actor, event, subject FROM audit_log WHERE event IN (?, ?, ?, ?, ?) ORDER BY seq",
        tuple(event.value for event in users),
    ):
        if event == CenterAuditEvent.CENTER_CREATED:
            created = True
            if actor is not None:
                holders.add(str(actor))
        elif event == CenterAuditEvent.FIRST_PASSWORD_SET and actor is not None:
            holders.add(str(actor))
        elif event == CenterAuditEvent.USER_ADDED and subject is not None:
            holders.add(str(subject))
        elif event in (CenterAuditEvent.USER_REMOVED, CenterAuditEvent.SLOT_UNEXPLAINED):
            holders.discard(str(subject))
    # A log with no entry yet (a centre from before it, never signed in since) explains all.
    started = first_at or datetime.max.replace(tzinfo=UTC).isoformat()
    return KeyHolders(frozenset(holders), None if created else started)


def advance_anchor(db: Database, anchor: AuditAnchor | None, appended: int) -> AuditAnchor | None:
    """The anchor to keep after ``appended`` new entries (``store/audit.py``: it never skips
    a loss). An anchor removed from a log that had entries before these stays removed, so
    the next sign-in does not hide the removal by anchoring the log anew."""
    log = AuditLog(db)
    if anchor is None:
        head = log.head()
        if head is not None and head.seq > appended:
            return None
    return log.advance_anchor(anchor)


def verify(db: Database, anchor: AuditAnchor | None, anchored: bool) -> AuditVerification:
    """Walk the chain against ``anchor``. ``anchored``: the centre has a keyring, which holds
    an anchor as soon as the log has an entry, so a missing one is a removed one."""
    result = AuditLog(db).verify(anchor)
    if result.intact and anchored and anchor is None and result.entries:
        return AuditVerification(result.entries, 1, "the anchor in center.keyring was removed")
    return result


# -- failed sign-ins, kept in center.keyring until the next sign-in -----------------------------


@dataclass(frozen=True)
class FailedSignIn:
    index: int
    """Its number among all failed sign-ins at this centre, from 1."""
    attempted: str
    """The username tried when it exists at this centre, else "unknown" (a password typed
    into the username field never reaches the log)."""
    at: str

    def link(self, previous: str) -> str:
        text = json.dumps([self.index, self.attempted, self.at, previous], separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class JournalPoint:
    count: int
    hash: str


START = JournalPoint(0, GENESIS_HASH)


@dataclass(frozen=True)
class FailureJournal:
    """Failures since the last sign-in (``pending``) after ``base``, the point the journal
    had reached when they were last taken into the log (or folded in, over the cap)."""

    base: JournalPoint = START
    pending: tuple[FailedSignIn, ...] = field(default_factory=tuple)
    damaged: int = 0
    """Entries of the file that are not failures Interview Room writes (an ``attempted`` that
    is not a username, a time that is not one, a number out of order): left out, and the
    journal logged as tampered with, so a hand-written entry never stops a sign-in."""

    def points(self) -> list[JournalPoint]:
        """The base and the point after each pending failure, in order."""
        points = [self.base]
        for failure in self.pending:
            points.append(JournalPoint(failure.index, failure.link(points[-1].hash)))
        return points

    @property
    def head(self) -> JournalPoint:
        return self.points()[-1]

    def with_failure(self, attempted: str, at: str) -> FailureJournal:
        pending = (*self.pending, FailedSignIn(self.head.count + 1, attempted, at))
        base = self.base
        while len(pending) > MAX_PENDING_FAILURES:
            base = JournalPoint(pending[0].index, pending[0].link(base.hash))
            pending = pending[1:]
        return FailureJournal(base, pending, self.damaged)

    def taken(self) -> FailureJournal:
        """The journal once its failures are in the log: they are dropped, the head kept."""
        return FailureJournal(self.head, ())

    def to_json(self) -> dict[str, object]:
        return {
            "base": {"count": self.base.count, "hash": self.base.hash},
            "pending": [{"n": f.index, "attempted": f.attempted, "at": f.at} for f in self.pending],
            "damaged": self.damaged,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> FailureJournal:
        base = raw.get("base")
        pending = raw.get("pending")
        damaged = 0
        try:
            assert isinstance(base, dict)
            point = JournalPoint(int(base["count"]), str(base["hash"]))
        except (AssertionError, KeyError, TypeError, ValueError):
            point, damaged = START, 1
        kept: list[FailedSignIn] = []
        for position, entry in enumerate(pending if isinstance(pending, list) else [None]):
            failure = _failure(entry, point.count + 1 + position)
            if failure is None:
                damaged += 1
            else:
                kept.append(failure)
        earlier = raw.get("damaged", 0)
        damaged += earlier if isinstance(earlier, int) and earlier > 0 else 0
        return cls(point, tuple(kept), damaged)


def _failure(raw: object, index: int) -> FailedSignIn | None:
    """The failure ``raw`` holds, if it is one Interview Room writes as number ``index``."""
    from interview_room.store.audit import _IDENTIFIER

    if not isinstance(raw, dict):
        return None
    attempted, at, number = raw.get("attempted"), raw.get("at"), raw.get("n")
    if not (
        number == index
        and isinstance(attempted, str)
        and isinstance(at, str)
        and _IDENTIFIER.match(attempted)
        and _IDENTIFIER.match(at)
    ):
        return None
    try:
        datetime.fromisoformat(at)
    except ValueError:
        return None
    return FailedSignIn(index, attempted, at)


_COPY_IN = "event IN (?, ?) AND json_extract(detail, '$.failures_hash') IS NOT NULL"
"""The entries that copied the journal in: a statistics user's sign-in, brought in from the
statistics store's outbox (``statistics_store.py``), took no failures and names no head."""


def last_taken(db: Database) -> JournalPoint:
    """The journal's head as the last sign-in recorded it in the log."""
    row = db.one(
        f"SELECT detail FROM audit_log WHERE {_COPY_IN} ORDER BY seq DESC LIMIT 1",
        (CenterAuditEvent.SIGN_IN.value, CenterAuditEvent.FAILED_SIGN_INS_TAKEN.value),
    )
    if row is None:
        return START
    detail = json.loads(str(row[0]))
    return JournalPoint(int(detail.get("failures", 0)), str(detail.get("failures_hash", "")))


def _counted_not_journalled(
    db: Database, journal: FailureJournal, counters: Mapping[str, FailureCounter]
) -> int:
    """How many counters name a last failure, made after the last copy-in, that the journal
    does not hold (``take_failures``)."""
    row = db.one(
        f"SELECT at FROM audit_log WHERE {_COPY_IN} ORDER BY seq DESC LIMIT 1",
        (CenterAuditEvent.SIGN_IN.value, CenterAuditEvent.FAILED_SIGN_INS_TAKEN.value),
    )
    try:
        since = None if row is None else datetime.fromisoformat(str(row[0]))
    except ValueError:
        since = None
    held = {(failure.attempted, failure.at) for failure in journal.pending}
    missing = 0
    for key, counter in counters.items():
        try:
            # The log keeps milliseconds: a failure just before the copy-in is not "after".
            after = since is None or counter.last_at > since + timedelta(milliseconds=1)
        except TypeError:  # a time written by hand without its zone
            after = True
        attempted = "unknown" if key.startswith("unknown:") else key
        if after and (attempted, counter.last_at.isoformat(timespec="seconds")) not in held:
            missing += 1
    return missing


def take_failures(
    db: Database,
    journal: FailureJournal,
    user: str | None,
    at: datetime,
    counters: Mapping[str, FailureCounter] | None = None,
) -> int:
    """In the caller's transaction: log each failure the journal holds that the log does not
    yet, a journal that does not continue the recorded one, then the sign-in of ``user``
    with the journal's head (``user`` None: a program already signed in takes them in, and
    adds nothing when there is nothing new). Returns how many entries were added.

    ``counters`` (the keyring's wrong-password counters) must agree with the journal: a
    counter whose last failure came after the last copy-in names a failure the journal must
    still hold; one it does not hold was removed by hand (only the naive edit is caught: who
    resets the counters too is not, decision 0011)."""
    appended = 1
    recorded = last_taken(db)
    points = journal.points()
    head = points[-1]
    damaged = journal.damaged + _counted_not_journalled(db, journal, counters or {})
    if user is None and recorded == head and not damaged:
        return 0
    if recorded in points and not damaged:
        new = journal.pending[points.index(recorded) :]
    else:
        new = journal.pending
        appended += 1
        if not damaged and journal.base.count > recorded.count and recorded.count <= head.count:
            append(
                db,
                CenterAuditEvent.FAILED_SIGN_INS_UNLISTED,
                None,
                detail={"count": journal.base.count - recorded.count},
                at=at,
            )
        else:
            removed: dict[str, DetailValue] = {"recorded": recorded.count, "found": head.count}
            if damaged:
                removed["damaged"] = damaged
            append(db, CenterAuditEvent.FAILED_SIGN_INS_REMOVED, None, detail=removed, at=at)
    for failure in new:
        append(
            db,
            CenterAuditEvent.SIGN_IN_FAILED,
            None,
            detail={"n": failure.index, "attempted": failure.attempted, "at": failure.at},
            at=at,
        )
    append(
        db,
        CenterAuditEvent.SIGN_IN if user is not None else CenterAuditEvent.FAILED_SIGN_INS_TAKEN,
        user,
        detail={"failures": head.count, "failures_hash": head.hash},
        at=at,
    )
    return appended + len(new)
