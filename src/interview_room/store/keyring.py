"""Key slots: the one random database key, wrapped once per user and once for recovery.

The keyring is a small JSON file beside the database. It holds no personal data of any
interviewed person: the station's public description (for the login screen), one slot per
active user (AES-256-GCM under an Argon2id key from that user's password), the recovery slot,
wrong-password counters, and the audit log's last known head.

A password slot (format 2) wraps 64 bytes under the password: the user's X25519 private key and
their *personal key*, which protects things only that user may open (their signing key, their
hold on the certificate authority). The database key is sealed separately to each holder's
public key (``sealed_keys.py``), so a re-key (``rekey.py``) can hand a new database key to every
remaining holder without their passwords. The recovery holder's private key is derived from the
recovery key. Format 1 slots (the database key wrapped directly under the password) are still
read, and are rewritten in format 2 at that user's next sign-in (the recovery slot at the
recovery key's next use).
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
from interview_room.store.sealed_keys import (
    PUBLIC_KEY_BYTES,
    KeyPair,
    SealedKey,
    holder_tag,
    holder_tag_valid,
    open_sealed,
    seal,
    sealed_from_json,
    sealed_to_json,
)
from interview_room.store.throttle import FailureCounter

FORMAT = "interview-room-keyring"
VERSION = 2
READABLE_VERSIONS = (1, 2)
LEGACY_SLOT_VERSION = 1
RECOVERY_HOLDER = "recovery"
"""How :meth:`Keyring.legacy_holders` names the recovery slot (usernames are never this)."""
MAX_LOGGED_FAILURES = 500


class KeyringError(InterviewRoomError):
    """The keyring file is missing, unreadable or was not written by Interview Room."""


class KeyringTampered(KeyringError):
    """The keyring lists a key holder that no one holding the database key made (a slot put
    back by a disabled user, a public key swapped): a re-key refuses to seal to it."""


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
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> WrappedSecret:
        return cls(_unb64(raw["salt"]), _unb64(raw["nonce"]), _unb64(raw["ciphertext"]))


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
            "public_key": _b64(self.public_key),
            "database_key": sealed_to_json(self.database_key),
            "next_database_key": (
                None if self.next_database_key is None else sealed_to_json(self.next_database_key)
            ),
            "tag": None if self.tag is None else _b64(self.tag),
            "next_tag": None if self.next_tag is None else _b64(self.next_tag),
        }

    def promoted(self) -> Holder:
        """The next key (and its tag) made current."""
        assert self.next_database_key is not None
        return Holder(self.public_key, self.next_database_key, tag=self.next_tag)

    def without_next(self) -> Holder:
        return Holder(self.public_key, self.database_key, tag=self.tag)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Holder:
        public_key = _unb64(raw["public_key"])
        if len(public_key) != PUBLIC_KEY_BYTES:
            raise ValueError("not an X25519 public key")
        following = raw.get("next_database_key")
        tag, next_tag = raw.get("tag"), raw.get("next_tag")
        return cls(
            public_key,
            sealed_from_json(raw["database_key"]),
            None if following is None else sealed_from_json(following),
            None if tag is None else _unb64(str(tag)),
            None if next_tag is None else _unb64(str(next_tag)),
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
    recovery_holder: Holder | None = None
    """Format 2 recovery slot; None while ``recovery`` is still a format 1 slot."""
    rekey_due: str | None = None
    """Why the database key must change and has not yet (someone else had the store open, a
    format 1 slot remains, or a re-key was cut short); retried at each sign-in."""

    # -- slots ---------------------------------------------------------------------------

    def has_user(self, username: str) -> bool:
        return normalise_username(username) in self.slots

    def set_password_slot(
        self, username: str, password: str, keys: UnlockedKeys, kdf: Argon2Params
    ) -> None:
        """Give ``username`` a new format 2 slot under ``password``, replacing any earlier one:
        a new key pair (so an old copy of the slot, with the old password, opens nothing sealed
        from now on), the personal key of ``keys``, and ``keys``' database key sealed to it."""
        name = normalise_username(username)
        pair = KeyPair.generate()
        salt = secrets.token_bytes(16)
        wrapping_key = derive_password_key(password, salt, kdf)
        nonce = secrets.token_bytes(12)
        plaintext = pair.private + keys.personal_key
        ciphertext = _seal(wrapping_key, nonce, plaintext, self._aad("password", name, VERSION))
        self.slots[name] = PasswordSlot(
            name,
            kdf,
            WrappedSecret(salt, nonce, ciphertext),
            self._new_holder(pair.public, keys.database_key, "sealed", name),
        )

    def _new_holder(self, public: bytes, database_key: bytes, kind: str, name: str) -> Holder:
        aad = self._aad(kind, name, VERSION)
        return Holder(
            public, seal(public, database_key, aad), tag=holder_tag(database_key, public, aad)
        )

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
        version = LEGACY_SLOT_VERSION if slot.holder is None else VERSION
        plaintext = _open(
            wrapping_key,
            slot.wrapped.nonce,
            slot.wrapped.ciphertext,
            self._aad("password", name, version),
        )
        if plaintext is None:
            raise WrongPassword()
        if slot.holder is None:
            return UnlockedKeys(plaintext[:KEY_BYTES], plaintext[KEY_BYTES:])
        pair = KeyPair.from_private(plaintext[:KEY_BYTES])
        keys = self._open_holder(pair, slot.holder, "sealed", name)
        if keys is None:  # a public key or sealed key swapped in from elsewhere
            raise WrongPassword()
        return UnlockedKeys(keys[0], plaintext[KEY_BYTES:], keys[1])

    def _open_holder(
        self, pair: KeyPair, holder: Holder, kind: str, name: str
    ) -> tuple[bytes, bytes | None] | None:
        aad = self._aad(kind, name, VERSION)
        if pair.public != holder.public_key:
            return None
        current = open_sealed(pair, holder.database_key, aad)
        if current is None:
            return None
        pending = (
            None
            if holder.next_database_key is None
            else open_sealed(pair, holder.next_database_key, aad)
        )
        return current, pending

    def set_recovery(self, recovery_key: RecoveryKey, database_key: bytes) -> None:
        """Seal ``database_key`` to the recovery key's public key (format 2)."""
        pair = KeyPair.for_recovery(recovery_key.secret)
        self.recovery = WrappedSecret(b"", b"", b"")
        self.recovery_holder = self._new_holder(pair.public, database_key, "recovery", "")

    def open_recovery(self, recovery_key: RecoveryKey) -> bytes:
        """Return the database key, or raise :class:`RecoveryKeyInvalid`."""
        return self.open_recovery_keys(recovery_key).database_key

    def open_recovery_keys(self, recovery_key: RecoveryKey) -> UnlockedKeys:
        """The database key (and the pending one during a re-key) the recovery key opens, with
        an empty personal key; :class:`RecoveryKeyInvalid` if it opens nothing."""
        if self.recovery_holder is not None:
            pair = KeyPair.for_recovery(recovery_key.secret)
            keys = self._open_holder(pair, self.recovery_holder, "recovery", "")
            if keys is None:
                raise RecoveryKeyInvalid()
            return UnlockedKeys(keys[0], b"", keys[1])
        wrapping_key = derive_recovery_key(recovery_key.secret, self.recovery.salt)
        database_key = _open(
            wrapping_key,
            self.recovery.nonce,
            self.recovery.ciphertext,
            self._aad("recovery", "", LEGACY_SLOT_VERSION),
        )
        if database_key is None:
            raise RecoveryKeyInvalid()
        return UnlockedKeys(database_key, b"")

    def _aad(self, kind: str, username: str, version: int) -> bytes:
        # Binds a slot to this station and this user: a slot copied elsewhere does not open.
        return f"{FORMAT}/v{version}/{self.station.station_id}/{kind}/{username}".encode()

    # -- re-keying (rekey.py) ----------------------------------------------------------------

    def legacy_holders(self) -> list[str]:
        """Who still has a format 1 slot, which a re-key cannot reach without their secret:
        usernames, and :data:`RECOVERY_HOLDER` for the recovery slot."""
        names = sorted(s.username for s in self.slots.values() if s.holder is None)
        return names + ([RECOVERY_HOLDER] if self.recovery_holder is None else [])

    @property
    def rekey_in_progress(self) -> bool:
        return any(h.next_database_key is not None for _, _, h in self._holders())

    def seal_next(self, database_key: bytes, current_key: bytes) -> None:
        """Seal the next database key beside the current one for every holder. Raises
        :class:`KeyringTampered` if a holder's tag is not one ``current_key`` made (a holder
        added or a public key swapped by someone who can write the file), sealing nothing."""
        if self.legacy_holders():
            raise KeyringError("A format 1 slot cannot be given a new database key.")
        holders = self._holders()
        for kind, name, holder in holders:
            aad = self._aad(kind, name, VERSION)
            if not holder_tag_valid(current_key, holder.public_key, aad, holder.tag):
                raise KeyringTampered(
                    f"The keyring's holder {kind}/{name or '-'} was not made with the current"
                    " database key; no new key is sealed to it."
                )
        for kind, name, holder in holders:
            aad = self._aad(kind, name, VERSION)
            following = seal(holder.public_key, database_key, aad)
            self._replace_holder(
                kind,
                name,
                Holder(
                    holder.public_key,
                    holder.database_key,
                    following,
                    holder.tag,
                    holder_tag(database_key, holder.public_key, aad),
                ),
            )

    def promote_next(self) -> None:
        """The store now opens with the next key: make it every holder's current one."""
        for kind, name, holder in self._holders():
            if holder.next_database_key is not None:
                self._replace_holder(kind, name, holder.promoted())

    def drop_next(self) -> None:
        """The store kept its key: forget the next one."""
        for kind, name, holder in self._holders():
            self._replace_holder(kind, name, holder.without_next())

    def _holders(self) -> list[tuple[str, str, Holder]]:
        found = [("sealed", s.username, s.holder) for s in self.slots.values() if s.holder]
        if self.recovery_holder is not None:
            found.append(("recovery", "", self.recovery_holder))
        return found

    def _replace_holder(self, kind: str, name: str, holder: Holder) -> None:
        if kind == "recovery":
            self.recovery_holder = holder
        else:
            slot = self.slots[name]
            self.slots[name] = PasswordSlot(slot.username, slot.kdf, slot.wrapped, holder)

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
    def from_bytes(cls, data: bytes, source: Path) -> Keyring:
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
