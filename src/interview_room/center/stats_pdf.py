"""The anonymous statistics as an A4 PDF: Albanian first, English second, a bar chart and a
table per dimension, the suppression rule explained, DejaVu Sans embedded.

Only :class:`~interview_room.center.stats.Statistics` is read, so nothing but published
counts can reach the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from interview_room.center.stats import (
    SMALL_MAX,
    Dimension,
    PublishedCount,
    Statistics,
    Suppression,
)
from interview_room.center.stats import Table as StatisticsTable
from interview_room.center.stats_words import words
from interview_room.documents.fonts import FontSet
from interview_room.documents.numbered_canvas import NumberedCanvas
from interview_room.documents.palette import ACCENT, INK, MUTED, RULE
from interview_room.documents.template import (
    DocumentInfo,
    Margins,
    document_fonts,
    drawing,
    simple_document,
    table_style,
)
from interview_room.files import atomic_write_bytes

BAR = colors.HexColor("#3d7a80")
HIDDEN = colors.HexColor("#c4c9cc")
SHADE = colors.HexColor("#eef2f2")
MARGIN = 18 * mm
MARGINS = Margins.sides(MARGIN, top=18 * mm, bottom=20 * mm)
WIDTH = MARGINS.text_width


def _both(key: str, separator: str = " / ") -> str:
    sq, en = words(f"report.{key}")
    return f"{sq}{separator}{en}"


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.base = ParagraphStyle(
            "base", fontName=fonts.regular, fontSize=9, leading=12, textColor=INK
        )
        self.english = ParagraphStyle("english", parent=self.base, textColor=MUTED)
        self.small = ParagraphStyle(
            "small", parent=self.base, fontSize=8, leading=10.5, textColor=MUTED
        )
        self.title = ParagraphStyle(
            "title", parent=self.base, fontName=fonts.bold, fontSize=20, leading=25
        )
        self.title.textColor = ACCENT
        self.subtitle = ParagraphStyle(
            "subtitle", parent=self.title, fontSize=14, leading=18, textColor=MUTED
        )
        self.heading = ParagraphStyle(
            "heading", parent=self.base, fontName=fonts.bold, fontSize=11, leading=14
        )
        self.heading.textColor = colors.white
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.base, fontName=fonts.bold)


def _numbered_canvas(fonts: FontSet) -> type[Canvas]:
    class PageFurniture(NumberedCanvas):
        """Draws the header band and "page X of Y" once the page count is known."""

        def decorate(self, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setFillColor(ACCENT)
            self.rect(0, height - 10 * mm, width, 10 * mm, stroke=0, fill=1)
            self.setFillColor(colors.white)
            self.setFont(fonts.regular, 8)
            self.drawString(MARGIN, height - 6.5 * mm, f"Interview Room · {_both('office')}")
            self.drawRightString(width - MARGIN, height - 6.5 * mm, _both("title"))
            self.setStrokeColor(RULE)
            self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
            self.setFillColor(INK)
            self.setFont(fonts.regular, 7.5)
            self.drawString(MARGIN, 9.5 * mm, _both("no_names"))
            sq, en = words("report.page")
            page = f"{sq} / {en}".format(page=self._pageNumber, pages=total)
            self.drawRightString(width - MARGIN, 9.5 * mm, page)
            self.restoreState()

    return PageFurniture


def _hatch(group: Group, box: tuple[float, float, float, float], spacing: float = 3) -> None:
    """Diagonal lines (x - y = c) clipped to the box (x, y, width, height)."""
    x, y, width, height = box
    x0, x1 = min(x, x + width), max(x, x + width)
    y0, y1 = min(y, y + height), max(y, y + height)
    c = x0 - y1
    while c < x1 - y0:
        start, end = max(x0, y0 + c), min(x1, y1 + c)
        if end > start:
            group.add(Line(start, start - c, end, end - c, strokeColor=MUTED, strokeWidth=0.5))
        c += spacing


def _with_hatching(base: type[Any]) -> type[Any]:
    class Hatched(base):  # type: ignore[misc]
        """Draws diagonal hatching over the bars whose index is in ``hatched``."""

        _attrMap = AttrMap(BASE=base, hatched=AttrMapValue(None, desc="bar indexes to hatch"))
        hatched: frozenset[int] = frozenset()

        def makeBars(self) -> Group:
            group = super().makeBars()
            for index in sorted(self.hatched):
                _hatch(group, self._barPositions[0][index])
            return group

    return Hatched


_HatchedHorizontal = _with_hatching(HorizontalBarChart)
_HatchedVertical = _with_hatching(VerticalBarChart)


def _axis_top(values: Sequence[int]) -> tuple[int, int]:
    """A round top and step for the value axis, so ticks fall on whole numbers."""
    top = max([SMALL_MAX + 1, *values])
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return math.ceil(top / step) * step, step


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _bar_values(counts: Sequence[PublishedCount]) -> tuple[list[float], frozenset[int]]:
    values = [
        float(SMALL_MAX)
        if c.suppression is Suppression.SMALL
        else 0.0
        if c.suppression is Suppression.SECONDARY
        else float(c.shown or 0)
        for c in counts
    ]
    hatched = frozenset(i for i, c in enumerate(counts) if c.suppression is Suppression.SMALL)
    return values, hatched


def _style_chart(chart: Any, counts: Sequence[PublishedCount], fonts: FontSet) -> None:
    values, hatched = _bar_values(counts)
    chart.data = [values]
    chart.hatched = hatched
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    for index in hatched:
        chart.bars[(0, index)].fillColor = HIDDEN
        chart.bars[(0, index)].strokeColor = MUTED
        chart.bars[(0, index)].strokeWidth = 0.5
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[c.text for c in counts]]
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    top, step = _axis_top([c.shown for c in counts if c.shown is not None])
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, top, step
    axis.labels.fontName = fonts.regular
    axis.labels.fontSize = 7
    axis.labelTextFormat = "%d"
    axis.visibleGrid = True
    axis.gridStrokeColor = SHADE
    axis.strokeColor = RULE
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.strokeColor = RULE


def _category_name(label_sq: str, label_en: str, font: str, width: float) -> str:
    """Both names when they fit, else the Albanian one (shortened if need be)."""
    both = label_sq if label_sq == label_en else f"{label_sq} / {label_en}"
    return both if stringWidth(both, font, 7) <= width else _fit(label_sq, font, 7, width)


def _horizontal_chart(table: StatisticsTable, fonts: FontSet) -> Drawing:
    slot = 5.2 * mm
    label_width = 62 * mm
    height = slot * len(table.rows) + 10 * mm
    picture = drawing(WIDTH, height, fonts)
    chart = _HatchedHorizontal()
    chart.x, chart.y = label_width + 2 * mm, 7 * mm
    chart.width, chart.height = WIDTH - label_width - 12 * mm, slot * len(table.rows)
    _style_chart(chart, [row.count for row in table.rows], fonts)
    chart.categoryAxis.reverseDirection = 1  # first value on top, as in the table
    chart.categoryAxis.categoryNames = [
        _category_name(row.label_sq, row.label_en, fonts.regular, label_width - 3 * mm)
        for row in table.rows
    ]
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.groupSpacing = 2.5
    picture.add(chart)
    return picture


def _vertical_chart(table: StatisticsTable, fonts: FontSet) -> Drawing:
    many = len(table.rows) > 8
    height = 55 * mm
    picture = drawing(WIDTH, height, fonts)
    chart = _HatchedVertical()
    chart.x, chart.y = 12 * mm, (14 if many else 8) * mm
    chart.width, chart.height = WIDTH - 16 * mm, height - chart.y - 5 * mm
    _style_chart(chart, [row.count for row in table.rows], fonts)
    chart.categoryAxis.categoryNames = [row.value for row in table.rows]
    if many:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    chart.groupSpacing = 4
    picture.add(chart)
    return picture


def _heading(text: str, styles: _Styles) -> Table:
    bar = Table([[Paragraph(escape(text), styles.heading)]], colWidths=[WIDTH])
    bar.setStyle(
        table_style(
            styles.fonts,
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ],
        )
    )
    return bar


_STRIPES = [colors.white, SHADE]


def _grid(fonts: FontSet, *, total_row: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2 if total_row else -1), _STRIPES),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    return table_style(fonts, commands)


def _count_table(table: StatisticsTable, styles: _Styles) -> Table:
    def cell(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text), style)

    bold = styles.cell_bold
    count_style = ParagraphStyle("count", parent=styles.base, alignment=2)
    count_bold = ParagraphStyle("count_bold", parent=bold, alignment=2)
    header = [cell(words("report.value")[0], bold), cell(words("report.value")[1], bold)]
    rows: list[list[Any]] = [[*header, cell(_both("count"), count_bold)]]
    # Stations, months and age bands are named the same in both languages: said once.
    same = table.dimension in (Dimension.STATION, Dimension.MONTH, Dimension.AGE_BAND)
    for row in table.rows:
        rows.append(
            [
                cell(row.label_sq, styles.base),
                cell("" if row.label_en == row.label_sq and same else row.label_en, styles.english),
                cell(row.count.text, count_style),
            ]
        )
    total = [cell(words("report.total")[0], bold), cell(words("report.total")[1], bold)]
    rows.append([*total, cell(table.total.text, count_bold)])
    result = Table(rows, colWidths=[WIDTH * 0.46, WIDTH * 0.36, WIDTH * 0.18], repeatRows=1)
    result.setStyle(_grid(styles.fonts, total_row=True))
    return result


def pdf_bytes(statistics: Statistics, produced_on: date | None = None) -> bytes:
    """The report as PDF bytes."""
    fonts = document_fonts()
    styles = _Styles(fonts)
    story: list[Flowable] = [
        Paragraph(escape(words("report.title")[0]), styles.title),
        Paragraph(escape(words("report.title")[1]), styles.subtitle),
        Spacer(1, 2 * mm),
        Paragraph(escape(_both("subtitle")), styles.base),
        Spacer(1, 4 * mm),
    ]
    facts = [
        (_both("period"), f"{_day(statistics.start)} – {_day(statistics.end)}"),
        (_both("cases"), statistics.cases.text),
        (_both("produced"), _day(produced_on or date.today())),
    ]
    summary = Table(
        [
            [Paragraph(escape(k), styles.cell_bold), Paragraph(escape(v), styles.base)]
            for k, v in facts
        ],
        colWidths=[WIDTH * 0.35, WIDTH * 0.65],
    )
    summary.setStyle(_grid(fonts, total_row=False))
    story += [summary, Spacer(1, 5 * mm), _heading(_both("how"), styles), Spacer(1, 2 * mm)]
    for key in ("rule", "counting", "chart_key"):
        story += [
            Paragraph(escape(words(f"report.{key}")[0]), styles.base),
            Paragraph(escape(words(f"report.{key}")[1]), styles.english),
            Spacer(1, 2 * mm),
        ]
    story.append(Spacer(1, 4 * mm))
    for table in statistics.tables:
        parts: list[Flowable] = [
            _heading(f"{table.title_sq} / {table.title_en}", styles),
            Spacer(1, 2 * mm),
        ]
        if table.withheld:
            parts += [
                Paragraph(escape(words("report.withheld")[0]), styles.base),
                Paragraph(escape(words("report.withheld")[1]), styles.english),
            ]
        else:
            draw = _vertical_chart if table.dimension is Dimension.MONTH else _horizontal_chart
            parts += [draw(table, fonts), Spacer(1, 2 * mm), _count_table(table, styles)]
        story += [KeepTogether(parts), Spacer(1, 6 * mm)]
    buffer = BytesIO()
    info = DocumentInfo(
        title=_both("title"),
        subject=f"{_day(statistics.start)} – {_day(statistics.end)}",
        language="sq",
    )
    template = simple_document(buffer, info, MARGINS, fonts=fonts)
    template.build(story, canvasmaker=_numbered_canvas(fonts))
    return buffer.getvalue()


def write_pdf(statistics: Statistics, path: Path) -> None:
    atomic_write_bytes(path, pdf_bytes(statistics))
