"""Every PDF the app writes embeds every font it names (poppler's ``pdffonts``: emb=yes), so
it prints and reads the same on any computer, and every reportlab document starts from the one
template (``documents/template.py``) that makes it so.

The window's own PDFs (the rights script, the recovery key) are made by Qt and checked in
``tests/gui/test_pdf_fonts.py`` and ``tests/gui/test_recovery_key_page.py``.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from interview_room.center.stats import (
    Dimension,
    Row,
    Statistics,
    Table,
    suppress,
)
from interview_room.center.stats_pdf import write_pdf
from interview_room.documents.information_sheet import render_information_sheet
from interview_room.documents.information_texts import available_languages
from interview_room.signing.stamp import render_stamp_page
from tests.external_tools import pdf_fonts, unembedded_fonts
from tests.referral.conftest import Signed
from tests.referral.conftest import signed_referral as signed_referral  # the session fixture

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "interview_room"

# Where reportlab documents and canvases may be made; each kind is rendered below.
PDF_MAKERS = {
    "documents/template.py": "the one document template (referral, information sheet, "
    "statistics report)",
    "signing/stamp.py": "the visible signature stamp: a one-page canvas in the document fonts, "
    "placed by pyHanko in the referral",
}
REPORTLAB_STARTS = {"SimpleDocTemplate", "BaseDocTemplate", "Canvas"}


def _assert_all_embedded(pdf: Path) -> None:
    fonts = pdf_fonts(pdf)
    assert fonts, f"{pdf.name} names no font at all: pdffonts read nothing"
    assert unembedded_fonts(pdf) == [], f"{pdf.name} does not embed: {unembedded_fonts(pdf)}"
    assert all("DejaVuSans" in name for name in fonts), fonts


def test_the_font_check_fails_on_a_pdf_that_names_helvetica(tmp_path: Path) -> None:
    # reportlab's own default, as the referral was before it used the template.
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "default.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 72, "Interview Room")
    canvas.showPage()
    canvas.save()
    assert unembedded_fonts(path) == ["Helvetica"]


@pytest.mark.parametrize("language", available_languages())
def test_the_information_sheet_embeds_its_fonts(language: str, tmp_path: Path) -> None:
    path = tmp_path / f"information-{language}.pdf"
    path.write_bytes(
        render_information_sheet(
            language, station_name="Stacioni Morinë (sintetik)", issued_on=date(2026, 5, 4)
        )
    )
    _assert_all_embedded(path)


def _synthetic_statistics() -> Statistics:
    """Every dimension: a chart and table for most, one withheld (too few to break down)."""
    tables = []
    for index, dimension in enumerate(Dimension):
        counts = [0, 3, 12, 40, 7] if index % 4 else [1, 2]
        values = [f"{dimension.value}_{n}" for n in range(len(counts))]
        if dimension is Dimension.MONTH:
            values = [f"2026-{month:02d}" for month in range(1, len(counts) + 1)]
        cells, total = suppress(counts)
        rows = tuple(
            Row(value, f"Vlerë sintetike {n} ë ç", f"Synthetic value {n}", cell)
            for n, (value, cell) in enumerate(zip(values, cells, strict=True))
        )
        tables.append(Table(dimension, rows, total))
    cases, _ = suppress([62])
    return Statistics(date(2026, 1, 1), date(2026, 3, 31), cases[0], tuple(tables))


def test_the_statistics_report_embeds_its_fonts(tmp_path: Path) -> None:
    statistics = _synthetic_statistics()
    assert any(table.withheld for table in statistics.tables)
    assert any(not table.withheld for table in statistics.tables)
    path = tmp_path / "statistika.pdf"
    write_pdf(statistics, path)
    _assert_all_embedded(path)


def test_the_signature_stamp_embeds_its_font(tmp_path: Path) -> None:
    path = tmp_path / "stamp.pdf"
    path.write_bytes(
        render_stamp_page(200, 60, "Oficer Shembulli", ["Oficer", "Morinë, 04.05.2026 10:00"])
    )
    _assert_all_embedded(path)


@pytest.mark.parametrize("stage", ["officer_only", "both"])
def test_a_signed_referral_embeds_every_font_and_its_signatures_hold(
    stage: str, signed: Signed, tmp_path: Path
) -> None:
    path = tmp_path / f"referral-{stage}.pdf"
    path.write_bytes(getattr(signed, stage))
    _assert_all_embedded(path)
    check = signed.check(path.read_bytes())
    assert all(check.signature_valid(signature) for signature in check.signatures)
    assert len(check.signatures) == (1 if stage == "officer_only" else 2)


def _starts(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if isinstance(node.func, ast.Attribute):
                name = node.func.attr
            if name in REPORTLAB_STARTS:
                called.add(name)
    return called


def test_every_reportlab_document_starts_from_the_template() -> None:
    makers = {
        str(path.relative_to(PACKAGE)): sorted(_starts(path))
        for path in PACKAGE.rglob("*.py")
        if _starts(path)
    }
    assert set(makers) == set(PDF_MAKERS), makers
