"""Key derivation: the real Argon2id, never below the floor."""

from __future__ import annotations

import pytest

from interview_room.store.kdf import (
    DEFAULT_ARGON2,
    MINIMUM_ARGON2,
    Argon2Params,
    WeakKdfParameters,
    derive_password_key,
    derive_recovery_key,
)

SALT = bytes(16)


def test_password_key_is_deterministic_and_salted() -> None:
    key = derive_password_key("synthetic-password", SALT, MINIMUM_ARGON2)
    assert len(key) == 32
    assert derive_password_key("synthetic-password", SALT, MINIMUM_ARGON2) == key
    assert derive_password_key("synthetic-password", b"\x01" * 16, MINIMUM_ARGON2) != key
    assert derive_password_key("synthetic-passwore", SALT, MINIMUM_ARGON2) != key


def test_below_the_floor_is_refused() -> None:
    with pytest.raises(WeakKdfParameters):
        derive_password_key("synthetic-password", SALT, Argon2Params(32 * 1024, 3, 4))
    with pytest.raises(WeakKdfParameters):
        derive_password_key("synthetic-password", SALT, Argon2Params(64 * 1024, 2, 4))


def test_default_is_above_the_floor() -> None:
    DEFAULT_ARGON2.check()
    assert DEFAULT_ARGON2.memory_kib >= MINIMUM_ARGON2.memory_kib


def test_params_json_round_trip_and_refusals() -> None:
    assert Argon2Params.from_json(dict(MINIMUM_ARGON2.to_json())) == MINIMUM_ARGON2
    for bad in (
        {**MINIMUM_ARGON2.to_json(), "name": "pbkdf2"},
        {**MINIMUM_ARGON2.to_json(), "iterations": "3"},
        {**MINIMUM_ARGON2.to_json(), "iterations": True},
        {**MINIMUM_ARGON2.to_json(), "memory_kib": 1024},
    ):
        with pytest.raises(WeakKdfParameters):
            Argon2Params.from_json(dict(bad))


def test_recovery_key_derivation_is_salted() -> None:
    secret = bytes(range(32))
    assert derive_recovery_key(secret, SALT) == derive_recovery_key(secret, SALT)
    assert derive_recovery_key(secret, SALT) != derive_recovery_key(secret, b"\x01" * 16)
