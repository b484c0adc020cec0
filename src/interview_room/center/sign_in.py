"""The central office's key slots: ``center.keyring``, beside ``center.db``.

The centre's database key is random; it exists on disk only sealed, once per centre user,
to that user's X25519 public key, whose private key is wrapped with AES-256-GCM under an Argon2id
key derived from the user's password (the same derivation and floor as a station's slots,
``store/kdf.py``; the sealing of ``store/sealed_keys.py``, decision 0009). So whoever holds the
database key can give a new one to every user without their passwords: removing a user or
changing a password re-keys the store (``center/rekey.py``) and an old copy of this file opens
nothing. A format 1 slot (before re-keying) wraps the database key itself; it becomes format 2
at its user's next sign-in. The file also holds each user's name and
role (bound into the slot's authenticated data, so an edited role opens nothing) and the
wrong-password counters. Passwords are tried one at a time across processes, under a lock,
as at a station.

A training centre created without users keeps its key in ``center.key`` (synthetic data only);
a real centre from before sign-in existed is moved to slots by :func:`set_first_password`.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from interview_room.accounts import check_password_strength, check_username
from interview_room.center.audit_log import FailureJournal
from interview_room.center.users import (
    CenterLastAdministrator,
    CenterRole,
    CenterUnknownUser,
    CenterUser,
    CenterUserError,
    CenterUsernameTaken,
)
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, exclusive_lock, fsync_dir
from interview_room.store.kdf import KEY_BYTES, Argon2Params, derive_password_key
from interview_room.store.keyring import AuditAnchor, Holder, WrongPassword
from interview_room.store.sealed_keys import (
    KeyPair,
    holder_tag,
    holder_tag_valid,
    open_sealed,
    seal,
)
from interview_room.store.throttle import FailureCounter, UnlockThrottled

KEYRING_FILE = "center.keyring"
SIGN_IN_LOCK = "center.sign-in.lock"
FORMAT = "interview-room-center-keyring"
VERSION = 2
"""Format 2: slots wrap an X25519 private key, the database key is sealed to its public key.
Format 1 files (and format 1 slots in a format 2 file) are still read."""
_READABLE_VERSIONS = (1, 2)
OWN_WORDS = ("qendra", "qendrore", "central", "office", "interview", "room")
"""Words a guesser tries first at any centre, refused inside a centre password."""


class CenterKeyringError(InterviewRoomError):
    """``center.keyring`` is missing, damaged, or was not written by Interview Room."""


class CenterKeyringTampered(CenterKeyringError):
    """``center.keyring`` lists a user no one holding the database key added (a removed
    user's slot put back, a public key swapped): a re-key refuses to seal to them."""


class CenterWrongPassword(WrongPassword):
    """A wrong centre password; the next attempt for this username waits
    ``retry_after_seconds``."""

    def __init__(self, retry_after_seconds: float) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class CenterSlot:
    username: str
    display_name: str
    role: CenterRole
    kdf: Argon2Params
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    created_at: str
    created_by: str | None
    holder: Holder | None = None
    """Format 2: the user's public key and the database key sealed to it (``ciphertext`` then
    wraps the private key). None: a format 1 slot, whose ``ciphertext`` is the database key."""

    def user(self) -> CenterUser:
        return CenterUser(self.username, self.display_name, self.role)

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
            "created_at": self.created_at,
            "created_by": self.created_by,
            "holder": None if self.holder is None else self.holder.to_json(),
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> CenterSlot:
        kdf = raw["kdf"]
        if not isinstance(kdf, dict):
            raise ValueError("kdf")
        created_by = raw.get("created_by")
        holder = raw.get("holder")
        if holder is not None and not isinstance(holder, dict):
            raise ValueError("holder")
        return cls(
            username=str(raw["username"]),
            display_name=str(raw["display_name"]),
            role=CenterRole(str(raw["role"])),
            kdf=Argon2Params.from_json(kdf),
            salt=_unb64(str(raw["salt"])),
            nonce=_unb64(str(raw["nonce"])),
            ciphertext=_unb64(str(raw["ciphertext"])),
            created_at=str(raw["created_at"]),
            created_by=None if created_by is None else str(created_by),
            holder=None if holder is None else Holder.from_json(holder),
        )


@dataclass(frozen=True)
class OpenedSlot:
    """What a password opened: the user, the database key and, while a re-key is under way
    (or was cut short), the next one; the store opens with exactly one of them."""

    user: CenterUser
    database_key: bytes
    pending_database_key: bytes | None = None
    upgraded: bool = False
    """The slot was format 1 and is now format 2 (the keyring must be written)."""

    def __repr__(self) -> str:
        return f"OpenedSlot({self.user.username!r}, <hidden>)"

    @property
    def candidates(self) -> tuple[bytes, ...]:
        pending = self.pending_database_key
        return (self.database_key,) if pending is None else (self.database_key, pending)


@dataclass
class CenterKeyring:
    """The content of ``center.keyring``; changed only through these methods."""

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

    @classmethod
    def new(cls, training: bool) -> CenterKeyring:
        return cls(center_id=secrets.token_hex(8), training=training)

    def _aad(self, username: str, role: CenterRole, what: str | None = None) -> bytes:
        # Binds a slot to this centre, this user and this role. Format 1 wrapped the database
        # key under "v1/…"; format 2 names what is wrapped or sealed.
        if what is None:
            return f"{FORMAT}/v1/{self.center_id}/{username}/{role.value}".encode()
        return f"{FORMAT}/v2/{self.center_id}/{username}/{role.value}/{what}".encode()

    def _new_slot(
        self,
        name: str,
        display_name: str,
        role: CenterRole,
        password: str,
        database_key: bytes,
        kdf: Argon2Params,
        created_at: str,
        created_by: str | None,
    ) -> CenterSlot:
        """A format 2 slot with a new key pair: the private key wrapped under the password,
        ``database_key`` sealed to the public key."""
        pair = KeyPair.generate()
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapping_key = derive_password_key(password, salt, kdf)
        wrapped = _seal(wrapping_key, nonce, pair.private, self._aad(name, role, "private-key"))
        holder = self._new_holder(pair.public, database_key, name, role)
        return CenterSlot(
            name, display_name, role, kdf, salt, nonce, wrapped, created_at, created_by, holder
        )

    def users(self) -> list[CenterUser]:
        return [slot.user() for _, slot in sorted(self.slots.items())]

    def add_user(
        self,
        username: str,
        display_name: str,
        role: CenterRole,
        password: str,
        database_key: bytes,
        kdf: Argon2Params,
        created_by: str | None,
    ) -> CenterUser:
        """A slot for a new user; refuses a taken username or a weak password."""
        name = check_username(username)
        if name in self.slots:
            raise CenterUsernameTaken(name)
        if not display_name.strip():
            raise CenterUserError("A user needs a display name.")
        check_password_strength(password, (name, display_name, *OWN_WORDS))
        self.slots[name] = self._new_slot(
            name,
            display_name.strip(),
            role,
            password,
            database_key,
            kdf,
            datetime.now(UTC).isoformat(timespec="seconds"),
            created_by,
        )
        return self.slots[name].user()

    def change_password(
        self,
        username: str,
        old_password: str,
        new_password: str,
        database_key: bytes,
        kdf: Argon2Params,
    ) -> None:
        """Give ``username`` a new slot under ``new_password`` with a new key pair, so that an
        old copy opened with the old password yields a private key nothing is sealed to after
        the next re-key. :class:`WrongPassword` when ``old_password`` does not open the slot."""
        opened = self.open_slot(username, old_password)
        self.replace_password(opened.user.username, new_password, database_key, kdf)

    def replace_password(
        self, username: str, new_password: str, database_key: bytes, kdf: Argon2Params
    ) -> None:
        """``change_password`` once the old password has been checked (by the caller, under
        the sign-in lock, with the wait and the journal of a sign-in)."""
        slot = self.slots[username]
        check_password_strength(new_password, (slot.username, slot.display_name, *OWN_WORDS))
        self.slots[slot.username] = self._new_slot(
            slot.username,
            slot.display_name,
            slot.role,
            new_password,
            database_key,
            kdf,
            slot.created_at,
            slot.created_by,
        )

    def remove_user(self, username: str) -> None:
        """Take a user's slot away; the last administrator stays."""
        name = username.strip().casefold()
        slot = self.slots.get(name)
        if slot is None:
            raise CenterUnknownUser(name)
        admins = [s for s in self.slots.values() if s.role is CenterRole.CENTER_ADMIN]
        if slot.role is CenterRole.CENTER_ADMIN and len(admins) == 1:
            raise CenterLastAdministrator()
        del self.slots[name]
        self.failure_counters.pop(name, None)

    def drop_unexplained(self, explained: Callable[[str, str], bool], keep: str) -> list[str]:
        """Take away every slot ``explained(username, created_at)`` does not account for (the
        centre's audit log, ``audit_log.key_holders``): someone who held the database key
        planted it, and a re-key must not seal the new key to it. ``keep`` (the user making
        the change) stays; so does everything when no administrator would remain (then
        :class:`CenterKeyringTampered`). Returns the usernames taken away."""
        unexplained = sorted(
            name
            for name, slot in self.slots.items()
            if name != keep and not explained(name, slot.created_at)
        )
        remaining = [s for n, s in self.slots.items() if n not in unexplained]
        if unexplained and not any(s.role is CenterRole.CENTER_ADMIN for s in remaining):
            raise CenterKeyringTampered(
                "center.keyring lists administrators the central office's audit log never"
                " added; nothing was changed."
            )
        for name in unexplained:
            del self.slots[name]
            self.failure_counters.pop(name, None)
        return unexplained

    def open_slot(self, username: str, password: str) -> OpenedSlot:
        """The user and the database key(s); :class:`WrongPassword` otherwise. An unknown
        username costs the same derivation as a known one. A format 1 slot is rewritten in
        format 2 on the way (same password, no second derivation)."""
        name = username.strip().casefold()
        slot = self.slots.get(name)
        if slot is None:
            derive_password_key(password, secrets.token_bytes(16), self._decoy_kdf())
            raise WrongPassword()
        wrapping_key = derive_password_key(password, slot.salt, slot.kdf)
        if slot.holder is None:
            key = _open(wrapping_key, slot.nonce, slot.ciphertext, self._aad(name, slot.role))
            if key is None or len(key) != KEY_BYTES:
                raise WrongPassword()
            self._upgrade(slot, wrapping_key, key)
            return OpenedSlot(slot.user(), key, upgraded=True)
        private = _open(
            wrapping_key, slot.nonce, slot.ciphertext, self._aad(name, slot.role, "private-key")
        )
        if private is None or len(private) != KEY_BYTES:
            raise WrongPassword()
        pair = KeyPair.from_private(private)
        aad = self._aad(name, slot.role, "key")
        key = open_sealed(pair, slot.holder.database_key, aad)
        following = slot.holder.next_database_key
        pending = None if following is None else open_sealed(pair, following, aad)
        if key is None or len(key) != KEY_BYTES or pair.public != slot.holder.public_key:
            raise WrongPassword()  # a slot pieced together from two files opens nothing
        return OpenedSlot(slot.user(), key, pending)

    def _upgrade(self, slot: CenterSlot, wrapping_key: bytes, database_key: bytes) -> None:
        pair = KeyPair.generate()
        nonce = secrets.token_bytes(12)
        aad = self._aad(slot.username, slot.role, "private-key")
        self.slots[slot.username] = dataclasses.replace(
            slot,
            nonce=nonce,
            ciphertext=_seal(wrapping_key, nonce, pair.private, aad),
            holder=self._new_holder(pair.public, database_key, slot.username, slot.role),
        )

    def _new_holder(
        self, public: bytes, database_key: bytes, name: str, role: CenterRole
    ) -> Holder:
        aad = self._aad(name, role, "key")
        return Holder(
            public, seal(public, database_key, aad), tag=holder_tag(database_key, public, aad)
        )

    # -- re-keying (center/rekey.py says in what order) --------------------------------------

    def legacy_holders(self) -> list[str]:
        """Users whose format 1 slot a re-key cannot reach without their password."""
        return sorted(name for name, slot in self.slots.items() if slot.holder is None)

    @property
    def rekey_in_progress(self) -> bool:
        return any(
            slot.holder is not None and slot.holder.next_database_key is not None
            for slot in self.slots.values()
        )

    def seal_next(self, database_key: bytes, current_key: bytes) -> None:
        """Seal the next database key beside the current one for every user. Raises
        :class:`CenterKeyringTampered`, sealing nothing, if a user's holder was not made with
        ``current_key`` (a removed user's slot put back, a public key swapped)."""
        if self.legacy_holders():
            raise CenterKeyringError("A format 1 slot cannot be given a new database key.")
        for name, slot in self.slots.items():
            assert slot.holder is not None
            aad = self._aad(name, slot.role, "key")
            if not holder_tag_valid(current_key, slot.holder.public_key, aad, slot.holder.tag):
                raise CenterKeyringTampered(
                    f"center.keyring lists user {name}, whom no one holding the current"
                    " database key added; no new key is sealed to them."
                )
        for name, slot in list(self.slots.items()):
            assert slot.holder is not None
            aad = self._aad(name, slot.role, "key")
            public = slot.holder.public_key
            holder = Holder(
                public,
                slot.holder.database_key,
                seal(public, database_key, aad),
                slot.holder.tag,
                holder_tag(database_key, public, aad),
            )
            self.slots[name] = dataclasses.replace(slot, holder=holder)

    def promote_next(self) -> None:
        """The store now opens with the next key: make it every user's current one."""
        for name, slot in list(self.slots.items()):
            if slot.holder is not None and slot.holder.next_database_key is not None:
                self.slots[name] = dataclasses.replace(slot, holder=slot.holder.promoted())

    def drop_next(self) -> None:
        """The store kept its key: forget the next one."""
        for name, slot in list(self.slots.items()):
            if slot.holder is not None:
                self.slots[name] = dataclasses.replace(slot, holder=slot.holder.without_next())

    def _decoy_kdf(self) -> Argon2Params:
        for slot in self.slots.values():
            return slot.kdf
        return Argon2Params(64 * 1024, 3, 4)

    # -- wrong passwords (as at a station: 1, 2, 4 … s, up to 5 min) ------------------------

    def _counter_key(self, username: str) -> str:
        name = username.strip().casefold()
        if name in self.slots:
            return name
        return "unknown:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]

    def retry_after(self, username: str, now: datetime) -> float:
        counter = self.failure_counters.get(self._counter_key(username))
        return counter.retry_after(now) if counter else 0.0

    def record_failure(self, username: str, now: datetime) -> FailureCounter:
        key = self._counter_key(username)
        previous = self.failure_counters.get(key)
        counter = FailureCounter((previous.count if previous else 0) + 1, now)
        self.failure_counters[key] = counter
        attempted = key if key in self.slots else "unknown"
        self.failures = self.failures.with_failure(attempted, now.isoformat(timespec="seconds"))
        return counter

    # -- file --------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "center_id": self.center_id,
            "training": self.training,
            "slots": [slot.to_json() for _, slot in sorted(self.slots.items())],
            "rekey_due": self.rekey_due,
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
    def from_bytes(cls, data: bytes, source: Path) -> CenterKeyring:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("version") not in _READABLE_VERSIONS:
                raise CenterKeyringError(f"{source} is not a central office keyring.")
            slots = [CenterSlot.from_json(s) for s in raw["slots"]]
            rekey_due = raw.get("rekey_due")
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
            )
        except CenterKeyringError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CenterKeyringError(f"{source} is damaged and cannot be read.") from exc


