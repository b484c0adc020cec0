"""Sign referral PDFs (PAdES, one incremental update per signer) and check their signatures.

Signing never rewrites earlier bytes, so the officer's signature stays valid when the social
worker signs after them. Checking is offline: trust comes only from the roots the caller passes,
revocation only from the caller's list of revoked serial numbers.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    DiffResult,
    FieldMDPRule,
    FormUpdatingRule,
    ModificationLevel,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
)
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from interview_room.signing.errors import (
    CertificateError,
    PdfSigningFailed,
    PdfUnreadable,
    SignatureFieldInvalid,
)
from interview_room.signing.pki import CertifiedKey, certificate_info
from interview_room.signing.stamp import stamp_style


def _only_signatures_after() -> StandardDiffPolicy:
    """pyHanko's default policy minus the rule that accepts filling ordinary form fields.

    After a signature, later revisions may only add or fill signature fields (plus bookkeeping
    such as cross-reference streams and document metadata) for the signature to stay valid.
    """
    default_form_rule = DEFAULT_DIFF_POLICY.form_rule
    assert default_form_rule is not None
    signature_rules: list[FieldMDPRule] = [
        rule
        for rule in default_form_rule.field_rules
        if isinstance(rule, SigFieldCreationRule | SigFieldModificationRule)
    ]
    return StandardDiffPolicy(
        global_rules=DEFAULT_DIFF_POLICY.global_rules,
        form_rule=FormUpdatingRule(field_rules=signature_rules),
    )


_ONLY_SIGNATURES_AFTER = _only_signatures_after()


class ChangesAfter(enum.Enum):
    """What the file gained after the revision a signature covers."""

    NONE = "none"
    ONLY_LATER_SIGNATURES = "only_later_signatures"
    OTHER_CHANGES = "other_changes"


@dataclass(frozen=True)
class SignatureField:
    """A visible signature field: page index from 0; box in PDF points, lower-left origin."""

    name: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class SignatureCheck:
    """What a reader can rely on about one embedded signature."""

    field_name: str
    signer_common_name: str
    signer_serial: int | None
    signing_time: datetime | None
    intact: bool
    trusted: bool
    revoked: bool
    covers_document: bool
    changes_after: ChangesAfter
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return (
            self.intact
            and self.trusted
            and not self.revoked
            and self.changes_after is not ChangesAfter.OTHER_CHANGES
        )


@dataclass(frozen=True)
class PdfVerification:
    """Every signature found in a PDF, in signing order."""

    signatures: tuple[SignatureCheck, ...]

    @property
    def all_valid(self) -> bool:
        """True when there is at least one signature and every signature is valid."""
        return bool(self.signatures) and all(check.valid for check in self.signatures)


def sign_pdf(
    pdf: bytes,
    signer: CertifiedKey,
    chain: Sequence[bytes],
    *,
    field: SignatureField,
    signer_name: str,
    reason: str,
    location: str,
) -> bytes:
    """Return ``pdf`` with one more PAdES signature, added as an incremental update.

    ``chain`` holds the DER certificates a reader needs to reach a root (station CA, root);
    they are embedded in the signature. The visible field is created when the PDF lacks it.
    Refuses (:class:`CertificateError`) a signer whose certificate is not valid right now.
    """
    _check_field(field)
    info = certificate_info(signer.certificate_der)
    if not info.not_before <= datetime.now(UTC) <= info.not_after:
        raise CertificateError("The signing certificate is expired or not valid yet.")
    writer = _incremental_writer(pdf)
    _check_field_fits(writer, field)
    embedded = [_asn1_certificate(der) for der in chain]
    pyhanko_signer = signers.SimpleSigner(
        signing_cert=_asn1_certificate(signer.certificate_der),
        signing_key=asn1_keys.PrivateKeyInfo.load(signer.private_key_der),
        cert_registry=SimpleCertificateStore.from_certs(embedded),  # type: ignore[no-untyped-call]
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=field.name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name,
        reason=reason,
        location=location,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=pyhanko_signer,
        stamp_style=stamp_style(reason, location),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field.name,
            on_page=field.page,
            box=field.box,  # type: ignore[arg-type]  # pyHanko annotates ints; floats work
        ),
    )
    try:
        output = pdf_signer.sign_pdf(writer)
    except (SigningError, PdfError, ValueError) as error:
        raise PdfSigningFailed(f"The PDF could not be signed: {error}") from error
    return bytes(output.getvalue())


def verify_pdf(
    pdf: bytes, trusted_roots: Sequence[bytes], revoked_serials: Collection[int] = ()
) -> PdfVerification:
    """Check every embedded signature against ``trusted_roots`` (DER), fully offline.

    Raises :class:`PdfUnreadable` when the bytes are not a readable PDF, and
    :class:`CertificateError` when a trusted root is not a DER certificate. A PDF without
    signatures gives an empty :class:`PdfVerification`. Certificates are judged at the present
    moment (there is no trusted timestamp to judge them at the signing time).
    """
    roots = [_asn1_certificate(der) for der in trusted_roots]
    reader = _reader(pdf)
    try:
        embedded = list(reader.embedded_signatures)
        revisions = int(reader.xrefs.total_revisions)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise PdfUnreadable("The PDF's signature fields cannot be read.") from error
    # pyHanko accepts a later revision that only adds an *empty* signature field, yet its widget
    # can paint over signed text. So every later revision must carry a signature of its own.
    signed = {sig.signed_revision for sig in embedded}
    revoked = frozenset(revoked_serials)
    return PdfVerification(
        tuple(
            _check_signature(
                sig,
                roots,
                revoked,
                unsigned_later=any(
                    r not in signed for r in range(sig.signed_revision + 1, revisions)
                ),
            )
            for sig in embedded
        )
    )


# -- checking -------------------------------------------------------------------------------


def _check_signature(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    revoked: frozenset[int],
    *,
    unsigned_later: bool,
) -> SignatureCheck:
    field_name = str(embedded.field_name)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = validate_pdf_signature(
            embedded, signer_validation_context=context, diff_policy=_ONLY_SIGNATURES_AFTER
        )
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return SignatureCheck(
            field_name=field_name,
            signer_common_name="",
            signer_serial=None,
            signing_time=None,
            intact=False,
            trusted=False,
            revoked=False,
            covers_document=False,
            changes_after=ChangesAfter.OTHER_CHANGES,
            problems=(f"The signature in field {field_name} could not be checked: {error}",),
        )
    serials = {status.signing_cert.serial_number}
    if status.validation_path is not None:
        serials |= {cert.serial_number for cert in status.validation_path.iter_certs(True)}
    intact = bool(status.intact and status.valid)
    trusted = bool(status.trusted)
    is_revoked = bool(serials & revoked)
    changes = ChangesAfter.OTHER_CHANGES if unsigned_later else _changes_after(status)
    return SignatureCheck(
        field_name=field_name,
        signer_common_name=_common_name(status.signing_cert),
        signer_serial=int(status.signing_cert.serial_number),
        signing_time=status.signer_reported_dt,
        intact=intact,
        trusted=trusted,
        revoked=is_revoked,
        covers_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        changes_after=changes,
        problems=_problems(status, intact, trusted, is_revoked, changes),
    )


def _changes_after(status: PdfSignatureStatus) -> ChangesAfter:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return ChangesAfter.NONE
    diff = status.diff_result
    if (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and isinstance(diff, DiffResult)
        and diff.modification_level <= ModificationLevel.FORM_FILLING
    ):
        return ChangesAfter.ONLY_LATER_SIGNATURES
    return ChangesAfter.OTHER_CHANGES


def _problems(
    status: PdfSignatureStatus, intact: bool, trusted: bool, revoked: bool, changes: ChangesAfter
) -> tuple[str, ...]:
    problems: list[str] = []
    if not intact:
        problems.append(
            "The signature does not match the document: the signed content was altered"
            " or the signature is damaged."
        )
    elif not trusted:
        indication = status.trust_problem_indic
        detail = f" ({indication.standard_name})" if indication is not None else ""
        problems.append(
            f"The signer's certificate does not lead to a trusted root or is not valid now{detail}."
        )
    if revoked:
        problems.append("The signer's certificate, or a certificate above it, has been revoked.")
    if changes is ChangesAfter.OTHER_CHANGES:
        problems.append(
            "The document was changed after this signature in ways other than adding signatures."
        )
    return tuple(problems)


def _common_name(certificate: asn1_x509.Certificate) -> str:
    value = certificate.subject.native.get("common_name", "")
    return str(value[-1] if isinstance(value, list) else value)


# -- opening and preparing ------------------------------------------------------------------


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(BytesIO(pdf))
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise PdfUnreadable("The file is not a readable PDF.") from error


def _incremental_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(pdf))
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise PdfUnreadable("The file is not a readable PDF.") from error


def _check_field(field: SignatureField) -> None:
    if not field.name or "." in field.name:
        raise SignatureFieldInvalid("A signature field needs a name without dots.")
    if field.page < 0:
        raise SignatureFieldInvalid("The page index of a signature field starts at 0.")
    left, bottom, right, top = field.box
    if right <= left or top <= bottom:
        raise SignatureFieldInvalid("A visible signature field needs a box with area.")


def _check_field_fits(writer: IncrementalPdfFileWriter, field: SignatureField) -> None:
    try:
        page_count = int(writer.root["/Pages"]["/Count"])
        existing = list(fields.enumerate_sig_fields(writer.prev, with_name=field.name))
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise PdfUnreadable("The PDF's pages or form cannot be read.") from error
    if field.page >= page_count:
        raise SignatureFieldInvalid(
            f"The PDF has {page_count} page(s); page index {field.page} does not exist."
        )
    if any(value is not None for _name, value, _ref in existing):
        raise SignatureFieldInvalid(f"The signature field {field.name} is already signed.")


def _asn1_certificate(der: bytes) -> asn1_x509.Certificate:
    certificate_info(der)  # CertificateError when the DER is not a certificate
    return asn1_x509.Certificate.load(der)
