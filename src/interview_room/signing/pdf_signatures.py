"""Sign referral PDFs (PAdES, one incremental update per signer) and check their signatures.

Signing never rewrites earlier bytes, so the officer's signature stays valid when the social
worker signs after them. A signature may certify the document (DocMDP) and may carry its chain and
revocation lists in the document security store (DSS) of its own revision. Checking is offline:
trust comes only from the roots the caller passes, revocation only from the caller's list of
revoked serial numbers, and after a signature nothing may change but filling (signing) a field
that was already there, plus validation data.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.form_tools import enumerate_fields_in
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.xmp_xml import meta_from_xmp, parse_xmp
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DiffResult,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    ReferenceUpdate,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    XrefStreamRule,
)
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
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
from interview_room.signing.pki import (
    CertifiedKey,
    certificate_info,
    certificate_role,
    certificate_station,
    station_constraint,
)
from interview_room.signing.revocations import (
    embedded_revocation_lists,
    listed_as_revoked,
    readable_lists,
)
from interview_room.signing.stamp import stamp_style


class _InfoKeepsItsWords(DocInfoRule):
    """pyHanko's rule for the trailer's /Info, allowing only what every incremental writer
    updates (modification date, producer): a viewer shows the title in its title bar."""

    _BOOKKEEPING = frozenset({"/ModDate", "/Producer"})

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterator[ReferenceUpdate]:
        if self._words(old) != self._words(new):
            raise SuspiciousModification("The document information changed after signing.")
        yield from super().apply(old, new)

    def _words(self, resolver: HistoricalResolver) -> dict[str, str]:
        reference = resolver.trailer_view.get_value_as_reference("/Info", optional=True)
        if reference is None:
            return {}
        info = resolver(reference)
        if not isinstance(info, generic.DictionaryObject):
            return {"": "not a dictionary"}
        return {str(k): str(v) for k, v in info.items() if k not in self._BOOKKEEPING}


class _MetadataKeepsItsWords(MetadataUpdateRule):
    """pyHanko's rule for the XMP metadata stream, allowing an update only when the title,
    author, subject, keywords and creator it states stay the same (pyHanko's writer refreshes
    the dates in it at every signature); metadata that appears after signing is refused."""

    def __init__(self) -> None:
        super().__init__(check_xml_syntax=True)  # type: ignore[no-untyped-call]

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterator[ReferenceUpdate]:
        new_words = self._words(new)
        if new_words is not None and new_words != self._words(old):
            raise SuspiciousModification("The XMP metadata changed after signing.")
        yield from super().apply(old, new)

    @staticmethod
    def _words(resolver: HistoricalResolver) -> tuple[str, ...] | None:
        try:
            reference = resolver.root.get_value_as_reference("/Metadata")
        except KeyError:
            return None
        except (PdfError, ValueError) as error:
            raise SuspiciousModification("/Metadata is not a stream reference.") from error
        stream = resolver(reference)
        if not isinstance(stream, generic.StreamObject):
            raise SuspiciousModification("/Metadata is not a stream.")
        try:
            meta = meta_from_xmp(parse_xmp(BytesIO(stream.data)))
        except (PdfError, ValueError, KeyError, TypeError) as error:
            raise SuspiciousModification("The XMP metadata cannot be read.") from error
        return tuple(
            repr(value)
            for value in (meta.title, meta.author, meta.subject, meta.keywords, meta.creator)
        )


def _only_filling_signature_fields() -> StandardDiffPolicy:
    """pyHanko's default policy narrowed to what a referral needs after a signature: filling a
    signature field that exists, and validation data.

    Creating any field (a signature field too: its widget can paint over signed text),
    filling ordinary form fields, and new words in /Info or the XMP metadata are refused;
    bookkeeping (cross-reference and object streams, modification dates, the DSS with
    certificates and revocation lists) stays allowed.
    """
    bookkeeping = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(),  # type: ignore[no-untyped-call]
            _InfoKeepsItsWords().as_qualified(bookkeeping),
            XrefStreamRule().as_qualified(bookkeeping),
            ObjectStreamRule().as_qualified(bookkeeping),
            DSSCompareRule().as_qualified(bookkeeping),
            _MetadataKeepsItsWords().as_qualified(bookkeeping),
        ],
        form_rule=FormUpdatingRule(field_rules=[SigFieldModificationRule()]),
    )


_ONLY_FILLING_SIGNATURE_FIELDS = _only_filling_signature_fields()
_OTHER_FIELD_TYPES = ("/Tx", "/Btn", "/Ch")


class ChangesAfter(enum.Enum):
    """What the file gained after the revision a signature covers."""

    NONE = "none"
    ONLY_VALIDATION_DATA = "only_validation_data"
    ONLY_LATER_SIGNATURES = "only_later_signatures"
    OTHER_CHANGES = "other_changes"


@dataclass(frozen=True)
class SignatureField:
    """A visible signature field: page index from 0; box in PDF points, lower-left origin.

    ``locks_document``: signing this field forbids every later change but validation data
    (a field lock of all fields and DocMDP level 1, which Acrobat and pyHanko enforce).
    """

    name: str
    page: int
    box: tuple[float, float, float, float]
    locks_document: bool = False


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
    signer_role: str | None = None
    """The role the signer's certificate names (see :func:`pki.certificate_role`)."""
    certifies: bool = False
    """This is the document's certification (author) signature."""
    docmdp: int | None = None
    """The DocMDP level this signature sets (1 no changes, 2 filling and signing fields,
    3 also annotations), by certifying or through its field's lock; ``None`` when none."""
    fields_filled_after: frozenset[str] = frozenset()
    """Signature fields filled in later revisions."""
    signed_revision: int = -1
    signer_station: str | None = None
    """The station code the signer's certificate names (see :func:`pki.certificate_station`)."""
    issuer_station: str | None = None
    """The station the certificate's issuing CA is name-constrained to, on a trusted path;
    ``None`` when the path is not trusted or the issuer is not limited to one station."""

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
    """Every signature found in a PDF, in signing order, and the form's fields."""

    signatures: tuple[SignatureCheck, ...]
    signature_fields: tuple[str, ...] = ()
    """Every signature field of the last revision, signed or not, in form order."""
    other_fields: tuple[str, ...] = ()
    """Form fields that are not signature fields (text, buttons, choices)."""

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
    validation: dict[str, object] = {}
    if revocation_lists:
        if not embedded:
            raise CertificateError("Validation data needs the chain up to a root.")
        validation = {
            "embed_validation_info": True,
            "validation_context": ValidationContext(
                trust_roots=[embedded[-1]],
                other_certs=embedded[:-1],
                crls=list(revocation_lists),
                allow_fetching=False,
                revocation_mode="soft-fail",
            ),
            "dss_settings": DSSContentSettings(
                placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
            ),
        }
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
        new_field_spec=_field_spec(field),
    )
    try:
        output = pdf_signer.sign_pdf(writer)
    except (SigningError, PdfError, ValueError) as error:
        raise PdfSigningFailed(f"The PDF could not be signed: {error}") from error
    return bytes(output.getvalue())


