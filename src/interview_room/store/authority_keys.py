"""The authority key and what it seals: the station CA's private key, and each holder's slot
(an administrator's, under their personal key; the recovery key's). Plain functions over bytes;
``authority.py`` says who may open what.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.store.recovery_key import RecoveryKey

RECOVERY_HOLDER = "recovery"
"""The ``authority_slots`` holder wrapped under the recovery key (other holders are user ids)."""
RENEW_WITHIN = timedelta(days=60)
"""A certificate this close to expiry is renewed (same key) at an administrator's sign-in."""
_NONCE = 12


class NoIssuingAuthority(InterviewRoomError):
    """These keys do not open the station's certificate authority: issuing or revoking a
    certificate needs a station administrator's password (or the recovery key)."""


class CertifiedUser(Protocol):
    """What the authority needs of a user it certifies or lets hold it (``accounts.User`` is
    one): store/ is the bottom floor and knows no accounts of its own."""

    @property
    def id(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def is_admin(self) -> bool: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(blob[:_NONCE], blob[_NONCE:], aad)
    except (InvalidTag, ValueError):
        return None


def slot_aad(holder: str) -> bytes:
    return f"interview-room/authority-slot/v1/{holder}".encode()


def ca_aad(fingerprint: str) -> bytes:
    return f"interview-room/ca-key/v1/{fingerprint}".encode()


def recovery_wrapping_key(recovery_key: RecoveryKey, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    # Its own label: the same recovery key wraps the database key under another (keyring.py).
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"interview-room/authority/v1"
    ).derive(recovery_key.secret)
