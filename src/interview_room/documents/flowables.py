"""reportlab building blocks that lay out plain text in either writing direction.

reportlab's own Paragraph breaks lines on the text as given, which is wrong for right-to-left
text (see ``rtl``), and reads markup (``<``, ``&``) that translators never meant. These
flowables take plain text, break it in logical order, reorder each line and draw it against
the start edge of its direction: the left for ``"ltr"``, the right for ``"rtl"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from interview_room.documents.rtl import Direction, check_direction, visual_lines

# reportlab colours are untyped objects.
Color = Any
_CAP_HEIGHT = 0.73  # DejaVu Sans capitals, as a share of the font size


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float
    color: Color


def baseline(line_index: int, height: float, style: TextStyle) -> float:
    """Baseline of a line so that capitals sit in the middle of its ``leading`` band."""
    band_bottom = height - (line_index + 1) * style.leading
    return band_bottom + (style.leading - _CAP_HEIGHT * style.size) / 2


def draw_line(
    canvas: Any, line: str, x_start: float, x_end: float, y: float, direction: str
) -> None:
    """Draw one visual line against the start edge of ``direction`` between two x positions."""
    if check_direction(direction) == "rtl":
        canvas.drawRightString(x_end, y, line)
    else:
        canvas.drawString(x_start, y, line)


class DirectedText(Flowable):  # type: ignore[misc]
    """A paragraph of plain text, optionally a bullet item, that may split across pages.

    ``direction`` is the text's own (it decides how lines are reordered); ``align`` is the
    page's (it decides the edge lines and the bullet start from). They differ for an English
    fallback text or an Albanian place name inside a right-to-left sheet.
    """

    def __init__(
        self,
        text: str,
        direction: Direction,
        style: TextStyle,
        *,
        align: Direction | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        bullet_indent: float = 0.0,
        keep_with_next: bool = False,
        lines: Sequence[str] | None = None,
        show_bullet: bool = True,
    ) -> None:
        super().__init__()
        self.text = text
        self.direction = direction
        self.align = align or direction
        self.style = style
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self.bullet_indent = bullet_indent
        self.show_bullet = show_bullet
        self._given_lines = tuple(lines) if lines is not None else None
        self.lines: tuple[str, ...] = ()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if self._given_lines is not None:
            self.lines = self._given_lines
        else:
            self.lines = visual_lines(
                self.text,
                self.direction,
                font_name=self.style.font,
                font_size=self.style.size,
                max_width=available_width - self.bullet_indent,
            )
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[DirectedText]:
        self.wrap(available_width, available_height)
        fitting = int(available_height // self.style.leading)
        # Never leave a single line alone at the foot or the head of a page.
        if len(self.lines) < 4 or fitting < 2 or fitting >= len(self.lines):
            return []
        fitting = min(fitting, len(self.lines) - 2)
        head, tail = self.lines[:fitting], self.lines[fitting:]
        return [
            self._part(head, space_before=self.spaceBefore, space_after=0.0, bullet=True),
            self._part(tail, space_before=0.0, space_after=self.spaceAfter, bullet=False),
        ]

    def _part(
        self, lines: Sequence[str], *, space_before: float, space_after: float, bullet: bool
    ) -> DirectedText:
        return DirectedText(
            self.text,
            self.direction,
            self.style,
            align=self.align,
            space_before=space_before,
            space_after=space_after,
            bullet_indent=self.bullet_indent,
            lines=lines,
            show_bullet=bullet and self.show_bullet,
        )

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.font, self.style.size)
        canvas.setFillColor(self.style.color)
        indent = self.bullet_indent
        for index, line in enumerate(self.lines):
            y = baseline(index, self.height, self.style)
            draw_line(canvas, line, indent, self.width - indent, y, self.align)
        if indent and self.show_bullet and self.lines:
            y = baseline(0, self.height, self.style)
            radius = self.style.size * 0.16
            x = indent * 0.45 if self.align == "ltr" else self.width - indent * 0.45
            canvas.circle(x, y + self.style.size * 0.3, radius, stroke=0, fill=1)


@dataclass(frozen=True)
class CallRow:
    """One line of the emergency box: the number and what it reaches."""

    phone: str
    label: str
    label_direction: Direction


class CallBox(Flowable):  # type: ignore[misc]
    """A tinted, framed box: a heading, one sentence, then numbers in large type."""

    def __init__(
        self,
        heading: tuple[str, Direction],
        body: tuple[str, Direction],
        rows: Sequence[CallRow],
        *,
        direction: Direction,
        heading_style: TextStyle,
        body_style: TextStyle,
        number_style: TextStyle,
        label_style: TextStyle,
        fill: Color,
        stroke: Color,
        padding: float,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.body = body
        self.rows = tuple(rows)
        self.direction = direction
        self.heading_style = heading_style
        self.body_style = body_style
        self.number_style = number_style
        self.label_style = label_style
        self.fill = fill
        self.stroke = stroke
        self.padding = padding
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._layout: list[tuple[str, tuple[str, ...], float]] = []
        self._heading_lines: tuple[str, ...] = ()
        self._body_lines: tuple[str, ...] = ()
        self.number_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        inner = available_width - 2 * self.padding
        self._heading_lines = visual_lines(
            self.heading[0],
            self.heading[1],
            font_name=self.heading_style.font,
            font_size=self.heading_style.size,
            max_width=inner,
        )
        self._body_lines = visual_lines(
            self.body[0],
            self.body[1],
            font_name=self.body_style.font,
            font_size=self.body_style.size,
            max_width=inner,
        )
        widest = max(
            (
                stringWidth(row.phone, self.number_style.font, self.number_style.size)
                for row in self.rows
            ),
            default=0.0,
        )
        self.number_width = widest + self.number_style.size * 1.2
        label_width = inner - self.number_width
        self._layout = []
        for row in self.rows:
            labels = visual_lines(
                row.label,
                row.label_direction,
                font_name=self.label_style.font,
                font_size=self.label_style.size,
                max_width=label_width,
            )
            row_height = max(self.number_style.leading, len(labels) * self.label_style.leading)
            self._layout.append((row.phone, labels, row_height))
        self.height = (
            2 * self.padding
            + len(self._heading_lines) * self.heading_style.leading
            + len(self._body_lines) * self.body_style.leading
            + self.padding * 0.6
            + sum(height for _, _, height in self._layout)
        )
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.fill)
        canvas.setStrokeColor(self.stroke)
        canvas.setLineWidth(1.2)
        canvas.roundRect(0, 0, self.width, self.height, self.padding * 0.6, stroke=1, fill=1)
        left, right = self.padding, self.width - self.padding
        top = self.height - self.padding
        top = self._draw_block(self._heading_lines, self.heading_style, top, left, right)
        top -= self.padding * 0.2
        top = self._draw_block(self._body_lines, self.body_style, top, left, right)
        top -= self.padding * 0.4
        rtl = self.direction == "rtl"
        for phone, labels, row_height in self._layout:
            number_top = top - (row_height - self.number_style.leading) / 2
            canvas.setFont(self.number_style.font, self.number_style.size)
            canvas.setFillColor(self.number_style.color)
            y = (
                number_top
                - self.number_style.leading
                + baseline(0, self.number_style.leading, self.number_style)
            )
            draw_line(canvas, phone, left, right, y, self.direction)
            label_left = left if rtl else left + self.number_width
            label_right = right - self.number_width if rtl else right
            label_top = top - (row_height - len(labels) * self.label_style.leading) / 2
            self._draw_block(labels, self.label_style, label_top, label_left, label_right)
            top -= row_height

    def _draw_block(
        self, lines: Sequence[str], style: TextStyle, top: float, left: float, right: float
    ) -> float:
        canvas = self.canv
        canvas.setFont(style.font, style.size)
        canvas.setFillColor(style.color)
        block = len(lines) * style.leading
        for index, line in enumerate(lines):
            y = top - block + baseline(index, block, style)
            draw_line(canvas, line, left, right, y, self.direction)
        return top - block


class WriteInLines(Flowable):  # type: ignore[misc]
    """A label and ruled lines left blank, to be filled in by hand."""

    def __init__(
        self,
        label: tuple[str, Direction],
        *,
        direction: Direction,
        style: TextStyle,
        rule_color: Color,
        count: int = 2,
        gap: float = 30.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.label = label
        self.direction = direction
        self.style = style
        self.rule_color = rule_color
        self.count = count
        self.gap = gap
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._lines: tuple[str, ...] = ()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._lines = visual_lines(
            self.label[0],
            self.label[1],
            font_name=self.style.font,
            font_size=self.style.size,
            max_width=available_width,
        )
        self.height = len(self._lines) * self.style.leading + self.count * self.gap
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.font, self.style.size)
        canvas.setFillColor(self.style.color)
        for index, line in enumerate(self._lines):
            y = baseline(index, self.height, self.style)
            draw_line(canvas, line, 0, self.width, y, self.direction)
        canvas.setStrokeColor(self.rule_color)
        canvas.setLineWidth(0.8)
        for index in range(self.count):
            y = self.count * self.gap - (index + 1) * self.gap + 2
            canvas.line(0, y, self.width, y)