def declare_signature_fields(pdf: bytes, declared: Sequence[SignatureField]) -> bytes:
    """Return ``pdf`` with empty visible signature fields, added as one incremental update.

    Declared before anyone signs, the fields are covered by the first signature, so a later
    revision can only fill them, never add, move or remove one unnoticed.
    """
    writer = _incremental_writer(pdf)
    for field in declared:
        _check_field(field)
        _check_field_fits(writer, field)
        try:
            fields.append_signature_field(writer, _field_spec(field))
        except (SigningError, PdfError, ValueError) as error:
            message = f"The field {field.name} cannot be added: {error}"
            raise SignatureFieldInvalid(message) from error
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    return output.getvalue()


def verify_pdf(
    pdf: bytes,
    trusted_roots: Sequence[bytes],
    revoked_serials: Collection[int] = (),
    revocation_lists: Sequence[bytes] = (),
) -> PdfVerification:
    """Check every embedded signature against ``trusted_roots`` (DER), fully offline.

    A certificate counts as revoked when its serial is in ``revoked_serials`` or when a
    revocation list (DER) signed by its issuer names it: one of ``revocation_lists`` or one the
    PDF carries in its document security store. A list whose signature does not verify with
    the issuer's key on the trusted path is ignored, so a list can add revocations but no one
    can remove one by leaving it out. Raises :class:`PdfUnreadable` when the bytes are not a
    readable PDF, and :class:`CertificateError` when a trusted root is not a DER certificate. A
    PDF without signatures gives an empty :class:`PdfVerification`. Certificates are judged at
    the present moment (there is no trusted timestamp to judge them at the signing time).
    """
    roots = [_asn1_certificate(der) for der in trusted_roots]
    reader = _reader(pdf)
    try:
        embedded = list(reader.embedded_signatures)
        signature_fields = tuple(str(name) for name, _v, _r in fields.enumerate_sig_fields(reader))
        other_fields = tuple(_other_fields(reader))
        certification = _certification_reference(reader)
    except (PdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PdfUnreadable("The PDF's signature fields cannot be read.") from error
    revoked = frozenset(revoked_serials)
    lists = readable_lists([*revocation_lists, *embedded_revocation_lists(reader)])
    return PdfVerification(
        tuple(_check_signature(sig, roots, revoked, certification, lists) for sig in embedded),
        signature_fields=signature_fields,
        other_fields=other_fields,
    )


# -- checking -------------------------------------------------------------------------------


def _check_signature(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    revoked: frozenset[int],
    certification: generic.Reference | None,
    revocation_lists: Sequence[x509.CertificateRevocationList] = (),
) -> SignatureCheck:
    field_name = str(embedded.field_name)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = validate_pdf_signature(
            embedded,
            signer_validation_context=context,
            diff_policy=_ONLY_FILLING_SIGNATURE_FIELDS,
        )
        docmdp = embedded.docmdp_level
        certifies = (
            certification is not None
            and embedded.sig_field.raw_get("/V").reference == certification
            and embedded.sig_object_type == "/Sig"
        )
    except (PdfError, ValueError, KeyError, TypeError, AttributeError) as error:
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
            signed_revision=int(embedded.signed_revision),
        )
    serials = {status.signing_cert.serial_number}
    path: list[x509.Certificate] = []
    if status.validation_path is not None:
        serials |= {cert.serial_number for cert in status.validation_path.iter_certs(True)}
        path = [
            x509.load_der_x509_certificate(cert.dump())
            for cert in status.validation_path.iter_certs(True)
        ]
    intact = bool(status.intact and status.valid)
    trusted = bool(status.trusted)
    is_revoked = bool(serials & revoked) or listed_as_revoked(path, revocation_lists)
    signer_der = status.signing_cert.dump()
    changes = _changes_after(status)
    diff = status.diff_result
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
        signer_role=_role(status.signing_cert),
        certifies=certifies,
        docmdp=None if docmdp is None else int(docmdp.value),
        fields_filled_after=frozenset(
            str(name) for name in (diff.changed_form_fields if isinstance(diff, DiffResult) else ())
        ),
        signed_revision=int(embedded.signed_revision),
        signer_station=_station_of(signer_der),
        issuer_station=(
            station_constraint(path[-2].public_bytes(serialization.Encoding.DER))
            if trusted and len(path) >= 2
            else None
        ),
    )


