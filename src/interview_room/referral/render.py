"""Laying a referral form out as a PDF (reportlab): an official-looking A4 document with
embedded fonts, page numbers, two signature boxes, and a watermark on training stations.

The signature boxes' positions are measured while the page is drawn, and both boxes become
empty signature fields before anyone signs (the social worker's locks the document when signed),
so the officer's certifying signature covers them and a later revision can only fill them.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from interview_room.documents.fonts import FontSet
from interview_room.documents.numbered_canvas import NumberedCanvas
from interview_room.documents.palette import ACCENT, INK, MUTED, RULE, SHADE
from interview_room.documents.template import (
    DocumentInfo,
    Margins,
    document_fonts,
    simple_document,
    table_style,
)
from interview_room.referral.content import ReferralDocument, Section
from interview_room.signing.pdf_signatures import SignatureField, declare_signature_fields

MARGIN = 18 * mm
MARGINS = Margins.sides(MARGIN, top=22 * mm, bottom=20 * mm)
OFFICER_FIELD = "officer"
SOCIAL_WORKER_FIELD = "social_worker"


@dataclass(frozen=True)
class RenderedReferral:
    """The form with both signature fields declared and empty, and where they are."""

    pdf: bytes
    officer_field: SignatureField
    social_worker_field: SignatureField


class _SignatureBoxes(Flowable):  # type: ignore[misc]
    """Two boxes side by side; remembers where it was drawn (page and absolute position)."""

    HEIGHT = 34 * mm

    def __init__(self, captions: tuple[str, str], names: tuple[str, str], fonts: FontSet) -> None:
        super().__init__()
        self.captions = captions
        self.names = names
        self.fonts = fonts
        self.placed: list[tuple[int, tuple[float, float, float, float]]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.HEIGHT + 12 * mm

    def draw(self) -> None:
        canvas = self.canv
        gap = 8 * mm
        box_width = (self.width - gap) / 2
        self.placed = []
        for index in range(2):
            x = index * (box_width + gap)
            canvas.setFont(self.fonts.bold, 9)
            canvas.setFillColor(INK)
            canvas.drawString(x, self.HEIGHT + 7 * mm, self.captions[index])
            canvas.setFont(self.fonts.regular, 9)
            canvas.drawString(x, self.HEIGHT + 2.5 * mm, self.names[index])
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.8)
            canvas.rect(x, 0, box_width, self.HEIGHT)
            left, bottom = canvas.absolutePosition(x, 0)
            right, top = canvas.absolutePosition(x + box_width, self.HEIGHT)
            self.placed.append((canvas.getPageNumber() - 1, (left, bottom, right, top)))


def _numbered_canvas(document: ReferralDocument, fonts: FontSet) -> type[Canvas]:
    labels = document.labels

    class PageFurniture(NumberedCanvas):
        """Draws header, footer and "page X of Y" once the page count is known."""

        def decorate(self, total: int) -> None:
            width, height = A4
            self.saveState()
            if document.training:
                self.setFillColor(colors.Color(0.80, 0.35, 0.05, alpha=0.13))
                self.setFont(fonts.bold, 34)
                self.translate(width / 2, height / 2)
                self.rotate(35)
                self.drawCentredString(0, 0, labels["training_watermark"])
                self.rotate(-35)
                self.translate(-width / 2, -height / 2)
            self.setFillColor(ACCENT)
            self.rect(0, height - 10 * mm, width, 10 * mm, stroke=0, fill=1)
            self.setFillColor(colors.white)
            self.setFont(fonts.regular, 8)
            self.drawString(MARGIN, height - 6.5 * mm, labels["mechanism"])
            self.setFillColor(ALERT_RED)
            self.setFont(fonts.bold, 7.5)
            self.drawRightString(width - MARGIN, height - 15 * mm, labels["confidential"])
            self.setFillColor(INK)
            self.setStrokeColor(RULE)
            self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
            self.setFont(fonts.regular, 7.5)
            self.drawString(
                MARGIN, 9.5 * mm, f"{labels['document_number']} {document.document_number}"
            )
            page = labels["page"].format(page=self._pageNumber, pages=total)
            self.drawRightString(width - MARGIN, 9.5 * mm, page)
            if document.training:
                self.setFont(fonts.italic, 7)
                self.drawCentredString(width / 2, 5.5 * mm, labels["training_chain"])
            self.restoreState()

    return PageFurniture


ALERT_RED = colors.HexColor("#9b2c2c")
ALERT_FILL = colors.HexColor("#fdecea")


def _alert_box(alert: str, base: ParagraphStyle, fonts: FontSet, width: float) -> list[Flowable]:
    """The form's alert, boxed in red on top of page 1 (nothing when there is none)."""
    if not alert:
        return []
    style = ParagraphStyle(
        "alert", parent=base, fontName=fonts.bold, fontSize=11, leading=14.5, textColor=ALERT_RED
    )
    box = Table([[Paragraph(escape(alert), style)]], colWidths=[width])
    box.setStyle(
        table_style(
            fonts,
            [
                ("BOX", (0, 0), (-1, -1), 2, ALERT_RED),
                ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ],
        )
    )
    return [box, Spacer(1, 5 * mm)]


