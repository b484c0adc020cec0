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

# Pinned on 2026-12-07 with argon2-cffi 25.1.0 (the derivation every existing slot was made with);
# cryptography 50.0.2's Argon2id gives the same bytes (docs/decisions/0012-argon2-cffi-kept.md).
KNOWN_PASSWORD = "synthetic-morine-training-passphrase"
KNOWN_SALT = bytes(range(16))
KNOWN_KEY = "e2e1d8097d38241943284f7bf2ca498b0255a428d4f63421b859b686ef351f33"

# RFC 9106, section 5.3 (Argon2id): below our floor and with a secret and associated data, which
# derive_password_key does not take, so it is checked against the library underneath.
RFC_9106_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"


def test_password_key_is_deterministic_and_salted() -> None:
    key = derive_password_key("synthetic-password", SALT, MINIMUM_ARGON2)
    assert len(key) == 32
    assert derive_password_key("synthetic-password", SALT, MINIMUM_ARGON2) == key
    assert derive_password_key("synthetic-password", b"\x01" * 16, MINIMUM_ARGON2) != key
    assert derive_password_key("synthetic-passwore", SALT, MINIMUM_ARGON2) != key


def test_password_key_matches_the_pinned_known_answer() -> None:
    assert derive_password_key(KNOWN_PASSWORD, KNOWN_SALT, MINIMUM_ARGON2).hex() == KNOWN_KEY


def test_cryptography_argon2id_gives_the_same_key() -> None:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    key = Argon2id(
        salt=KNOWN_SALT,
        length=32,
        iterations=MINIMUM_ARGON2.iterations,
        lanes=MINIMUM_ARGON2.parallelism,
        memory_cost=MINIMUM_ARGON2.memory_kib,
    ).derive(KNOWN_PASSWORD.encode("utf-8"))
    assert key.hex() == KNOWN_KEY


def test_argon2id_library_meets_the_rfc_9106_vector() -> None:
    from argon2.low_level import ARGON2_VERSION, Type, core, ffi

    buffers = {
        "out": ffi.new("uint8_t[]", 32),
        "pwd": ffi.new("uint8_t[]", b"\x01" * 32),
        "salt": ffi.new("uint8_t[]", b"\x02" * 16),
        "secret": ffi.new("uint8_t[]", b"\x03" * 8),
        "ad": ffi.new("uint8_t[]", b"\x04" * 12),
    }
    lengths = {"outlen": 32, "pwdlen": 32, "saltlen": 16, "secretlen": 8, "adlen": 12}
    context = ffi.new(
        "argon2_context *",
        {
            **buffers,
            **lengths,
            "version": ARGON2_VERSION,
            "t_cost": 3,
            "m_cost": 32,
            "lanes": 4,
            "threads": 4,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": 0,
        },
    )
    assert core(context, Type.ID.value) == 0
    assert bytes(ffi.buffer(buffers["out"], 32)).hex() == RFC_9106_TAG


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
