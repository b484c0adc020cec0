"""Key slots: the one random database key, wrapped once per user and once for recovery.

The keyring is a small JSON file beside the database. It holds no personal data of any
interviewed person: the station's public description (for the login screen), one slot per
active user (AES-256-GCM under an Argon2id key from that user's password), the recovery slot,
wrong-password counters, and the audit log's last known head.

A password slot wraps 64 bytes: the database key and the user's *personal key*, which protects
things only that user may open (their signing key, in later issues).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, exclusive_lock
from interview_room.station_folder import StationDescription
from interview_room.store.kdf import (
    KEY_BYTES,
    Argon2Params,
    derive_password_key,
    derive_recovery_key,
)
from interview_room.store.recovery_key import RecoveryKey
from interview_room.store.throttle import FailureCounter

FORMAT = "interview-room-keyring"
VERSION = 1
MAX_LOGGED_FAILURES = 500


class KeyringError(InterviewRoomError):
    """The keyring file is missing, unreadable or was not written by Interview Room."""


class WrongPassword(InterviewRoomError):
    """Username or password is wrong (deliberately not saying which)."""

    def __init__(self) -> None:
        super().__init__("The username or password is wrong.")


class RecoveryKeyInvalid(InterviewRoomError):
    """The recovery key does not open this station's recovery slot."""

    def __init__(self) -> None:
        super().__init__("This recovery key does not belong to this workstation.")


@dataclass(frozen=True)
class UnlockedKeys:
    """The secrets a successful unlock yields. Never logged, never written in clear."""

    database_key: bytes
    personal_key: bytes

    def __repr__(self) -> str:
        return "UnlockedKeys(<hidden>)"


