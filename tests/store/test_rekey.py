"""Re-keying (issue 13, item 3): a copy of the key-slot file kept from before a user was
disabled, a password changed or reset opens nothing of the current store, and nobody who
remains is locked out, whatever moment a crash cuts the re-key.

Real workstations, real SQLCipher files, real Argon2id at the floor; the attack is the one
reported: open an old copy of ``keyring.json`` with the password it was made for.
"""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.store.authority import StationAuthority
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import derive_password_key, derive_recovery_key
from interview_room.store.keyring import RECOVERY_HOLDER, Keyring, UnlockedKeys
from interview_room.workstation import Session
from tests.conftest import CreatedStation, WorkstationFactory

OFFICER, OFFICER_PASSWORD = "oficer.mor", "synthetic-morine-officer-passphrase"
WORKER, WORKER_PASSWORD = "punonjes.mor", "synthetic-morine-worker-passphrase"
ADMIN2, ADMIN2_PASSWORD = "admin2.mor", "synthetic-morine-second-admin-phrase"
NEW_PASSWORD = "synthetic-morine-training-passphrase"


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    created = workstation()
    session = created.session
    session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    session.add_user(WORKER, "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER_PASSWORD)
    session.add_user(ADMIN2, "Admin i Dytë", Role.STATION_ADMIN, ADMIN2_PASSWORD)
    return created


def _copy_of_keyring(station: CreatedStation) -> bytes:
    return station.workstation.keyring_file.path.read_bytes()


def _opens_store(station: CreatedStation, keys: UnlockedKeys) -> bool:
    for candidate in keys.candidates:
        try:
            Database.open(station.workstation.database_path, candidate).close()
        except DatabaseUnreadable:
            continue
        return True
    return False


def _old_copy_opens(station: CreatedStation, copy: bytes, username: str, password: str) -> bool:
    keys = Keyring.from_bytes(copy, Path("kept-copy.json")).open_password_slot(username, password)
    return _opens_store(station, keys)


def _everyone_signs_in(station: CreatedStation, users: dict[str, str]) -> None:
    for username, password in users.items():
        session = station.workstation.unlock(username, password)
        try:
            assert session.db.integrity_problems() == []
            if session.user.is_admin:  # the sealed authority still opens for an administrator
                with session.db.transaction():
                    StationAuthority.open(session.db, session.user, session.keys.personal_key)
        finally:
            session.logout()


def _recovery_opens_store(station: CreatedStation) -> bool:
    keyring = station.workstation.keyring_file.read()
    return _opens_store(station, keyring.open_recovery_keys(station.recovery_key))


def test_a_disabled_users_kept_slot_copy_no_longer_opens_the_store(
    station: CreatedStation,
) -> None:
    kept = _copy_of_keyring(station)
    assert _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)  # the attack, before

    station.session.disable_user(OFFICER)

    assert not _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)
    # Every other slot of the old copy is just as useless: the key itself changed.
    assert not _old_copy_opens(station, kept, WORKER, WORKER_PASSWORD)
    assert station.session.db.integrity_problems() == []
    assert station.workstation.keyring_file.read().rekey_due is None
    station.session.logout()
    _everyone_signs_in(
        station,
        {station.admin_username: station.admin_password, WORKER: WORKER_PASSWORD},
    )
    _everyone_signs_in(station, {ADMIN2: ADMIN2_PASSWORD})
    assert _recovery_opens_store(station)


def test_after_a_password_change_the_old_password_and_old_copy_open_nothing(
    station: CreatedStation,
) -> None:
    officer = station.workstation.unlock(OFFICER, OFFICER_PASSWORD)
    kept = _copy_of_keyring(station)
    station.session.logout()

    officer.change_password(OFFICER_PASSWORD, NEW_PASSWORD)

    assert not _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)
    assert _opens_store(station, officer.keys)  # the session goes on with the new key
    with officer.db.transaction():
        officer.db.execute("UPDATE station SET name = name")
    officer.logout()
    _everyone_signs_in(
        station,
        {
            OFFICER: NEW_PASSWORD,
            WORKER: WORKER_PASSWORD,
            station.admin_username: station.admin_password,
        },
    )
    assert _recovery_opens_store(station)


