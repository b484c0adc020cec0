"""The information sheet saved from the GUI in the person's language, as a real PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from interview_room.gui.dialogs.information_sheet import InformationSheetDialog
from tests.gui.interview.helpers import on_next_dialog


def test_sheet_is_saved_in_the_chosen_language(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = InformationSheetDialog("Morinë", "en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.language.currentData() == "en", "the person's language is proposed"
    target = tmp_path / "sheet.pdf"

    def save(file_dialog: QDialog) -> None:
        assert isinstance(file_dialog, QFileDialog)
        file_dialog.selectFile(str(target))
        file_dialog.accept()

    on_next_dialog(save)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.saved_to == target
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0
