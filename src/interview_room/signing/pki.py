"""The chain of trust, made offline: root CA → station CA → one signing certificate per user.

Every key is ECDSA P-256 and every certificate is signed with SHA-256. Private keys leave this
module as unencrypted PKCS#8 DER inside :class:`CertifiedKey`; the caller encrypts them before
they are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# What a certificate says lives in certificate_reading; its names stay importable from here.
from interview_room.signing.certificate_reading import ISSUE_BACKDATE, common_name, load_certificate
from interview_room.signing.certificate_reading import CertificateInfo as CertificateInfo
from interview_room.signing.certificate_reading import certificate_info as certificate_info
from interview_room.signing.certificate_reading import certificate_role as certificate_role
from interview_room.signing.certificate_reading import certificate_station as certificate_station
from interview_room.signing.certificate_reading import der_to_pem as der_to_pem
from interview_room.signing.certificate_reading import pem_to_der as pem_to_der
from interview_room.signing.certificate_reading import station_constraint as station_constraint
from interview_room.signing.errors import CertificateError
from interview_room.signing.station_names import (
    COUNTRY,
    ORGANISATION,
    checked_station_code,
    station_name_constraints,
    station_organisation,
    within_station,
)

TRAINING_MARK = "TRAINING"

# Starting validity a little in the past keeps a certificate usable on a station whose clock
# runs a few minutes behind the one that issued it.
_BACKDATE = ISSUE_BACKDATE
# RFC 5280 bounds commonName, organizationName, ... at 64; cryptography counts UTF-8 bytes, so
# an Albanian "ë" uses two of them and an en dash three.
_MAX_NAME_BYTES = 64


@dataclass(frozen=True, repr=False)
class CertifiedKey:
    """A certificate (DER) and its private key (unencrypted PKCS#8 DER), checked to match."""

    certificate_der: bytes
    private_key_der: bytes

    def __post_init__(self) -> None:
        certificate = self.certificate  # raises CertificateError when unreadable
        key = self.private_key()
        if _public_der(key.public_key()) != _public_der(certificate.public_key()):
            raise CertificateError("The private key does not belong to the certificate.")

    def __repr__(self) -> str:
        return (
            f"CertifiedKey(subject={common_name(self.certificate.subject)!r}, "
            f"serial={self.serial:#x}, private_key=<hidden>)"
        )

    @property
    def certificate(self) -> x509.Certificate:
        return load_certificate(self.certificate_der)

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def serial(self) -> int:
        return self.certificate.serial_number

    @property
    def fingerprint_sha256(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    def private_key(self) -> ec.EllipticCurvePrivateKey:
        try:
            key = serialization.load_der_private_key(self.private_key_der, password=None)
        except (ValueError, TypeError) as error:
            raise CertificateError("The private key is not readable PKCS#8 DER.") from error
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise CertificateError("Only elliptic-curve signing keys are supported.")
        return key


def create_root_ca(
    common_name: str, *, training: bool, valid_years: int = 10, now: datetime | None = None
) -> CertifiedKey:
    """A self-signed root that may sign station CAs (path length 1).

    A training root must say "TRAINING" in its common name; a real root must not mention
    training, so that no one mistakes one for the other.
    """
    name = _checked_name(common_name, "root common name")
    if training and TRAINING_MARK not in name:
        raise CertificateError(f'A training root\'s common name must contain "{TRAINING_MARK}".')
    if not training and TRAINING_MARK.casefold() in name.casefold():
        raise CertificateError("A root for real referrals must not be named as a training root.")
    subject = _name(
        (NameOID.COMMON_NAME, name),
        (NameOID.ORGANIZATION_NAME, ORGANISATION),
        (NameOID.COUNTRY_NAME, COUNTRY),
    )
    key = ec.generate_private_key(ec.SECP256R1())
    start, end = _validity(now, valid_years)
    builder = (
        _builder(subject, subject, key.public_key(), start, end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
    )
    return _finish(builder, key, key)


def create_station_ca(
    root: CertifiedKey,
    *,
    station_name: str,
    station_code: str,
    valid_years: int = 5,
    now: datetime | None = None,
) -> CertifiedKey:
    """A station CA under ``root`` that may sign users' certificates only (path length 0)."""
    code = checked_station_code(station_code)
    station = _checked_name(station_name, "station name", limit=None)
    prefix = f"Interview Room station {code} – "
    room = _MAX_NAME_BYTES - len(prefix.encode())
    subject = _name(
        (NameOID.COMMON_NAME, prefix + _shortened(station, room)),
        (NameOID.ORGANIZATION_NAME, ORGANISATION),
        (NameOID.COUNTRY_NAME, COUNTRY),
    )
    # Name-constrained to its own station: whatever it signs must name this station in its
    # subject, so one station's authority (or an insider holding it) cannot sign for another.
    limits = station_name_constraints(code)
    return _issue(
        root,
        subject,
        now,
        valid_years,
        x509.BasicConstraints(ca=True, path_length=0),
        _ca_key_usage(),
        extra=((limits, True),),
    )


def issue_signing_certificate(
    issuer: CertifiedKey,
    *,
    full_name: str,
    username: str,
    role: str,
    station_code: str,
    valid_years: int = 2,
    now: datetime | None = None,
) -> CertifiedKey:
    """A user's end-entity certificate for signing documents (digitalSignature + nonRepudiation).

    The subject names, from the top: the country, the station (``Interview Room station MOR``,
    the subtree a station CA is constrained to), the role (organizationalUnitName), the
    username and the full name. An issuer constrained to another station refuses."""
    subject = _signing_subject(full_name, username, role, station_code)
    return _issue(
        issuer,
        subject,
        now,
        valid_years,
        x509.BasicConstraints(ca=False, path_length=None),
        _signing_key_usage(),
    )


def certify_signing_key(
    issuer: CertifiedKey,
    public_key_der: bytes,
    *,
    full_name: str,
    username: str,
    role: str,
    station_code: str,
    valid_years: int = 2,
    now: datetime | None = None,
) -> bytes:
    """A signing certificate (DER) like :func:`issue_signing_certificate`'s for a key that
    already exists (SubjectPublicKeyInfo DER): renewing a certificate, or certifying a user's
    key under a new station CA, needs the issuer's key only, never the user's."""
    try:
        public_key = serialization.load_der_public_key(public_key_der)
    except ValueError as error:
        raise CertificateError("The public key is not readable DER.") from error
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise CertificateError("Only elliptic-curve signing keys are supported.")
    certificate = _issued_certificate(
        issuer,
        _signing_subject(full_name, username, role, station_code),
        public_key,
        now,
        valid_years,
        x509.BasicConstraints(ca=False, path_length=None),
        _signing_key_usage(),
    )
    return certificate.public_bytes(serialization.Encoding.DER)


def issue_tls_server_certificate(
    issuer: CertifiedKey, *, hosts: Sequence[str], valid_years: int = 2, now: datetime | None = None
) -> CertifiedKey:
    """A TLS server certificate for the centre's receiver, for the given host names and IP
    addresses, issued by the centre's root so stations can pin that root."""
    import ipaddress

    if not hosts:
        raise CertificateError("A server certificate needs at least one host name.")
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    key = ec.generate_private_key(ec.SECP256R1())
    start, end = _validity(now, valid_years)
    end = min(end, issuer.certificate.not_valid_after_utc)
    subject = _name(
        (NameOID.COMMON_NAME, _checked_name(hosts[0], "host name")),
        (NameOID.ORGANIZATION_NAME, ORGANISATION),
    )
    builder = (
        _builder(subject, issuer.certificate.subject, key.public_key(), start, end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    )
    return _finish(builder, key, issuer.private_key())


def issue_revocation_list(
    issuer: CertifiedKey,
    revoked: Sequence[tuple[int, datetime]],
    *,
    valid_days: int = 30,
    now: datetime | None = None,
) -> bytes:
    """A CRL (DER) signed by ``issuer`` listing ``revoked`` (serial, time of revocation).

    Its number is the issuing time in milliseconds, so a later list always has a higher number.
    """
    moment = datetime.now(UTC) if now is None else now.astimezone(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.certificate.subject)
        .last_update(moment - _BACKDATE)
        .next_update(moment + timedelta(days=valid_days))
        .add_extension(x509.CRLNumber(int(moment.timestamp() * 1000)), critical=False)
    )
    try:
        ski = issuer.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value),
            critical=False,
        )
    except x509.ExtensionNotFound:
        pass
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(min(when.astimezone(UTC), moment))
            .build()
        )
    return builder.sign(issuer.private_key(), hashes.SHA256()).public_bytes(
        serialization.Encoding.DER
    )


