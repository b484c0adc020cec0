"""Key slots: each opens only for its user, on its station, with its password."""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from interview_room.store.kdf import MINIMUM_ARGON2, Argon2Params, WeakKdfParameters
from interview_room.store.keyring import (
    Keyring,
    KeyringError,
    KeyringFile,
    PasswordSlot,
    RecoveryKeyInvalid,
    UnlockedKeys,
    WrappedSecret,
    WrongPassword,
    new_station,
)
from interview_room.store.recovery_key import RecoveryKey

PASSWORD = "synthetic-password-1"


def _keys() -> UnlockedKeys:
    return UnlockedKeys(secrets.token_bytes(32), secrets.token_bytes(32))


def _keyring(code: str = "MOR") -> Keyring:
    return Keyring(
        station=new_station("Stacioni sintetik", code, training=True),
        slots={},
        recovery=WrappedSecret(b"", b"", b""),
    )


def test_password_slot_round_trip() -> None:
    keyring, keys = _keyring(), _keys()
    keyring.set_password_slot("arta", PASSWORD, keys, MINIMUM_ARGON2)

    assert keyring.open_password_slot("arta", PASSWORD) == keys
    # Usernames are matched as typed at a login screen: case and surrounding spaces ignored.
    assert keyring.open_password_slot("  ARTA ", PASSWORD) == keys


def test_wrong_password_does_not_open_the_slot() -> None:
    keyring = _keyring()
    keyring.set_password_slot("arta", PASSWORD, _keys(), MINIMUM_ARGON2)

    with pytest.raises(WrongPassword):
        keyring.open_password_slot("arta", PASSWORD + "x")


def test_unknown_username_is_refused_like_a_wrong_password() -> None:
    keyring = _keyring()
    keyring.set_password_slot("arta", PASSWORD, _keys(), MINIMUM_ARGON2)

    with pytest.raises(WrongPassword) as unknown:
        keyring.open_password_slot("besnik", PASSWORD)
    with pytest.raises(WrongPassword) as wrong:
        keyring.open_password_slot("arta", "not-the-password")
    assert str(unknown.value) == str(wrong.value)


def test_slot_copied_to_another_username_does_not_open() -> None:
    keyring = _keyring()
    keyring.set_password_slot("arta", PASSWORD, _keys(), MINIMUM_ARGON2)
    stolen = keyring.slots["arta"]
    keyring.slots["besnik"] = PasswordSlot("besnik", stolen.kdf, stolen.wrapped)

    with pytest.raises(WrongPassword):
        keyring.open_password_slot("besnik", PASSWORD)


def test_slot_copied_to_another_station_does_not_open() -> None:
    home, elsewhere = _keyring("MOR"), _keyring("HAN")
    home.set_password_slot("arta", PASSWORD, _keys(), MINIMUM_ARGON2)
    elsewhere.slots["arta"] = home.slots["arta"]

    with pytest.raises(WrongPassword):
        elsewhere.open_password_slot("arta", PASSWORD)


def test_recovery_slot_opens_with_the_recovery_key_only() -> None:
    keyring, database_key = _keyring(), secrets.token_bytes(32)
    recovery_key = RecoveryKey.generate()
    keyring.set_recovery(recovery_key, database_key)

    assert keyring.open_recovery(recovery_key) == database_key
    assert keyring.open_recovery(RecoveryKey.parse(recovery_key.formatted())) == database_key
    with pytest.raises(RecoveryKeyInvalid):
        keyring.open_recovery(RecoveryKey.generate())


def test_recovery_slot_copied_to_another_station_does_not_open() -> None:
    home, elsewhere = _keyring("MOR"), _keyring("HAN")
    recovery_key = RecoveryKey.generate()
    home.set_recovery(recovery_key, secrets.token_bytes(32))
    elsewhere.recovery = home.recovery
    elsewhere.recovery_holder = home.recovery_holder

    with pytest.raises(RecoveryKeyInvalid):
        elsewhere.open_recovery(recovery_key)


