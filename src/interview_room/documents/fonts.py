"""The fonts embedded in every PDF Interview Room prints.

DejaVu Sans covers every Albanian letter (ë ç Ë Ç) and the Arabic script with its presentation
forms. reportlab embeds only the glyphs a document uses (subsets) together with a ToUnicode
map, so the text can be searched, copied and read aloud by a screen reader.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from interview_room.errors import InterviewRoomError
from interview_room.resources import resources_root

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}
_LOCK = threading.Lock()


class FontFileMissing(InterviewRoomError):
    """A font file the documents need is not among the shipped resources."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path.name}: the font file does not exist in {path.parent}.")


@dataclass(frozen=True)
class FontSet:
    """reportlab names of the registered regular, bold and italic faces."""

    regular: str
    bold: str
    italic: str


def fonts_dir() -> Path:
    """The folder holding the shipped TTF files."""
    return resources_root() / "fonts"


def register_fonts() -> FontSet:
    """Register DejaVu Sans (regular, bold, oblique) with reportlab once and return their names.

    Safe to call from any thread and any number of times; later calls only return the names.
    """
    with _LOCK:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _FILES.items():
            if name in registered:
                continue
            path = fonts_dir() / file_name
            if not path.is_file():
                raise FontFileMissing(path)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # Lets <b> and <i> inside reportlab Paragraphs pick the right face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
    return FontSet(regular=REGULAR, bold=BOLD, italic=ITALIC)


def missing_glyphs(font_name: str, text: str) -> frozenset[str]:
    """The characters of ``text`` that the registered font ``font_name`` cannot draw.

    Line breaks and invisible format characters (bidi marks, joiners) are not drawn as glyphs
    and are never reported.
    """
    covered: dict[int, int] = pdfmetrics.getFont(font_name).face.charToGlyph
    return frozenset(
        char
        for char in set(text)
        if ord(char) not in covered and char not in "\n\r\t" and unicodedata.category(char) != "Cf"
    )
