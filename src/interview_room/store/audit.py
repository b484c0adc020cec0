"""The tamper-evident audit log: who did what and when, never what was said.

Each entry carries the SHA-256 of the previous entry, so changing or deleting any row breaks
the chain from that row on; the keyring keeps the last known head, so removing the newest
rows is noticed too. Entries hold event names and ids only: ``detail`` values are numbers,
booleans or short identifiers, never free text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from interview_room.errors import InterviewRoomError
from interview_room.store.database import Database
from interview_room.store.keyring import AuditAnchor

GENESIS_HASH = "0" * 64
_IDENTIFIER = re.compile(r"^[A-Za-z0-9_.:@+-]{0,80}$")


class AuditEvent(StrEnum):
    WORKSTATION_CREATED = "workstation_created"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    CASE_CREATED = "case_created"
    CASE_OPENED = "case_opened"
    CASE_CHANGED = "case_changed"
    INTERVIEW_PAUSED = "interview_paused"
    INTERVIEW_CONTINUED = "interview_continued"
    INTERVIEW_STOPPED = "interview_stopped"
    CONSENT_REFUSED = "consent_refused"
    DECISION_RECORDED = "decision_recorded"
    EXPORT = "export"
    REFERRAL_SIGNED = "referral_signed"
    SYNC = "sync"
    RECEIPT_APPLIED = "receipt_applied"
    PERSONAL_DATA_PURGED = "personal_data_purged"
    USER_ADDED = "user_added"
    USER_DISABLED = "user_disabled"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    CERTIFICATE_ISSUED = "certificate_issued"
    SETTINGS_CHANGED = "settings_changed"
    STORE_MIGRATED = "store_migrated"
    STORE_REKEYED = "store_rekeyed"
    STORE_REKEY_DUE = "store_rekey_due"
    TRAINING_DATA_CREATED = "training_data_created"
    SEEN_BEFORE_CHECKED = "seen_before_checked"
    SEEN_BEFORE_DETAILS_CHANGED = "seen_before_details_changed"


class AuditDetailNotAllowed(InterviewRoomError):
    """Something that could be content was about to enter the audit log."""


DetailValue = int | bool | str | None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str | None
    event: str
    subject: str | None
    detail: str
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        return entry_hash(
            self.seq, self.at, self.actor, self.event, self.subject, self.detail, self.prev_hash
        )


@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain. ``first_broken_seq`` is None when the chain is whole."""

    entries: int
    first_broken_seq: int | None
    problem: str | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def entry_hash(
    seq: int,
    at: str,
    actor: str | None,
    event: str,
    subject: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, at, actor, event, subject, detail, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _checked_detail(detail: dict[str, DetailValue]) -> str:
    for key, value in detail.items():
        if not _IDENTIFIER.match(key):
            raise AuditDetailNotAllowed(f"Audit detail key {key!r} is not an identifier.")
        if isinstance(value, str) and not _IDENTIFIER.match(value):
            raise AuditDetailNotAllowed(
                f"Audit detail {key!r} must be an id or code, not free text."
            )
        if not isinstance(value, int | bool | str | type(None)):
            raise AuditDetailNotAllowed(f"Audit detail {key!r} has an unsupported type.")
    return json.dumps(detail, sort_keys=True, separators=(",", ":"))


class AuditLog:
    """Append and verify entries of the hash-chained audit log in one store."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def append(
        self,
        event: AuditEvent,
        actor: str | None,
        subject: str | None = None,
        detail: dict[str, DetailValue] | None = None,
        at: datetime | None = None,
    ) -> AuditEntry:
        """Add one entry after the current head, in the caller's transaction if there is one."""
        for value in (actor, subject):
            if value is not None and not _IDENTIFIER.match(value):
                raise AuditDetailNotAllowed("Audit actors and subjects must be ids, not text.")
        detail_json = _checked_detail(detail or {})
        moment = (at or datetime.now(UTC)).isoformat(timespec="milliseconds")
        with self._db.transaction():
            head = self._db.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            seq = int(head[0]) + 1 if head else 1
            prev = str(head[1]) if head else GENESIS_HASH
            digest = entry_hash(seq, moment, actor, event.value, subject, detail_json, prev)
            self._db.execute(
                "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, moment, actor, event.value, subject, detail_json, prev, digest),
            )
        return AuditEntry(seq, moment, actor, event.value, subject, detail_json, prev, digest)

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT seq, at, actor, event, subject, detail, prev_hash, hash FROM audit_log"
        sql += " ORDER BY seq DESC LIMIT ?" if limit else " ORDER BY seq"
        rows = self._db.all(sql, (limit,) if limit else ())
        entries = [AuditEntry(*row) for row in rows]
        return list(reversed(entries)) if limit else entries

    def head(self) -> AuditAnchor | None:
        row = self._db.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        return AuditAnchor(int(row[0]), str(row[1])) if row else None

    def advance_anchor(self, anchor: AuditAnchor | None) -> AuditAnchor | None:
        """The anchor to keep after new entries: the current head, unless the log no longer
        holds ``anchor`` (newest entries removed or rewritten), in which case ``anchor`` is kept
        so that :meth:`verify` still reports the loss instead of a new head hiding it."""
        if anchor is not None:
            row = self._db.one("SELECT hash FROM audit_log WHERE seq = ?", (anchor.seq,))
            if row is None or str(row[0]) != anchor.hash:
                return anchor
        return self.head()

    def verify(self, anchor: AuditAnchor | None = None) -> AuditVerification:
        """Walk the whole chain and name the first entry that was changed or removed."""
        expected_seq = 1
        prev_hash = GENESIS_HASH
        count = 0
        seen_anchor = anchor is None
        for entry in self.entries():
            count += 1
            if entry.seq != expected_seq:
                return AuditVerification(count, expected_seq, f"entry {expected_seq} was removed")
            if entry.hash != entry.expected_hash():
                return AuditVerification(count, entry.seq, f"entry {entry.seq} was changed")
            if entry.prev_hash != prev_hash:
                # The entry is self-consistent but does not follow its predecessor: either the
                # predecessor was rewritten with a recomputed hash, or this entry was forged
                # onto the chain. Name the earlier of the two, so the first broken entry is
                # never skipped.
                return AuditVerification(
                    count,
                    entry.seq - 1,
                    f"entry {entry.seq} does not follow entry {entry.seq - 1}",
                )
            if anchor is not None and entry.seq == anchor.seq:
                if entry.hash != anchor.hash:
                    return AuditVerification(count, entry.seq, f"entry {entry.seq} was changed")
                seen_anchor = True
            prev_hash = entry.hash
            expected_seq += 1
        if not seen_anchor and anchor is not None:
            return AuditVerification(
                count,
                expected_seq,
                f"entries {expected_seq} to {anchor.seq} were removed from the end",
            )
        return AuditVerification(count, None, None)
