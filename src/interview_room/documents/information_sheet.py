"""The sheet handed to the person: "Your rights and where to get help", in their language.

A calm A4 print-out in large type: what the person's rights are, the free help they can get,
the emergency numbers in a box, the services that help, and a blank line for the social
worker's contact. It carries no personal data at all (no name, no case code): only the
station's name and the date, when given. Words come from ``resources/information/<lang>.json``
(see ``information_texts``), numbers from ``resources/directory.json`` (see ``directory``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Table

from interview_room.documents.directory import Directory, DirectoryEntry, load_directory
from interview_room.documents.flowables import (
    CallBox,
    CallRow,
    DirectedText,
    TextStyle,
    WriteInLines,
    draw_line,
)
from interview_room.documents.fonts import FontSet, missing_glyphs
from interview_room.documents.information_texts import (
    MACHINE_DRAFT_NOTE_EN,
    SERVICE_KEYS,
    GlyphsMissing,
    InformationTexts,
    Text,
    load_information_texts,
)
from interview_room.documents.rtl import shape, visual
from interview_room.documents.template import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    DocumentInfo,
    Margins,
    document_fonts,
    framed_document,
    table_style,
)

MARGIN_SIDE = 22 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 25 * mm
MARGINS = Margins.sides(MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
NO_BREAK_SPACE = "\u00a0"

INK = colors.HexColor("#1f2933")
SOFT_INK = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4e6b")
BOX_FILL = colors.HexColor("#eef4f8")
RULE = colors.HexColor("#b8c4ce")
DRAFT = colors.HexColor("#8a4b08")

# Sections printed as a heading and one paragraph, before and after the list of free help.
SECTIONS_BEFORE_SERVICES = ("not_in_trouble", "voluntary", "reflection")
SECTIONS_AFTER_SERVICES = ("confidentiality", "children")


@dataclass(frozen=True)
class _Styles:
    title: TextStyle
    intro: TextStyle
    heading: TextStyle
    body: TextStyle
    box_heading: TextStyle
    number: TextStyle
    number_label: TextStyle
    service_name: TextStyle
    service_detail: TextStyle
    write_in: TextStyle
    small: TextStyle

    @classmethod
    def build(cls, fonts: FontSet) -> _Styles:
        return cls(
            title=TextStyle(fonts.bold, 20, 26, ACCENT),
            intro=TextStyle(fonts.regular, 12.5, 18.5, INK),
            heading=TextStyle(fonts.bold, 14.5, 19, ACCENT),
            body=TextStyle(fonts.regular, 12, 17.5, INK),
            box_heading=TextStyle(fonts.bold, 16, 22, ACCENT),
            number=TextStyle(fonts.bold, 21, 28, ACCENT),
            number_label=TextStyle(fonts.regular, 13, 18, INK),
            service_name=TextStyle(fonts.bold, 12, 17, INK),
            service_detail=TextStyle(fonts.regular, 11, 15.5, SOFT_INK),
            write_in=TextStyle(fonts.bold, 12.5, 18, ACCENT),
            small=TextStyle(fonts.regular, 8.5, 11, SOFT_INK),
        )


def render_information_sheet(
    language: str,
    *,
    station_name: str | None = None,
    issued_on: date | None = None,
    information_dir: Path | None = None,
    directory: Directory | None = None,
) -> bytes:
    """Render the information sheet in ``language`` as PDF bytes.

    ``information_dir`` is searched for language files before the shipped folder;
    ``directory`` replaces the shipped directory. The same arguments always give the same
    bytes. Raise ``UnknownInformationLanguage``, ``InformationFileInvalid``, ``GlyphsMissing``
    or a ``DirectoryError``.
    """
    texts = load_information_texts(language, information_dir)
    directory = directory if directory is not None else load_directory()
    sheet = _Sheet(texts, directory, document_fonts(), station_name, issued_on)
    sheet.check_glyphs()
    # Two passes: the first counts the pages so that every footer can say "1 / 2".
    _, pages = sheet.build(total_pages=None)
    pdf, _ = sheet.build(total_pages=pages)
    return pdf


class _Sheet:
    def __init__(
        self,
        texts: InformationTexts,
        directory: Directory,
        fonts: FontSet,
        station_name: str | None,
        issued_on: date | None,
    ) -> None:
        self.texts = texts
        self.directory = directory
        self.fonts = fonts
        self.styles = _Styles.build(fonts)
        self.station_name = station_name
        self.issued_on = issued_on
        self.direction = texts.direction

    # --- what is printed ------------------------------------------------------------------------

    def footer_texts(self) -> list[Text]:
        parts = []
        if self.station_name:
            parts.append(self.texts.text("footer.station", station=self.station_name))
        if self.issued_on is not None:
            parts.append(self.texts.text("footer.date", date=self.issued_on.strftime("%d.%m.%Y")))
        return parts

    def draft_notes(self) -> list[Text]:
        if not self.texts.machine_draft:
            return []
        own = self.texts.text("machine_draft_note")
        if own.text == MACHINE_DRAFT_NOTE_EN:
            return [own]
        return [own, Text(MACHINE_DRAFT_NOTE_EN, "ltr", "the program", "machine draft note")]

    def printed_texts(self) -> Iterator[Text]:
        for key in self.texts.texts:
            if not key.startswith("directory."):
                yield self.texts.text(key, station="", date="")
        for entry in self.directory.entries:
            yield self.texts.entry_label(entry)
            for detail in (entry.name, entry.city):
                if detail:
                    yield Text(detail, "ltr", "directory.json", f"entry '{entry.id}'")
        yield from self.footer_texts()
        yield Text(self.texts.name, self.direction, f"{self.texts.language}.json", "name")

    def check_glyphs(self) -> None:
        """Refuse to print a sheet the fonts cannot draw: it would show empty boxes."""
        for text in self.printed_texts():
            shaped = shape(text.text) if text.direction == "rtl" else text.text
            for font in (self.fonts.regular, self.fonts.bold):
                missing = missing_glyphs(font, shaped)
                if missing:
                    listed = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in sorted(missing))
                    raise GlyphsMissing(
                        text.file, f"text '{text.key}'", f"{font} cannot draw {listed}"
                    )

    # --- layout ---------------------------------------------------------------------------------

    def build(self, total_pages: int | None) -> tuple[bytes, int]:
        output = BytesIO()
        title = self.texts.text("title").text
        # No author; and invariant: no timestamps or random ids, so the same sheet is the same
        # bytes, and the file says nothing about when the person was seen beyond the printed date.
        info = DocumentInfo(title=title, subject=title, language=self.texts.language, author="")
        document = framed_document(output, info, MARGINS, fonts=self.fonts, invariant=True)
        frame = Frame(
            MARGIN_SIDE,
            MARGIN_BOTTOM,
            PAGE_WIDTH - 2 * MARGIN_SIDE,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )
        document.addPageTemplates(
            [PageTemplate(id="sheet", frames=[frame], onPage=self.page_decorator(total_pages))]
        )
        document.build(self.story())
        return output.getvalue(), int(document.page)

    def story(self) -> list[Any]:
        s = self.styles
        story: list[Any] = [
            self.paragraph("title", s.title, space_after=4 * mm),
            self.paragraph("intro", s.intro, space_after=2 * mm),
            self.paragraph("intro.keep", s.intro, space_after=5 * mm),
            self.call_box(),
        ]
        for section in SECTIONS_BEFORE_SERVICES:
            story.extend(self.section(section))
        story.extend(self.services())
        for section in SECTIONS_AFTER_SERVICES:
            story.extend(self.section(section))
        story.extend(self.organisations())
        return story

    def paragraph(
        self,
        key: str,
        style: TextStyle,
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
        bullet_indent: float = 0.0,
    ) -> DirectedText:
        text = self.texts.text(key)
        return DirectedText(
            text.text,
            text.direction,
            style,
            align=self.direction,
            space_before=space_before,
            space_after=space_after,
            keep_with_next=keep_with_next,
            bullet_indent=bullet_indent,
        )

    def heading(self, key: str) -> DirectedText:
        return self.paragraph(
            key,
            self.styles.heading,
            space_before=4.5 * mm,
            space_after=1.5 * mm,
            keep_with_next=True,
        )

    def section(self, name: str) -> list[Any]:
        return [self.heading(f"{name}.heading"), self.paragraph(f"{name}.body", self.styles.body)]

    def services(self) -> list[Any]:
        body = self.styles.body
        return [
            self.heading("services.heading"),
            self.paragraph("services.intro", body, space_after=1.5 * mm, keep_with_next=True),
            *(
                self.paragraph(key, body, space_after=1 * mm, bullet_indent=7 * mm)
                for key in SERVICE_KEYS
            ),
        ]

    def call_box(self) -> CallBox:
        s = self.styles
        heading = self.texts.text("help_now.heading")
        body = self.texts.text("help_now.body")
        rows = []
        # Only numbers the central office confirmed reach the paper the person takes away.
        for entry in self.directory.printable_emergency:
            label = self.texts.entry_label(entry)
            phone = entry.printable_phone
            assert phone is not None  # printable_emergency holds verified numbers only
            rows.append(CallRow(phone.replace(" ", NO_BREAK_SPACE), label.text, label.direction))
        return CallBox(
            (heading.text, heading.direction),
            (body.text, body.direction),
            rows,
            direction=self.direction,
            heading_style=s.box_heading,
            body_style=s.body,
            number_style=s.number,
            label_style=s.number_label,
            fill=BOX_FILL,
            stroke=ACCENT,
            padding=5 * mm,
            space_after=2 * mm,
        )

    def organisations(self) -> list[Any]:
        label = self.texts.text("social_worker.label")
        return [
            self.heading("organisations.heading"),
            self.paragraph("organisations.body", self.styles.body, space_after=3 * mm),
            self.service_grid(),
            WriteInLines(
                (label.text, label.direction),
                direction=self.direction,
                style=self.styles.write_in,
                rule_color=RULE,
                count=2,
                gap=8 * mm,
                space_before=2 * mm,
            ),
        ]

    def service_grid(self) -> Table:
        """Services two to a row, the first at the start edge of the sheet's direction."""
        width = PAGE_WIDTH - 2 * MARGIN_SIDE
        gutter = 6 * mm
        cells = [self.service(entry) for entry in self.directory.services]
        rows = []
        for index in range(0, len(cells), 2):
            pair: list[Any] = cells[index : index + 2]
            pair += [""] * (2 - len(pair))
            rows.append(pair[::-1] if self.direction == "rtl" else pair)
        table = Table(rows, colWidths=[width / 2] * 2, hAlign="LEFT")
        table.setStyle(
            table_style(
                self.fonts,
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), gutter / 2),
                    ("LEFTPADDING", (1, 0), (1, -1), gutter / 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ],
            )
        )
        return table

    def service(self, entry: DirectoryEntry) -> list[DirectedText]:
        """The entry's label; its Albanian name when the label is a translation; the town and,
        only when verified, the phone number."""
        s = self.styles
        label = self.texts.entry_label(entry)
        details = []
        if entry.name and entry.name != label.text:
            details.append(entry.name)
        place = [entry.city] if entry.city else []
        if entry.printable_phone:
            place.append(entry.printable_phone.replace(" ", NO_BREAK_SPACE))
        if place:
            details.append(" · ".join(place))
        parts = [
            DirectedText(
                label.text,
                label.direction,
                s.service_name,
                align=self.direction,
                space_after=0.5 * mm,
            )
        ]
        # Names, towns and numbers are Albanian (Latin script): left to right in any sheet,
        # set against the sheet's start edge.
        parts.extend(
            DirectedText(detail, "ltr", s.service_detail, align=self.direction)
            for detail in details
        )
        return parts

    # --- page furniture -------------------------------------------------------------------------

    def page_decorator(self, total_pages: int | None) -> Callable[[Any, Any], None]:
        small = self.styles.small
        left, right = MARGIN_SIDE, PAGE_WIDTH - MARGIN_SIDE
        rtl = self.direction == "rtl"
        parts = [visual(text.text, text.direction) for text in self.footer_texts()]
        # Visual order runs left to right: in a right-to-left sheet the first part is rightmost.
        footer = "   ·   ".join(parts[::-1] if rtl else parts)
        notes = [visual(text.text, text.direction) for text in self.draft_notes()]
        language_name = visual(self.texts.name, self.direction)

        def decorate(canvas: Any, document: Any) -> None:
            canvas.saveState()
            # Lines at the end edge: the page number, and the language's own name on top
            # (it helps staff hand out the right sheet).
            end_edge = canvas.drawString if rtl else canvas.drawRightString
            end_x = left if rtl else right
            canvas.setFont(small.font, 9)
            canvas.setFillColor(SOFT_INK)
            end_edge(end_x, PAGE_HEIGHT - MARGIN_TOP + 5 * mm, language_name)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(left, MARGIN_BOTTOM - 6 * mm, right, MARGIN_BOTTOM - 6 * mm)
            y = MARGIN_BOTTOM - 11 * mm
            canvas.setFont(small.font, small.size)
            page = f"{document.page} / {total_pages}" if total_pages else str(document.page)
            end_edge(end_x, y, page)
            if footer:
                draw_line(canvas, footer, left, right, y, self.direction)
            canvas.setFillColor(DRAFT)
            for note in notes:
                y -= small.leading
                draw_line(canvas, note, left, right, y, self.direction)
            canvas.restoreState()

        return decorate
