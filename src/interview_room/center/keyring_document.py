"""``center.keyring`` as a document: the centre's id, the users' slots, the re-keys due, the
audit anchor and the journal of failed sign-ins, with its file form (formats 1 to 3, read; 2 or
3, written) and what binds a slot's keys to the centre, the user, the role and the store.
What a password opens and how the slots change is ``keyring.py``; the file on disk,
``sign_in.py``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Self

from interview_room.center.audit_log import FailureJournal
from interview_room.center.slots import CenterSlot
from interview_room.center.users import STORES_OF_ROLE, CenterRole, CenterStoreKind, CenterUser
from interview_room.errors import InterviewRoomError
from interview_room.store.keyring import AuditAnchor
from interview_room.store.throttle import FailureCounter

FORMAT = "interview-room-center-keyring"
VERSION = 2
"""Format 2: slots wrap an X25519 private key, the database key is sealed to its public key.
Format 1 files (and format 1 slots in a format 2 file) are still read."""
SPLIT_VERSION = 3
"""Format 3: the centre is split into two stores (``key_split.py``); each slot holds the
statistics key and, for the roles that open the registry, the registry's key."""
_READABLE_VERSIONS = (1, 2, 3)


class CenterKeyringError(InterviewRoomError):
    """``center.keyring`` is missing, damaged, or was not written by Interview Room."""


@dataclass
class CenterKeyringDocument:
    """What ``center.keyring`` holds, and its file form; changed only through
    :class:`~interview_room.center.keyring.CenterKeyring`."""

    center_id: str
    training: bool
    slots: dict[str, CenterSlot] = field(default_factory=dict)
    failure_counters: dict[str, FailureCounter] = field(default_factory=dict)
    rekey_due: str | None = None
    """Why the database key must change and has not yet (another program had the store open,
    a format 1 slot remains, or a re-key was cut short); retried at each sign-in."""
    audit_anchor: AuditAnchor | None = None
    """The centre audit log's head as last seen (``center/audit_log.py``)."""
    failures: FailureJournal = field(default_factory=FailureJournal)
    """Failed sign-ins not yet copied into the audit log, hash-chained."""
    split: bool = False
    """Format 3: the statistics have a store and a key of their own (``key_split.py``)."""
    statistics_rekey_due: str | None = None
    """As ``rekey_due``, for the statistics store's key."""

    @classmethod
    def new(cls, training: bool) -> Self:
        return cls(center_id=secrets.token_hex(8), training=training)

    def slot_aad(self, username: str, role: CenterRole, what: str | None = None) -> bytes:
        # Binds a slot to this centre, this user and this role. Format 1 wrapped the database
        # key under "v1/…"; format 2 names what is wrapped or sealed.
        if what is None:
            return f"{FORMAT}/v1/{self.center_id}/{username}/{role.value}".encode()
        return f"{FORMAT}/v2/{self.center_id}/{username}/{role.value}/{what}".encode()

    def key_aad(self, name: str, role: CenterRole, store: CenterStoreKind) -> bytes:
        """What a store's key sealed in a slot is bound to: the centre, the user, the role and
        the store (a statistics key moved into a registry holder opens nothing)."""
        return self.slot_aad(
            name, role, "key" if store is CenterStoreKind.REGISTRY else store.value
        )

    def stores_of(self, role: CenterRole) -> tuple[CenterStoreKind, ...]:
        """The stores whose key a slot of ``role`` holds: one store before the split."""
        return STORES_OF_ROLE[role] if self.split else (CenterStoreKind.REGISTRY,)

    def users(self) -> list[CenterUser]:
        return [slot.user() for _, slot in sorted(self.slots.items())]

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": SPLIT_VERSION if self.split else VERSION,
            "center_id": self.center_id,
            "training": self.training,
            "slots": [slot.to_json() for _, slot in sorted(self.slots.items())],
            "rekey_due": self.rekey_due,
            "statistics_rekey_due": self.statistics_rekey_due,
            "failure_counters": {
                name: {"count": c.count, "last_at": c.last_at.isoformat()}
                for name, c in sorted(self.failure_counters.items())
            },
            "audit_anchor": (
                None
                if self.audit_anchor is None
                else {"seq": self.audit_anchor.seq, "hash": self.audit_anchor.hash}
            ),
            "failed_sign_ins": self.failures.to_json(),
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, source: Path) -> Self:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("version") not in _READABLE_VERSIONS:
                raise CenterKeyringError(f"{source} is not a central office keyring.")
            slots = [CenterSlot.from_json(s) for s in raw["slots"]]
            rekey_due, statistics_due = raw.get("rekey_due"), raw.get("statistics_rekey_due")
            anchor = raw.get("audit_anchor")
            failures = raw.get("failed_sign_ins")
            return cls(
                center_id=str(raw["center_id"]),
                training=bool(raw["training"]),
                slots={slot.username: slot for slot in slots},
                rekey_due=None if rekey_due is None else str(rekey_due),
                failure_counters={
                    str(name): FailureCounter(int(c["count"]), datetime.fromisoformat(c["last_at"]))
                    for name, c in raw.get("failure_counters", {}).items()
                },
                audit_anchor=(
                    None if anchor is None else AuditAnchor(int(anchor["seq"]), str(anchor["hash"]))
                ),
                failures=FailureJournal()
                if failures is None
                else FailureJournal.from_json(failures),
                split=raw["version"] == SPLIT_VERSION,
                statistics_rekey_due=None if statistics_due is None else str(statistics_due),
            )
        except CenterKeyringError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CenterKeyringError(f"{source} is damaged and cannot be read.") from exc
