"""The station's certificate authority: only a station administrator's password, or the recovery
key, opens it.

The station CA's private key is sealed (AES-256-GCM) under a random 256-bit *authority key*.
The authority key is wrapped once for each station administrator under that administrator's
personal key (which only their password opens, ``keyring.py``) and once under the recovery key.
The database key opens neither: an officer or a social worker, who holds the database key, can
read every certificate but cannot issue, renew or revoke one. A training root's key is used
once, to issue the station CA and a revocation list, and then forgotten.

Certificates are issued when an administrator sets up the station or adds a user (the new
user's personal key is made then, in the administrator's presence), when the station enrolls
(every active user's key is certified again by the centre's station CA), when an administrator
signs in (certificates close to expiry are renewed), and when the recovery key resets a
password. Each is recorded in ``signing_certificates`` with who issued it and audited. Every
revocation is published as a CRL signed by the station CA and stored (``revocation_lists``):
signatures embed it and bundles carry it to the centre. A list never drops a serial an earlier
one named, so removing a revocation from the store does not remove it from the next list.

This module says who may open the authority and what an administrator's sign-in does with it;
the chain is in ``authority_chain.py``, the certificates it issues in ``authority_issuing.py``,
the sealing in ``authority_keys.py``. The users it certifies come in as arguments
(``CertifiedUser``, which ``accounts.User`` meets): store/ imports nothing above it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_room.store.authority_issuing import CertificateIssuing
from interview_room.store.authority_keys import (
    RECOVERY_HOLDER,
    RENEW_WITHIN,
    CertifiedUser,
    NoIssuingAuthority,
    open_sealed,
    recovery_wrapping_key,
    seal,
    slot_aad,
    stamp,
    utc_now,
)
from interview_room.store.certificates import StationCertificates

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from interview_room.station_folder import StationDescription
    from interview_room.store.database import Database
    from interview_room.store.recovery_key import RecoveryKey

__all__ = [
    "RECOVERY_HOLDER",
    "RENEW_WITHIN",
    "CertifiedUser",
    "Maintenance",
    "NoIssuingAuthority",
    "StationAuthority",
    "rotate_personal_key",
]


@dataclass(frozen=True)
class Maintenance:
    """What an administrator's sign-in did with the authority."""

    issued: int
    renewed: int
    list_published: bool