# -- internals ------------------------------------------------------------------------------


def _issue(
    issuer: CertifiedKey,
    subject: x509.Name,
    now: datetime | None,
    valid_years: int,
    constraints: x509.BasicConstraints,
    usage: x509.KeyUsage,
    extra: Sequence[tuple[x509.ExtensionType, bool]] = (),
) -> CertifiedKey:
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = _issued_certificate(
        issuer, subject, key.public_key(), now, valid_years, constraints, usage, extra
    )
    return CertifiedKey(
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def _issued_certificate(
    issuer: CertifiedKey,
    subject: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    now: datetime | None,
    valid_years: int,
    constraints: x509.BasicConstraints,
    usage: x509.KeyUsage,
    extra: Sequence[tuple[x509.ExtensionType, bool]] = (),
) -> x509.Certificate:
    issuer_certificate = issuer.certificate
    try:
        issuer_constraints = issuer_certificate.extensions.get_extension_for_class(
            x509.BasicConstraints
        ).value
        issuer_ski = issuer_certificate.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier
        ).value
    except x509.ExtensionNotFound as error:
        raise CertificateError("The issuer is not a certificate authority.") from error
    if not issuer_constraints.ca:
        raise CertificateError("The issuer is not a certificate authority.")
    if constraints.ca and issuer_constraints.path_length == 0:
        raise CertificateError("This certificate authority may not sign other authorities.")
    start, end = _validity(now, valid_years)
    # A certificate cannot be trusted past its issuer's expiry, so it does not claim to be.
    end = min(end, issuer_certificate.not_valid_after_utc)
    if end <= start:
        raise CertificateError("The issuing certificate authority has expired.")
    limited_to = station_constraint(issuer.certificate_der)
    if not constraints.ca and limited_to is not None and not within_station(subject, limited_to):
        # What a verifier would refuse anyway: the authority never signs it.
        raise CertificateError(
            f"This certificate authority may issue certificates of station {limited_to} only."
        )
    builder = (
        _builder(subject, issuer_certificate.subject, public_key, start, end)
        .add_extension(constraints, critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski),
            critical=False,
        )
    )
    for extension, critical in extra:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(issuer.private_key(), hashes.SHA256())


