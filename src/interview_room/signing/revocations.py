"""Revocation lists beside a signature: those a PDF carries and those a verifier is given.

A certificate on a trusted path counts as revoked when a list *signed by its issuer* names it.
A list whose signature does not verify with the issuer's key is ignored, so a list can add a
revocation but leaving one out removes none.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError


def embedded_revocation_lists(reader: PdfFileReader) -> list[bytes]:
    """The revocation lists (DER) in the PDF's document security store, if it has one."""
    try:
        store = DocumentSecurityStore.read_dss(reader)
        return [bytes(reference.get_object().data) for reference in store.crls]
    except NoDSSFoundError:
        return []
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return []  # unreadable validation data proves nothing either way


def readable_lists(lists: Sequence[bytes]) -> list[x509.CertificateRevocationList]:
    readable: list[x509.CertificateRevocationList] = []
    for der in lists:
        try:
            readable.append(x509.load_der_x509_crl(der))
        except ValueError:
            continue
    return readable


def listed_as_revoked(
    path: Sequence[x509.Certificate],
    lists: Sequence[x509.CertificateRevocationList],
    before: datetime | None = None,
) -> bool:
    """True when a list signed by the issuer of a certificate on ``path`` (root first) names
    that certificate (revoked no later than ``before``, when given)."""
    for issuer, certificate in itertools.pairwise(path):
        for crl in lists:
            if crl.issuer != issuer.subject:
                continue
            try:
                genuine = crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
            except (TypeError, ValueError):
                genuine = False
            entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
            if genuine and entry and (before is None or entry.revocation_date_utc <= before):
                return True
    return False
