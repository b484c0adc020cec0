"""The one enrollment-package picker, at set-up and in the administrator's enrollment dialog:
"Choose…" opens a file window in the folder chosen last, and the file chosen fills the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.dialogs.common import EnrollmentPackagePicker, remember_folder
from interview_room.gui.dialogs.sync import EnrollDialog
from interview_room.gui.pages.setup import SetupPage
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN
from tests.gui.test_recovery_key_page import when_shown


def _choose_with_the_file_window(
    qtbot: QtBot, picker: EnrollmentPackagePicker, package: Path
) -> None:
    seen: list[str] = []
    opened_in: list[Path] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        opened_in.append(Path(dialog.directory().absolutePath()))
        dialog.selectFile(str(package))
        dialog.accept()

    when_shown(QFileDialog, choose, seen)
    qtbot.mouseClick(picker.choose, Qt.MouseButton.LeftButton)
    assert seen == ["QFileDialog"]
    assert opened_in == [package.parent], "opens where a file was chosen last"


@pytest.mark.parametrize("where", ["set-up", "enrollment"])
def test_choose_fills_the_field_from_the_folder_chosen_last(
    qtbot: QtBot, tmp_path: Path, station_home: Path, where: str
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    package = stick / "MOR.enrollment"
    package.write_bytes(b"synthetic package bytes")
    form: QWidget
    if where == "set-up":
        form = SetupPage()
    else:
        session = Workstation(station_home).unlock(*ADMIN)
        form = EnrollDialog(session)
    qtbot.addWidget(form)
    form.show()
    picker = form.findChild(EnrollmentPackagePicker)
    assert picker is not None
    assert picker.path() is None, "an empty field names no package"
    remember_folder(form, stick)

    _choose_with_the_file_window(qtbot, picker, package)

    assert picker.field.text() == str(package)
    assert picker.path() == package
