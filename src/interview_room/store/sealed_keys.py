"""The database key sealed to a key holder's X25519 public key (keyring format 2).

Re-keying the store must give the new database key to every remaining user without their
passwords. A password slot therefore wraps the user's X25519 *private* key (under Argon2id of
the password), and the database key is sealed separately to the matching *public* key: anyone
who holds the new database key can seal it to every public key in the keyring, and only the
private key opens it. The recovery key's private key is derived from the recovery key itself.
See ``docs/decisions/0009-re-keying-with-sealed-key-slots.md``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

PUBLIC_KEY_BYTES = 32
_NONCE = 12
_SEAL_INFO = b"interview-room/keyring/seal/v2"
_RECOVERY_INFO = b"interview-room/keyring/recovery-x25519/v2"
_HOLDER_TAG_INFO = b"interview-room/keyring/holder-tag/v2"


@dataclass(frozen=True)
class SealedKey:
    """A secret sealed to one public key: an ephemeral X25519 key, a nonce, AES-256-GCM."""

    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes

    def __repr__(self) -> str:
        return "SealedKey(<sealed>)"


@dataclass(frozen=True)
class KeyPair:
    """A holder's X25519 key pair. The private half is never written in clear."""

    private: bytes
    public: bytes

    def __repr__(self) -> str:
        return f"KeyPair(public={self.public.hex()[:16]}…, private=<hidden>)"

    @classmethod
    def generate(cls) -> KeyPair:
        return cls.from_private(secrets.token_bytes(32))

    @classmethod
    def from_private(cls, private: bytes) -> KeyPair:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        public = (
            X25519PrivateKey.from_private_bytes(private)
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return cls(private, public)

    @classmethod
    def for_recovery(cls, recovery_secret: bytes) -> KeyPair:
        """The recovery key's pair: derived, so nothing about it needs storing but the public
        half (its own label: the recovery key also wraps the certificate authority)."""
        return cls.from_private(_hkdf(recovery_secret, b"", _RECOVERY_INFO))


def seal(public: bytes, secret: bytes, aad: bytes) -> SealedKey:
    """Seal ``secret`` so that only the private key of ``public`` opens it."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = KeyPair.generate()
    shared = X25519PrivateKey.from_private_bytes(ephemeral.private).exchange(
        X25519PublicKey.from_public_bytes(public)
    )
    key = _hkdf(shared, ephemeral.public + public, _SEAL_INFO)
    nonce = secrets.token_bytes(_NONCE)
    return SealedKey(ephemeral.public, nonce, AESGCM(key).encrypt(nonce, secret, aad))


def open_sealed(pair: KeyPair, sealed: SealedKey, aad: bytes) -> bytes | None:
    """The sealed secret, or None when ``pair`` is not the one it was sealed to (or it was
    changed, or moved to another holder: ``aad`` names the holder)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        shared = X25519PrivateKey.from_private_bytes(pair.private).exchange(
            X25519PublicKey.from_public_bytes(sealed.ephemeral)
        )
        key = _hkdf(shared, sealed.ephemeral + pair.public, _SEAL_INFO)
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except (InvalidTag, ValueError):
        return None


def holder_tag(database_key: bytes, public: bytes, aad: bytes) -> bytes:
    """A tag that only someone holding ``database_key`` can make, over a holder's public key
    and its name (``aad``). Sealing needs only a public key, so anyone who can write the
    keyring could add a holder (a disabled user's kept slot, their own key in place of the
    recovery key's) and a re-key would hand it the new key: a re-key seals only to holders
    whose tag the current key proves (decision 0009)."""
    import hmac

    key = _hkdf(database_key, b"", _HOLDER_TAG_INFO)
    return hmac.new(key, len(aad).to_bytes(4, "big") + aad + public, "sha256").digest()


def holder_tag_valid(database_key: bytes, public: bytes, aad: bytes, tag: bytes | None) -> bool:
    import hmac

    return tag is not None and hmac.compare_digest(tag, holder_tag(database_key, public, aad))


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(secret)


def sealed_to_json(sealed: SealedKey) -> dict[str, str]:
    import base64

    return {
        name: base64.b64encode(value).decode("ascii")
        for name, value in (
            ("ephemeral", sealed.ephemeral),
            ("nonce", sealed.nonce),
            ("ciphertext", sealed.ciphertext),
        )
    }


def sealed_from_json(raw: dict[str, Any]) -> SealedKey:
    import base64

    def field(name: str) -> bytes:
        return base64.b64decode(str(raw[name]).encode("ascii"), validate=True)

    return SealedKey(field("ephemeral"), field("nonce"), field("ciphertext"))
