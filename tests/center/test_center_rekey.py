"""Issue 13, item 3 at the centre: removing a user or changing a password changes the
database key, so an old copy of ``center.keyring`` opens nothing (real files, real SQLCipher)."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

import pytest

from interview_room.center import rekey
from interview_room.center.keyring import CenterKeyring, _seal
from interview_room.center.sign_in import KEYRING_FILE, CenterKeyringFile, CenterWrongPassword
from interview_room.center.slots import CenterSlot
from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.store import DATABASE_FILE, CenterStore, NewCenterUser
from interview_room.center.users import CenterRole, CenterStoreKind
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2, derive_password_key
from interview_room.store.keyring import WrongPassword
from interview_room.store.rekey import IN_USE
from tests.center.two_users import ADMIN, NEW_PASSWORD, STATS, centre_with_two_users

REGISTRY = ("cara", "synthetic-qafe-thane-registry-passphrase")


def _centre(center_dir: Path) -> CenterStore:
    return centre_with_two_users(center_dir)


def _opens_the_store(
    center_dir: Path,
    keyring_copy: bytes,
    username: str,
    password: str,
    store_file: str = DATABASE_FILE,
) -> bool:
    """What someone holding ``keyring_copy`` and a password gets: does any key sealed in their
    slot open ``store_file``?"""
    opened = CenterKeyring.from_bytes(keyring_copy, center_dir / KEYRING_FILE).open_slot(
        username, password
    )
    keys = opened.keys_for(CenterStoreKind.REGISTRY) + opened.keys_for(CenterStoreKind.STATISTICS)
    for key in keys:
        try:
            Database.open(center_dir / store_file, key).close()
        except DatabaseUnreadable:
            continue
        return True
    return False


def test_a_removed_users_copy_of_the_keyring_opens_nothing(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    recipient = center.keys().age_recipient
    copy = (center_dir / KEYRING_FILE).read_bytes()
    assert _opens_the_store(center_dir, copy, *STATS, STATISTICS_FILE), "works before"
    assert not _opens_the_store(center_dir, copy, *STATS), "never the registry"

    done = center.remove_user(STATS[0])

    assert done.done, done.waiting_for
    assert not _opens_the_store(center_dir, copy, *STATS, STATISTICS_FILE)
    assert center.keys().age_recipient == recipient, "the signed-in admin goes on"
    center.sign_out()
    later = CenterStore(center_dir)
    later.sign_in(*ADMIN)
    assert later.keys().age_recipient == recipient
    assert json.loads((center_dir / KEYRING_FILE).read_bytes())["rekey_due"] is None
    later.sign_out()


def test_a_password_change_leaves_the_old_password_and_copy_useless(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    copy = (center_dir / KEYRING_FILE).read_bytes()
    with pytest.raises(CenterWrongPassword) as wrong:
        center.change_password("not-the-password-at-all", NEW_PASSWORD, kdf=MINIMUM_ARGON2)
    time.sleep(wrong.value.retry_after_seconds + 0.05)  # counted as a failed sign-in

    assert center.change_password(ADMIN[1], NEW_PASSWORD, kdf=MINIMUM_ARGON2).done

    assert not _opens_the_store(center_dir, copy, *ADMIN)
    assert not _opens_the_store(center_dir, copy, *ADMIN, STATISTICS_FILE)
    assert not _opens_the_store(center_dir, copy, *STATS, STATISTICS_FILE), "every old copy"
    center.sign_out()
    with pytest.raises(WrongPassword):  # the current file, the old password
        CenterKeyringFile(center_dir).read().open_slot(*ADMIN)
    for username, password in ((ADMIN[0], NEW_PASSWORD), STATS):
        again = CenterStore(center_dir)
        again.sign_in(username, password)
        again.sign_out()


def test_another_program_signed_in_makes_the_rekey_wait_for_the_next_sign_in(
    tmp_path: Path,
) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    receiver = CenterStore(center_dir)
    receiver.sign_in(*ADMIN)  # as `center serve` would be
    copy = (center_dir / KEYRING_FILE).read_bytes()

    waiting = center.remove_user(STATS[0])

    assert waiting.waiting_for == (IN_USE,)
    assert receiver.keys().age_recipient, "the running program is not cut off"
    assert _opens_the_store(center_dir, copy, *STATS, STATISTICS_FILE), "due, not yet made"
    receiver.sign_out()
    center.sign_out()
    later = CenterStore(center_dir)
    later.sign_in(*ADMIN)  # finds the store free: re-keys

    assert not _opens_the_store(center_dir, copy, *STATS, STATISTICS_FILE)
    assert json.loads((center_dir / KEYRING_FILE).read_bytes())["statistics_rekey_due"] is None
    logged = [(e.event, json.loads(e.detail)) for e in later.audit_entries()]
    due = {"reason": "user_removed", "waiting": 1, "store": "statistics"}
    assert ("store_rekey_due", due) in logged
    made = ("store_rekeyed", {"reason": "due", "store": "statistics"})
    assert made in logged[-3:], "the centre's log says when"
    assert ("store_rekeyed", {"reason": "due", "store": "registry"}) not in logged, "one store"
    later.sign_out()


def _legacy_keyring(center_dir: Path, key: bytes, users: list[tuple[str, str]]) -> None:
    """``center.keyring`` as format 1 wrote it: the database key wrapped under each password."""
    keyring = CenterKeyring.new(training=False)
    for username, password in users:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        role = CenterRole.CENTER_ADMIN
        wrapped = _seal(
            derive_password_key(password, salt, MINIMUM_ARGON2),
            nonce,
            key,
            keyring.slot_aad(username, role),
        )
        keyring.slots[username] = CenterSlot(
            username, username.title(), role, MINIMUM_ARGON2, salt, nonce, wrapped, "2026", None
        )
    document = json.loads(keyring.to_bytes())
    document["version"] = 1
    del document["rekey_due"]
    for slot in document["slots"]:
        del slot["holder"]
    (center_dir / KEYRING_FILE).write_text(json.dumps(document))


def test_a_format_1_keyring_opens_and_is_rekeyed_once_every_slot_moved(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    # cara is added in the log too: a slot the log never added is taken away at sign-in.
    center.add_user(NewCenterUser(REGISTRY[0], "Cara", REGISTRY[1]), kdf=MINIMUM_ARGON2)
    key = center._key()
    center.sign_out()
    _legacy_keyring(center_dir, key, [ADMIN, STATS, REGISTRY])
    copy = (center_dir / KEYRING_FILE).read_bytes()

    admin = CenterStore(center_dir)
    admin.sign_in(*ADMIN)
    slots = json.loads((center_dir / KEYRING_FILE).read_bytes())["slots"]
    assert [s["holder"] is not None for s in slots] == [True, False, False], "ana moved"
    waiting = admin.remove_user(REGISTRY[0])
    assert waiting.waiting_for == (STATS[0],), "besa's format 1 slot cannot take a new key"
    admin.sign_out()

    besa = CenterStore(center_dir)
    besa.sign_in(*STATS)  # her slot moves to format 2, then the due re-key is made
    besa.sign_out()

    assert not _opens_the_store(center_dir, copy, *REGISTRY)
    assert not _opens_the_store(center_dir, copy, *ADMIN)
    for user in (ADMIN, STATS):
        again = CenterStore(center_dir)
        again.sign_in(*user)
        again.sign_out()


@pytest.mark.parametrize("store_rekeyed", [False, True], ids=["before-rekey", "after-rekey"])
@pytest.mark.parametrize("store", list(CenterStoreKind))
def test_a_power_cut_during_the_rekey_never_locks_anyone_out(
    tmp_path: Path, store_rekeyed: bool, store: CenterStoreKind
) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    recipient = center.keys().age_recipient
    registry = store is CenterStoreKind.REGISTRY
    old_key = center._key() if registry else center._statistics_key
    assert old_key is not None
    store_file = DATABASE_FILE if registry else STATISTICS_FILE
    center.sign_out()
    copy = (center_dir / KEYRING_FILE).read_bytes()
    # Step A written, then (or not) step B, and the power goes before C.
    keyring_file = CenterKeyringFile(center_dir)
    keyring = keyring_file.read()
    new_key = secrets.token_bytes(32)
    keyring.seal_next(new_key, old_key, store)
    keyring.set_due(store, "user_removed")
    keyring_file.write(keyring)
    if store_rekeyed:
        db = Database.open(center_dir / store_file, old_key)
        db.rekey(new_key)
        db.close()

    besa = CenterStore(center_dir)  # the statistics role: never the registry's key
    besa.sign_in(*STATS)
    besa.open_statistics().close()
    besa.sign_out()
    admin = CenterStore(center_dir)
    admin.sign_in(*ADMIN)
    assert admin.keys().age_recipient == recipient
    admin.sign_out()

    settled = keyring_file.read()
    assert not settled.in_progress(store) and settled.due(store) is None
    copied = (*STATS, STATISTICS_FILE) if not registry else ADMIN
    assert not _opens_the_store(center_dir, copy, *copied), "the due re-key was made"
    again = CenterStore(center_dir)
    again.sign_in(*STATS)
    again.open_statistics().close()
    again.sign_out()


def test_rotate_refuses_nothing_when_the_store_is_free(tmp_path: Path) -> None:
    # The core call the store uses, on its own: a new key, and the old one opens nothing.
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    old_key = center._key()
    center.sign_out()

    done = rekey.rotate(
        center_dir / DATABASE_FILE, old_key, CenterKeyringFile(center_dir), None, "t"
    )

    assert done.done and done.database_key != old_key
    with pytest.raises(DatabaseUnreadable):
        Database.open(center_dir / DATABASE_FILE, old_key)