@dataclass(frozen=True)
class WrappedSecret:
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, str]:
        return {
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> WrappedSecret:
        return cls(_unb64(raw["salt"]), _unb64(raw["nonce"]), _unb64(raw["ciphertext"]))


@dataclass(frozen=True)
class PasswordSlot:
    username: str
    kdf: Argon2Params
    wrapped: WrappedSecret


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


@dataclass
class Keyring:
    """The keyring file's content. Mutated only through the methods below, saved atomically."""

    station: StationDescription
    slots: dict[str, PasswordSlot]
    recovery: WrappedSecret
    failure_counters: dict[str, FailureCounter] = field(default_factory=dict)
    failed_attempts: list[FailedAttempt] = field(default_factory=list)
    audit_anchor: AuditAnchor | None = None
    login_language: str = "sq"

    # -- slots ---------------------------------------------------------------------------

    def has_user(self, username: str) -> bool:
        return normalise_username(username) in self.slots

    def set_password_slot(
        self, username: str, password: str, keys: UnlockedKeys, kdf: Argon2Params
    ) -> None:
        """Wrap ``keys`` for ``username`` under ``password``, replacing any earlier slot."""
        name = normalise_username(username)
        salt = secrets.token_bytes(16)
        wrapping_key = derive_password_key(password, salt, kdf)
        nonce = secrets.token_bytes(12)
        plaintext = keys.database_key + keys.personal_key
        ciphertext = _seal(wrapping_key, nonce, plaintext, self._aad("password", name))
        self.slots[name] = PasswordSlot(name, kdf, WrappedSecret(salt, nonce, ciphertext))

    def remove_slot(self, username: str) -> None:
        self.slots.pop(normalise_username(username), None)

    def open_password_slot(self, username: str, password: str) -> UnlockedKeys:
        """Unwrap the keys for ``username``; a wrong password raises :class:`WrongPassword`.

        An unknown username costs the same derivation as a known one, so timing does not
        reveal which usernames exist.
        """
        name = normalise_username(username)
        slot = self.slots.get(name)
        if slot is None:
            derive_password_key(password, secrets.token_bytes(16), _decoy_params(self))
            raise WrongPassword()
        wrapping_key = derive_password_key(password, slot.wrapped.salt, slot.kdf)
        plaintext = _open(
            wrapping_key, slot.wrapped.nonce, slot.wrapped.ciphertext, self._aad("password", name)
        )
        if plaintext is None:
            raise WrongPassword()
        return UnlockedKeys(plaintext[:KEY_BYTES], plaintext[KEY_BYTES:])

    def set_recovery(self, recovery_key: RecoveryKey, database_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapping_key = derive_recovery_key(recovery_key.secret, salt)
        ciphertext = _seal(wrapping_key, nonce, database_key, self._aad("recovery", ""))
        self.recovery = WrappedSecret(salt, nonce, ciphertext)

    def open_recovery(self, recovery_key: RecoveryKey) -> bytes:
        """Return the database key, or raise :class:`RecoveryKeyInvalid`."""
        wrapping_key = derive_recovery_key(recovery_key.secret, self.recovery.salt)
        database_key = _open(
            wrapping_key, self.recovery.nonce, self.recovery.ciphertext, self._aad("recovery", "")
        )
        if database_key is None:
            raise RecoveryKeyInvalid()
        return database_key

    def _aad(self, kind: str, username: str) -> bytes:
        # Binds a slot to this station and this user: a slot copied elsewhere does not open.
        return f"{FORMAT}/v{VERSION}/{self.station.station_id}/{kind}/{username}".encode()

    # -- wrong passwords -----------------------------------------------------------------

    def retry_after(self, username: str, now: datetime) -> float:
        name = normalise_username(username)
        counter = self.failure_counters.get(name if name in self.slots else _unknown_key(name))
        return counter.retry_after(now) if counter else 0.0

    def record_failure(self, username: str, now: datetime) -> FailureCounter:
        """Count one wrong password for ``username`` and keep it for the audit log.

        A username that has no slot is whatever someone typed (perhaps a password in the wrong
        box), so it is counted under a one-way hash and logged only as ``unknown``.
        """
        name = normalise_username(username)
        known = name in self.slots
        key = name if known else _unknown_key(name)
        previous = self.failure_counters.get(key)
        counter = FailureCounter((previous.count if previous else 0) + 1, now)
        self.failure_counters[key] = counter
        self.failed_attempts.append(FailedAttempt(name if known else "unknown", now.isoformat()))
        del self.failed_attempts[:-MAX_LOGGED_FAILURES]
        return counter

    def clear_failures(self, username: str) -> None:
        self.failure_counters.pop(normalise_username(username), None)

    def take_failed_attempts(self) -> list[FailedAttempt]:
        taken, self.failed_attempts = self.failed_attempts, []
        return taken

    # -- file ----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "station": self.station.to_json(),
            "login_language": self.login_language,
            "slots": [
                {"username": s.username, "kdf": s.kdf.to_json(), **s.wrapped.to_json()}
                for s in sorted(self.slots.values(), key=lambda s: s.username)
            ],
            "recovery": {"kdf": {"name": "hkdf-sha256"}, **self.recovery.to_json()},
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
    def from_bytes(cls, data: bytes, source: Path) -> Keyring:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("version") != VERSION:
                raise KeyringError(
                    f"{source} is not an Interview Room keyring of version {VERSION}."
                )
            station = StationDescription.from_json(raw["station"])
            slots = {
                s["username"]: PasswordSlot(
                    s["username"], Argon2Params.from_json(s["kdf"]), WrappedSecret.from_json(s)
                )
                for s in raw["slots"]
            }
            anchor_raw = raw.get("audit_anchor")
            return cls(
                station=station,
                slots=slots,
                recovery=WrappedSecret.from_json(raw["recovery"]),
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


def _seal(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    # cryptography's AEAD module costs ~15 ms to import: load it at first use, not at start-up.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None when the key is wrong or the slot was changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def _unknown_key(name: str) -> str:
    return "unknown:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def _decoy_params(keyring: Keyring) -> Argon2Params:
    for slot in keyring.slots.values():
        return slot.kdf
    return Argon2Params(64 * 1024, 3, 4)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_station(name: str, code: str, training: bool) -> StationDescription:
    return StationDescription(
        station_id=secrets.token_hex(8),
        name=name,
        code=code,
        training=training,
        created_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )


class KeyringFile:
    """The keyring on disk: read, and read-modify-write under an advisory lock."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> Keyring:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise KeyringError(
                f"No keyring at {self.path}: this workstation is not set up."
            ) from None
        return Keyring.from_bytes(data, self.path)

    def write(self, keyring: Keyring) -> None:
        atomic_write_bytes(self.path, keyring.to_bytes())

    @contextlib.contextmanager
    def update(self) -> Iterator[Keyring]:
        """Yield the current keyring and save it when the block ends without error."""
        with self._lock():
            keyring = self.read()
            yield keyring
            self.write(keyring)

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        # On Windows too (msvcrt): two app windows or a script must not lose each other's
        # wrong-password counts.
        return exclusive_lock(self.path.with_name(self.path.name + ".lock"))
