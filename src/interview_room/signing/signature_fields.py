"""Visible signature fields in a referral PDF: their description, the checks they must pass,
and declaring them empty before anyone signs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm
from pyhanko.sign.general import SigningError

from interview_room.signing.errors import PdfUnreadable, SignatureFieldInvalid


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


def declare_signature_fields(pdf: bytes, declared: Sequence[SignatureField]) -> bytes:
    """Return ``pdf`` with empty visible signature fields, added as one incremental update.

    Declared before anyone signs, the fields are covered by the first signature, so a later
    revision can only fill them, never add, move or remove one unnoticed.
    """
    writer = incremental_writer(pdf)
    for field in declared:
        check_field(field)
        check_field_fits(writer, field)
        try:
            fields.append_signature_field(writer, field_spec(field))
        except (SigningError, PdfError, ValueError) as error:
            message = f"The field {field.name} cannot be added: {error}"
            raise SignatureFieldInvalid(message) from error
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def incremental_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """A writer appending one revision to ``pdf``; :class:`PdfUnreadable` when not a PDF."""
    try:
        return IncrementalPdfFileWriter(BytesIO(pdf))
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise PdfUnreadable("The file is not a readable PDF.") from error


def field_spec(field: SignatureField) -> fields.SigFieldSpec:
    """pyHanko's description of ``field``, locking every field when it locks the document."""
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


def check_field(field: SignatureField) -> None:
    """Refuse (:class:`SignatureFieldInvalid`) a field without a usable name, page or box."""
    if not field.name or "." in field.name:
        raise SignatureFieldInvalid("A signature field needs a name without dots.")
    if field.page < 0:
        raise SignatureFieldInvalid("The page index of a signature field starts at 0.")
    left, bottom, right, top = field.box
    if right <= left or top <= bottom:
        raise SignatureFieldInvalid("A visible signature field needs a box with area.")


def check_field_fits(writer: IncrementalPdfFileWriter, field: SignatureField) -> None:
    """Refuse a field on a page the PDF lacks, or one already signed."""
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
