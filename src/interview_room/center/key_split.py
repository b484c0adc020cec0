"""The centre's roles made cryptographic (issue 13, item 3): two stores, two keys.

- ``center.db``, the registry: the records, the registry's rows, the stations, the centre's
  keys (``center_keys``: the age identity, the root CA, the receipt and TLS keys) and its audit
  log, under a key sealed only to the ``registry`` and ``center_admin`` slots
  (``users.STORES_OF_ROLE``: administrators import, enroll, publish and read the log, all
  kept there; the window still shows them no case).
- ``center-statistics.db`` (``statistics_store.py``): coded columns and counts, under a key
  sealed to every slot.

Each key is sealed in a slot with the role and the store in the associated data
(``keyring.CenterKeyring.key_aad``) and re-keyed on its own (``rekey.py``): removing a
statistics user changes only the statistics key.

**Moving a centre from before** (keyring format 2, one key for everything) happens at the first
sign-in of an administrator (or at a new centre's creation), under the sign-in lock:

1. the statistics store is built from ``center.db`` under a new key, under another name and
   moved into place (a cut leaves no store, or one no keyring names: built again next time);
2. ``center.keyring`` is written in format 3: the statistics key sealed to every slot, the
   registry's key taken out of the statistics role's slots and its change left due;
3. the registry is re-keyed (next key sealed beside the current one for the registry and
   administrator slots, ``PRAGMA rekey``, promoted), or, while another program has the centre
   open, at the next sign-in that finds it free.

Every step leaves a centre that opens: before 2 the old keyring opens everything as before;
after 2 each slot opens what its role needs, and the old key still opens ``center.db`` until 3.
A centre whose keyring still has a format 1 slot (or a re-key cut short) waits for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import sqlcipher3

from interview_room.center import audit_log, rekey, statistics_store
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.coded_cases import ensure_coded
from interview_room.center.slots import OpenedSlot
from interview_room.center.statistics_digest import StatisticsStoreUntrusted
from interview_room.center.users import CenterStoreKind
from interview_room.errors import InterviewRoomError
from interview_room.files import exclusive_lock
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.rekey import StorePresence

if TYPE_CHECKING:
    from interview_room.center.access import CenterAccess

STATISTICS = CenterStoreKind.STATISTICS
_log = logging.getLogger(__name__)


class CenterStatisticsStoreMissing(InterviewRoomError):
    """The statistics store is missing or damaged; a user who holds the registry's key builds
    it again at their next sign-in."""


def open_statistics_key(
    access: CenterAccess, opened: OpenedSlot, own: StorePresence, registry_key: bytes | None
) -> tuple[bytes | None, bool]:
    """At sign-in: the statistics key that opens ``center-statistics.db`` now, after a re-key
    cut short or due was finished (``rekey.settle``; True when it was), or None before the
    split. A store missing or damaged is built again when ``registry_key`` lets the registry
    be read."""
    if opened.statistics_key is None:
        return None, False
    path = access.statistics_path
    try:
        if not path.exists():
            raise DatabaseUnreadable(f"{path.name} is missing.")
        first = rekey.open_with(path, opened, STATISTICS)
    except DatabaseUnreadable:
        if registry_key is None:
            raise CenterStatisticsStoreMissing(f"{path} is missing or damaged.") from None
        first = opened.statistics_key
        try:
            _rebuild(access, registry_key, first)
        except _DAMAGED:  # never a reason to refuse the registry's holder: tried again later
            _log.warning("statistics store not rebuilt at sign-in")
            return first, False
    settled = rekey.settle(path, access.keyring_file, opened, first, own, STATISTICS)
    return settled, settled != first


def _rebuild(access: CenterAccess, registry_key: bytes, statistics_key: bytes) -> None:
    registry = _registry(access, registry_key)
    try:
        statistics_store.rebuild(registry, access.statistics_path, statistics_key)
    finally:
        registry.close()


def _registry(access: CenterAccess, registry_key: bytes) -> Database:
    from interview_room.center.schema import SCHEMA_VERSION, upgrade

    db = Database.open(access.database_path, registry_key)
    if db.schema_version < SCHEMA_VERSION:
        try:
            upgrade(db)
        except BaseException:
            db.close()
            raise
    return db


def split(access: CenterAccess, registry_key: bytes) -> bytes | None:
    """Steps 1 and 2 of the move (the module says why each is safe); returns the statistics
    key, or None when the centre is split already or must wait (a format 1 slot, a re-key cut
    short). The caller makes step 3 (:meth:`CenterAccess._rekey`) when ``rekey_due`` says."""
    import secrets

    file = access.keyring_file
    with exclusive_lock(file.lock_path):
        keyring = file.read()
        if keyring.split or keyring.legacy_holders() or keyring.rekey_in_progress:
            return None
        statistics_key = secrets.token_bytes(32)
        _rebuild(access, registry_key, statistics_key)  # 1
        keyring.split_statistics(statistics_key)
        file.write(keyring)  # 2
    return statistics_key


def needs_registry_rekey(access: CenterAccess) -> bool:
    return access.keyring_file.read().due(CenterStoreKind.REGISTRY) is not None


_DAMAGED = (sqlcipher3.Error, ValueError, TypeError, KeyError, OSError, DatabaseUnreadable)
"""What reading or following a statistics store changed by hand can raise: built again."""


def follow(
    access: CenterAccess, registry_key: bytes, statistics_key: bytes, counts: bool = True
) -> int:
    """Bring the statistics store up to the registry and move the statistics users' waiting
    audit entries into the log; returns how many entries were moved. A store missing, ahead of
    a registry restored from a backup, or that cannot be read, followed or trusted (changed by
    hand: attacker review 7; a month its follow changes not as the registry sealed it,
    ``statistics_digest.py``; ``counts``: its counts and every month's seal checked too) is
    built again from the registry, and that is logged with the reason."""
    registry = _registry(access, registry_key)
    try:
        ensure_coded(registry)
        try:
            return _follow(access, registry, statistics_key, counts)
        except _DAMAGED as error:
            if _busy(error):  # another writer, not damage: followed next time
                raise
            _log.warning("statistics store rebuilt: %s", type(error).__name__)
            statistics_store.rebuild(registry, access.statistics_path, statistics_key)
            audit_log.append(
                registry,
                CenterAuditEvent.STATISTICS_STORE_REBUILT,
                None,
                detail={"reason": _reason(error)},
            )
            access.move_audit_anchor(registry)
            return _follow(access, registry, statistics_key, counts)
    finally:
        registry.close()


def _busy(error: BaseException) -> bool:
    # SQLite's own words for SQLITE_BUSY / SQLITE_LOCKED (a planted object cannot choose them).
    return isinstance(error, sqlcipher3.OperationalError) and (
        str(error) == "database is locked" or str(error).startswith("database table is locked")
    )


def _reason(error: BaseException) -> str:
    return error.reason if isinstance(error, StatisticsStoreUntrusted) else "unreadable"


def _follow(access: CenterAccess, registry: Database, statistics_key: bytes, counts: bool) -> int:
    stats = _open_or_rebuild(access, registry, statistics_key)
    try:
        if statistics_store.follow(registry, stats) is None:  # ahead of a restored registry
            stats.close()
            statistics_store.rebuild(registry, access.statistics_path, statistics_key)
            stats = statistics_store.open_store(access.statistics_path, statistics_key)
        damage = statistics_store.damage(registry, stats, counts=counts)
        if damage is not None:
            raise StatisticsStoreUntrusted(damage)
        taken = statistics_store.take_outbox(registry, stats, outbox_senders(access))
        if taken:
            access.move_audit_anchor(registry, taken)
        return taken
    finally:
        stats.close()


def outbox_senders(access: CenterAccess) -> dict[str, str]:
    """Who may send entries through the outbox: each statistics slot's user, with when the
    slot was made (their entries are dated no earlier)."""
    from interview_room.center.users import CenterRole

    return {
        name: slot.created_at
        for name, slot in access.keyring_file.read().slots.items()
        if slot.role is CenterRole.STATISTICS
    }


def _open_or_rebuild(access: CenterAccess, registry: Database, key: bytes) -> Database:
    try:
        return statistics_store.open_store(access.statistics_path, key)
    except (FileNotFoundError, DatabaseUnreadable):
        statistics_store.rebuild(registry, access.statistics_path, key)
        return statistics_store.open_store(access.statistics_path, key)


def open_statistics(access: CenterAccess, statistics_key: bytes) -> Database:
    """The statistics store for a signed-in user (:class:`CenterStatisticsStoreMissing`
    when it cannot be opened)."""
    try:
        return statistics_store.open_store(access.statistics_path, statistics_key)
    except (FileNotFoundError, DatabaseUnreadable):
        raise CenterStatisticsStoreMissing(
            f"{access.statistics_path} is missing or damaged."
        ) from None
