"""The visible signature stamp: signer, role or reason, date and place, in any Albanian text.

pyHanko's own text stamps need fontTools and HarfBuzz for TrueType fonts; reportlab is already
here and embeds a DejaVu subset, so reportlab draws the stamp as a one-page PDF at the exact size
of the field and pyHanko places that page as the field's appearance.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import content, generic, layout
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp.text import TextStamp, TextStampStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from interview_room.documents.template import document_fonts

HEADER = "Nënshkruar dixhitalisht · Digitally signed"
TIMESTAMP_FORMAT = "%d.%m.%Y %H:%M %Z"

# One embedded font only: each signature carries its own subset (about 18 KB), so the signer's
# name stands out by size rather than by a second, bold subset.
_PADDING = 4.0
_LARGEST_FONT = 9.0
_NAME_SCALE = 1.25
_LEADING = 1.25


def render_stamp_page(width: float, height: float, signer: str, details: list[str]) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points: header, signer's name, then details."""
    font = document_fonts().regular
    lines = [(HEADER, 0.9, 0.35), (signer, _NAME_SCALE, 0.0)]
    lines += [(text, 1.0, 0.0) for text in details if text]
    usable_width = max(width - 2 * _PADDING, 1.0)
    units = sum(scale for _text, scale, _grey in lines) * _LEADING
    base = min(_LARGEST_FONT, max(height - 2 * _PADDING, 1.0) / units)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True, initialFontName=font)
    y = height - _PADDING
    for text, scale, grey in lines:
        wanted = base * scale
        natural = pdfmetrics.stringWidth(text, font, wanted)
        size = wanted if natural <= usable_width else wanted * usable_width / natural
        y -= wanted * _LEADING
        canvas.setFont(font, size)
        canvas.setFillGray(grey)
        canvas.drawString(_PADDING, y + (wanted * _LEADING - size) / 2, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class SignatureStampStyle(TextStampStyle):
    """pyHanko stamp style whose text is drawn by reportlab (see module docstring).

    Subclassing ``TextStampStyle`` is what makes pyHanko pass the signing time as ``ts``, so the
    stamp shows the same moment as the signed attributes.
    """

    reason: str = ""
    location: str = ""

    def create_stamp(
        self,
        writer: BasePdfFileWriter,
        box: layout.BoxConstraints,
        text_params: dict[str, Any],
    ) -> TextStamp:
        return _RenderedStamp(writer=writer, style=self, box=box, text_params=text_params)


class _RenderedStamp(TextStamp):
    def _render_inner_content(self) -> list[bytes]:
        # pyHanko fills "signer" and, because this is a TextStampStyle, "ts" (the signing time).
        params = self.text_params or {}
        style = self.style
        assert isinstance(style, SignatureStampStyle)
        box = self.box
        assert box is not None
        page = render_stamp_page(
            float(box.width),
            float(box.height),
            str(params.get("signer", "")),
            [style.reason, " · ".join(x for x in (str(params.get("ts", "")), style.location) if x)],
        )
        writer = self.writer
        assert writer is not None
        xobject = writer.import_page_as_xobject(PdfFileReader(BytesIO(page)), page_ix=0)
        name = generic.NameObject("/SignatureText")
        self.set_resource(category=content.ResourceType.XOBJECT, name=name, value=xobject)
        return [b"q /SignatureText Do Q"]


def stamp_style(reason: str, location: str) -> SignatureStampStyle:
    """The style for one signature: the reason (the signer's role), then date and place."""
    return SignatureStampStyle(
        border_width=1,
        border_color=(0.35, 0.35, 0.35),
        timestamp_format=TIMESTAMP_FORMAT,
        reason=reason,
        location=location,
    )
