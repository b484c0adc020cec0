"""The one-time recovery key: printed, or without a printer saved as a PDF where the user says."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.pages import recovery_key
from interview_room.gui.pages.recovery_key import RecoveryKeyPage
from tests.external_tools import pdf_fonts, require_tool, run_tool, unembedded_fonts
from tests.gui.conftest import visible_texts

KEY = "-".join(["ABCD", "EFGH", "JKLM", "NPQR", "STUV", "WXYZ", "2345"] * 2)[:64]


@pytest.fixture
def no_printer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A PC with no printer, whose user has a Documents folder; returns that folder."""

    class NoPrinters(QPrinterInfo):
        @staticmethod
        def availablePrinters() -> list[QPrinterInfo]:
            return []

    monkeypatch.setattr(recovery_key, "QPrinterInfo", NoPrinters)
    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return documents


def when_shown(kind: type[QWidget], act: Callable[[QWidget], None], seen: list[str]) -> None:
    """Act on the next modal window of ``kind`` once it is open (a real dialog's own loop)."""
    tries = [0]

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            seen.append(kind.__name__)
            act(modal)
        elif tries[0] < 300:
            tries[0] += 1
            QTimer.singleShot(20, attempt)
        elif modal is not None:  # not what was expected: close it rather than hang
            modal.close()

    QTimer.singleShot(0, attempt)


def page(qtbot: QtBot) -> RecoveryKeyPage:
    shown = RecoveryKeyPage("Morinë", KEY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_without_a_printer_the_key_is_saved_as_a_pdf_where_the_user_chooses(
    qtbot: QtBot, no_printer: Path
) -> None:
    recovery = page(qtbot)
    target = no_printer / "my-recovery-key.pdf"
    seen: list[str] = []
    question: list[str] = []

    def choose_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        assert Path(dialog.directory().absolutePath()) == no_printer, "opens in Documents"
        dialog.selectFile(str(target))
        dialog.accept()

    def save_as_pdf(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        question.append(box.text())
        save = next(b for b in box.findChildren(QPushButton) if "PDF" in b.text())
        when_shown(QFileDialog, choose_file, seen)
        save.click()

    when_shown(QMessageBox, save_as_pdf, seen)
    qtbot.mouseClick(recovery.print_button, Qt.MouseButton.LeftButton)

    assert seen == ["QMessageBox", "QFileDialog"]
    assert "no printer" in question[0].lower() and "secret" in question[0].lower()
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600, "only the user may read it"
    assert any(str(target) in text and "saved" in text for text in visible_texts(recovery))
    require_tool("pdftotext")
    text = run_tool("pdftotext", str(target), "-").stdout
    assert "Morinë" in text
    # The key may wrap at a dash, which pdftotext then drops: compare the characters.
    assert KEY.replace("-", "") in "".join(text.replace("-", "").split())
    # Qt embeds what it draws with: the sheet prints the same on any computer.
    assert pdf_fonts(target) and unembedded_fonts(target) == []


def test_without_a_printer_nothing_is_saved_unless_the_user_asks(
    qtbot: QtBot, no_printer: Path
) -> None:
    recovery = page(qtbot)
    seen: list[str] = []

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.reject()

    when_shown(QMessageBox, cancel, seen)
    qtbot.mouseClick(recovery.print_button, Qt.MouseButton.LeftButton)
    assert seen == ["QMessageBox"]
    assert list(no_printer.iterdir()) == []
    assert not any("saved" in text for text in visible_texts(recovery))
