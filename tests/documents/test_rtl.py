"""Right-to-left text: shaping, display order, line breaking before reordering, and glyphs."""

from __future__ import annotations

import unicodedata

import pytest
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from interview_room.documents.fonts import FontSet, missing_glyphs, register_fonts
from interview_room.documents.rtl import (
    UnknownDirection,
    paragraph_style_for,
    shape,
    visual,
    visual_lines,
)
from interview_room.errors import InterviewRoomError

# "Call the number 129 now"
CALL = "اتصل بالرقم 129 الآن"
# "You have the right to time to rest and recover. This is called the reflection period. ..."
PARAGRAPH = (
    "لك الحق في وقت للراحة والتعافي. يسمى هذا فترة التفكير. تستمر ثلاثين يوما على الأقل. "
    "لا يجب عليك أن تقرر أي شيء الآن. يمكنك أن تطلب استراحة أو أن نتوقف في أي وقت."
)
ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
PERSIAN_LETTERS = "پچژگکی"


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return register_fonts()


def logical(text: str) -> str:
    """Presentation forms back to plain letters, as a reader or a search would see them."""
    return unicodedata.normalize("NFKC", text)


def test_ltr_text_is_unchanged() -> None:
    text = "Të drejtat tuaja: ALO 116 111 (falas)."
    assert visual(text, "ltr") == text


def test_mixed_arabic_and_digits_line_is_shaped_and_reversed_keeping_the_number() -> None:
    words = CALL.split(" ")
    expected = " ".join(
        [shape(words[3])[::-1], "129", shape(words[1])[::-1], shape(words[0])[::-1]]
    )
    shown = visual(CALL, "rtl")
    assert shown == expected
    # Shaped: joined presentation forms, not the plain letters.
    assert "\u0627\u062a\u0635\u0644"[::-1] not in shown
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in shown)
    # Read from right to left, the letters are the original ones.
    assert logical(shown[::-1]).replace("921", "129") == CALL


def test_lam_alef_becomes_the_ligature_the_font_has() -> None:
    shown = visual("الآن", "rtl")
    assert "\ufef5" in shown or "\ufef6" in shown  # lam with alef madda


def test_the_word_allah_is_not_turned_into_a_ligature_missing_from_the_font(
    fonts: FontSet,
) -> None:
    shown = visual("الله", "rtl")
    assert "\ufdf2" not in shown
    assert missing_glyphs(fonts.regular, shown) == frozenset()


def test_brackets_are_mirrored_inside_right_to_left_text() -> None:
    # "interpreter (in your language)": "(" opens on the right, so it is drawn as ")".
    shown = visual("مترجم (بلغتك)", "rtl")
    assert shown == "(" + shape("بلغتك")[::-1] + ") " + shape("مترجم")[::-1]


def test_several_lines_keep_their_order() -> None:
    shown = visual("الأول\nالثاني", "rtl").split("\n")
    assert [logical(line[::-1]) for line in shown] == ["الأول", "الثاني"]


def test_paragraph_is_broken_before_reordering_so_lines_read_top_to_bottom(
    fonts: FontSet,
) -> None:
    width = 150.0
    lines = visual_lines(PARAGRAPH, "rtl", font_name=fonts.regular, font_size=12, max_width=width)
    assert len(lines) >= 4
    for line in lines:
        assert stringWidth(line, fonts.regular, 12) <= width
    # Reading each line right to left, then the lines top to bottom, gives the paragraph back.
    read = " ".join(logical(line[::-1]) for line in lines)
    assert _letters(read) == _letters(PARAGRAPH)
    assert _letters(logical(lines[0][::-1]))[:2] == ["لك", "الحق"]
    assert _letters(logical(lines[-1][::-1]))[-3:] == ["في", "أي", "وقت"]


def test_reordering_a_whole_paragraph_first_would_have_put_the_end_on_top(
    fonts: FontSet,
) -> None:
    # The mistake visual_lines avoids: break after reordering and the first line shown is the
    # paragraph's end.
    wrong_first = visual(PARAGRAPH, "rtl")[:20]
    right_first = visual_lines(
        PARAGRAPH, "rtl", font_name=fonts.regular, font_size=12, max_width=150
    )[0]
    assert _letters(logical(wrong_first[::-1]))[-1] == "وقت"
    assert _letters(logical(right_first[::-1]))[0] == "لك"


def test_ltr_lines_break_at_spaces_but_not_inside_a_phone_number(fonts: FontSet) -> None:
    text = "Call ALO 116\u00a0111 for help, or the police on 129, at any time."
    lines = visual_lines(text, "ltr", font_name=fonts.regular, font_size=12, max_width=80)
    assert " ".join(lines) == text
    assert any("116\u00a0111" in line for line in lines)


def test_explicit_line_breaks_are_kept(fonts: FontSet) -> None:
    lines = visual_lines("one\ntwo", "ltr", font_name=fonts.regular, font_size=12, max_width=500)
    assert lines == ("one", "two")


def test_every_arabic_and_persian_letter_has_a_glyph_once_shaped(fonts: FontSet) -> None:
    # Each letter alone, at the start, in the middle and at the end of a word.
    samples = [f"{c} {c}ب ب{c}ب ب{c}" for c in ARABIC_LETTERS + PERSIAN_LETTERS]
    shown = visual("\n".join(samples) + "\nلا لأ لإ لآ ١٢٣ ۱۲۳", "rtl")
    assert missing_glyphs(fonts.regular, shown) == frozenset()
    assert missing_glyphs(fonts.bold, shown) == frozenset()


def test_albanian_letters_have_glyphs_in_every_face(fonts: FontSet) -> None:
    for face in (fonts.regular, fonts.bold, fonts.italic):
        assert missing_glyphs(face, "ëçËÇ – “” ‘’ ·") == frozenset()


def test_paragraph_style_is_right_aligned_for_rtl_only() -> None:
    base = ParagraphStyle("body", fontSize=12, alignment=TA_LEFT)
    assert paragraph_style_for("ltr", base) is base
    rtl = paragraph_style_for("rtl", base)
    assert rtl.alignment == TA_RIGHT
    assert rtl.fontSize == 12
    assert base.alignment == TA_LEFT


@pytest.mark.parametrize("direction", ["RTL", "auto", ""])
def test_an_unknown_direction_is_refused(direction: str) -> None:
    with pytest.raises(UnknownDirection) as raised:
        visual("text", direction)
    assert isinstance(raised.value, InterviewRoomError)
    assert f"'{direction}'" in str(raised.value)


def _letters(text: str) -> list[str]:
    return "".join(char if char.isalnum() else " " for char in text).split()
