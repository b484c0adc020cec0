"""The station's certificate chain as the opened authority keeps it: the training root and
station CA made at set-up, the station CA's sealed key, the CAs whose signatures this authority
vouches for, and the revocation lists the active station CA signs.

Whoever opens the authority passes the revocation lists the station holds from elsewhere
(``held_lists``: the centre's package's, ``sync/centre_revocations.py``, which store/ does not
import): every list the station CA signs names each serial a held list of its own names."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import CertifiedKey, create_root_ca, create_station_ca
from interview_room.store import revocation_lists
from interview_room.store.authority_keys import (
    NoIssuingAuthority,
    ca_aad,
    open_sealed,
    seal,
    stamp,
    utc_now,
)
from interview_room.store.certificates import StationCertificates

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography import x509

    from interview_room.station_folder import StationDescription
    from interview_room.store.database import Database


class AuthorityChain:
    """The chain of one opened authority (the authority key in hand). Callers hold the
    transaction."""

    def __init__(
        self,
        db: Database,
        authority_key: bytes,
        actor: str,
        held_lists: Sequence[bytes] | None = (),
    ) -> None:
        self._db = db
        self._key = authority_key
        self._actor = actor
        self._held_lists = tuple(held_lists or ())
        # None: the held lists could not be read, so no list is signed now (attacker 9, B4).
        self._lists_deferred = held_lists is None
        self._certificates = StationCertificates(db)
        self._issuers: list[x509.Certificate] | None = None

    def __repr__(self) -> str:
        return f"StationAuthority(opened by {self._actor!r}, key=<hidden>)"

    # -- the chain -------------------------------------------------------------------------

    def ensure_chain(self, station: StationDescription) -> None:
        """Create the local training root and the station CA if the station has none yet. The
        root's key signs the station CA and one revocation list for its whole life, and is
        forgotten."""
        if self._certificates.has_chain():
            return
        root = create_root_ca(
            f"Interview Room TRAINING root – {station.code} – not for real referrals", training=True
        )
        station_ca = create_station_ca(root, station_name=station.name, station_code=station.code)
        moment = stamp(utc_now())
        self._db.execute(
            "INSERT INTO trust_anchors (fingerprint, kind, certificate, added_at)"
            " VALUES (?, 'training_root', ?, ?)",
            (root.fingerprint_sha256, root.certificate_der, moment),
        )
        self._db.execute(
            "INSERT INTO certificate_authorities (fingerprint, kind, certificate, private_key,"
            " issuer_fingerprint, created_at, key_sealed) VALUES (?, 'training_root', ?, x'', NULL,"
            " ?, 0)",
            (root.fingerprint_sha256, root.certificate_der, moment),
        )
        revocation_lists.store(self._db, root, revocation_lists.root_list(root))
        self._insert_station_ca(station_ca, root.fingerprint_sha256, moment)
        self.publish_revocations()

    # -- revocation lists ------------------------------------------------------------------

    def publish_revocations(self, now: datetime | None = None) -> bytes | None:
        """Sign and store the active station CA's revocation list (DER): every certificate it
        issued that the store marks revoked, every serial its previous list named, and every
        serial a held list of its own names (``held_lists``). None, and nothing signed, while
        the held lists cannot be read: the store's marks still refuse the revoked certificates
        here, and the next administrator's sign-in after the repair signs the list."""
        if self._lists_deferred:
            return None
        return revocation_lists.publish(self._db, self._station_ca(), now, self._held_lists)

    def refresh_revocations(self, now: datetime | None = None) -> bool:
        """Publish a new list when it is due (``revocation_lists.refresh``); True if it did.
        Never while the held lists cannot be read (``publish_revocations``)."""
        if self._lists_deferred:
            return False
        return revocation_lists.refresh(self._db, self._station_ca(), now, self._held_lists)

    def can_issue(self) -> bool:
        """Whether the active station CA's key opens with this authority."""
        try:
            self._station_ca()
        except NoIssuingAuthority:
            return False
        return True

    # -- internals -------------------------------------------------------------------------

    def _station_ca(self) -> CertifiedKey:
        row = self._db.one(
            "SELECT fingerprint, certificate, private_key, key_sealed FROM certificate_authorities"
            " WHERE kind = 'station_ca' AND active = 1 ORDER BY created_at DESC LIMIT 1"
        )
        if row is None:
            raise NoIssuingAuthority("This station has no certificate authority yet.")
        key = open_sealed(self._key, bytes(row[2]), ca_aad(str(row[0]))) if int(row[3]) else None
        if key is None:
            raise NoIssuingAuthority("The station CA's key does not open with this authority.")
        return CertifiedKey(bytes(row[1]), key)

    def _insert_station_ca(self, station_ca: CertifiedKey, issuer: str, moment: str) -> None:
        fingerprint = station_ca.fingerprint_sha256
        self._db.execute(
            "INSERT INTO certificate_authorities (fingerprint, kind, certificate, private_key,"
            " issuer_fingerprint, created_at, key_sealed) VALUES (?, 'station_ca', ?, ?, ?, ?, 1)",
            (
                fingerprint,
                station_ca.certificate_der,
                seal(self._key, station_ca.private_key_der, ca_aad(fingerprint)),
                issuer,
                moment,
            ),
        )

    def _seal_plain_keys(self) -> None:
        """Seal station CA keys stored in clear by earlier versions; use a training root's
        clear key for its revocation list and forget it."""
        for fingerprint, kind, certificate, private_key in self._db.all(
            "SELECT fingerprint, kind, certificate, private_key FROM certificate_authorities"
            " WHERE key_sealed = 0 AND length(private_key) > 0"
        ):
            try:
                held = CertifiedKey(bytes(certificate), bytes(private_key))
            except CertificateError:
                continue  # not a key of this certificate: nothing worth keeping
            if kind == "station_ca":
                self._db.execute(
                    "UPDATE certificate_authorities SET private_key = ?, key_sealed = 1"
                    " WHERE fingerprint = ?",
                    (seal(self._key, held.private_key_der, ca_aad(str(fingerprint))), fingerprint),
                )
            else:
                revocation_lists.store(self._db, held, revocation_lists.root_list(held))
                self._db.execute(
                    "UPDATE certificate_authorities SET private_key = x'' WHERE fingerprint = ?",
                    (fingerprint,),
                )

    def _issued_here(self, certificate_der: bytes) -> bool:
        """``certificate_der`` is signed by a station CA whose sealed key opens with this
        authority (so neither the CA row nor the certificate was planted)."""
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature

        if self._issuers is None:
            self._issuers = []
            for fingerprint, ca_der, sealed in self._db.all(
                "SELECT fingerprint, certificate, private_key FROM certificate_authorities"
                " WHERE kind = 'station_ca' AND key_sealed = 1"
            ):
                key = open_sealed(self._key, bytes(sealed), ca_aad(str(fingerprint)))
                if key is None:
                    continue
                try:  # the key must be the one of the certificate in the same row
                    self._issuers.append(CertifiedKey(bytes(ca_der), key).certificate)
                except CertificateError:
                    continue
        try:
            certificate = x509.load_der_x509_certificate(certificate_der)
        except ValueError:
            return False
        for issuer in self._issuers:
            try:
                certificate.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                continue
            return True
        return False
