"""Sign referral PDFs (PAdES, one incremental update per signer) and check their signatures.

Signing never rewrites earlier bytes, so the officer's signature stays valid when the social
worker signs after them. A signature may certify the document (DocMDP) and may carry its chain and
revocation lists in the document security store (DSS) of its own revision. Checking is offline:
trust comes only from the roots the caller passes, revocation only from the caller's list of
revoked serial numbers, and after a signature nothing may change but filling (signing) a field
that was already there, plus validation data.

The work is split by responsibility: :mod:`signature_fields` (the visible fields),
:mod:`signature_checks` (verifying) and :mod:`change_policy` (what may change after a
signature); this module signs and keeps every public name importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from interview_room.signing.errors import CertificateError, PdfSigningFailed
from interview_room.signing.pki import CertifiedKey, certificate_info
from interview_room.signing.signature_checks import (
    ChangesAfter,
    PdfVerification,
    SignatureCheck,
    asn1_certificate,
    verify_pdf,
)
from interview_room.signing.signature_fields import (
    SignatureField,
    check_field,
    check_field_fits,
    declare_signature_fields,
    field_spec,
    incremental_writer,
)
from interview_room.signing.stamp import stamp_style

__all__ = [
    "ChangesAfter",
    "PdfVerification",
    "SignatureCheck",
    "SignatureField",
    "declare_signature_fields",
    "sign_pdf",
    "verify_pdf",
]


def sign_pdf(
    pdf: bytes,
    signer: CertifiedKey,
    chain: Sequence[bytes],
    *,
    field: SignatureField,
    signer_name: str,
    reason: str,
    location: str,
    certify: bool = False,
    revocation_lists: Sequence[bytes] = (),
) -> bytes:
    """Return ``pdf`` with one more PAdES signature, added as an incremental update.

    ``chain`` holds the DER certificates a reader needs to reach a root (station CA, then the
    root itself); they are embedded in the signature. The visible field is created when the PDF
    lacks it. ``certify``: the signature certifies the document and allows only filling (signing)
    its other signature fields afterwards (DocMDP level 2); only a first signature can. Given
    ``revocation_lists`` (DER CRLs), the chain and the lists go into the document security
    store in the signature's own revision, checked first against the chain's root (PAdES with
    validation data, no extra revision). Refuses (:class:`CertificateError`) a signer whose
    certificate is not valid right now.
    """
    check_field(field)
    info = certificate_info(signer.certificate_der)
    if not info.not_before <= datetime.now(UTC) <= info.not_after:
        raise CertificateError("The signing certificate is expired or not valid yet.")
    writer = incremental_writer(pdf)
    check_field_fits(writer, field)
    embedded = [asn1_certificate(der) for der in chain]
    pyhanko_signer = signers.SimpleSigner(
        signing_cert=asn1_certificate(signer.certificate_der),
        signing_key=asn1_keys.PrivateKeyInfo.load(signer.private_key_der),
        cert_registry=SimpleCertificateStore.from_certs(embedded),  # type: ignore[no-untyped-call]
    )
    validation = _validation_data(embedded, revocation_lists)
    metadata = signers.PdfSignatureMetadata(
        field_name=field.name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name,
        reason=reason,
        location=location,
        certify=certify,
        docmdp_permissions=MDPPerm.FILL_FORMS if certify else MDPPerm.NO_CHANGES,
        **validation,  # type: ignore[arg-type]
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=pyhanko_signer,
        stamp_style=stamp_style(reason, location),
        new_field_spec=field_spec(field),
    )
    try:
        output = pdf_signer.sign_pdf(writer)
    except (SigningError, PdfError, ValueError) as error:
        raise PdfSigningFailed(f"The PDF could not be signed: {error}") from error
    return bytes(output.getvalue())


def _validation_data(
    chain: list[asn1_x509.Certificate], revocation_lists: Sequence[bytes]
) -> dict[str, object]:
    """pyHanko's settings that put ``chain`` and ``revocation_lists`` in the document security
    store of the signature's own revision, checked first against the chain's root; none
    without lists."""
    if not revocation_lists:
        return {}
    if not chain:
        raise CertificateError("Validation data needs the chain up to a root.")
    return {
        "embed_validation_info": True,
        "validation_context": ValidationContext(
            trust_roots=[chain[-1]],
            other_certs=chain[:-1],
            crls=list(revocation_lists),
            allow_fetching=False,
            revocation_mode="soft-fail",
        ),
        "dss_settings": DSSContentSettings(
            placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
        ),
    }
