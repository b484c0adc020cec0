"""What an insider with the app's code can do to a signed referral: standard incremental
updates made with pyHanko's writer. The tests show each one is refused."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

FORGED_DECISION = "Potential victim – refer to shelter"


def incremental(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    change(writer)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def appearance(writer: IncrementalPdfFileWriter, width: float, height: float, text: str) -> object:
    """A white box with ``text`` in Helvetica (WinAnsi, so the en dash prints)."""
    font = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name("/Helvetica-Bold"),
            pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
        }
    )
    drawn = text.encode("cp1252").replace(b"(", rb"\(").replace(b")", rb"\)")
    stream = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (0, 0, width, height)]
            ),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
            ),
        },
        stream_data=b"1 g 0 0 %.1f %.1f re f 0.6 0 0 rg BT /F1 11 Tf 4 %.1f Td (%s) Tj ET"
        % (width, height, height / 2 - 4, drawn),
    )
    return writer.add_object(stream)


def free_text_overlay(pdf: bytes, page: int, box: tuple[float, ...], text: str) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        left, bottom, right, top = box
        page_ref, _resources = writer.find_page_for_modification(page)
        annotation = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/FreeText"),
                pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in box),
                pdf_name("/Contents"): generic.TextStringObject(text),
                pdf_name("/DA"): generic.pdf_string("/Helv 11 Tf 0 g"),
                pdf_name("/F"): generic.NumberObject(4),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): appearance(writer, right - left, top - bottom, text)}
                ),
            }
        )
        writer.register_annotation(page_ref, writer.add_object(annotation))

    return incremental(pdf, change)


def strip_to_revision_of(pdf: bytes, field: str) -> bytes:
    """The file as it was when ``field`` was signed: everything after that revision cut off."""
    reader = PdfFileReader(BytesIO(pdf))
    signature = next(s for s in reader.embedded_signatures if s.field_name == field)
    _start, _length, offset, tail = (int(v) for v in signature.byte_range)
    return pdf[: offset + tail]
