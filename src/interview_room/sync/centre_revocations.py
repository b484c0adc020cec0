"""Every station's revocations as the centre's package brought them to this station, and what
the referral check here takes from them.

A user disabled at station A (or whose key was replaced at a password change) is revoked in
A's store; A's register and its station CA's revocation list reach the centre with A's next
bundle (``sync/certificate_register.py``, ``center/certificates.py``); the centre carries them
in its next package (``center/publish.py``); applying that package here records them in this
station's encrypted store (``settings``: ``centre_revocations``) in the same transaction as the
package's number, and ``Referrals.verify`` passes them to the referral check, which then refuses
a signature of A's revoked certificate. They are kept in the store, not the data folder, so
nobody who can write the folder can take one back; and what is held only grows: a later package
that no longer names a revocation does not undo it.

This module imports nothing of the station's sync, so the referral code may read it.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

    from interview_room.store.database import Database

REVOCATIONS_SETTING = "centre_revocations"


@dataclass(frozen=True)
class HeldRevocations:
    """The revocation lists (DER, each signed by a station CA) and the SHA-256 of each revoked
    certificate, as the centre's packages brought them."""

    lists: tuple[bytes, ...] = ()
    certificates: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, list[str]]:
        return {
            "lists": sorted(base64.b64encode(der).decode("ascii") for der in self.lists),
            "certificates": sorted(self.certificates),
        }

    def merged(self, lists: tuple[bytes, ...], certificates: tuple[str, ...]) -> HeldRevocations:
        """These revocations and the ones given: every certificate, and for each station CA
        the list with the highest number (a later list never drops a serial)."""
        return HeldRevocations(
            _newest_per_issuer((*self.lists, *lists)),
            self.certificates | frozenset(certificates),
        )


def _newest_per_issuer(lists: tuple[bytes, ...]) -> tuple[bytes, ...]:
    from cryptography import x509

    newest: dict[bytes, tuple[int, bytes]] = {}
    unreadable: set[bytes] = set()
    for der in lists:
        try:
            crl = x509.load_der_x509_crl(der)
        except ValueError:
            unreadable.add(der)  # kept as sent: the check ignores a list it cannot read
            continue
        try:
            number = int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
        except x509.ExtensionNotFound:
            number = 0
        # Per issuer name and key: a list another key signed under the same name is kept apart
        # (the check only believes a list its issuer's key signed).
        key = crl.issuer.public_bytes() + b"\0" + _authority_key_id(crl)
        held = newest.get(key)
        if held is None or number > held[0] or (number == held[0] and der < held[1]):
            newest[key] = (number, der)
    return tuple(sorted({der for _, der in newest.values()} | unreadable))


def _authority_key_id(crl: x509.CertificateRevocationList) -> bytes:
    from cryptography import x509

    try:
        value = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    except x509.ExtensionNotFound:
        return b""
    return value.key_identifier or b""


def parse_revocations(text: str) -> HeldRevocations:
    """The held revocations from their stored JSON; nothing for a value that does not read."""
    try:
        raw = json.loads(text)
        lists = tuple(base64.b64decode(item, validate=True) for item in raw["lists"])
        certificates = frozenset(str(item) for item in raw["certificates"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return HeldRevocations()
    return HeldRevocations(lists, certificates)


def held_revocations(db: Database) -> HeldRevocations:
    """What the store recorded when the centre's packages were applied (nothing before)."""
    row = db.one("SELECT value FROM settings WHERE key = ?", (REVOCATIONS_SETTING,))
    return HeldRevocations() if row is None else parse_revocations(str(row[0]))