def test_after_a_recovery_key_reset_the_old_password_and_old_copy_open_nothing(
    station: CreatedStation,
) -> None:
    station.session.logout()
    kept = _copy_of_keyring(station)

    station.workstation.reset_password(station.recovery_key, WORKER, NEW_PASSWORD)

    assert not _old_copy_opens(station, kept, WORKER, WORKER_PASSWORD)
    _everyone_signs_in(
        station,
        {
            WORKER: NEW_PASSWORD,
            OFFICER: OFFICER_PASSWORD,
            station.admin_username: station.admin_password,
            ADMIN2: ADMIN2_PASSWORD,
        },
    )
    assert _recovery_opens_store(station)
    # The recovery key still opens the certificate authority (it is sealed in the store, under
    # its own key, which a re-key does not touch).
    database_key = station.workstation.keyring_file.read().open_recovery(station.recovery_key)
    db = Database.open(station.workstation.database_path, database_key)
    try:
        with db.transaction():
            StationAuthority.open_with_recovery(db, station.recovery_key)
    finally:
        db.close()


def test_another_connection_open_leaves_the_rekey_due_until_the_store_is_free(
    station: CreatedStation,
) -> None:
    kept = _copy_of_keyring(station)
    worker = station.workstation.unlock(WORKER, WORKER_PASSWORD)  # a second window
    background = station.session.fork()  # and this session's own background upload

    station.session.disable_user(OFFICER)

    # Not re-keyed under their feet: both connections still read and write.
    for other in (worker, background):
        with other.db.transaction():
            other.db.execute("UPDATE station SET name = name")
    keyring = station.workstation.keyring_file.read()
    assert keyring.rekey_due == "user_disabled"
    assert not keyring.has_user(OFFICER)  # the slot itself is gone at once
    events = [e.event for e in station.session.audit.entries()]
    assert events[-1] == "store_rekey_due"

    background.close_fork()
    worker.logout()
    station.session.logout()
    assert _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)  # until the next sign-in

    admin = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        assert station.workstation.keyring_file.read().rekey_due is None
        assert [e.event for e in admin.audit.entries()][-1] == "store_rekeyed"
        assert admin.verify_audit().intact
    finally:
        admin.logout()
    assert not _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)
    _everyone_signs_in(station, {WORKER: WORKER_PASSWORD, ADMIN2: ADMIN2_PASSWORD})


# -- a crash at each step -------------------------------------------------------------------------


def _cut_rekey(session: Session, steps: str) -> bytes:
    """Do the re-key's steps up to ``steps`` ("A": next key sealed in the keyring; "B": and
    the store re-keyed) and stop there, as a power cut would; return the new key."""
    workstation = session.workstation
    new_key = secrets.token_bytes(32)
    with workstation.keyring_file.update() as keyring:
        keyring.seal_next(new_key, session.keys.database_key)
        keyring.rekey_due = "user_disabled"
    if steps == "B":
        session.db.rekey(new_key)
    session.db.close()  # the process is gone; its locks and presence with it
    session._leave()
    return new_key


@pytest.mark.parametrize("steps", ["A", "B"])
def test_a_rekey_cut_at_each_step_leaves_a_store_everyone_opens(
    station: CreatedStation, steps: str
) -> None:
    kept = _copy_of_keyring(station)
    new_key = _cut_rekey(station.session, steps)
    opens_new = steps == "B"
    assert _opens_store(station, UnlockedKeys(new_key, b"")) is opens_new

    # Every holder opens the store, by password or recovery key, before anyone settles it.
    assert _recovery_opens_store(station)
    worker = station.workstation.unlock(WORKER, WORKER_PASSWORD)
    try:
        # The sign-in settled the cut re-key and made the due one: one key, a fresh one.
        keyring = station.workstation.keyring_file.read()
        assert not keyring.rekey_in_progress
        assert keyring.rekey_due is None
        assert worker.keys.pending_database_key is None
        assert worker.db.integrity_problems() == []
    finally:
        worker.logout()
    assert not _old_copy_opens(station, kept, WORKER, WORKER_PASSWORD)
    _everyone_signs_in(
        station,
        {
            OFFICER: OFFICER_PASSWORD,
            station.admin_username: station.admin_password,
            ADMIN2: ADMIN2_PASSWORD,
        },
    )
    assert _recovery_opens_store(station)


# -- stations from before re-keying ---------------------------------------------------------------


