"""The chain of trust: what each certificate allows, checked with cryptography and openssl."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from interview_room.signing.errors import CertificateError
from interview_room.signing.pki import (
    CertifiedKey,
    certificate_info,
    certificate_role,
    certificate_station,
    certify_signing_key,
    create_root_ca,
    create_station_ca,
    issue_revocation_list,
    issue_signing_certificate,
    pem_to_der,
    station_constraint,
)
from interview_room.signing.station_names import station_subtree
from tests.external_tools import run_tool
from tests.signing.conftest import OFFICER, TRAINING_ROOT_NAME, Chain, write

MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
E = TypeVar("E", bound=x509.ExtensionType)


def _extension(certificate: x509.Certificate, kind: type[E]) -> x509.Extension[E]:
    return certificate.extensions.get_extension_for_class(kind)


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    return str(name.get_attributes_for_oid(oid)[0].value)


def test_a_training_root_is_a_self_signed_ca_that_says_training() -> None:
    root = create_root_ca(TRAINING_ROOT_NAME, training=True, now=MOMENT)
    certificate = root.certificate

    certificate.verify_directly_issued_by(certificate)
    constraints = _extension(certificate, x509.BasicConstraints)
    assert constraints.critical
    assert (constraints.value.ca, constraints.value.path_length) == (True, 1)
    usage = _extension(certificate, x509.KeyUsage)
    assert usage.critical
    assert usage.value.key_cert_sign and usage.value.crl_sign
    assert not usage.value.digital_signature
    assert _extension(certificate, x509.SubjectKeyIdentifier).value.digest
    assert _attribute(certificate.subject, NameOID.COMMON_NAME) == TRAINING_ROOT_NAME
    assert _attribute(certificate.subject, NameOID.ORGANIZATION_NAME) == "Interview Room"
    assert _attribute(certificate.subject, NameOID.COUNTRY_NAME) == "AL"
    assert certificate.not_valid_before_utc == MOMENT - timedelta(minutes=5)
    assert certificate.not_valid_after_utc.year == 2036


def test_a_training_root_must_be_named_as_one_and_a_real_root_must_not() -> None:
    with pytest.raises(CertificateError):
        create_root_ca("Interview Room root", training=True)
    with pytest.raises(CertificateError):
        create_root_ca("Interview Room TRAINING root", training=False)
    assert create_root_ca("Interview Room root – Albania", training=False).serial > 0


def test_a_station_ca_may_only_sign_end_entities(chain: Chain) -> None:
    certificate = chain.station.certificate

    certificate.verify_directly_issued_by(chain.root.certificate)
    constraints = _extension(certificate, x509.BasicConstraints)
    assert constraints.critical
    assert (constraints.value.ca, constraints.value.path_length) == (True, 0)
    assert _extension(certificate, x509.KeyUsage).value.key_cert_sign
    root_ski = _extension(chain.root.certificate, x509.SubjectKeyIdentifier).value.digest
    aki = _extension(certificate, x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == root_ski
    assert _attribute(certificate.subject, NameOID.COMMON_NAME) == (
        "Interview Room station MOR – Morinë"
    )
    with pytest.raises(CertificateError):
        create_station_ca(chain.station, station_name="Kakavijë", station_code="KAK")


def test_a_long_station_name_is_shortened_to_fit_the_common_name(chain: Chain) -> None:
    station = create_station_ca(chain.root, station_name="Pikë kalimi " * 10, station_code="KAK")
    name = _attribute(station.certificate.subject, NameOID.COMMON_NAME)
    assert 60 < len(name.encode()) <= 64  # cryptography counts UTF-8 bytes
    assert name.startswith("Interview Room station KAK – Pikë kalimi")
    assert name.endswith("…")


def test_a_signing_certificate_is_for_signing_only(chain: Chain) -> None:
    certificate = chain.officer.certificate

    certificate.verify_directly_issued_by(chain.station.certificate)
    constraints = _extension(certificate, x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca is False
    usage = _extension(certificate, x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    station_ski = _extension(chain.station.certificate, x509.SubjectKeyIdentifier).value.digest
    assert _extension(certificate, x509.AuthorityKeyIdentifier).value.key_identifier == (
        station_ski
    )
    assert _extension(certificate, x509.SubjectKeyIdentifier).value.digest
    subject = certificate.subject
    assert _attribute(subject, NameOID.COMMON_NAME) == OFFICER
    assert _attribute(subject, NameOID.ORGANIZATIONAL_UNIT_NAME) == "officer"
    assert _attribute(subject, NameOID.ORGANIZATION_NAME) == "Interview Room station MOR"
    assert _attribute(subject, NameOID.USER_ID) == "oficer.shembulli"
    assert chain.officer.serial.bit_length() > 64
    assert chain.officer.serial != chain.social_worker.serial
    with pytest.raises(CertificateError):
        issue_signing_certificate(
            chain.officer, full_name="X", username="x", role="officer", station_code="MOR"
        )


def test_validity_starts_just_before_now_and_never_outlives_the_issuer() -> None:
    root = create_root_ca(TRAINING_ROOT_NAME, training=True, valid_years=1, now=MOMENT)
    user = issue_signing_certificate(
        root,
        full_name=OFFICER,
        username="oficer.shembulli",
        role="officer",
        station_code="MOR",
        valid_years=2,
        now=MOMENT,
    )
    assert user.certificate.not_valid_before_utc == MOMENT - timedelta(minutes=5)
    assert user.certificate.not_valid_after_utc == root.certificate.not_valid_after_utc
    with pytest.raises(CertificateError):
        create_root_ca(TRAINING_ROOT_NAME, training=True, now=datetime(2026, 3, 2, 9, 30))


def test_openssl_accepts_the_chain_strictly(chain: Chain, openssl: str, tmp_path: Path) -> None:
    root = write(tmp_path, "root.pem", chain.root.certificate_pem)
    station = write(tmp_path, "station.pem", chain.station.certificate_pem)
    user = write(tmp_path, "user.pem", chain.officer.certificate_pem)

    strict = ("verify", "-x509_strict", "-CAfile", str(root), "-untrusted", str(station))
    ok = run_tool(openssl, *strict, str(user))
    without_station = run_tool(openssl, "verify", "-CAfile", str(root), str(user))

    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().endswith(": OK")
    assert without_station.returncode != 0


def test_the_private_key_stays_out_of_repr(chain: Chain) -> None:
    text = repr(chain.officer)
    assert "hidden" in text
    assert OFFICER in text
    assert chain.officer.private_key_der.hex()[:16] not in text
    assert str(chain.officer.private_key_der)[:40] not in text


def test_a_key_that_does_not_match_its_certificate_is_refused(chain: Chain) -> None:
    with pytest.raises(CertificateError):
        CertifiedKey(chain.officer.certificate_der, chain.social_worker.private_key_der)
    with pytest.raises(CertificateError):
        CertifiedKey(b"not a certificate", chain.officer.private_key_der)


def test_names_too_long_for_a_certificate_are_refused(chain: Chain) -> None:
    with pytest.raises(CertificateError):
        issue_signing_certificate(
            chain.station, full_name="Ë" * 33, username="u", role="officer", station_code="MOR"
        )
    with pytest.raises(CertificateError):
        issue_signing_certificate(
            chain.station, full_name=" ", username="u", role="officer", station_code="MOR"
        )
    with pytest.raises(CertificateError):
        create_station_ca(chain.root, station_name="Morinë", station_code="mor")


def test_certificate_info_summarises_a_certificate(chain: Chain) -> None:
    info = certificate_info(chain.officer.certificate_der)

    assert info.subject_common_name == OFFICER
    assert info.issuer_common_name == "Interview Room station MOR – Morinë"
    assert info.serial == chain.officer.serial
    assert info.fingerprint_sha256 == chain.officer.fingerprint_sha256
    assert len(info.fingerprint_sha256) == 64
    assert info.not_before < datetime.now(UTC) < info.not_after
    assert info.is_ca is False
    assert certificate_info(chain.root.certificate_der).is_ca is True
    with pytest.raises(CertificateError):
        certificate_info(b"\x30\x03\x02\x01\x00")


def test_a_signing_certificate_names_its_role_and_a_ca_names_none(chain: Chain) -> None:
    assert certificate_role(chain.officer.certificate_der) == "officer"
    assert certificate_role(chain.social_worker.certificate_der) == "social_worker"
    assert certificate_role(chain.station.certificate_der) is None
    assert pem_to_der(chain.officer.certificate_pem) == chain.officer.certificate_der
    with pytest.raises(CertificateError):
        pem_to_der(b"-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n")


def test_openssl_sees_a_revocation_in_the_station_cas_list(
    chain: Chain, openssl: str, tmp_path: Path
) -> None:
    root = write(tmp_path, "root.pem", chain.root.certificate_pem)
    station = write(tmp_path, "station.pem", chain.station.certificate_pem)
    user = write(tmp_path, "user.pem", chain.officer.certificate_pem)

    def verify(revoked: list[tuple[int, datetime]]) -> str:
        lists = tmp_path / "lists.pem"
        pems = []
        for issuer, entries in ((chain.station, revoked), (chain.root, [])):
            der = write(tmp_path, "list.der", issue_revocation_list(issuer, entries))
            converted = run_tool(openssl, "crl", "-inform", "DER", "-in", str(der))
            assert converted.returncode == 0, converted.stderr
            pems.append(converted.stdout)
        lists.write_text("".join(pems))
        result = run_tool(
            openssl,
            "verify",
            "-crl_check_all",
            "-CAfile",
            str(root),
            "-untrusted",
            str(station),
            "-CRLfile",
            str(lists),
            str(user),
        )
        return result.stdout + result.stderr

    assert verify([]).strip().endswith(": OK")
    assert "certificate revoked" in verify([(chain.officer.serial, datetime.now(UTC))])


def test_a_station_ca_may_sign_only_for_its_own_station(chain: Chain) -> None:
    limits = _extension(chain.station.certificate, x509.NameConstraints)
    assert limits.critical
    assert limits.value.permitted_subtrees == [x509.DirectoryName(station_subtree("MOR"))]
    assert limits.value.excluded_subtrees is None
    assert station_constraint(chain.station.certificate_der) == "MOR"
    assert station_constraint(chain.root.certificate_der) is None
    assert certificate_station(chain.officer.certificate_der) == "MOR"
    # The subject starts with the station's subtree, so the constraint holds for it.
    assert chain.officer.certificate.subject.rdns[:2] == station_subtree("MOR").rdns
    with pytest.raises(CertificateError):
        issue_signing_certificate(
            chain.station, full_name=OFFICER, username="o.han", role="officer", station_code="HAN"
        )


def test_openssl_refuses_a_certificate_outside_the_station_cas_constraint(
    chain: Chain, openssl: str, tmp_path: Path
) -> None:
    """An independent verifier applies the constraint: a certificate for HAN that MOR's CA
    signed (made here past the app's own refusal) does not verify."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([*station_subtree("HAN").rdns, *chain.officer.certificate.subject.rdns[2:]])
    forged = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(chain.station.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime.now(UTC) - timedelta(minutes=5))
        .not_valid_after(datetime.now(UTC) + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(chain.station.private_key(), hashes.SHA256())
    )
    root = write(tmp_path, "root.pem", chain.root.certificate_pem)
    station = write(tmp_path, "station.pem", chain.station.certificate_pem)
    han = write(tmp_path, "han.pem", forged.public_bytes(serialization.Encoding.PEM))
    mor = write(tmp_path, "mor.pem", chain.officer.certificate_pem)
    verify = ("verify", "-x509_strict", "-CAfile", str(root), "-untrusted", str(station))
    refused = run_tool(openssl, *verify, str(han))
    assert refused.returncode != 0
    assert "subtree violation" in refused.stdout + refused.stderr
    assert run_tool(openssl, *verify, str(mor)).returncode == 0


def test_an_existing_key_is_certified_again_without_its_private_key(chain: Chain) -> None:
    from cryptography.hazmat.primitives import serialization

    public = chain.social_worker.certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    again = x509.load_der_x509_certificate(
        certify_signing_key(
            chain.station,
            public,
            full_name="Punonjëse Sociale Shembulli",
            username="punonjese.sociale",
            role="social_worker",
            station_code="MOR",
        )
    )
    again.verify_directly_issued_by(chain.station.certificate)
    assert again.public_key() == chain.social_worker.certificate.public_key()
    assert again.serial_number != chain.social_worker.serial
    assert again.subject == chain.social_worker.certificate.subject
    with pytest.raises(CertificateError):
        certify_signing_key(
            chain.station, b"not a key", full_name="x", username="x", role="x", station_code="MOR"
        )
