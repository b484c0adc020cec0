"""The content of the central office's ``center.keyring``: one key slot per centre user.

The centre's database key is random; it exists on disk only sealed, once per centre user,
to that user's X25519 public key, whose private key is wrapped with AES-256-GCM under an Argon2id
key derived from the user's password (the same derivation and floor as a station's slots,
``store/kdf.py``; the sealing of ``store/sealed_keys.py``, decision 0009). So whoever holds the
database key can give a new one to every user without their passwords: removing a user or
changing a password re-keys the store (``center/rekey.py``) and an old copy of this file opens
nothing. A format 1 slot (before re-keying) wraps the database key itself; it becomes format 2
at its user's next sign-in. Format 3 (a split centre, ``key_split.py``) seals two keys per slot
to the same public key, the registry's only for the roles that open it, each bound to the
role and the store (:meth:`CenterKeyring.key_aad`). The file also holds each user's name and
role (bound into the slot's authenticated data, so an edited role opens nothing) and the
wrong-password counters. The file on disk, read and changed under the sign-in lock, is
``sign_in.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from interview_room.accounts import check_password_strength, check_username
from interview_room.center.keyring_document import CenterKeyringDocument, CenterKeyringError
from interview_room.center.slots import CenterSlot, OpenedSlot
from interview_room.center.users import (
    CenterLastAdministrator,
    CenterRole,
    CenterStoreKind,
    CenterUnknownUser,
    CenterUser,
    CenterUserError,
    CenterUsernameTaken,
)
from interview_room.store.kdf import KEY_BYTES, Argon2Params, derive_password_key
from interview_room.store.keyring import Holder, WrongPassword
from interview_room.store.sealed_keys import (
    KeyPair,
    holder_tag,
    holder_tag_valid,
    open_sealed,
    seal,
)
from interview_room.store.throttle import FailureCounter

OWN_WORDS = ("qendra", "qendrore", "central", "office", "interview", "room")
"""Words a guesser tries first at any centre, refused inside a centre password."""


class CenterKeyringTampered(CenterKeyringError):
    """``center.keyring`` lists a user no one holding the database key added (a removed
    user's slot put back, a public key swapped): a re-key refuses to seal to them."""


class CenterKeyring(CenterKeyringDocument):
    """The content of ``center.keyring``; changed only through these methods (its fields and
    file form are :class:`~interview_room.center.keyring_document.CenterKeyringDocument`)."""

    def _new_slot(
        self,
        name: str,
        display_name: str,
        role: CenterRole,
        password: str,
        keys: dict[CenterStoreKind, bytes | None],
        kdf: Argon2Params,
        created_at: str,
        created_by: str | None,
    ) -> CenterSlot:
        """A slot with a new key pair: the private key wrapped under the password, the key of
        each store the role opens sealed to the public key."""
        pair = KeyPair.generate()
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapping_key = derive_password_key(password, salt, kdf)
        wrapped = _seal(wrapping_key, nonce, pair.private, self.slot_aad(name, role, "private-key"))
        slot = CenterSlot(
            name, display_name, role, kdf, salt, nonce, wrapped, created_at, created_by
        )
        for store in self.stores_of(role):
            key = keys.get(store)
            if key is None:
                raise CenterKeyringError(f"The {store.value} key is needed to add this user.")
            slot = slot.with_held(store, self._new_holder(pair.public, key, name, role, store))
        return slot

    def add_user(
        self,
        username: str,
        display_name: str,
        role: CenterRole,
        password: str,
        database_key: bytes | None,
        kdf: Argon2Params,
        created_by: str | None,
        statistics_key: bytes | None = None,
    ) -> CenterUser:
        """A slot for a new user; refuses a taken username or a weak password. In a split
        centre ``statistics_key`` too (``database_key`` only for roles that open the
        registry)."""
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
            {CenterStoreKind.REGISTRY: database_key, CenterStoreKind.STATISTICS: statistics_key},
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
        database_key: bytes | None,
        kdf: Argon2Params,
        statistics_key: bytes | None = None,
    ) -> None:
        """Give ``username`` a new slot under ``new_password`` with a new key pair, so that an
        old copy opened with the old password yields a private key nothing is sealed to after
        the next re-key. :class:`WrongPassword` when ``old_password`` does not open the slot."""
        opened = self.open_slot(username, old_password)
        self.replace_password(opened.user.username, new_password, database_key, kdf, statistics_key)

    def replace_password(
        self,
        username: str,
        new_password: str,
        database_key: bytes | None,
        kdf: Argon2Params,
        statistics_key: bytes | None = None,
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
            {CenterStoreKind.REGISTRY: database_key, CenterStoreKind.STATISTICS: statistics_key},
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
        """The user and the key(s) their role opens; :class:`WrongPassword` otherwise. An
        unknown username costs the same derivation as a known one. A format 1 slot is rewritten
        in format 2 on the way (same password, no second derivation)."""
        name = username.strip().casefold()
        slot = self.slots.get(name)
        if slot is None:
            derive_password_key(password, secrets.token_bytes(16), self._decoy_kdf())
            raise WrongPassword()
        wrapping_key = derive_password_key(password, slot.salt, slot.kdf)
        if slot.legacy:
            key = _open(wrapping_key, slot.nonce, slot.ciphertext, self.slot_aad(name, slot.role))
            if key is None or len(key) != KEY_BYTES or self.split:
                raise WrongPassword()
            self._upgrade(slot, wrapping_key, key)
            return OpenedSlot(slot.user(), key, upgraded=True)
        private = _open(
            wrapping_key, slot.nonce, slot.ciphertext, self.slot_aad(name, slot.role, "private-key")
        )
        if private is None or len(private) != KEY_BYTES:
            raise WrongPassword()
        pair = KeyPair.from_private(private)
        opened: dict[CenterStoreKind, tuple[bytes | None, bytes | None]] = {}
        for store in self.stores_of(slot.role):
            held = slot.held(store)
            if held is None or pair.public != held.public_key:
                raise WrongPassword()  # a slot pieced together from two files opens nothing
            aad = self.key_aad(name, slot.role, store)
            key = open_sealed(pair, held.database_key, aad)
            following = held.next_database_key
            pending = None if following is None else open_sealed(pair, following, aad)
            if key is None or len(key) != KEY_BYTES:
                raise WrongPassword()
            opened[store] = (key, pending)
        registry = opened.get(CenterStoreKind.REGISTRY, (None, None))
        statistics = opened.get(CenterStoreKind.STATISTICS, (None, None))
        return OpenedSlot(slot.user(), *registry, False, *statistics)

    def _upgrade(self, slot: CenterSlot, wrapping_key: bytes, database_key: bytes) -> None:
        pair = KeyPair.generate()
        nonce = secrets.token_bytes(12)
        aad = self.slot_aad(slot.username, slot.role, "private-key")
        self.slots[slot.username] = dataclasses.replace(
            slot,
            nonce=nonce,
            ciphertext=_seal(wrapping_key, nonce, pair.private, aad),
            holder=self._new_holder(pair.public, database_key, slot.username, slot.role),
        )

    def _new_holder(
        self,
        public: bytes,
        database_key: bytes,
        name: str,
        role: CenterRole,
        store: CenterStoreKind = CenterStoreKind.REGISTRY,
    ) -> Holder:
        aad = self.key_aad(name, role, store)
        return Holder(
            public, seal(public, database_key, aad), tag=holder_tag(database_key, public, aad)
        )

    # -- re-keying (center/rekey.py says in what order) --------------------------------------

    def legacy_holders(self) -> list[str]:
        """Users whose format 1 slot a re-key cannot reach without their password."""
        return sorted(name for name, slot in self.slots.items() if slot.legacy)

    def due(self, store: CenterStoreKind = CenterStoreKind.REGISTRY) -> str | None:
        """Why ``store``'s key must change and has not yet, or None."""
        if store is CenterStoreKind.REGISTRY:
            return self.rekey_due
        return self.statistics_rekey_due

    def set_due(self, store: CenterStoreKind, reason: str | None) -> None:
        if store is CenterStoreKind.REGISTRY:
            self.rekey_due = reason
        else:
            self.statistics_rekey_due = reason

    def _holding(self, store: CenterStoreKind) -> list[tuple[str, CenterSlot, Holder]]:
        """(username, slot, holder) of every slot that holds ``store``'s key."""
        found = []
        for name, slot in sorted(self.slots.items()):
            held = slot.held(store)
            if held is not None and store in self.stores_of(slot.role):
                found.append((name, slot, held))
        return found

    @property
    def rekey_in_progress(self) -> bool:
        return self.in_progress(CenterStoreKind.REGISTRY)

    def in_progress(self, store: CenterStoreKind) -> bool:
        return any(held.next_database_key is not None for _, _, held in self._holding(store))

    def seal_next(
        self,
        database_key: bytes,
        current_key: bytes,
        store: CenterStoreKind = CenterStoreKind.REGISTRY,
    ) -> None:
        """Seal ``store``'s next key beside the current one for every user who holds it.
        Raises :class:`CenterKeyringTampered`, sealing nothing, if a user's holder was not made
        with ``current_key`` (a removed user's slot put back, a public key swapped)."""
        if self.legacy_holders():
            raise CenterKeyringError("A format 1 slot cannot be given a new database key.")
        holding = self._holding(store)
        for name, slot, held in holding:
            aad = self.key_aad(name, slot.role, store)
            if not holder_tag_valid(current_key, held.public_key, aad, held.tag):
                raise CenterKeyringTampered(
                    f"center.keyring lists user {name}, whom no one holding the current"
                    " database key added; no new key is sealed to them."
                )
        for name, slot, held in holding:
            aad = self.key_aad(name, slot.role, store)
            public = held.public_key
            holder = Holder(
                public,
                held.database_key,
                seal(public, database_key, aad),
                held.tag,
                holder_tag(database_key, public, aad),
            )
            self.slots[name] = slot.with_held(store, holder)

    def promote_next(self, store: CenterStoreKind = CenterStoreKind.REGISTRY) -> None:
        """``store`` now opens with the next key: make it every holder's current one."""
        for name, slot, held in self._holding(store):
            if held.next_database_key is not None:
                self.slots[name] = slot.with_held(store, held.promoted())

    def drop_next(self, store: CenterStoreKind = CenterStoreKind.REGISTRY) -> None:
        """``store`` kept its key: forget the next one."""
        for name, slot, held in self._holding(store):
            self.slots[name] = slot.with_held(store, held.without_next())

    def split_statistics(self, statistics_key: bytes) -> None:
        """Step 2 of the split (``key_split.py``): seal the statistics store's key to every
        slot, take the registry's key out of the statistics role's slots, and leave the
        registry's key due for a change (their old copies hold it)."""
        if self.legacy_holders() or self.rekey_in_progress:
            raise CenterKeyringError("The keyring cannot be split now.")
        for name, slot in list(self.slots.items()):
            assert slot.holder is not None
            holder = self._new_holder(
                slot.holder.public_key, statistics_key, name, slot.role, CenterStoreKind.STATISTICS
            )
            kept = None if slot.role is CenterRole.STATISTICS else slot.holder
            self.slots[name] = dataclasses.replace(slot, holder=kept, statistics=holder)
        self.split = True
        if any(slot.role is CenterRole.STATISTICS for slot in self.slots.values()):
            self.rekey_due = self.rekey_due or "roles_split"

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