class CenterKeyringFile:
    """``center.keyring`` on disk: read, and read-modify-write under the sign-in lock."""

    def __init__(self, center_dir: Path) -> None:
        self.path = center_dir / KEYRING_FILE
        self.lock_path = center_dir / SIGN_IN_LOCK

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> CenterKeyring:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise CenterKeyringError(f"No keyring at {self.path}.") from None
        return CenterKeyring.from_bytes(data, self.path)

    def write(self, keyring: CenterKeyring) -> None:
        atomic_write_bytes(self.path, keyring.to_bytes())

    @contextlib.contextmanager
    def update(self) -> Iterator[CenterKeyring]:
        """The current keyring, saved when the block ends without error."""
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            yield keyring
            self.write(keyring)

    def sign_in(
        self,
        username: str,
        password: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> OpenedSlot:
        """The user and the database key(s) for ``username``'s password.

        One password at a time across processes: the wait is read, the password tried and a
        failure counted under one lock. Raises :class:`UnlockThrottled` while a wait runs and
        :class:`CenterWrongPassword` (with the next wait) for a wrong password.
        """
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            opened = self._tried(keyring, username, password, clock)
            cleared = keyring.failure_counters.pop(opened.user.username, None) is not None
            if cleared or opened.upgraded:
                self.write(keyring)
        return opened

    def _tried(
        self,
        keyring: CenterKeyring,
        username: str,
        password: str,
        clock: Callable[[], datetime],
    ) -> OpenedSlot:
        """``username``'s slot opened with ``password``, under the caller's lock: refused while
        a wait runs, and a wrong password counted (and written) before it is refused."""
        wait = keyring.retry_after(username, clock())
        if wait > 0:
            raise UnlockThrottled(wait)
        try:
            return keyring.open_slot(username, password)
        except WrongPassword:
            counter = keyring.record_failure(username, clock())
            self.write(keyring)
            raise CenterWrongPassword(counter.retry_after(clock())) from None

    def change_password(
        self,
        username: str,
        old_password: str,
        new_password: str,
        database_key: bytes,
        kdf: Argon2Params,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Give ``username`` a new slot under ``new_password``. The old password is tried as
        at a sign-in, under the same lock, wait and counter, and a wrong one is journalled
        (:class:`UnlockThrottled`, :class:`CenterWrongPassword`): a window left signed in
        does not let anyone guess the password at full speed."""
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            opened = self._tried(keyring, username, old_password, clock)
            keyring.failure_counters.pop(opened.user.username, None)
            keyring.replace_password(opened.user.username, new_password, database_key, kdf)
            self.write(keyring)


def securely_remove(path: Path) -> None:
    """Overwrite ``path`` with random bytes, flush them, then unlink it and flush the folder.

    On flash storage and journaling file systems the old blocks may survive an overwrite: this
    narrows what is left, the encrypted volume under the centre protects the rest."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(max(size, KEY_BYTES)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    fsync_dir(path.parent)


def _seal(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
