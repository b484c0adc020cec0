"""Whether the centre knows a signer's certificate as revoked, asked before a referral is signed.

A station's store can look younger than what the centre knows: restored from a copy taken
before a user was disabled or changed her password, it holds her certificate as live and her
account as active, so she can sign in and sign there. The centre's package brought the
revocation back (``sync/centre_revocations.py``): the list her station CA signed after the
revocation (the centre's copy of it), and the SHA-256 of every certificate a station's register
reported revoked. Both signatures at this station (the officer's, the social worker's) are
refused when either names the signer's certificate; when the held revocations cannot be read,
signing is refused too, as the countersigning already is (the station's check then says it
cannot check revocations, ``station_check.py``): a signer who could make them unreadable must
not sign past them.

The account itself is not disabled here: a list names a certificate, not why it was revoked
(a password change revokes the old key too), so an administrator decides.
"""

from __future__ import annotations

from interview_room.referral.referral_records import ReferralError
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database


class SignerRevokedByCentre(ReferralError):
    """The centre's package names this signer's certificate as revoked (the user was disabled,
    or their key replaced, at this station before its data was restored from an older copy):
    the account cannot sign here until an administrator deals with it."""


def refuse_revoked_signer(
    db: Database, certificates: StationCertificates, signer_der: bytes, username: str
) -> None:
    """Raise :class:`SignerRevokedByCentre` when a held revocation names ``signer_der``: its
    SHA-256 among the revoked certificates, or its serial in a list (held or stored) that its
    issuing station CA signed; ``HeldRevocationsUnreadable`` when they cannot be read
    (``sync/centre_revoked_certificates.py``)."""
    from interview_room.sync.centre_revoked_certificates import named_by_centre

    if named_by_centre(db, certificates, signer_der):
        raise SignerRevokedByCentre(
            f"The central office's revocations name the signing certificate of {username!r}"
            " as revoked: this account cannot sign at this station."
        )