def _legacy_keyring(station: CreatedStation, keys: dict[str, tuple[str, UnlockedKeys]]) -> None:
    """Rewrite the keyring as the previous version wrote it (format 1: every slot wraps the
    database key under Argon2id of the password; the recovery slot under the recovery key)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path = station.workstation.keyring_file.path
    document = json.loads(path.read_bytes())
    station_id = document["station"]["station_id"]
    slots = []
    for slot in document["slots"]:
        password, opened = keys[slot["username"]]
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapping = derive_password_key(password, salt, station.session._kdf)
        aad = f"interview-room-keyring/v1/{station_id}/password/{slot['username']}".encode()
        ciphertext = AESGCM(wrapping).encrypt(nonce, opened.database_key + opened.personal_key, aad)
        slots.append(
            {"username": slot["username"], "kdf": slot["kdf"], **_b64s(salt, nonce, ciphertext)}
        )
    database_key = next(iter(keys.values()))[1].database_key
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    recovery_aad = f"interview-room-keyring/v1/{station_id}/recovery/".encode()
    recovery = AESGCM(derive_recovery_key(station.recovery_key.secret, salt)).encrypt(
        nonce, database_key, recovery_aad
    )
    document.update(
        version=1,
        slots=slots,
        recovery={"kdf": {"name": "hkdf-sha256"}, **_b64s(salt, nonce, recovery)},
    )
    del document["rekey_due"]
    path.write_text(json.dumps(document, indent=2))


def _b64s(salt: bytes, nonce: bytes, ciphertext: bytes) -> dict[str, str]:
    return {
        name: base64.b64encode(value).decode("ascii")
        for name, value in (("salt", salt), ("nonce", nonce), ("ciphertext", ciphertext))
    }


def test_an_existing_station_opens_then_moves_to_the_new_format_and_rekeys(
    station: CreatedStation,
) -> None:
    held: dict[str, tuple[str, UnlockedKeys]] = {
        station.admin_username: (station.admin_password, station.session.keys)
    }
    for username, password in ((OFFICER, OFFICER_PASSWORD), (WORKER, WORKER_PASSWORD)):
        other = station.workstation.unlock(username, password)
        held[username] = (password, other.keys)
        other.logout()
    admin2 = station.workstation.unlock(ADMIN2, ADMIN2_PASSWORD)
    held[ADMIN2] = (ADMIN2_PASSWORD, admin2.keys)
    admin2.logout()
    station.session.logout()
    _legacy_keyring(station, held)
    kept = _copy_of_keyring(station)
    legacy = sorted([station.admin_username, ADMIN2, OFFICER, WORKER])
    assert station.workstation.keyring_file.read().legacy_holders() == [*legacy, RECOVERY_HOLDER]

    # The first sign-in after the upgrade opens the old slot and rewrites it in format 2.
    admin = station.workstation.unlock(station.admin_username, station.admin_password)
    assert not station.workstation.keyring_file.read().slots[station.admin_username].legacy
    # Disabling now cannot reach the format 1 slots: the re-key waits for them, nobody is
    # locked out.
    admin.disable_user(OFFICER)
    result = admin.rotate_database_key("user_disabled")  # as disabling just tried
    assert set(result.waiting_for) == {ADMIN2, WORKER, RECOVERY_HOLDER}
    assert station.workstation.keyring_file.read().rekey_due == "user_disabled"
    admin.logout()

    _everyone_signs_in(station, {WORKER: WORKER_PASSWORD, ADMIN2: ADMIN2_PASSWORD})
    assert station.workstation.keyring_file.read().legacy_holders() == [RECOVERY_HOLDER]
    assert _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)  # still the old key

    # The recovery key, typed once, moves the last slot and lets the re-key happen.
    upgraded = station.workstation.upgrade_recovery(station.recovery_key)
    assert upgraded is not None and upgraded.done
    assert not _old_copy_opens(station, kept, OFFICER, OFFICER_PASSWORD)
    assert station.workstation.keyring_file.read().legacy_holders() == []
    _everyone_signs_in(
        station,
        {
            station.admin_username: station.admin_password,
            WORKER: WORKER_PASSWORD,
            ADMIN2: ADMIN2_PASSWORD,
        },
    )
    assert _recovery_opens_store(station)


def test_a_reset_with_the_recovery_key_moves_a_format_1_recovery_slot(
    station: CreatedStation,
) -> None:
    held = {station.admin_username: (station.admin_password, station.session.keys)}
    for username, password in (
        (OFFICER, OFFICER_PASSWORD),
        (WORKER, WORKER_PASSWORD),
        (ADMIN2, ADMIN2_PASSWORD),
    ):
        other = station.workstation.unlock(username, password)
        held[username] = (password, other.keys)
        other.logout()
    station.session.logout()
    _legacy_keyring(station, held)
    _everyone_signs_in(station, {OFFICER: OFFICER_PASSWORD, ADMIN2: ADMIN2_PASSWORD})
    _everyone_signs_in(station, {station.admin_username: station.admin_password})

    station.workstation.reset_password(station.recovery_key, WORKER, NEW_PASSWORD)

    keyring = station.workstation.keyring_file.read()
    assert keyring.legacy_holders() == []
    assert keyring.rekey_due is None
    _everyone_signs_in(station, {WORKER: NEW_PASSWORD, OFFICER: OFFICER_PASSWORD})
    assert _recovery_opens_store(station)
