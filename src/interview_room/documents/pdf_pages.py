"""Reading a PDF back as a person sees it: each page as pixels, and each page's words.

Used to show a signer the very bytes they are about to sign (not a re-rendering of the record
behind them). PDFium (pypdfium2) reads the bytes from memory and draws into memory: nothing is
written to disk, so a form about a person leaves no file, cache or thumbnail behind. PDFium is
not thread-safe: call these from one thread (the GUI's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pypdfium2

from interview_room.signing.errors import PdfUnreadable

POINTS_PER_INCH = 72
MAX_PAGES = 50
"""A referral is two to four pages: a document with more is not one of ours."""


@dataclass(frozen=True)
class PageImage:
    """One page drawn in memory: ``width`` x ``height`` pixels, 4 bytes each (R, G, B, unused),
    ``stride`` bytes per row."""

    number: int
    """From 1."""
    width: int
    height: int
    stride: int
    pixels: bytes


def _open(pdf: bytes) -> Any:
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as error:
        raise PdfUnreadable("PDFium cannot read these bytes as a PDF.") from error
    if len(document) > MAX_PAGES:
        document.close()
        raise PdfUnreadable(f"The PDF has more than {MAX_PAGES} pages.")
    return document


def page_count(pdf: bytes) -> int:
    document = _open(pdf)
    try:
        return len(document)
    finally:
        document.close()


def page_texts(pdf: bytes) -> tuple[str, ...]:
    """The words on each page, in the order PDFium reads them (line breaks as "\\r\\n").

    Only the page contents: words in annotations (a signature's stamp) are not included.
    """
    document = _open(pdf)
    try:
        texts: list[str] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(str(text_page.get_text_range()))
            text_page.close()
            page.close()
        return tuple(texts)
    finally:
        document.close()


def render_pages(pdf: bytes, dots_per_inch: float) -> tuple[PageImage, ...]:
    """Every page drawn at ``dots_per_inch``, annotations and form fields (signature stamps)
    included, on white."""
    if not 10 <= dots_per_inch <= 600:
        raise ValueError(f"{dots_per_inch} dots per inch is outside 10-600.")
    document = _open(pdf)
    try:
        # Form fields are drawn only once the form environment is set up.
        document.init_forms()
        images: list[PageImage] = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(
                scale=dots_per_inch / POINTS_PER_INCH,
                may_draw_forms=True,
                draw_annots=True,
                rev_byteorder=True,
                prefer_bgrx=True,
                fill_color=(255, 255, 255, 255),
            )
            images.append(
                PageImage(
                    number=index + 1,
                    width=int(bitmap.width),
                    height=int(bitmap.height),
                    stride=int(bitmap.stride),
                    pixels=bytes(bitmap.buffer),
                )
            )
            bitmap.close()
            page.close()
        return tuple(images)
    finally:
        document.close()
