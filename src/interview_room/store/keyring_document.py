"""The keyring file's content and its JSON form (``Keyring.to_bytes``/``from_bytes``): what
is read and written, nothing about opening it (``keyring.py``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Self

from interview_room.errors import InterviewRoomError
from interview_room.station_folder import StationDescription
from interview_room.store.kdf import Argon2Params
from interview_room.store.keyring_records import (
    AuditAnchor,
    FailedAttempt,
    Holder,
    PasswordSlot,
    WrappedSecret,
)
from interview_room.store.throttle import FailureCounter

FORMAT = "interview-room-keyring"
VERSION = 2
READABLE_VERSIONS = (1, 2)
LEGACY_SLOT_VERSION = 1


class KeyringError(InterviewRoomError):
    """The keyring file is missing, unreadable or was not written by Interview Room."""


@dataclass
class KeyringDocument:
    """The keyring file's content. Mutated only through ``Keyring``'s methods, saved
    atomically."""

    station: StationDescription
    slots: dict[str, PasswordSlot]
    recovery: WrappedSecret
    failure_counters: dict[str, FailureCounter] = field(default_factory=dict)
    failed_attempts: list[FailedAttempt] = field(default_factory=list)
    audit_anchor: AuditAnchor | None = None
    login_language: str = "sq"
    recovery_holder: Holder | None = None
    """Format 2 recovery slot; None while ``recovery`` is still a format 1 slot."""
    rekey_due: str | None = None
    """Why the database key must change and has not yet (someone else had the store open, a
    format 1 slot remains, or a re-key was cut short); retried at each sign-in."""

    def _aad(self, kind: str, username: str, version: int) -> bytes:
        # Binds a slot to this station and this user: a slot copied elsewhere does not open.
        return f"{FORMAT}/v{version}/{self.station.station_id}/{kind}/{username}".encode()

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "station": self.station.to_json(),
            "login_language": self.login_language,
            "slots": [
                {
                    "username": s.username,
                    "kdf": s.kdf.to_json(),
                    "slot_version": LEGACY_SLOT_VERSION if s.holder is None else VERSION,
                    **s.wrapped.to_json(),
                    **({} if s.holder is None else {"holder": s.holder.to_json()}),
                }
                for s in sorted(self.slots.values(), key=lambda s: s.username)
            ],
            "recovery": (
                {"kdf": {"name": "hkdf-sha256"}, **self.recovery.to_json()}
                if self.recovery_holder is None
                else {
                    "kdf": {"name": "x25519-hkdf-sha256"},
                    "holder": self.recovery_holder.to_json(),
                }
            ),
            "rekey_due": self.rekey_due,
            "failure_counters": {
                name: {"count": c.count, "last_at": c.last_at.isoformat()}
                for name, c in sorted(self.failure_counters.items())
            },
            "failed_attempts": [{"username": f.username, "at": f.at} for f in self.failed_attempts],
            "audit_anchor": (
                {"seq": self.audit_anchor.seq, "hash": self.audit_anchor.hash}
                if self.audit_anchor
                else None
            ),
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")

    @classmethod
    @classmethod
    def from_bytes(cls, data: bytes, source: Path) -> Self:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("version") not in READABLE_VERSIONS:
                raise KeyringError(
                    f"{source} is not an Interview Room keyring of version {VERSION}."
                )
            station = StationDescription.from_json(raw["station"])
            slots = {
                s["username"]: PasswordSlot(
                    s["username"],
                    Argon2Params.from_json(s["kdf"]),
                    WrappedSecret.from_json(s),
                    Holder.from_json(s["holder"]) if "holder" in s else None,
                )
                for s in raw["slots"]
            }
            anchor_raw = raw.get("audit_anchor")
            recovery_raw = raw["recovery"]
            recovery_holder = (
                Holder.from_json(recovery_raw["holder"]) if "holder" in recovery_raw else None
            )
            rekey_due = raw.get("rekey_due")
            return cls(
                station=station,
                slots=slots,
                recovery=(
                    WrappedSecret(b"", b"", b"")
                    if recovery_holder
                    else WrappedSecret.from_json(recovery_raw)
                ),
                recovery_holder=recovery_holder,
                rekey_due=None if rekey_due is None else str(rekey_due),
                failure_counters={
                    name: FailureCounter(int(c["count"]), datetime.fromisoformat(c["last_at"]))
                    for name, c in raw.get("failure_counters", {}).items()
                },
                failed_attempts=[
                    FailedAttempt(str(f["username"]), str(f["at"]))
                    for f in raw.get("failed_attempts", [])
                ],
                audit_anchor=(
                    AuditAnchor(int(anchor_raw["seq"]), str(anchor_raw["hash"]))
                    if anchor_raw
                    else None
                ),
                login_language=str(raw.get("login_language", "sq")),
            )
        except KeyringError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyringError(f"{source} is damaged and cannot be read.") from exc