def _station_of(certificate_der: bytes) -> str | None:
    try:
        return certificate_station(certificate_der)
    except CertificateError:
        return None


def _changes_after(status: PdfSignatureStatus) -> ChangesAfter:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return ChangesAfter.NONE
    diff = status.diff_result
    # docmdp_ok is False when the changes exceed what this signature's DocMDP level allows
    # (a certification, or the lock of the field it fills).
    if (
        status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
        or not isinstance(diff, DiffResult)
        or status.docmdp_ok is False
    ):
        return ChangesAfter.OTHER_CHANGES
    if diff.modification_level <= ModificationLevel.LTA_UPDATES:
        return ChangesAfter.ONLY_VALIDATION_DATA
    if diff.modification_level <= ModificationLevel.FORM_FILLING:
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


def _role(certificate: asn1_x509.Certificate) -> str | None:
    try:
        return certificate_role(certificate.dump())
    except CertificateError:
        return None


def _certification_reference(reader: PdfFileReader) -> generic.Reference | None:
    """The signature object the catalog names as the document's certification, if any."""
    try:
        permissions = reader.root["/Perms"]
    except KeyError:
        return None
    try:
        value = permissions.raw_get("/DocMDP")
    except KeyError:
        return None
    return value.reference if isinstance(value, generic.IndirectObject) else None


def _other_fields(reader: PdfFileReader) -> list[str]:
    try:
        form_fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return []
    return [
        str(name)
        for kind in _OTHER_FIELD_TYPES
        for name, _value, _ref in enumerate_fields_in(  # type: ignore[no-untyped-call]
            form_fields, refs_seen=set(), target_field_type=kind
        )
    ]


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


def _field_spec(field: SignatureField) -> fields.SigFieldSpec:
    lock = (
        {
            "field_mdp_spec": FieldMDPSpec(FieldMDPAction.ALL),
            "doc_mdp_update_value": MDPPerm.NO_CHANGES,
        }
        if field.locks_document
        else {}
    )
    return fields.SigFieldSpec(
        sig_field_name=field.name,
        on_page=field.page,
        box=field.box,  # type: ignore[arg-type]  # pyHanko annotates ints; floats work
        **lock,  # type: ignore[arg-type]
    )


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
