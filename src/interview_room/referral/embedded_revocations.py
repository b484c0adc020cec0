"""The revocation lists a referral signed at this station carries in its document security store.

A validator of the PDF (RFC 5280 path validation, as pyHanko, Acrobat or ``referral check``
do it offline) asks, for each certificate on a signer's path, the list signed by that
certificate's issuer: the station CA's list for the officer's and the social worker's
certificates, the root's list for the station CA. No certificate in a referral signed here is
issued by another station's CA: both signers sign at this PC with a certificate of this
station's CA (``StationCertificates.signing_key``). So of the revocations the centre's package
brought (``sync/centre_revocations.py``), only the lists issued by a CA on those paths belong
in the PDF: in practice the centre's copy of this station's own CA's list, which is newer than
the stored one after the store was restored from an older copy or its list was rolled back;
and a root's list, should a package ever carry one (today the centre keeps only station CAs'
lists, and a station the centre revoked travels as certificate hashes, which have no place in
a PDF). Other stations' lists would add up to the package's 4 MiB to every form and show their
revoked serials to every recipient, while no validator could use them.

A held list is added beside the stored lists of the same CA unless one of those is at least as
new and names every serial it names: a list adds revocations, leaving one out removes none
(``signing/revocations.py``). So at most one held list per CA on the paths is added, each
within the package's bound. When the held revocations cannot be read, the stored lists alone
are embedded, as before a package; signing is refused before that (``signer_revocation.py``),
and the station's check says it cannot check revocations (``station_check.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database


def lists_to_embed(
    db: Database, certificates: StationCertificates, signer_der: bytes, pdf: bytes
) -> list[bytes]:
    """The lists (DER) to embed beside a signature by ``signer_der`` on ``pdf``: the stored
    ones (``StationCertificates.revocation_lists``) and the held lists of the CAs on the paths
    of this signer and of the signers already in ``pdf``, where they add a revocation."""
    from interview_room.sync.centre_revocations import (
        HeldRevocationsUnreadable,
        held_revocations,
    )

    stored = certificates.revocation_lists()
    try:
        held = held_revocations(db).lists
    except HeldRevocationsUnreadable:
        return stored
    if not held:
        return stored
    pool = _readable_certificates(
        [*certificates.chain(), *certificates.trust_anchors(), *_station_cas(db)]
    )
    signers = _readable_certificates([signer_der, *_signers_in(pdf)])
    on_paths = _cas_on_paths(signers, pool)
    relevant = [der for der in held if _issued_by_one_of(der, on_paths)]
    return _not_superseded(stored, relevant)


def _station_cas(db: Database) -> list[bytes]:
    return [bytes(r[0]) for r in db.all("SELECT certificate FROM certificate_authorities")]


def _signers_in(pdf: bytes) -> list[bytes]:
    """The certificates of the signatures ``pdf`` already carries (none if it does not read:
    the signing that follows says why)."""
    try:
        reader = PdfFileReader(BytesIO(pdf))
        return [bytes(s.signer_cert.dump()) for s in reader.embedded_signatures]
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _readable_certificates(ders: Sequence[bytes]) -> list[x509.Certificate]:
    readable: list[x509.Certificate] = []
    for der in ders:
        try:
            readable.append(x509.load_der_x509_certificate(der))
        except ValueError:
            continue
    return readable


def _cas_on_paths(
    signers: Sequence[x509.Certificate], pool: Sequence[x509.Certificate]
) -> list[x509.Certificate]:
    """The certificates of ``pool`` that issued a signer, or issued one of those, up to a
    self-signed root (each step checked by its signature)."""
    found: list[x509.Certificate] = []
    todo = list(signers)
    while todo:
        certificate = todo.pop()
        for issuer in pool:
            if issuer in found or not _issued(certificate, issuer):
                continue
            found.append(issuer)
            if issuer.subject != issuer.issuer:
                todo.append(issuer)
    return found


def _issued(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    if certificate.issuer != issuer.subject:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _issued_by_one_of(der: bytes, cas: Sequence[x509.Certificate]) -> bool:
    crl = _crl(der)
    if crl is None:
        return False
    for ca in cas:
        if crl.issuer != ca.subject:
            continue
        try:
            if crl.is_signature_valid(ca.public_key()):  # type: ignore[arg-type]
                return True
        except (TypeError, ValueError):
            continue
    return False


def _not_superseded(stored: list[bytes], held: list[bytes]) -> list[bytes]:
    """``stored`` as it is, then each list of ``held`` that no list of the same issuer in
    either is at least as new as and names every serial of (``stored``'s order kept)."""
    lists = [*stored, *held]
    facts = {der: _facts(der) for der in lists}
    kept = list(stored)
    for der in held:
        mine = facts[der]
        if der in kept or mine is None:
            continue
        if not any(other != der and _supersedes(facts[other], mine) for other in lists):
            kept.append(der)
    # A stored list a held one supersedes stays: the stored lists embed as they always did.
    return kept


_Facts = tuple[bytes, int, frozenset[int]]
"""A list's issuer (name and key identifier), number and serials."""


def _facts(der: bytes) -> _Facts | None:
    crl = _crl(der)
    if crl is None:
        return None
    try:
        number = int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        number = 0
    try:
        key_id = (
            crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
            or b""
        )
    except x509.ExtensionNotFound:
        key_id = b""
    issuer = crl.issuer.public_bytes() + b"\0" + key_id
    return issuer, number, frozenset(e.serial_number for e in crl)


def _supersedes(other: _Facts | None, mine: _Facts) -> bool:
    return other is not None and other[0] == mine[0] and other[1] >= mine[1] and other[2] >= mine[2]


def _crl(der: bytes) -> x509.CertificateRevocationList | None:
    try:
        return x509.load_der_x509_crl(der)
    except ValueError:
        return None
