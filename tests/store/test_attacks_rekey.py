"""Attacks on re-keying (decision 0009) by someone who can write the key-slot file: a
disabled user on the station's shared account, or a removed centre user with the folder.

Sealing needs only a public key, so a re-key seals the new database key to every holder the
file lists. Without a check, a disabled user who puts their kept slot back (or swaps the
recovery holder's public key for their own) before the next re-key is handed the new key.
Each holder therefore carries a tag made with the database key sealed to it; a re-key seals
only to holders whose tag the current key proves, and refuses a file that lists others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.center.keyring import CenterKeyring
from interview_room.center.sign_in import KEYRING_FILE
from interview_room.center.store import DATABASE_FILE, CenterStore, NewCenterUser
from interview_room.center.users import CenterRole
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.keyring import Keyring, KeyringError, UnlockedKeys
from interview_room.store.sealed_keys import KeyPair
from tests.conftest import CreatedStation, WorkstationFactory

OFFICER, OFFICER_PASSWORD = "oficer.mor", "synthetic-morine-officer-passphrase"
WORKER, WORKER_PASSWORD = "punonjes.mor", "synthetic-morine-worker-passphrase"


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    created = workstation()
    created.session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    created.session.add_user(WORKER, "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER_PASSWORD)
    return created


def _opens(database: Path, keys: UnlockedKeys) -> bool:
    for candidate in keys.candidates:
        try:
            Database.open(database, candidate).close()
        except DatabaseUnreadable:
            continue
        return True
    return False


def test_a_disabled_user_who_puts_their_slot_back_is_not_given_the_next_key(
    station: CreatedStation,
) -> None:
    keyring_path = station.workstation.keyring_file.path
    kept = json.loads(keyring_path.read_bytes())
    kept_slot = next(s for s in kept["slots"] if s["username"] == OFFICER)
    station.session.disable_user(OFFICER)  # re-keyed: the kept slot opens an old key only

    # The disabled officer, on the station's shared account, puts the slot back.
    current = json.loads(keyring_path.read_bytes())
    current["slots"].append(kept_slot)
    keyring_path.write_text(json.dumps(current))

    with pytest.raises(KeyringError):  # the next re-key (any password change, a disable …)
        station.session.rotate_database_key("password_changed")

    keyring = station.workstation.keyring_file.read()
    officer_keys = keyring.open_password_slot(OFFICER, OFFICER_PASSWORD)
    assert not _opens(station.workstation.database_path, officer_keys)
    assert _opens(station.workstation.database_path, station.session.keys)


def test_a_swapped_recovery_public_key_is_not_given_the_next_key(
    station: CreatedStation,
) -> None:
    keyring_path = station.workstation.keyring_file.path
    thief = KeyPair.generate()
    current = json.loads(keyring_path.read_bytes())
    holder = current["recovery"]["holder"]
    import base64

    holder["public_key"] = base64.b64encode(thief.public).decode("ascii")
    keyring_path.write_text(json.dumps(current))

    with pytest.raises(KeyringError):
        station.session.rotate_database_key("password_changed")
    keyring = Keyring.from_bytes(keyring_path.read_bytes(), keyring_path)
    assert keyring.recovery_holder is not None
    assert keyring.recovery_holder.next_database_key is None


def test_an_untouched_keyring_still_rekeys_and_everyone_signs_in(
    station: CreatedStation,
) -> None:
    assert station.session.rotate_database_key("password_changed").done
    assert station.session.rotate_database_key("password_changed").done
    station.session.logout()
    for username, password in (
        (OFFICER, OFFICER_PASSWORD),
        (WORKER, WORKER_PASSWORD),
        (station.admin_username, station.admin_password),
    ):
        station.workstation.unlock(username, password).logout()
    keyring = station.workstation.keyring_file.read()
    assert _opens(
        station.workstation.database_path, keyring.open_recovery_keys(station.recovery_key)
    )


ADMIN = ("ana", "synthetic-morine-training-passphrase")
STATS = ("besa", "synthetic-kakavije-counting-passphrase")
REGISTRY = ("cara", "synthetic-qafe-thane-registry-passphrase")


def test_a_removed_centre_user_who_puts_their_slot_back_is_not_given_the_next_key(
    tmp_path: Path,
) -> None:
    center_dir = tmp_path / "center"
    center = CenterStore(center_dir)
    center.create(admin=NewCenterUser(ADMIN[0], "Ana Shembulli", ADMIN[1]), kdf=MINIMUM_ARGON2)
    for name, display, password, role in (
        (STATS[0], "Besa Numri", STATS[1], CenterRole.STATISTICS),
        (REGISTRY[0], "Cara Regjistri", REGISTRY[1], CenterRole.REGISTRY),
    ):
        center.add_user(NewCenterUser(name, display, password, role), kdf=MINIMUM_ARGON2)
    keyring_path = center_dir / KEYRING_FILE
    kept = json.loads(keyring_path.read_bytes())
    kept_slot = next(s for s in kept["slots"] if s["username"] == STATS[0])
    assert center.remove_user(STATS[0]).done

    current = json.loads(keyring_path.read_bytes())
    current["slots"].append(kept_slot)
    keyring_path.write_text(json.dumps(current))

    # The next re-key (another removal) first takes away the slot no audit entry explains
    # (third attacker, C4), so the key it seals never reaches the planted slot.
    assert center.remove_user(REGISTRY[0]).done
    after = json.loads(keyring_path.read_bytes())
    assert STATS[0] not in {s["username"] for s in after["slots"]}
    kept_keyring = json.loads(keyring_path.read_bytes())
    kept_keyring["slots"].append(kept_slot)  # put back again: it still opens nothing now
    keyring_path.write_text(json.dumps(kept_keyring))
    opened = CenterKeyring.from_bytes(keyring_path.read_bytes(), keyring_path).open_slot(*STATS)
    for key in opened.candidates:
        with pytest.raises(DatabaseUnreadable):
            Database.open(center_dir / DATABASE_FILE, key).close()
    center.sign_out()
