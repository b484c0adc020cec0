"""A centre user's key slot in ``center.keyring`` (:class:`CenterSlot`) and what a password
opens in it (:class:`OpenedSlot`); the keyring itself is ``keyring.py``."""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass

from interview_room.center.users import CenterRole, CenterStoreKind, CenterUser
from interview_room.store.kdf import Argon2Params
from interview_room.store.keyring import Holder


@dataclass(frozen=True)
class CenterSlot:
    username: str
    display_name: str
    role: CenterRole
    kdf: Argon2Params
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    created_at: str
    created_by: str | None
    holder: Holder | None = None
    """Format 2: the user's public key and the database key sealed to it (``ciphertext`` then
    wraps the private key). None: a format 1 slot, whose ``ciphertext`` is the database key,
    or, in a split centre, a role that does not open the registry."""
    statistics: Holder | None = None
    """Format 3: the statistics store's key sealed to the same public key."""

    def user(self) -> CenterUser:
        return CenterUser(self.username, self.display_name, self.role)

    @property
    def legacy(self) -> bool:
        """A format 1 slot: no public key to seal a new key to."""
        return self.holder is None and self.statistics is None

    @property
    def public_key(self) -> bytes | None:
        held = self.holder or self.statistics
        return None if held is None else held.public_key

    def held(self, store: CenterStoreKind) -> Holder | None:
        return self.holder if store is CenterStoreKind.REGISTRY else self.statistics

    def with_held(self, store: CenterStoreKind, holder: Holder | None) -> CenterSlot:
        if store is CenterStoreKind.REGISTRY:
            return dataclasses.replace(self, holder=holder)
        return dataclasses.replace(self, statistics=holder)

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "kdf": self.kdf.to_json(),
            "salt": b64(self.salt),
            "nonce": b64(self.nonce),
            "ciphertext": b64(self.ciphertext),
            "created_at": self.created_at,
            "created_by": self.created_by,
            "holder": None if self.holder is None else self.holder.to_json(),
            "statistics_holder": None if self.statistics is None else self.statistics.to_json(),
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> CenterSlot:
        kdf = raw["kdf"]
        if not isinstance(kdf, dict):
            raise ValueError("kdf")
        created_by = raw.get("created_by")
        holder, statistics = raw.get("holder"), raw.get("statistics_holder")
        if holder is not None and not isinstance(holder, dict):
            raise ValueError("holder")
        if statistics is not None and not isinstance(statistics, dict):
            raise ValueError("statistics_holder")
        return cls(
            username=str(raw["username"]),
            display_name=str(raw["display_name"]),
            role=CenterRole(str(raw["role"])),
            kdf=Argon2Params.from_json(kdf),
            salt=unb64(str(raw["salt"])),
            nonce=unb64(str(raw["nonce"])),
            ciphertext=unb64(str(raw["ciphertext"])),
            created_at=str(raw["created_at"]),
            created_by=None if created_by is None else str(created_by),
            holder=None if holder is None else Holder.from_json(holder),
            statistics=None if statistics is None else Holder.from_json(statistics),
        )


@dataclass(frozen=True)
class OpenedSlot:
    """What a password opened: the user, the database key and, while a re-key is under way
    (or was cut short), the next one; the store opens with exactly one of them. In a split
    centre, the registry's keys only for the roles that open it, and the statistics keys."""

    user: CenterUser
    database_key: bytes | None
    pending_database_key: bytes | None = None
    upgraded: bool = False
    """The slot was format 1 and is now format 2 (the keyring must be written)."""
    statistics_key: bytes | None = None
    pending_statistics_key: bytes | None = None

    def __repr__(self) -> str:
        return f"OpenedSlot({self.user.username!r}, <hidden>)"

    @property
    def candidates(self) -> tuple[bytes, ...]:
        return self.keys_for(CenterStoreKind.REGISTRY)

    def keys_for(self, store: CenterStoreKind) -> tuple[bytes, ...]:
        """The current and (while a re-key is cut short) the next key of ``store``; none for a
        store this slot does not open."""
        if store is CenterStoreKind.REGISTRY:
            current, pending = self.database_key, self.pending_database_key
        else:
            current, pending = self.statistics_key, self.pending_statistics_key
        return tuple(key for key in (current, pending) if key is not None)

    def pending(self, store: CenterStoreKind) -> bytes | None:
        if store is CenterStoreKind.REGISTRY:
            return self.pending_database_key
        return self.pending_statistics_key


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
