"""The values a keyring file holds: the keys a sign-in unlocks, a password slot, a holder of the
sealed database key, a wrong password kept for the audit log, the audit log's last head."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from interview_room.store.kdf import Argon2Params
from interview_room.store.sealed_keys import (
    PUBLIC_KEY_BYTES,
    SealedKey,
    sealed_from_json,
    sealed_to_json,
)


@dataclass(frozen=True)
class UnlockedKeys:
    """The secrets a successful unlock yields. Never logged, never written in clear."""

    database_key: bytes
    personal_key: bytes
    pending_database_key: bytes | None = None
    """The next database key while a re-key is under way (or was cut by a crash): the store
    opens with exactly one of the two."""

    def __repr__(self) -> str:
        return "UnlockedKeys(<hidden>)"

    @property
    def candidates(self) -> tuple[bytes, ...]:
        pending = self.pending_database_key
        return (self.database_key,) if pending is None else (self.database_key, pending)

    def settled(self, database_key: bytes) -> UnlockedKeys:
        """These keys once the store is known to open with ``database_key``."""
        return UnlockedKeys(database_key, self.personal_key)


@dataclass(frozen=True)
class WrappedSecret:
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, str]:
        return {
            "salt": b64(self.salt),
            "nonce": b64(self.nonce),
            "ciphertext": b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> WrappedSecret:
        return cls(unb64(raw["salt"]), unb64(raw["nonce"]), unb64(raw["ciphertext"]))


@dataclass(frozen=True)
class Holder:
    """Format 2: a holder's public key and the database key sealed to it (and, while a re-key
    is under way, the next database key too)."""

    public_key: bytes
    database_key: SealedKey
    next_database_key: SealedKey | None = None
    tag: bytes | None = None
    """``sealed_keys.holder_tag`` under the database key sealed here: proof that someone who
    held that key made this holder (a re-key seals only to holders it proves)."""
    next_tag: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "public_key": b64(self.public_key),
            "database_key": sealed_to_json(self.database_key),
            "next_database_key": (
                None if self.next_database_key is None else sealed_to_json(self.next_database_key)
            ),
            "tag": None if self.tag is None else b64(self.tag),
            "next_tag": None if self.next_tag is None else b64(self.next_tag),
        }

    def promoted(self) -> Holder:
        """The next key (and its tag) made current."""
        assert self.next_database_key is not None
        return Holder(self.public_key, self.next_database_key, tag=self.next_tag)

    def without_next(self) -> Holder:
        return Holder(self.public_key, self.database_key, tag=self.tag)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Holder:
        public_key = unb64(raw["public_key"])
        if len(public_key) != PUBLIC_KEY_BYTES:
            raise ValueError("not an X25519 public key")
        following = raw.get("next_database_key")
        tag, next_tag = raw.get("tag"), raw.get("next_tag")
        return cls(
            public_key,
            sealed_from_json(raw["database_key"]),
            None if following is None else sealed_from_json(following),
            None if tag is None else unb64(str(tag)),
            None if next_tag is None else unb64(str(next_tag)),
        )


@dataclass(frozen=True)
class PasswordSlot:
    username: str
    kdf: Argon2Params
    wrapped: WrappedSecret
    holder: Holder | None = None
    """None: a format 1 slot, whose ``wrapped`` holds the database key itself."""

    @property
    def legacy(self) -> bool:
        return self.holder is None


@dataclass(frozen=True)
class FailedAttempt:
    """One wrong password, kept until the next login copies it into the audit log."""

    username: str
    at: str


@dataclass(frozen=True)
class AuditAnchor:
    """The audit log's head as last seen, so that removing its newest entries is noticed."""

    seq: int
    hash: str


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
