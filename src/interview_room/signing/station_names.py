"""The names a station's certificates live under, and the constraint that keeps them there.

Every signing certificate's subject starts ``C=AL, O=Interview Room station <code>``; a station
CA carries a critical X.509 name constraint permitting that subtree only (RFC 5280
directoryName: the subtree's RDNs must be the first RDNs of a subject). So one station's CA, or
whoever holds it, cannot make a certificate that a verifier accepts for another station.
"""

from __future__ import annotations

import re

from cryptography import x509
from cryptography.x509.oid import NameOID

from interview_room.signing.errors import CertificateError

ORGANISATION = "Interview Room"
COUNTRY = "AL"
STATION_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")


def checked_station_code(code: str) -> str:
    if not STATION_CODE.match(code):
        raise CertificateError("A station code is 1-16 capital letters, digits or hyphens.")
    return code


def station_organisation(code: str) -> str:
    return f"{ORGANISATION} station {checked_station_code(code)}"


def station_subtree(station_code: str) -> x509.Name:
    """The name subtree of one station's users (country and organisation): the station CA's
    only permitted subtree, and the start of every signing certificate's subject."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, station_organisation(station_code)),
        ]
    )


def station_name_constraints(station_code: str) -> x509.NameConstraints:
    """What a station CA carries (critical): that station's subtree permitted, nothing else."""
    return x509.NameConstraints(
        permitted_subtrees=[x509.DirectoryName(station_subtree(station_code))],
        excluded_subtrees=None,
    )


def station_of_subject(subject: x509.Name) -> str | None:
    """The station code a subject's single organisation names, or ``None``."""
    values = subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    if len(values) != 1:
        return None
    prefix = f"{ORGANISATION} station "
    organisation = str(values[0].value)
    if not organisation.startswith(prefix):
        return None
    code = organisation[len(prefix) :]
    return code if STATION_CODE.match(code) else None


def constrained_station(certificate: x509.Certificate) -> str | None:
    """The station a certificate authority is limited to: the code when its name constraints
    permit exactly one station's subtree (as :func:`station_name_constraints` writes them) and
    exclude nothing, else ``None`` (no constraint, or another shape)."""
    try:
        limits = certificate.extensions.get_extension_for_class(x509.NameConstraints).value
    except x509.ExtensionNotFound:
        return None
    permitted = limits.permitted_subtrees or []
    if limits.excluded_subtrees or len(permitted) != 1:
        return None
    subtree = permitted[0]
    if not isinstance(subtree, x509.DirectoryName) or len(subtree.value) != 2:
        return None
    code = station_of_subject(subtree.value)
    if code is None or subtree.value != station_subtree(code):
        return None
    return code


def within_station(subject: x509.Name, station_code: str) -> bool:
    """``subject`` starts with the station's subtree, RDN by RDN (RFC 5280 directoryName)."""
    subtree = list(station_subtree(station_code).rdns)
    return list(subject.rdns)[: len(subtree)] == subtree
