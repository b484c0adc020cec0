"""Key slots: the one random database key, wrapped once per user and once for recovery.

This module opens and sets the slots and counts wrong passwords (``Keyring``) and reads and
writes the file under a lock (``KeyringFile``); the file's values are in ``keyring_records.py``,
its JSON form in ``keyring_document.py``, the re-key's view of the holders in
``keyring_holders.py``. Everything is importable from here as before.

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

import contextlib
import hashlib
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, exclusive_lock
from interview_room.station_folder import StationDescription
from interview_room.store.kdf import (
    KEY_BYTES,
    Argon2Params,
    derive_password_key,
    derive_recovery_key,
)
from interview_room.store.keyring_document import (
    FORMAT,
    LEGACY_SLOT_VERSION,
    READABLE_VERSIONS,
    VERSION,
    KeyringError,
)
from interview_room.store.keyring_holders import RECOVERY_HOLDER, KeyringHolders, KeyringTampered
from interview_room.store.keyring_records import (
    AuditAnchor,
    FailedAttempt,
    Holder,
    PasswordSlot,
    UnlockedKeys,
    WrappedSecret,
)
from interview_room.store.recovery_key import RecoveryKey
from interview_room.store.sealed_keys import KeyPair, holder_tag, open_sealed, seal
from interview_room.store.throttle import FailureCounter

__all__ = [
    "FORMAT",
    "LEGACY_SLOT_VERSION",
    "READABLE_VERSIONS",
    "RECOVERY_HOLDER",
    "VERSION",
    "AuditAnchor",
    "FailedAttempt",
    "Holder",
    "Keyring",
    "KeyringError",
    "KeyringFile",
    "KeyringTampered",
    "PasswordSlot",
    "RecoveryKeyInvalid",
    "UnlockedKeys",
    "WrappedSecret",
    "WrongPassword",
    "new_station",
    "normalise_username",
]

MAX_LOGGED_FAILURES = 500


class WrongPassword(InterviewRoomError):
    """Username or password is wrong (deliberately not saying which)."""

    def __init__(self) -> None:
        super().__init__("The username or password is wrong.")


class RecoveryKeyInvalid(InterviewRoomError):
    """The recovery key does not open this station's recovery slot."""

    def __init__(self) -> None:
        super().__init__("This recovery key does not belong to this workstation.")


class Keyring(KeyringHolders):
    """The keyring: password slots and the recovery slot opened and set, wrong passwords
    counted. Its file form is ``keyring_document.py``, its re-key ``keyring_holders.py``, its
    values ``keyring_records.py``."""

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