def _signing_subject(full_name: str, username: str, role: str, station_code: str) -> x509.Name:
    code = checked_station_code(station_code)
    return _name(
        (NameOID.COUNTRY_NAME, COUNTRY),
        (NameOID.ORGANIZATION_NAME, station_organisation(code)),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, _checked_name(role, "role")),
        (NameOID.USER_ID, _checked_name(username, "username")),
        (NameOID.COMMON_NAME, _checked_name(full_name, "full name")),
    )


def _signing_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    start: datetime,
    end: datetime,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())  # 159 random bits
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _finish(
    builder: x509.CertificateBuilder,
    key: ec.EllipticCurvePrivateKey,
    signing_key: ec.EllipticCurvePrivateKey,
) -> CertifiedKey:
    certificate = builder.sign(signing_key, hashes.SHA256())
    return CertifiedKey(
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def _ca_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _validity(now: datetime | None, valid_years: int) -> tuple[datetime, datetime]:
    if valid_years < 1:
        raise CertificateError("A certificate must be valid for at least one year.")
    moment = datetime.now(UTC) if now is None else now
    if moment.tzinfo is None:
        raise CertificateError("The issuing time must carry a time zone.")
    moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment - _BACKDATE, moment + timedelta(days=365 * valid_years + valid_years // 4)


def _name(*attributes: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


def _checked_name(value: str, what: str, limit: int | None = _MAX_NAME_BYTES) -> str:
    text = " ".join(value.split())
    if not text:
        raise CertificateError(f"The {what} is empty.")
    if limit is not None and len(text.encode()) > limit:
        raise CertificateError(f"The {what} is longer than {limit} bytes in UTF-8.")
    return text


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, marked with an ellipsis when cut."""
    if len(text.encode()) <= limit:
        return text
    room = limit - len("…".encode())
    cut = text.encode()[:room].decode(errors="ignore").rstrip()
    return cut + "…"


def _public_der(key: object) -> bytes:
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise CertificateError("Only elliptic-curve certificates are supported.")
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
