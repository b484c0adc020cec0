"""The one set-up every PDF Interview Room writes starts from (referral form, information sheet,
statistics report).

It registers the bundled DejaVu Sans and makes it the canvas's first font: reportlab otherwise
opens every page with Helvetica, one of the 14 standard fonts it names but never embeds, so the
file would depend on the reader's fonts (``pdffonts``: ``emb=no``). Tables and drawings name a
font of their own too; :func:`table_style` and :func:`drawing` give them the embedded one.
Every document is A4, compressed, says it was made by Interview Room and in which language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, SimpleDocTemplate, TableStyle

from interview_room import __version__
from interview_room.documents.fonts import FontSet, register_fonts

PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
MAKER = f"Interview Room {__version__}"


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself (shown by readers, read by screen readers)."""

    title: str
    subject: str
    language: str
    author: str = "Interview Room"


@dataclass(frozen=True)
class Margins:
    """Page margins in points."""

    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def sides(cls, side: float, *, top: float, bottom: float) -> Margins:
        return cls(top=top, bottom=bottom, left=side, right=side)

    @property
    def text_width(self) -> float:
        return PAGE_WIDTH - self.left - self.right


def document_fonts() -> FontSet:
    """The embedded faces every document draws with (registered once per process)."""
    return register_fonts()


def _settings(
    info: DocumentInfo, margins: Margins, fonts: FontSet, invariant: bool
) -> dict[str, Any]:
    return {
        "pagesize": A4,
        "leftMargin": margins.left,
        "rightMargin": margins.right,
        "topMargin": margins.top,
        "bottomMargin": margins.bottom,
        "title": info.title,
        "subject": info.subject,
        "author": info.author,
        "creator": MAKER,
        "producer": MAKER,
        "lang": info.language,
        "initialFontName": fonts.regular,
        "pageCompression": 1,
        "displayDocTitle": 1,
        "invariant": 1 if invariant else 0,
    }


def simple_document(
    output: IO[bytes],
    info: DocumentInfo,
    margins: Margins,
    *,
    fonts: FontSet | None = None,
    invariant: bool = False,
) -> SimpleDocTemplate:
    """A one-frame document (reportlab's ``SimpleDocTemplate``) set up as the module says.

    ``invariant``: no timestamps or random ids, so the same content gives the same bytes.
    """
    return SimpleDocTemplate(
        output, **_settings(info, margins, fonts or document_fonts(), invariant)
    )


def framed_document(
    output: IO[bytes],
    info: DocumentInfo,
    margins: Margins,
    *,
    fonts: FontSet | None = None,
    invariant: bool = False,
) -> BaseDocTemplate:
    """A document whose page templates and frames the caller adds (``BaseDocTemplate``)."""
    return BaseDocTemplate(output, **_settings(info, margins, fonts or document_fonts(), invariant))


def table_style(fonts: FontSet, commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """``commands`` after one that gives every cell the embedded regular face: a Table names
    its own font on the page even when its cells hold only Paragraphs."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.regular), *commands])


def drawing(width: float, height: float, fonts: FontSet) -> Drawing:
    """A reportlab graphics Drawing (charts) whose first font is the embedded one."""
    return Drawing(width, height, initialFontName=fonts.regular)
