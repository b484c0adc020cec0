"""The person's information sheet, checked as a reader would: real PDFs read back with poppler
(pdftotext, pdffonts, pdfinfo) and qpdf. Those tests skip when a tool is missing on a
developer's machine, and fail in CI (CI=true)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest

from interview_room.documents.directory import load_directory
from interview_room.documents.fonts import FontSet, register_fonts
from interview_room.documents.information_sheet import MARGIN_SIDE, render_information_sheet
from interview_room.documents.information_texts import (
    MACHINE_DRAFT_NOTE_EN,
    SHEET_KEYS,
    GlyphsMissing,
    InformationFileInvalid,
    UnknownInformationLanguage,
    available_languages,
    load_information_texts,
    shipped_information_dir,
)
from interview_room.documents.template import PAGE_WIDTH
from interview_room.errors import InterviewRoomError
from tests.external_tools import require_tool

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_INFORMATION = FIXTURES / "information"
ISSUED = date(2026, 3, 2)
STATION = "Pika e Kalimit Morinë"
# Arabic and Persian letters (not the Arabic comma or question mark), or Western digits.
ARABIC_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+|[0-9]+")


# --- tools ----------------------------------------------------------------------------------------


def run(*args: str | Path) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def text_of(pdf: Path, *options: str) -> str:
    return run(require_tool("pdftotext"), *options, pdf, "-").replace("\u00a0", " ")


def flat(text: str) -> str:
    """All whitespace as single spaces (a sentence may wrap anywhere), without the invisible
    bidi marks pdftotext puts around runs of each direction."""
    visible = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())


def logical_words(text: str) -> list[str]:
    """Arabic words and numbers in order, presentation forms and bidi marks normalised away."""
    plain = unicodedata.normalize("NFKC", text)
    plain = "".join(char for char in plain if unicodedata.category(char) != "Cf")
    return ARABIC_WORD.findall(plain)


def contains_run(words: list[str], run_: list[str]) -> bool:
    return any(words[i : i + len(run_)] == run_ for i in range(len(words) - len(run_) + 1))


def write_pdf(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sheets")
    pdfs = {
        language: render_information_sheet(language, station_name=STATION, issued_on=ISSUED)
        for language in ("sq", "en")
    }
    pdfs["ar"] = render_information_sheet(
        "ar", station_name=STATION, issued_on=ISSUED, information_dir=FIXTURE_INFORMATION
    )
    return {language: write_pdf(folder, f"{language}.pdf", data) for language, data in pdfs.items()}


def texts_of(language: str) -> dict[str, str]:
    folder = FIXTURE_INFORMATION if language == "ar" else shipped_information_dir()
    data = json.loads((folder / f"{language}.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = data["texts"]
    return texts


# --- the shipped languages --------------------------------------------------------------------


def test_shipped_languages_are_albanian_and_english_with_every_text() -> None:
    shipped = available_languages()
    assert {"en", "sq"} <= set(shipped)
    for language in shipped:
        texts = load_information_texts(language)
        if language not in ("sq", "en"):
            assert texts.machine_draft, f"{language} must say it is a machine draft until reviewed"
            continue
        assert texts.direction == "ltr"
        # Directory labels are optional (the entry's Albanian name stands in); texts are not.
        missing = texts.fallback_keys & set(SHEET_KEYS)
        assert missing == set(), f"{language} lacks {missing}"
        assert set(SHEET_KEYS) <= set(texts.texts)


def test_albanian_uses_the_terms_of_the_domain() -> None:
    sq = " ".join(texts_of("sq").values())
    for term in (
        "periudha e reflektimit",
        "Mekanizmit Kombëtar të Referimit",
        "Njësia për Mbrojtjen e Fëmijës",
        "kujdestari ligjor",
        "pëlqimin",
        "Përkthyes",
    ):
        assert term in sq


def test_the_sheet_promises_nothing_the_staff_cannot_keep() -> None:
    """Second practitioner's review, findings 10 and 14: a referral by law is made without
    consent, so nothing is "kept confidential"; a guardian is asked for, not promised; the
    Albanian "you must not answer" reading is gone; the right to seek asylum is said."""
    sq, en = texts_of("sq"), texts_of("en")
    assert sq["confidentiality.body"].startswith(
        "Ajo që na tregoni mbrohet dhe ndahet vetëm siç përshkruhet këtu."
    )
    assert en["confidentiality.body"].startswith(
        "What you tell us is protected and is shared only as described here."
    )
    for language in ("sq", "en", "fr", "sr"):
        body = texts_of(language)["confidentiality.body"].lower()
        assert "konfidenc" not in body and "confiden" not in body and "poverljiv" not in body
    assert "Nuk është e detyrueshme t'u përgjigjeni të gjitha pyetjeve." in sq["voluntary.body"]
    assert "Ju nuk duhet t'u përgjigjeni" not in " ".join(sq.values())
    assert "Do të kërkojmë që me ju të jetë kujdestari ligjor" in sq["children.body"]
    assert "Me ju do të jetë" not in sq["children.body"]
    assert "We will ask for a legal guardian" in en["children.body"]
    assert "të kërkoni azil" in sq["services.return"]
    assert "the right to ask for asylum" in en["services.return"]


@pytest.mark.parametrize("language", ["sq", "en"])
def test_sheet_is_a_valid_pdf(sheets: dict[str, Path], language: str) -> None:
    run(require_tool("qpdf"), "--check", sheets[language])


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "sq",
            [
                "Të drejtat tuaja dhe ku të gjeni ndihmë",
                "Mund të bëni pyetje në çdo kohë.",
                "Është falas.",
                "Njësia për Mbrojtjen e Fëmijës",
                "Linja kombëtare për fëmijët – ALO",
            ],
        ),
        ("en", ["Your rights and where to get help", "Qendra Kombëtare e Pritjes"]),
    ],
)
def test_text_reads_back_with_every_albanian_letter(
    sheets: dict[str, Path], language: str, words: list[str]
) -> None:
    text = flat(text_of(sheets[language]))
    for word in words:
        assert word in text
    # Nothing drawn as a placeholder box or lost in the ToUnicode map.
    assert "\ufffd" not in text


def test_uppercase_c_cedilla_and_e_diaeresis_survive_too(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path, "sq.pdf", render_information_sheet("sq", station_name="ÇEKU ËMBËL çë")
    )
    assert "ÇEKU ËMBËL çë" in flat(text_of(pdf))


@pytest.mark.parametrize("language", ["sq", "en", "ar"])
def test_emergency_numbers_are_printed(sheets: dict[str, Path], language: str) -> None:
    text = flat(text_of(sheets[language]))
    for number in ("129", "127", "116 111"):
        assert number in text


def test_services_are_printed_by_name_and_town_without_unverified_numbers(tmp_path: Path) -> None:
    directory = load_directory(FIXTURES / "directory-with-unchecked-number.json")
    pdf = write_pdf(tmp_path, "en.pdf", render_information_sheet("en", directory=directory))
    text = flat(text_of(pdf))
    assert "Vatra" in text and "Vlorë" in text and "Tjetër Vizion" in text
    assert "999" not in text and "888 777" not in text
    assert "0 555 444 333" in text  # a verified service number is printed
    assert "Your social worker's contact:" in text


def test_the_shipped_sheet_prints_no_number_beyond_the_verified_ones(
    sheets: dict[str, Path],
) -> None:
    allowed = {"129", "127", "116", "111", "30", "18", "1", "2", "02", "03", "2026"}
    for language in ("sq", "en"):
        numbers = set(re.findall(r"\d+", text_of(sheets[language])))
        assert numbers <= allowed, numbers - allowed


@pytest.mark.parametrize("language", ["sq", "en", "ar"])
def test_only_embedded_dejavu_fonts_are_used(sheets: dict[str, Path], language: str) -> None:
    rows = run(require_tool("pdffonts"), sheets[language]).splitlines()[2:]
    assert rows
    for row in rows:
        columns = row.split()
        name, embedded = columns[0], columns[-5]
        assert re.fullmatch(r"[A-Z]{6}\+DejaVuSans(-Bold)?", name), row
        assert embedded == "yes", row


def test_register_fonts_is_idempotent() -> None:
    first = register_fonts()
    assert (
        register_fonts() == first == FontSet("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique")
    )


@pytest.mark.parametrize("language", ["sq", "en", "ar"])
def test_metadata_names_the_language_and_title_and_nobody(
    sheets: dict[str, Path], language: str
) -> None:
    assert f"/Lang ({language})".encode() in sheets[language].read_bytes()
    info = dict(
        line.split(":", 1) for line in run(require_tool("pdfinfo"), sheets[language]).splitlines()
    )
    title = load_information_texts(language, FIXTURE_INFORMATION).text("title").text
    assert info["Title"].strip() == title
    assert info["Author"].strip() == ""
    assert info["Creator"].strip().startswith("Interview Room")


def test_the_sheet_has_no_room_for_personal_data() -> None:
    parameters = set(inspect.signature(render_information_sheet).parameters)
    assert parameters == {"language", "station_name", "issued_on", "information_dir", "directory"}


def test_same_arguments_give_the_same_bytes() -> None:
    first = render_information_sheet("sq", station_name=STATION, issued_on=ISSUED)
    assert render_information_sheet("sq", station_name=STATION, issued_on=ISSUED) == first
    assert render_information_sheet("sq", issued_on=ISSUED) != first


def test_station_and_date_are_printed_when_given(sheets: dict[str, Path], tmp_path: Path) -> None:
    text = flat(text_of(sheets["sq"]))
    assert f"Vendi: {STATION}" in text and "Data: 02.03.2026" in text
    bare = write_pdf(tmp_path, "bare.pdf", render_information_sheet("sq"))
    assert "Vendi:" not in text_of(bare) and "Data:" not in text_of(bare)


# --- review status, fallback, values ------------------------------------------------------------


def test_a_machine_draft_says_so_in_english_and_in_the_language(sheets: dict[str, Path]) -> None:
    text = flat(text_of(sheets["sq"]))
    assert MACHINE_DRAFT_NOTE_EN in text
    assert texts_of("sq")["machine_draft_note"] in text


def test_a_reviewed_sheet_carries_no_draft_note(tmp_path: Path) -> None:
    data = json.loads((shipped_information_dir() / "en.json").read_text(encoding="utf-8"))
    data["status"] = "reviewed"
    (tmp_path / "en.json").write_text(json.dumps(data), encoding="utf-8")
    pdf = write_pdf(tmp_path, "en.pdf", render_information_sheet("en", information_dir=tmp_path))
    assert "Machine draft" not in text_of(pdf)


def test_missing_texts_fall_back_to_english_key_by_key(sheets: dict[str, Path]) -> None:
    arabic = load_information_texts("ar", FIXTURE_INFORMATION)
    assert "intro.keep" in arabic.fallback_keys
    assert "title" not in arabic.fallback_keys
    assert arabic.text("intro.keep").direction == "ltr"
    english = load_information_texts("en")
    text = flat(text_of(sheets["ar"]))
    assert english.text("intro.keep").text in text
    assert english.text("services.legal").text in text


def test_the_reflection_period_comes_from_values_json(tmp_path: Path) -> None:
    (tmp_path / "values.json").write_text('{"reflection_period_days": 45}', encoding="utf-8")
    pdf = write_pdf(tmp_path, "en.pdf", render_information_sheet("en", information_dir=tmp_path))
    assert "It lasts at least 45 days." in flat(text_of(pdf))
    assert load_information_texts("sq").reflection_period_days == 30


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["xx", "../sq", "sq/../en", "EN", ""])
def test_an_unknown_language_is_refused(language: str) -> None:
    with pytest.raises(UnknownInformationLanguage) as raised:
        render_information_sheet(language)
    assert isinstance(raised.value, InterviewRoomError)
    message = str(raised.value)
    assert "available: " in message
    assert {"en", "sq"} <= set(message.split("available: ")[1].rstrip(".").split(", "))


def language_file(tmp_path: Path, code: str, **changes: object) -> Path:
    data: dict[str, object] = {
        "language": code,
        "name": "Test",
        "direction": "ltr",
        "status": "machine draft, needs review by a certified translator",
        "texts": {"title": "A title"},
    }
    data.update(changes)
    (tmp_path / f"{code}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("changes", "subject", "fault"),
    [
        ({"texts": {"titel": "A title"}}, "text 'titel'", "this text key is not known"),
        ({"texts": {"title": ""}}, "text 'title'", "non-empty text"),
        (
            {"texts": {"reflection.body": "At least {days} days."}},
            "text 'reflection.body'",
            "placeholder '{days}' is not known here",
        ),
        (
            {"texts": {"reflection.body": "A period of time."}},
            "text 'reflection.body'",
            "placeholder '{reflection_period_days}' is missing",
        ),
        ({"texts": {"title": "A {title"}}, "text 'title'", "not paired"),
        ({"direction": "right-to-left"}, "field 'direction'", "'ltr' or 'rtl'"),
        ({"status": "done"}, "field 'status'", "must be 'reviewed' or"),
        ({"language": "de"}, "field 'language'", "the file's name"),
        ({"extra": 1}, "field 'extra'", "not known"),
    ],
)
def test_a_bad_language_file_is_refused_naming_file_and_item(
    tmp_path: Path, changes: dict[str, object], subject: str, fault: str
) -> None:
    folder = language_file(tmp_path, "fr", **changes)
    with pytest.raises(InformationFileInvalid) as raised:
        render_information_sheet("fr", information_dir=folder)
    assert raised.value.file == "fr.json"
    assert raised.value.subject == subject
    assert fault in raised.value.fault


def test_english_must_be_complete_because_it_is_the_fallback(tmp_path: Path) -> None:
    data = json.loads((shipped_information_dir() / "en.json").read_text(encoding="utf-8"))
    del data["texts"]["children.body"]
    (tmp_path / "en.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InformationFileInvalid, match=r"en.json, text 'children.body'"):
        render_information_sheet("sq", information_dir=tmp_path)


def test_text_the_fonts_cannot_draw_is_refused_rather_than_printed_as_boxes(
    tmp_path: Path,
) -> None:
    # Amharic (Ethiopic script) is not in DejaVu Sans.
    folder = language_file(tmp_path, "am", texts={"title": "መብቶችዎ"})
    with pytest.raises(GlyphsMissing) as raised:
        render_information_sheet("am", information_dir=folder)
    assert raised.value.file == "am.json"
    assert raised.value.subject == "text 'title'"
    assert "U+1218" in raised.value.fault


# --- right to left --------------------------------------------------------------------------------


def test_arabic_sheet_reads_back_in_logical_order(sheets: dict[str, Path]) -> None:
    extracted = logical_words(text_of(sheets["ar"]))
    arabic = load_information_texts("ar", FIXTURE_INFORMATION)
    checked = 0
    for key, value in texts_of("ar").items():
        if key.startswith("footer.") or key == "machine_draft_note":
            continue
        expected = logical_words(arabic.text(key).text)
        # Each paragraph, wrapped over several lines, comes back whole and in reading order:
        # lines out of order would break the run.
        assert contains_run(extracted, expected), (key, value)
        checked += 1
    assert checked >= 15
    # The mixed line: Arabic words with two numbers in between, in reading order.
    assert contains_run(extracted, logical_words("اتصل بالرقم 129 أو 127"))


def test_arabic_sheet_is_laid_out_from_the_right(sheets: dict[str, Path]) -> None:
    right_edge, left_edge = PAGE_WIDTH - MARGIN_SIDE, MARGIN_SIDE
    title_line = line_holding(sheets["ar"], "حقوقك")
    assert abs(float(title_line.attrib["xMax"]) - right_edge) < 1
    assert float(title_line.attrib["xMin"]) > left_edge + 50
    english_title = line_holding(sheets["en"], "rights")
    assert abs(float(english_title.attrib["xMin"]) - left_edge) < 1


def line_holding(pdf: Path, word: str) -> ElementTree.Element:
    """The first text line (pdftotext -bbox-layout) with ``word``, read in either order."""
    root = ElementTree.fromstring(text_of(pdf, "-bbox-layout", "-f", "1", "-l", "1"))
    for line in root.iter("{http://www.w3.org/1999/xhtml}line"):
        for found in line:
            shown = found.text or ""
            if word in (
                unicodedata.normalize("NFKC", shown),
                unicodedata.normalize("NFKC", shown[::-1]),
            ):
                return line
    raise AssertionError(f"{word!r} is not on the first page")
