"""What a certificate says, read from its DER bytes: the station it names or is limited to,
the role a user's certificate was issued for, and a summary a person can recognise. Reading
only; ``pki.py`` issues. Raises :class:`CertificateError` for bytes that are not a certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from interview_room.signing.errors import CertificateError
from interview_room.signing.station_names import constrained_station, station_of_subject

ISSUE_BACKDATE = timedelta(minutes=5)
"""How far before the moment of issue ``pki.py`` starts a certificate's validity (a station
whose clock runs a few minutes behind can use it): the moment of issue is notBefore + this."""


@dataclass(frozen=True)
class CertificateInfo:
    """What a person needs to recognise a certificate."""

    subject_common_name: str
    issuer_common_name: str
    serial: int
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str
    is_ca: bool


def certificate_station(certificate_der: bytes) -> str | None:
    """The station code a signing certificate's subject names (its organisation), or ``None``."""
    return station_of_subject(load_certificate(certificate_der).subject)


def station_constraint(certificate_der: bytes) -> str | None:
    """The station a certificate authority is limited to by its name constraints, or ``None``
    (see :func:`station_names.constrained_station`)."""
    return constrained_station(load_certificate(certificate_der))


def der_to_pem(certificate_der: bytes) -> bytes:
    """The PEM text of a DER certificate (what certutil and most tools import)."""
    return load_certificate(certificate_der).public_bytes(serialization.Encoding.PEM)


def pem_to_der(certificate_pem: bytes) -> bytes:
    """The DER bytes of a PEM certificate; :class:`CertificateError` if it is not one."""
    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError as error:
        raise CertificateError("The file is not a PEM certificate.") from error
    return certificate.public_bytes(serialization.Encoding.DER)


def certificate_role(certificate_der: bytes) -> str | None:
    """The role a user's signing certificate was issued for, or ``None`` when it names none.

    :func:`issue_signing_certificate` has written the role as the subject's single
    organizationalUnitName since the first signing certificate; a certificate with no such
    attribute, or with more than one, states no role.
    """
    values = load_certificate(certificate_der).subject.get_attributes_for_oid(
        NameOID.ORGANIZATIONAL_UNIT_NAME
    )
    return str(values[0].value) if len(values) == 1 else None


def certificate_username(certificate_der: bytes) -> str | None:
    """The username a user's signing certificate names (its subject's userId), or ``None``."""
    values = load_certificate(certificate_der).subject.get_attributes_for_oid(NameOID.USER_ID)
    return str(values[0].value) if len(values) == 1 else None


def certificate_issued_at(certificate_der: bytes) -> datetime:
    """When the certificate was issued, read from the signed certificate itself (its notBefore
    is :data:`ISSUE_BACKDATE` earlier), to the second; not from any column a store keeps."""
    return load_certificate(certificate_der).not_valid_before_utc + ISSUE_BACKDATE


def certificate_info(certificate_der: bytes) -> CertificateInfo:
    """Summarise a DER certificate; :class:`CertificateError` if it cannot be read."""
    certificate = load_certificate(certificate_der)
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        is_ca = constraints.value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    return CertificateInfo(
        subject_common_name=common_name(certificate.subject),
        issuer_common_name=common_name(certificate.issuer),
        serial=certificate.serial_number,
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint_sha256=certificate.fingerprint(hashes.SHA256()).hex(),
        is_ca=is_ca,
    )


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def load_certificate(der: bytes) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as error:
        raise CertificateError("The certificate is not readable DER.") from error
