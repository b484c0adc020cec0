"""Revocation everywhere (issue 16), its third part: a referral signed after the centre's
package arrived embeds the revocation data the package brought, where a validator of that PDF
needs it (``referral/embedded_revocations.py``).

Two real stations and a real centre (the set-up of ``tests/sync``), a stick carried both ways,
a Morinë data folder restored from a copy taken before its social worker was disabled; the
PDF's document security store is read with pyHanko and judged offline by pyHanko with only
what it carries and the centre's root, by pdfsig and by qpdf. Nothing is mocked. (That she can
no longer sign at the restored station, and that its own lists keep naming her, is
``test_restored_station_revocations.py``.)"""

from __future__ import annotations

import dataclasses
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from interview_room.accounts import Role
from interview_room.center.publish import write_beside
from interview_room.referral.referrals import SignerRevokedByCentre
from interview_room.signing.pki import der_to_pem
from interview_room.store.certificates import StationCertificates
from interview_room.sync.centre_revocations import held_revocations
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Workstation
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, WorkstationFactory
from tests.external_tools import require_tool, run_tool
from tests.sync.test_attacks_centre_package_revocations import _first_trips
from tests.sync.test_centre_package_revocations import (
    OFFICER,
    WORKER,
    _signed_referral,
    _trip,
    signed_by_officer,
)


def _embedded_lists(pdf: bytes) -> list[x509.CertificateRevocationList]:
    """The CRLs in the PDF's /DSS, read by pyHanko."""
    dss = DocumentSecurityStore.read_dss(PdfFileReader(BytesIO(pdf)))
    return [x509.load_der_x509_crl(bytes(ref.get_object().data)) for ref in dss.crls]


def _revoked_offline(pdf: bytes, root_der: bytes) -> dict[str, bool]:
    """Per signature field, whether pyHanko finds the signer revoked with nothing but the
    PDF's own validation data and the root (no station store, no fetching). A list of the
    signer's issuer is required: our certificates declare no distribution point, so pyHanko's
    "hard-fail" alone would not look at the lists. The station CA's status is not asked: the
    centre's root signs no list (docs/CENTRE_PACKAGE.md)."""
    reader = PdfFileReader(BytesIO(pdf))
    dss = DocumentSecurityStore.read_dss(reader)
    context = dss.as_validation_context(
        {
            "trust_roots": [asn1_x509.Certificate.load(root_der)],
            "allow_fetching": False,
            "revinfo_policy": CertRevTrustPolicy(
                RevocationCheckingPolicy(
                    ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
                    intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
                )
            ),
        }
    )
    revoked: dict[str, bool] = {}
    for signature in reader.embedded_signatures:
        status = validate_pdf_signature(signature, context)
        assert status.intact and status.valid, signature.field_name
        assert status.revoked or status.trusted, signature.field_name
        revoked[signature.field_name] = status.revoked
    return revoked


def _external_tools_agree(pdf: bytes, root_der: bytes, folder: Path, signatures: int = 2) -> None:
    """pdfsig (the root in an NSS database) verifies every signature; qpdf --check passes."""
    folder.mkdir()
    path, root = folder / "referral.pdf", folder / "root.pem"
    path.write_bytes(pdf)
    root.write_bytes(der_to_pem(root_der))
    require_tool("certutil")
    nss = folder / "nss"
    nss.mkdir()
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool("certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root))
    require_tool("pdfsig")
    report = run_tool("pdfsig", "-nssdir", f"sql:{nss}", str(path)).stdout
    assert report.count("Signature is Valid.") == signatures, report
    require_tool("qpdf")
    checked = run_tool("qpdf", "--check", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_referral_signed_after_the_package_embeds_the_lists_of_its_signers_paths_only(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center, morine, hani, admin, _, han_stick, morine_stick = _first_trips(workstation, tmp_path)
    root_der = center.keys().root_certificate_der
    worker = admin.users.find(WORKER[0])
    assert worker is not None
    certificate = StationCertificates(admin.db).current_for(worker.id)
    assert certificate is not None
    serial = x509.load_der_x509_certificate(certificate.certificate_der).serial_number
    # Morinë's data folder is copied while nobody is signed in: the copy it is restored from.
    admin.logout()
    backup = Path(shutil.copytree(morine.data_dir, tmp_path / "morine-backup"))
    admin = morine.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.disable_user(WORKER[0])
    _trip(admin, center, morine_stick)
    admin.logout()

    # 1. Han i Hotit holds Morinë's list naming her. Its own referral embeds its own station
    # CA's list only: no certificate in it was issued by Morinë's CA, so no validator of it
    # could use Morinë's list.
    hani.session.add_user(OFFICER[0], "Oficer Hani", Role.OFFICER, OFFICER[1])
    hani.session.add_user(WORKER[0], "Punonjëse Hani", Role.SOCIAL_WORKER, WORKER[1])
    _trip(hani.session, center, han_stick)
    held = held_revocations(hani.session.db).lists
    assert any(
        x509.load_der_x509_crl(der).get_revoked_certificate_by_serial_number(serial) for der in held
    )
    han_lists = {
        x509.load_der_x509_crl(der).issuer
        for der in StationCertificates(hani.session.db).revocation_lists()
    }
    hani.session.logout()
    han_pdf = _signed_referral(hani)
    assert {crl.issuer for crl in _embedded_lists(han_pdf)} == han_lists
    assert _revoked_offline(han_pdf, root_der) == {"officer": False, "social_worker": False}
    _external_tools_agree(han_pdf, root_der, tmp_path / "han-tools")

    # 2. Morinë's PC is restored from the copy: its store knows nothing of the revocation; the
    # centre's package brings Morinë's own newer list back. Her countersignature is refused
    # there now; the officer's signature carries the list naming her.
    shutil.rmtree(morine.data_dir)
    shutil.copytree(backup, morine.data_dir)
    restored = dataclasses.replace(
        morine, workstation=Workstation(morine.data_dir, clock=morine.clock)
    )
    admin = restored.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    stored = StationCertificates(admin.db).revocation_lists()
    assert not any(
        x509.load_der_x509_crl(der).get_revoked_certificate_by_serial_number(serial)
        for der in stored
    ), "the restored store's own list does not name her"
    write_beside(center, morine_stick)
    visit = exchange_with_folder(admin, morine_stick)
    assert visit.package is not None and visit.package.applied is not None, visit.package
    admin.logout()
    officer, referrals, record = signed_by_officer(restored)
    with pytest.raises(SignerRevokedByCentre):
        referrals.countersign(record.id, *WORKER)
    pdf = referrals.pdf(record.id)
    officer.logout()

    embedded = _embedded_lists(pdf)
    assert any(crl.get_revoked_certificate_by_serial_number(serial) for crl in embedded)
    # Only lists of the CAs on the signers' path: Morinë's station CA (the stored list and
    # the centre's newer one) and the training root's none; never Han i Hotit's.
    assert {crl.issuer for crl in embedded} == {
        x509.load_der_x509_crl(der).issuer for der in stored
    }
    assert _revoked_offline(pdf, root_der) == {"officer": False}
    _external_tools_agree(pdf, root_der, tmp_path / "morine-tools", signatures=1)