class StationAuthority(CertificateIssuing):
    """The opened certificate authority of one store: who may open it (an administrator's slot,
    the recovery key's), and what an administrator's sign-in does with it. Its chain is in
    ``authority_chain.py``, the certificates it issues in ``authority_issuing.py``, the sealing
    in ``authority_keys.py``. Callers hold the transaction."""

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def establish(
        cls,
        db: Database,
        station: StationDescription,
        admin: CertifiedUser,
        personal_key: bytes,
        recovery_key: RecoveryKey,
    ) -> StationAuthority:
        """At set-up: a new authority key held by ``admin`` and the recovery key, and the
        station's training chain."""
        authority = cls(db, secrets.token_bytes(32), admin.username)
        authority.grant(admin, personal_key)
        authority.grant_recovery(recovery_key)
        authority.ensure_chain(station)
        return authority

    @classmethod
    def open(
        cls,
        db: Database,
        user: CertifiedUser,
        personal_key: bytes,
        held_lists: Sequence[bytes] | None = (),
    ) -> StationAuthority:
        """The authority as ``user`` holds it; :class:`NoIssuingAuthority` unless ``user`` is a
        station administrator whose slot opens with ``personal_key``. ``held_lists``: the
        revocation lists the station holds from the centre (every list it signs keeps their
        serials of its own CA, ``authority_chain.py``)."""
        row = db.one("SELECT wrapped FROM authority_slots WHERE holder = ?", (user.id,))
        key = None if row is None else open_sealed(personal_key, bytes(row[0]), slot_aad(user.id))
        if not user.is_admin or key is None:
            raise NoIssuingAuthority(
                "Only a station administrator's password opens the station's certificate authority."
            )
        return cls(db, key, user.username, held_lists)

    @classmethod
    def open_with_recovery(
        cls, db: Database, recovery_key: RecoveryKey, held_lists: Sequence[bytes] | None = ()
    ) -> StationAuthority:
        row = db.one(
            "SELECT salt, wrapped FROM authority_slots WHERE holder = ?", (RECOVERY_HOLDER,)
        )
        key = (
            None
            if row is None or row[0] is None
            else open_sealed(
                recovery_wrapping_key(recovery_key, bytes(row[0])),
                bytes(row[1]),
                slot_aad(RECOVERY_HOLDER),
            )
        )
        if key is None:
            raise NoIssuingAuthority("The recovery key does not open the certificate authority.")
        return cls(db, key, RECOVERY_HOLDER, held_lists)

    @classmethod
    def adopt(
        cls,
        db: Database,
        station: StationDescription,
        admin: CertifiedUser,
        personal_key: bytes,
        held_lists: Sequence[bytes] | None = (),
    ) -> StationAuthority | None:
        """The authority of an administrator who is signing in, or ``None`` if they hold none.

        A store from before the authority existed (a station CA key stored under the database
        key alone) is sealed now and held by this administrator: other administrators and the
        recovery key get no slot until someone who holds it grants one.
        """
        if db.one("SELECT 1 FROM authority_slots WHERE holder = ?", (admin.id,)) is not None:
            try:
                return cls.open(db, admin, personal_key, held_lists)
            except NoIssuingAuthority:
                return None  # a slot that does not open (left by another personal key)
        if not admin.is_admin or db.one("SELECT 1 FROM authority_slots") is not None:
            return None
        authority = cls(db, secrets.token_bytes(32), admin.username, held_lists)
        authority._seal_plain_keys()
        authority.grant(admin, personal_key)
        authority.ensure_chain(station)
        return authority

    @staticmethod
    def held_by(db: Database, user_id: str) -> bool:
        return db.one("SELECT 1 FROM authority_slots WHERE holder = ?", (user_id,)) is not None

    def grant(self, admin: CertifiedUser, personal_key: bytes) -> None:
        """Let ``admin`` open the authority with their personal key (their password)."""
        if not admin.is_admin:
            raise NoIssuingAuthority("Only a station administrator may hold the authority.")
        self._db.execute(
            "INSERT OR REPLACE INTO authority_slots (holder, salt, wrapped, created_at)"
            " VALUES (?, NULL, ?, ?)",
            (admin.id, seal(personal_key, self._key, slot_aad(admin.id)), stamp(utc_now())),
        )

    def grant_recovery(self, recovery_key: RecoveryKey) -> None:
        salt = secrets.token_bytes(16)
        self._db.execute(
            "INSERT OR REPLACE INTO authority_slots (holder, salt, wrapped, created_at)"
            " VALUES (?, ?, ?, ?)",
            (
                RECOVERY_HOLDER,
                salt,
                seal(
                    recovery_wrapping_key(recovery_key, salt), self._key, slot_aad(RECOVERY_HOLDER)
                ),
                stamp(utc_now()),
            ),
        )

    @staticmethod
    def withdraw(db: Database, user_id: str) -> None:
        """Remove a (disabled) administrator's slot."""
        db.execute("DELETE FROM authority_slots WHERE holder = ?", (user_id,))

    def maintain(
        self,
        admin: CertifiedUser,
        personal_key: bytes,
        station: StationDescription,
        users: Iterable[CertifiedUser],
    ) -> Maintenance:
        """What an administrator's sign-in does: their own certificate if they have none,
        renewals among ``users`` (the store's users), and a fresh revocation list when it is
        due. Raises :class:`NoIssuingAuthority`, having changed nothing, when the station CA's
        key does not open with this authority."""
        self._station_ca()
        issued = 0
        if self._certificates.current_for(admin.id) is None:
            self.issue_for(admin, personal_key, station)
            issued = 1
        renewed = self.renew_expiring(users)
        return Maintenance(issued, renewed, self.refresh_revocations())


def rotate_personal_key(
    db: Database,
    user: CertifiedUser,
    old_personal_key: bytes,
    new_personal_key: bytes,
    station: StationDescription,
    record_change: Callable[[bool], object],
    held_lists: Sequence[bytes] | None = (),
) -> bool:
    """What a password change does to what the old personal key protected (inside the
    caller's transaction): the user's certificates are revoked and their wrapped keys erased,
    so an old key-slot copy with the old password opens no key that still signs. An
    administrator who holds the authority (``old_personal_key`` opens it) gets a new key pair
    and certificate at once, a revocation list naming the old ones, and a hold under the new
    personal key; True then. Anyone else cannot sign until an administrator issues a
    certificate (``Session.issue_certificate``); the list follows at the next administrator's
    sign-in (``refresh_revocations``) and the register carries the revocation at the next sync.

    ``record_change(issued)`` appends the audit entry of the change (``PASSWORD_CHANGED``)
    *before* any new certificate is issued: the entry is what revokes every certificate issued
    before it (``StationCertificates.given_up``), whatever the store's marks say later, so the
    new certificate must come after it.
    """
    try:
        authority: StationAuthority | None = StationAuthority.open(
            db, user, old_personal_key, held_lists
        )
    except NoIssuingAuthority:
        authority = None
    # A station CA that does not open with it (another's): revoked here, issued by another.
    issues = authority is not None and authority.can_issue()
    certificates = StationCertificates(db)
    certificates.revoke_all(user.id, "password_changed")
    certificates.forget_revoked_keys(user.id)
    record_change(issues)
    if authority is None:
        return False
    authority.grant(user, new_personal_key)
    if not issues:
        return False
    authority.issue_for(user, new_personal_key, station)
    authority.publish_revocations()
    return True
