"""Changing the centre's database key when a user is removed or a password changes.

The centre follows the station's design (``store/rekey.py``, decision 0009) with its own slot
file: a new random key, SQLCipher's ``PRAGMA rekey`` and the new key sealed to every remaining
user's public key. A copy of ``center.keyring`` taken before, opened with a removed user's
password or an old password, yields only the old key, which no longer opens ``center.db``.

**Crash order**, all under the centre's sign-in lock (no password is tried meanwhile):
A. the keyring is written with the next key sealed *beside* the current one for every user;
B. ``PRAGMA rekey``, one SQLCipher transaction: the store is wholly under one key or the other;
C. the keyring is written with the next key promoted and ``rekey_due`` cleared.
From A to C every slot opens both keys and the store opens with exactly one; a sign-in that
finds a next key left by a crash keeps the one the store opened with (:func:`settle`).

**Others with the store open** (the receiver, another window, a command) register a presence
(``<centre>/in-use/*.lock``) when they sign in; a connection opened with the old key could not
read pages under the new one, so the re-key then waits, recorded as ``rekey_due``, and is made
at the next sign-in that finds the store free. So does a re-key while a format 1 slot remains
(it becomes format 2 at its user's next sign-in).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import sqlcipher3

from interview_room.center.sign_in import CenterKeyringFile, OpenedSlot
from interview_room.files import exclusive_lock
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.rekey import IN_USE, Rekeyed, StorePresence, others_present

__all__ = ["IN_USE", "Rekeyed", "StorePresence", "open_with", "rotate", "settle"]


def open_with(database_path: Path, opened: OpenedSlot) -> bytes:
    """The one of ``opened``'s keys that opens the store (two while a re-key was cut short);
    :class:`DatabaseUnreadable` when neither does (a slot for another store)."""
    error: DatabaseUnreadable | None = None
    for candidate in opened.candidates:
        try:
            Database.open(database_path, candidate).close()
        except DatabaseUnreadable as exc:
            error = exc
        else:
            return candidate
    assert error is not None
    raise error


def rotate(
    database_path: Path,
    current_key: bytes,
    keyring_file: CenterKeyringFile,
    own: StorePresence | None,
    reason: str,
) -> Rekeyed:
    """Give ``center.db`` (opening with ``current_key``) a new key and every remaining user
    that key, in the order the module describes; or, when another program has the store open
    or a format 1 slot remains, record the re-key as due and keep the current key."""
    with exclusive_lock(keyring_file.lock_path):
        keyring = keyring_file.read()
        keyring.rekey_due = keyring.rekey_due or reason
        waiting = tuple(keyring.legacy_holders())
        if not waiting and others_present(database_path.parent, own):
            waiting = (IN_USE,)
        if waiting:
            keyring_file.write(keyring)
            return Rekeyed(current_key, waiting)
        new_key = secrets.token_bytes(32)
        keyring.seal_next(new_key, current_key)
        keyring_file.write(keyring)  # A
        db = Database.open(database_path, current_key)
        try:
            db.rekey(new_key)  # B
        except sqlcipher3.Error:
            # Disk full or the like: the transaction decides which key the store has now.
            db.close()
            if not _opens_with(database_path, new_key):
                keyring.drop_next()
                keyring_file.write(keyring)
                raise
        else:
            db.close()
        keyring.promote_next()
        keyring.rekey_due = None
        keyring_file.write(keyring)  # C
    return Rekeyed(new_key)


def settle(
    database_path: Path,
    keyring_file: CenterKeyringFile,
    opened: OpenedSlot,
    opened_with: bytes,
    own: StorePresence | None,
) -> bytes:
    """At sign-in, once the store opened with ``opened_with`` (one of ``opened``'s keys):
    finish a re-key cut short between A and C (every user keeps the key the store has), then
    make a re-key that is due if the store is free now. Returns the key the store opens with
    afterwards."""
    with exclusive_lock(keyring_file.lock_path):
        keyring = keyring_file.read()
        if keyring.rekey_in_progress:
            if opened_with == opened.pending_database_key:
                keyring.promote_next()
                keyring.rekey_due = None
            else:
                keyring.drop_next()
                keyring.rekey_due = keyring.rekey_due or "interrupted"
            keyring_file.write(keyring)
        due = keyring.rekey_due
    if due is None:
        return opened_with
    return rotate(database_path, opened_with, keyring_file, own, due).database_key


def _opens_with(path: Path, key: bytes) -> bool:
    try:
        Database.open(path, key).close()
    except DatabaseUnreadable:
        return False
    return True
