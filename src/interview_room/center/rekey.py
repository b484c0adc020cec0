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

**A split centre** (``key_split.py``) has two stores, each with its own key, ``rekey_due`` and
next key: each is re-keyed on its own, in the same order, sealing only to the slots whose role
opens it (``store``): removing a statistics user changes the statistics key only.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import sqlcipher3

from interview_room.center.sign_in import CenterKeyringFile
from interview_room.center.slots import OpenedSlot
from interview_room.center.users import CenterStoreKind
from interview_room.files import exclusive_lock
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.rekey import IN_USE, Rekeyed, StorePresence, others_present

__all__ = ["IN_USE", "Rekeyed", "StorePresence", "open_with", "rotate", "settle"]


REGISTRY = CenterStoreKind.REGISTRY
STATISTICS_SESSIONS = "statistics-sessions"
"""``<centre>/statistics-sessions/in-use/*.lock``: presences of statistics users, who open
only the statistics store: they hold off its re-key, never the registry's (attacker 7)."""


def statistics_presence(center_dir: Path) -> StorePresence:
    return StorePresence(center_dir / STATISTICS_SESSIONS)


def _others_present(center_dir: Path, own: StorePresence | None, store: CenterStoreKind) -> bool:
    if others_present(center_dir, own):
        return True
    return store is not REGISTRY and others_present(center_dir / STATISTICS_SESSIONS, own)


def due_in_log(db: Database) -> dict[CenterStoreKind, str]:
    """The re-keys the audit log (in ``center.db``, which a statistics user cannot write)
    records as due and not made since: a ``rekey_due`` erased from ``center.keyring`` is
    found again here. An entry without a store is the registry's (before the split)."""
    due: dict[CenterStoreKind, str] = {}
    for event, store, reason in db.all(
        "SELECT event, json_extract(detail, '$.store'), json_extract(detail, '$.reason')"
        " FROM audit_log WHERE event IN ('store_rekey_due', 'store_rekeyed') ORDER BY seq"
    ):
        try:
            kind = REGISTRY if store is None else CenterStoreKind(str(store))
        except ValueError:
            continue
        if event == "store_rekey_due":
            due[kind] = str(reason or "due")
        else:
            due.pop(kind, None)
    return due


def restore_due(database_path: Path, key: bytes, keyring_file: CenterKeyringFile) -> None:
    """Put back in the keyring a re-key the log says is due and the keyring does not."""
    db = Database.open(database_path, key)
    try:
        logged = due_in_log(db) if db.one(_HAS_LOG) else {}
    finally:
        db.close()
    if not logged:
        return
    with exclusive_lock(keyring_file.lock_path):
        keyring = keyring_file.read()
        missing = {
            store: reason
            for store, reason in logged.items()
            if keyring.due(store) is None and (store is REGISTRY or keyring.split)
        }
        for store, reason in missing.items():
            keyring.set_due(store, reason)
        if missing:
            keyring_file.write(keyring)


_HAS_LOG = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"


def open_with(database_path: Path, opened: OpenedSlot, store: CenterStoreKind = REGISTRY) -> bytes:
    """The one of ``opened``'s keys for ``store`` that opens it (two while a re-key was cut
    short); :class:`DatabaseUnreadable` when neither does (a slot for another store)."""
    error = DatabaseUnreadable(f"{database_path.name} cannot be opened with this key.")
    for candidate in opened.keys_for(store):
        try:
            Database.open(database_path, candidate).close()
        except DatabaseUnreadable as exc:
            error = exc
        else:
            return candidate
    raise error


def rotate(
    database_path: Path,
    current_key: bytes,
    keyring_file: CenterKeyringFile,
    own: StorePresence | None,
    reason: str,
    store: CenterStoreKind = REGISTRY,
) -> Rekeyed:
    """Give ``store`` (at ``database_path``, opening with ``current_key``) a new key and every
    remaining user who holds it that key, in the order the module describes; or, when another
    program has the centre open or a format 1 slot remains, record the re-key as due and keep
    the current key."""
    with exclusive_lock(keyring_file.lock_path):
        keyring = keyring_file.read()
        keyring.set_due(store, keyring.due(store) or reason)
        waiting = tuple(keyring.legacy_holders())
        if not waiting and _others_present(database_path.parent, own, store):
            waiting = (IN_USE,)
        if waiting:
            keyring_file.write(keyring)
            return Rekeyed(current_key, waiting)
        new_key = secrets.token_bytes(32)
        keyring.seal_next(new_key, current_key, store)
        keyring_file.write(keyring)  # A
        db = Database.open(database_path, current_key)
        try:
            db.rekey(new_key)  # B
        except sqlcipher3.Error:
            # Disk full or the like: the transaction decides which key the store has now.
            db.close()
            if not _opens_with(database_path, new_key):
                keyring.drop_next(store)
                keyring_file.write(keyring)
                raise
        else:
            db.close()
        keyring.promote_next(store)
        keyring.set_due(store, None)
        keyring_file.write(keyring)  # C
    return Rekeyed(new_key)


def settle(
    database_path: Path,
    keyring_file: CenterKeyringFile,
    opened: OpenedSlot,
    opened_with: bytes,
    own: StorePresence | None,
    store: CenterStoreKind = REGISTRY,
) -> bytes:
    """At sign-in, once the store opened with ``opened_with`` (one of ``opened``'s keys):
    finish a re-key cut short between A and C (every user keeps the key the store has), then
    make a re-key that is due if the store is free now. Returns the key the store opens with
    afterwards."""
    with exclusive_lock(keyring_file.lock_path):
        keyring = keyring_file.read()
        if keyring.in_progress(store):
            if opened_with == opened.pending(store):
                keyring.promote_next(store)
                keyring.set_due(store, None)
            else:
                keyring.drop_next(store)
                keyring.set_due(store, keyring.due(store) or "interrupted")
            keyring_file.write(keyring)
        due = keyring.due(store)
    if due is None:
        return opened_with
    return rotate(database_path, opened_with, keyring_file, own, due, store).database_key


def _opens_with(path: Path, key: bytes) -> bool:
    try:
        Database.open(path, key).close()
    except DatabaseUnreadable:
        return False
    return True
