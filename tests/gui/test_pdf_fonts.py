"""The PDFs the window makes itself through Qt embed every font they name, in the scripts the
people read (Albanian letters, Arabic), like the reportlab documents
(``tests/documents/test_embedded_fonts.py``); the recovery key's PDF is checked where it is
saved (``tests/gui/test_recovery_key_page.py``). No other Qt code writes a PDF."""

from __future__ import annotations

import ast
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.gui.interview.rights_pieces import WholeScriptDialog
from tests.external_tools import pdf_fonts, unembedded_fonts

GUI = Path(__file__).resolve().parents[2] / "src" / "interview_room" / "gui"
QT_PDF_WRITERS = {
    "interview/rights_pieces.py": "the rights, whole script (QPdfWriter): checked below",
    "pages/recovery_key.py": "the recovery key without a printer (QPrinter, PdfFormat): checked "
    "in tests/gui/test_recovery_key_page.py",
}


def test_the_rights_script_pdf_embeds_its_fonts(qtbot: QtBot, tmp_path: Path) -> None:
    script = "Keni të drejtë të ndaleni në çdo kohë. Çdo përgjigje është vullnetare."
    arabic = "لديك الحق في التوقف في أي وقت."
    for text, rtl, interviewer in ((script, False, None), (arabic, True, script)):
        dialog = WholeScriptDialog(text, rtl, interviewer, None)
        qtbot.addWidget(dialog)
        path = tmp_path / f"rights-{'rtl' if rtl else 'ltr'}.pdf"
        path.write_bytes(dialog.pdf())
        assert pdf_fonts(path), "pdffonts read no font"
        assert unembedded_fonts(path) == []


def _writes_pdf(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id == "QPdfWriter":
            return True
        if isinstance(node, ast.Attribute) and node.attr in ("QPdfWriter", "PdfFormat"):
            return True
    return False


def test_no_other_qt_code_writes_a_pdf() -> None:
    writers = {str(p.relative_to(GUI)) for p in GUI.rglob("*.py") if _writes_pdf(p)}
    assert writers == set(QT_PDF_WRITERS)