def test_keyring_file_round_trip(tmp_path: Path) -> None:
    keyring, keys = _keyring(), _keys()
    recovery_key = RecoveryKey.generate()
    keyring.set_password_slot("arta", PASSWORD, keys, MINIMUM_ARGON2)
    keyring.set_recovery(recovery_key, keys.database_key)
    keyring.login_language = "en"
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(keyring)

    loaded = file.read()
    assert loaded.station == keyring.station
    assert loaded.login_language == "en"
    assert loaded.open_password_slot("arta", PASSWORD) == keys
    assert loaded.open_recovery(recovery_key) == keys.database_key


def test_write_is_atomic_and_private(tmp_path: Path) -> None:
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(_keyring())
    with file.update() as keyring:
        keyring.login_language = "en"

    mode = stat.S_IMODE(os.stat(file.path).st_mode)
    assert mode == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    assert file.read().login_language == "en"


def test_update_that_raises_leaves_the_file_unchanged(tmp_path: Path) -> None:
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(_keyring())
    before = file.path.read_bytes()

    with pytest.raises(RuntimeError), file.update() as keyring:
        keyring.login_language = "en"
        raise RuntimeError("interrupted")

    assert file.path.read_bytes() == before


def test_missing_keyring_is_a_keyring_error(tmp_path: Path) -> None:
    with pytest.raises(KeyringError):
        KeyringFile(tmp_path / "keyring.json").read()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short, as by a power cut without atomicity
        lambda data: b"\xff\xfe" + data,  # not UTF-8
        lambda data: b"[]",  # JSON, but not an object
        lambda data: data.replace(b'"interview-room-keyring"', b'"something-else"'),
        lambda data: data.replace(b'"version": 2', b'"version": 99'),
        lambda data: data.replace(b'"ephemeral": "', b'"ephemeral": "!!'),  # not base64
        lambda data: data.replace(b'"station_id"', b'"station_number"'),
    ],
    ids=[
        "truncated",
        "not-utf8",
        "not-object",
        "foreign-format",
        "future-version",
        "bad-b64",
        "missing-field",
    ],
)
def test_damaged_keyring_is_a_keyring_error(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    keyring = _keyring()
    keyring.set_recovery(RecoveryKey.generate(), secrets.token_bytes(32))
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(keyring)
    file.path.write_bytes(damage(file.path.read_bytes()))

    with pytest.raises(KeyringError):
        file.read()


@pytest.mark.parametrize(
    ("memory_kib", "iterations"),
    [(32 * 1024, 3), (64 * 1024, 2), (64 * 1024 - 1, 3), (1024, 1)],
)
def test_slot_below_the_kdf_floor_is_refused(
    tmp_path: Path, memory_kib: int, iterations: int
) -> None:
    keyring = _keyring()
    keyring.set_password_slot("arta", PASSWORD, _keys(), MINIMUM_ARGON2)
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(keyring)
    document = json.loads(file.path.read_bytes())
    document["slots"][0]["kdf"].update(memory_kib=memory_kib, iterations=iterations)
    file.path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(WeakKdfParameters):
        file.read()


def test_weak_parameters_are_refused_when_wrapping() -> None:
    weak = Argon2Params(memory_kib=8 * 1024, iterations=1, parallelism=1)
    with pytest.raises(WeakKdfParameters):
        _keyring().set_password_slot("arta", PASSWORD, _keys(), weak)


def test_the_floor_itself_is_accepted() -> None:
    MINIMUM_ARGON2.check()
    assert MINIMUM_ARGON2.memory_kib == 64 * 1024
    assert MINIMUM_ARGON2.iterations == 3


def test_keyring_file_holds_no_key_material_in_clear(tmp_path: Path) -> None:
    keyring, keys = _keyring(), _keys()
    keyring.set_password_slot("arta", PASSWORD, keys, MINIMUM_ARGON2)
    file = KeyringFile(tmp_path / "keyring.json")
    file.write(keyring)
    data = file.path.read_bytes()

    for secret in (keys.database_key, keys.personal_key):
        assert secret not in data
        assert secret.hex().encode() not in data
    assert PASSWORD.encode() not in data
    assert "hidden" in repr(keys)
