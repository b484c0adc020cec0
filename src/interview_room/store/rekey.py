"""Changing the database key when someone leaves or a password changes.

Disabling a user, changing a password and a recovery-key reset each call
:func:`rotate_database_key`: a new random database key, SQLCipher's ``PRAGMA rekey`` and the new
key sealed to every remaining holder's public key (``sealed_keys.py``). A copy of the keyring
taken before, opened with a disabled user's password or an old password, yields only the old
key, which no longer opens the store.

**Crash order.** Holding the sign-in lock throughout (no password is tried meanwhile):

A. the keyring is rewritten (atomically) with the next key sealed *beside* the current one for
   every holder, and ``rekey_due`` set;
B. ``PRAGMA rekey``: one SQLCipher transaction, so the store is wholly under the old key or
   wholly under the new one, whatever moment the power goes;
C. the keyring is rewritten with the next key promoted to current and ``rekey_due`` cleared.

Before A the keyring and store agree on the old key; from A to C every holder's slot opens
*both* keys, and the store opens with exactly one; after C they agree on the new key. A
sign-in that finds a next key left by a crash (:func:`settle_interrupted_rekey`) keeps the one
the store opened with, and a re-key that did not happen stays due. Never is there a moment when
a holder's slot opens no key of the store.

**Others with the store open.** Every connection registers a *presence*: an exclusive lock on
a file of its own in ``<data>/in-use/``, taken while the sign-in lock is held. A connection
opened with the old key could not read pages under the new one, so a re-key runs only when no
other presence is held (another window, the command line, a background upload); otherwise it is
recorded as due in the keyring and done at the next sign-in that finds the store free.

**Format 1 slots** (from before this version) wrap the database key under a password or the
recovery key directly and cannot be given a new key without that secret. They become format 2
at the holder's next sign-in (the recovery slot at the recovery key's next use,
:meth:`Workstation.upgrade_recovery`); until every one has, the re-key stays due.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from interview_room.files import HeldLock, exclusive_lock, lock_is_held, private_dir
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.keyring import KeyringFile, UnlockedKeys

PRESENCE_DIR = "in-use"


class StorePresence:
    """This connection has the store open (see the module's description)."""

    def __init__(self, data_dir: Path) -> None:
        folder = private_dir(data_dir / PRESENCE_DIR)
        self.path = folder / f"{secrets.token_hex(8)}.lock"
        self._lock = HeldLock(self.path)

    def leave(self) -> None:
        self._lock.release()
        with contextlib.suppress(OSError):
            self.path.unlink()


def others_present(data_dir: Path, own: StorePresence | None) -> bool:
    """Whether any connection other than ``own`` has the store open. Presence files left by a
    process that died (their lock is gone with it) are removed on the way."""
    folder = data_dir / PRESENCE_DIR
    found = False
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(folder.iterdir()):
            if own is not None and entry == own.path:
                continue
            if lock_is_held(entry):
                found = True
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()
    return found


@dataclass(frozen=True)
class Rekeyed:
    """What :func:`rotate_database_key` did: ``database_key`` is the key the store now opens
    with (the old one when the re-key was left due, as ``waiting_for`` says why)."""

    database_key: bytes
    waiting_for: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return not self.waiting_for


IN_USE = "in_use"
"""In :attr:`Rekeyed.waiting_for`: another connection has the store open."""


def open_store(path: Path, keys: UnlockedKeys) -> tuple[Database, bytes]:
    """Open the store with whichever of ``keys``' database keys opens it (two while a re-key
    was cut short); return it and that key."""
    error: DatabaseUnreadable | None = None
    for candidate in keys.candidates:
        try:
            return Database.open(path, candidate), candidate
        except DatabaseUnreadable as exc:
            error = exc
    assert error is not None
    raise error


def rotate_database_key(
    db: Database,
    current_key: bytes,
    keyring_file: KeyringFile,
    sign_in_lock: Path,
    own: StorePresence | None,
    reason: str,
) -> Rekeyed:
    """Give the store ``db`` (open with ``current_key``, outside any transaction) a new key
    and every remaining holder that key, in the order the module describes; or, when another
    connection has the store open or a format 1 slot remains, record the re-key as due."""
    data_dir = keyring_file.path.parent
    with exclusive_lock(sign_in_lock):
        with keyring_file.update() as keyring:
            waiting = tuple(keyring.legacy_holders())
            if not waiting and others_present(data_dir, own):
                waiting = (IN_USE,)
            keyring.rekey_due = keyring.rekey_due or reason
            new_key = secrets.token_bytes(32)
            if not waiting:
                keyring.seal_next(new_key, current_key)  # A
        if waiting:
            return Rekeyed(current_key, waiting)
        try:
            db.rekey(new_key)  # B
        except sqlcipher3.Error:
            # Disk full or the like: the transaction decides which key the store has now.
            opened_with_new = _opens_with(db.path, new_key)
            with keyring_file.update() as keyring:
                if opened_with_new:
                    keyring.promote_next()
                    keyring.rekey_due = None
                else:
                    keyring.drop_next()
            if not opened_with_new:
                raise
            return Rekeyed(new_key)
        with keyring_file.update() as keyring:  # C
            keyring.promote_next()
            keyring.rekey_due = None
    return Rekeyed(new_key)


def settle_interrupted_rekey(
    keyring_file: KeyringFile, sign_in_lock: Path, keys: UnlockedKeys, opened_with: bytes
) -> None:
    """After a re-key cut short between A and C: keep, for every holder, the key the store
    opened with. A re-key that did not reach the store stays due."""
    if keys.pending_database_key is None:
        return
    with exclusive_lock(sign_in_lock), keyring_file.update() as keyring:
        if not keyring.rekey_in_progress:
            return  # settled meanwhile by another sign-in
        if opened_with == keys.pending_database_key:
            keyring.promote_next()
            keyring.rekey_due = None
        else:
            keyring.drop_next()
            keyring.rekey_due = keyring.rekey_due or "interrupted"


def _opens_with(path: Path, key: bytes) -> bool:
    try:
        Database.open(path, key).close()
    except DatabaseUnreadable:
        return False
    return True
