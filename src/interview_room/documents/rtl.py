"""Right-to-left text for reportlab, which lays every string out left to right.

Arabic letters change shape with their neighbours, and a right-to-left line is stored in
reading (logical) order but must be drawn in display (visual) order. ``visual`` does both for
one line. A paragraph must be broken into lines *before* reordering: reordering a whole
paragraph and then breaking it would put its last words on the first line. ``visual_lines``
does it in that order and is what multi-line right-to-left text must go through.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from interview_room.errors import InterviewRoomError

Direction = Literal["ltr", "rtl"]
DIRECTIONS: Final[tuple[Direction, ...]] = ("ltr", "rtl")

# Ligatures drawn with a glyph DejaVu Sans has: the four lam-alef forms (obligatory in Arabic
# writing). The reshaper's default also turns the word Allah into U+FDF2, which DejaVu Sans
# lacks and would print as an empty box, so that one is switched off.
_RESHAPER = ArabicReshaper(
    configuration={
        "language": "Arabic",
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
    }
)


class UnknownDirection(InterviewRoomError):
    """A writing direction other than ``"ltr"`` or ``"rtl"``."""

    def __init__(self, direction: str) -> None:
        self.direction = direction
        super().__init__(f"writing direction '{direction}' is neither 'ltr' nor 'rtl'.")


def check_direction(direction: str) -> Direction:
    """Return ``direction`` typed as a ``Direction``; raise ``UnknownDirection`` otherwise."""
    if direction == "ltr":
        return "ltr"
    if direction == "rtl":
        return "rtl"
    raise UnknownDirection(direction)


def shape(text: str) -> str:
    """Arabic letters replaced by their joined presentation forms, still in logical order."""
    result: str = _RESHAPER.reshape(text)
    return result


def reorder(line: str) -> str:
    """One shaped line in display order for a right-to-left paragraph.

    The pure-Python bidi algorithm is used because it also mirrors brackets: "(" inside
    Arabic text must be drawn as ")" once the line is reversed.
    """
    result: str = get_display(line, base_dir="R")
    return result


def visual(text: str, direction: str) -> str:
    """``text`` as reportlab must draw it: for ``"rtl"`` shaped and reordered line by line
    (lines separated by ``"\\n"`` stay in their order); for ``"ltr"`` unchanged.
    """
    if check_direction(direction) == "ltr":
        return text
    return "\n".join(reorder(line) for line in shape(text).split("\n"))


def visual_lines(
    text: str, direction: str, *, font_name: str, font_size: float, max_width: float
) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``max_width`` and return them top to bottom,
    each ready to draw (right-aligned for ``"rtl"``).

    Breaks fall only at ordinary spaces ("\\u00a0" keeps a phone number together) and at
    ``"\\n"``. A single word wider than the line is left whole rather than cut.
    """
    rtl = check_direction(direction) == "rtl"

    def width(piece: str) -> float:
        measured: float = stringWidth(piece, font_name, font_size)
        return measured

    # Shaping first, in logical order: breaks fall between words, where letters never join,
    # so the shapes stay right, and the widths measured are those of the glyphs drawn.
    logical = shape(text) if rtl else text
    lines: list[str] = []
    for paragraph in logical.split("\n"):
        lines.extend(_break_line(paragraph, width, max_width))
    return tuple(reorder(line) if rtl else line for line in lines)


def _break_line(paragraph: str, width: Callable[[str], float], max_width: float) -> list[str]:
    words = [word for word in paragraph.split(" ") if word]
    if not words:
        return [""]
    space = width(" ")
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word in words:
        word_width = width(word)
        if current and current_width + space + word_width > max_width:
            lines.append(" ".join(current))
            current, current_width = [], 0.0
        current_width += word_width + (space if current else 0.0)
        current.append(word)
    lines.append(" ".join(current))
    return lines


def paragraph_style_for(direction: str, base_style: ParagraphStyle) -> ParagraphStyle:
    """``base_style`` for ``"ltr"``; a right-aligned copy of it for ``"rtl"``.

    A reportlab Paragraph still breaks lines itself, so right-to-left text given to one must
    fit on a single line (pass it through ``visual`` first); use ``visual_lines`` for more.
    """
    if check_direction(direction) == "ltr":
        return base_style
    return ParagraphStyle(f"{base_style.name}-rtl", parent=base_style, alignment=TA_RIGHT)