@dataclass(frozen=True)
class _Styles:
    base: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle


def _styles(fonts: FontSet) -> _Styles:
    """The paragraph styles of the referral: body, labels, section bars, title, small print."""
    base = ParagraphStyle(
        "base", fontName=fonts.regular, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT
    )
    label_style = ParagraphStyle(
        "label",
        parent=base,
        fontName=fonts.bold,
        fontSize=8.5,
        textColor=MUTED,
    )
    heading = ParagraphStyle(
        "heading", parent=base, fontName=fonts.bold, fontSize=11, textColor=colors.white, leading=14
    )
    title = ParagraphStyle(
        "title",
        parent=base,
        fontName=fonts.bold,
        fontSize=20,
        leading=24,
        textColor=ACCENT,
        spaceAfter=2,
    )
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED)
    return _Styles(base, label_style, heading, title, small)


def _section(section: Section, styles: _Styles, fonts: FontSet, width: float) -> list[Flowable]:
    """A section's bar, its lines and paragraphs; the bar kept with what follows it."""
    base, label_style, heading, small = styles.base, styles.label, styles.heading, styles.small
    bar = Table([[Paragraph(escape(section.title), heading)]], colWidths=[width])
    bar.setStyle(
        table_style(
            fonts,
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ],
        )
    )
    parts: list[Flowable] = [bar]
    if section.lines:
        rows = [
            [Paragraph(escape(line.label), label_style), Paragraph(escape(line.value), base)]
            for line in section.lines
        ]
        table = Table(rows, colWidths=[width * 0.34, width * 0.66])
        table.setStyle(
            table_style(
                fonts,
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.white, SHADE]),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ],
            )
        )
        parts.append(table)
    for paragraph in section.paragraphs:
        parts.append(Spacer(1, 1.5 * mm))
        parts.append(Paragraph(escape(paragraph), small))
    parts.append(Spacer(1, 5 * mm))
    return [KeepTogether(parts[:3]), *parts[3:]]


def render_referral(document: ReferralDocument) -> RenderedReferral:
    """The unsigned PDF and where its two signature boxes are."""
    fonts = document_fonts()
    styles = _styles(fonts)
    base, small = styles.base, styles.small
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [
        Paragraph(escape(document.label("title")), styles.title),
        Paragraph(escape(f"{document.label('document_number')} {document.document_number}"), small),
        Spacer(1, 5 * mm),
        *_alert_box(document.alert, base, fonts, width),
    ]
    for section in document.sections:
        story.extend(_section(section, styles, fonts, width))
    boxes = _SignatureBoxes(
        (document.label("signature.officer"), document.label("signature.social_worker")),
        (document.officer_name, document.social_worker_name),
        fonts,
    )
    story.append(
        KeepTogether(
            [
                Paragraph(
                    escape(document.label("section.signatures")),
                    ParagraphStyle(
                        "sig", parent=base, fontName=fonts.bold, fontSize=11, textColor=ACCENT
                    ),
                ),
                Spacer(1, 2 * mm),
                boxes,
                Paragraph(escape(document.label("signature.hint")), small),
            ]
        )
    )

    buffer = BytesIO()
    info = DocumentInfo(
        title=f"{document.label('title')} {document.document_number}",
        subject=document.label("mechanism"),
        language=document.language,
    )
    template = simple_document(buffer, info, MARGINS, fonts=fonts)
    template.build(story, canvasmaker=_numbered_canvas(document, fonts))
    (officer_page, officer_box), (worker_page, worker_box) = boxes.placed
    officer = SignatureField(OFFICER_FIELD, officer_page, officer_box)
    worker = SignatureField(SOCIAL_WORKER_FIELD, worker_page, worker_box, locks_document=True)
    return RenderedReferral(
        declare_signature_fields(buffer.getvalue(), (officer, worker)), officer, worker
    )
