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

Held revocations never fail open: with them the store keeps their SHA-256
(``centre_revocations_sha256``), written in the same transaction and named in the audit entry of
the package applied. A value that is missing (once a package was applied), does not read, or
does not have that hash makes ``held_revocations`` raise ``HeldRevocationsUnreadable``, and the
referral check then says it cannot check revocations (never "valid"). The next package, or the
same one applied again (attacker 9, B3), rebuilds the held set from the centre's (which carries
every station's revocations). Whether a
package was applied, its number and the revocations' hash are also read from the audit log's
entry for it (attacker 5, R2): deleting or rewriting the settings rows no longer makes the store
look as if no package came. Someone who holds the database key and also appends a consistent
audit entry is not caught here (docs/THREAT_MODEL.md): the chain only grows, so the centre's
witness of its head does not flag it, but the entry stays in the log for review.

This module imports nothing of the station's sync, so the referral code may read it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from cryptography import x509

    from interview_room.store.database import Database

REVOCATIONS_SETTING = "centre_revocations"
REVOCATIONS_HASH_SETTING = "centre_revocations_sha256"
PACKAGE_NUMBER_SETTING = "centre_package_number"


class HeldRevocationsUnreadable(InterviewRoomError):
    """The revocations the centre's packages brought are missing, unreadable or not the ones
    recorded when the package was applied: revocations cannot be checked at this station until
    the centre's package is applied again (the same one, from the stick, repairs them)."""


@dataclass(frozen=True)
class HeldRevocations:
    """The revocation lists (DER, each signed by a station CA) and the SHA-256 of each revoked
    certificate, as the centre's packages brought them."""

    lists: tuple[bytes, ...] = ()
    certificates: frozenset[str] = frozenset()
    stolen: frozenset[tuple[frozenset[str], frozenset[str]]] = frozenset()
    """Per station the centre revoked: its certificates revoked only by that, and the SHA-256
    of the referral PDFs the centre received from it before (those forms stay valid)."""

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "lists": sorted(base64.b64encode(der).decode("ascii") for der in self.lists),
            "certificates": sorted(self.certificates),
        }
        if self.stolen:
            document["stolen"] = sorted(
                [sorted(certificates), sorted(forms)] for certificates, forms in self.stolen
            )
        return document

    def merged(
        self,
        lists: tuple[bytes, ...],
        certificates: tuple[str, ...],
        stolen: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (),
    ) -> HeldRevocations:
        """These revocations and the ones given: every certificate, and for each station CA
        the list with the highest number (a later list never drops a serial); the forms a
        stolen station sent before its revocation, per set of its certificates."""
        forms: dict[frozenset[str], frozenset[str]] = {}
        for held_certificates, held_forms in (
            *self.stolen,
            *((frozenset(c), frozenset(f)) for c, f in stolen),
        ):
            forms[held_certificates] = forms.get(held_certificates, frozenset()) | held_forms
        return HeldRevocations(
            _newest_per_issuer((*self.lists, *lists)),
            self.certificates | frozenset(certificates),
            frozenset(forms.items()),
        )

    def revoked_for(self, pdf_sha256: str) -> frozenset[str]:
        """The revoked certificates for the form with this hash: those of a stolen station
        are not, for a form the centre received from that station before its revocation."""
        spared: frozenset[str] = frozenset()
        for certificates, forms in self.stolen:
            if pdf_sha256 in forms:
                spared |= certificates
        return self.certificates - spared


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


def stored_form(held: HeldRevocations) -> tuple[str, str]:
    """The value kept in ``settings`` for ``held`` and its SHA-256 (kept beside it)."""
    text = json.dumps(held.as_json())
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_revocations(text: str) -> HeldRevocations:
    """The held revocations from their stored JSON; raises ``HeldRevocationsUnreadable`` for
    a value that does not read."""
    try:
        raw = json.loads(text)
        lists = tuple(base64.b64decode(item, validate=True) for item in raw["lists"])
        certificates = frozenset(str(item) for item in raw["certificates"])
        stolen = frozenset(
            (frozenset(str(c) for c in held), frozenset(str(f) for f in forms))
            for held, forms in raw.get("stolen", [])
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise HeldRevocationsUnreadable(
            "The revocations held from the centre's packages cannot be read."
        ) from None
    return HeldRevocations(lists, certificates, stolen)


@dataclass(frozen=True)
class AppliedPackage:
    """What the hash-chained audit log says of the centre's packages applied here: the highest
    number, and the revocations' SHA-256 recorded with the newest (None before issue 16)."""

    number: int
    revocations_sha256: str | None


def applied_package(db: Database) -> AppliedPackage | None:
    """From the audit log's ``settings_changed`` entries of applied packages (None: no package
    was ever applied). Attacker 5, R2: settings rows can be deleted by whoever holds the
    database key; an entry of the chained log cannot, unnoticed (``store/audit.py``)."""
    number: int | None = None
    newest_hash: str | None = None
    for (detail,) in db.all(
        "SELECT detail FROM audit_log WHERE event = 'settings_changed'"
        " AND detail LIKE '%\"centre_package\"%' ORDER BY seq"
    ):
        try:
            raw = json.loads(str(detail))
            applied = raw["centre_package"]
        except (ValueError, KeyError, TypeError):
            continue
        if not isinstance(applied, int) or isinstance(applied, bool):
            continue
        number = applied if number is None else max(number, applied)
        recorded = raw.get("revocations_sha256")
        newest_hash = recorded if isinstance(recorded, str) else None
    return None if number is None else AppliedPackage(number, newest_hash)


def held_revocations(db: Database) -> HeldRevocations:
    """What the store recorded when the centre's packages were applied (nothing before any
    package). Raises ``HeldRevocationsUnreadable`` when a package was applied (by the settings
    or by the audit log) but the value is missing, does not read, or is not the one whose hash
    was recorded with it (in the settings or in the audit entry of the newest package)."""
    values = dict(
        db.all(
            "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
            (REVOCATIONS_SETTING, REVOCATIONS_HASH_SETTING, PACKAGE_NUMBER_SETTING),
        )
    )
    text = values.get(REVOCATIONS_SETTING)
    recorded = values.get(REVOCATIONS_HASH_SETTING)
    applied = applied_package(db)
    if text is None:
        if recorded is None and values.get(PACKAGE_NUMBER_SETTING) is None and applied is None:
            return HeldRevocations()
        raise HeldRevocationsUnreadable(
            "The revocations held from the centre's packages are missing."
        )
    text = str(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    logged = applied.revocations_sha256 if applied is not None else None
    if (recorded is not None and digest != str(recorded)) or (
        logged is not None and digest != logged
    ):
        raise HeldRevocationsUnreadable(
            "The revocations held from the centre's packages are not the ones recorded."
        )
    return parse_revocations(text)


def held_lists_to_keep(db: Database) -> tuple[bytes, ...] | None:
    """The held revocation lists (DER) to give whoever opens this station's certificate
    authority (``StationAuthority.open``): every list its station CA signs from then on names
    each serial the held list of that CA names, so a store restored from an older copy does not
    drop a revocation the centre already knows. None when they cannot be read: the authority
    then signs no new list (attacker 9, B4: a list signed without them dropped a serial the
    centre knew, and its higher number replaced the centre's copy); the first administrator's
    sign-in after they are repaired signs the list that is due."""
    try:
        return held_revocations(db).lists
    except HeldRevocationsUnreadable:
        return None
