"""Checking the signatures embedded in a PDF, fully offline: integrity, trust in the caller's
roots, revocation, and what changed after each signature."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.form_tools import enumerate_fields_in
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext

from interview_room.signing.change_policy import ONLY_FILLING_SIGNATURE_FIELDS
from interview_room.signing.errors import CertificateError, PdfUnreadable
from interview_room.signing.pki import (
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

_OTHER_FIELD_TYPES = ("/Tx", "/Btn", "/Ch")


class ChangesAfter(enum.Enum):
    """What the file gained after the revision a signature covers."""

    NONE = "none"
    ONLY_VALIDATION_DATA = "only_validation_data"
    ONLY_LATER_SIGNATURES = "only_later_signatures"
    OTHER_CHANGES = "other_changes"


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
    signer_fingerprint: str | None = None
    """SHA-256 (hex) of the signer's certificate: what a register of issued certificates is
    compared with (a serial number is the issuer's choice, so an off-the-books certificate can
    reuse a registered one's)."""
    signer_username: str | None = None
    """The username (USER_ID) the signer's certificate names: unique at its station, where the
    display name (the common name) is only told apart by its look (attacker 5, N1)."""

    @property
    def signer_label(self) -> str:
        """The signer as shown to a reader: the name, then the username and the station code,
        so that two people with names that read alike are told apart."""
        known = [part for part in (self.signer_username, self.signer_station) if part]
        name = self.signer_common_name or "?"
        return f"{name} ({', '.join(known)})" if known else name

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


def verify_pdf(
    pdf: bytes,
    trusted_roots: Sequence[bytes],
    revoked_serials: Collection[int] = (),
    revocation_lists: Sequence[bytes] = (),
    at: datetime | None = None,
) -> PdfVerification:
    """Check every embedded signature against ``trusted_roots`` (DER), fully offline.

    A certificate counts as revoked when its serial is in ``revoked_serials`` or when a
    revocation list (DER) signed by its issuer names it: one of ``revocation_lists`` or one the
    PDF carries in its document security store. A list whose signature does not verify with
    the issuer's key on the trusted path is ignored, so a list can add revocations but no one
    can remove one by leaving it out. Raises :class:`PdfUnreadable` when the bytes are not a
    readable PDF, and :class:`CertificateError` when a trusted root is not a DER certificate. A
    PDF without signatures gives an empty :class:`PdfVerification`. Certificates are judged at
    the present moment (there is no trusted timestamp to judge them at the signing time),
    or at ``at`` when the caller has its own proof that the file existed then (the centre's
    record of its hash): a revocation a list dates after ``at`` then does not count.
    """
    roots = [asn1_certificate(der) for der in trusted_roots]
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
        tuple(_check_signature(sig, roots, revoked, certification, lists, at) for sig in embedded),
        signature_fields=signature_fields,
        other_fields=other_fields,
    )


def _check_signature(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    revoked: frozenset[int],
    certification: generic.Reference | None,
    revocation_lists: Sequence[x509.CertificateRevocationList] = (),
    at: datetime | None = None,
) -> SignatureCheck:
    field_name = str(embedded.field_name)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=at
    )
    try:
        status = validate_pdf_signature(
            embedded,
            signer_validation_context=context,
            diff_policy=ONLY_FILLING_SIGNATURE_FIELDS,
        )
        docmdp = embedded.docmdp_level
        certifies = (
            certification is not None
            and embedded.sig_field.raw_get("/V").reference == certification
            and embedded.sig_object_type == "/Sig"
        )
    except (PdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        return _unchecked(
            embedded, f"The signature in field {field_name} could not be checked: {error}"
        )
    serials, path = _signer_path(status)
    intact = bool(status.intact and status.valid)
    trusted = bool(status.trusted)
    is_revoked = bool(serials & revoked) or listed_as_revoked(path, revocation_lists, at)
    signer_der = status.signing_cert.dump()
    changes = _changes_after(status)
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
        fields_filled_after=_fields_filled_after(status),
        signed_revision=int(embedded.signed_revision),
        signer_station=_station_of(signer_der),
        signer_fingerprint=hashlib.sha256(signer_der).hexdigest(),
        signer_username=_username(status.signing_cert),
        issuer_station=_issuer_station(path) if trusted else None,
    )


def _fields_filled_after(status: PdfSignatureStatus) -> frozenset[str]:
    """The form fields filled in after this signature was made."""
    diff = status.diff_result
    return frozenset(
        str(name) for name in (diff.changed_form_fields if isinstance(diff, DiffResult) else ())
    )


def _issuer_station(path: list[x509.Certificate]) -> str | None:
    """The station the signer's issuing authority is limited to, if the path has one."""
    if len(path) < 2:
        return None
    return station_constraint(path[-2].public_bytes(serialization.Encoding.DER))


def _unchecked(embedded: EmbeddedPdfSignature, problem: str) -> SignatureCheck:
    """What is known of a signature pyHanko could not check: nothing to rely on."""
    return SignatureCheck(
        field_name=str(embedded.field_name),
        signer_common_name="",
        signer_serial=None,
        signing_time=None,
        intact=False,
        trusted=False,
        revoked=False,
        covers_document=False,
        changes_after=ChangesAfter.OTHER_CHANGES,
        problems=(problem,),
        signed_revision=int(embedded.signed_revision),
    )


def _signer_path(status: PdfSignatureStatus) -> tuple[set[int], list[x509.Certificate]]:
    """The serial numbers of the signer's certificate and of its validation path, and that
    path from the root down to the signer; only the signer's serial when no path was found."""
    serials = {status.signing_cert.serial_number}
    path: list[x509.Certificate] = []
    if status.validation_path is not None:
        serials |= {cert.serial_number for cert in status.validation_path.iter_certs(True)}
        path = [
            x509.load_der_x509_certificate(cert.dump())
            for cert in status.validation_path.iter_certs(True)
        ]
    return serials, path


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


def _username(certificate: asn1_x509.Certificate) -> str | None:
    value = certificate.subject.native.get("user_id")
    if isinstance(value, list):
        value = value[-1] if value else None
    return None if value is None else str(value)


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
        for name, _value, _ref in enumerate_fields_in(
            form_fields, refs_seen=set(), target_field_type=kind
        )
    ]


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(BytesIO(pdf))
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise PdfUnreadable("The file is not a readable PDF.") from error


def asn1_certificate(der: bytes) -> asn1_x509.Certificate:
    """``der`` for pyHanko; :class:`CertificateError` when it is not a DER certificate."""
    certificate_info(der)  # CertificateError when the DER is not a certificate
    return asn1_x509.Certificate.load(der)
