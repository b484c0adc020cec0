"""Every form's labels stand clear of their fields (they touched them: Qt's style leaves about
six pixels), in the app's own font and style."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot

from interview_room.gui.dialogs.passwords import ChangePasswordDialog
from interview_room.gui.pages.login import LoginPage
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory
from tests.gui.fit import narrowest_label_gap

GAP = 12


def test_the_sign_in_form_keeps_its_labels_clear_of_the_fields(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    window.resize(1180, 760)
    page = window.page
    assert isinstance(page, LoginPage)
    (form,) = page.findChildren(QFormLayout)
    qtbot.waitUntil(lambda: page.username.width() > 0)
    assert narrowest_label_gap(form) >= GAP


def test_a_dialog_form_keeps_its_labels_clear_of_the_fields(
    qtbot: QtBot, real_look: None, station_home: Path
) -> None:
    session = Workstation(station_home).unlock(*ADMIN)
    dialog = ChangePasswordDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert narrowest_label_gap(dialog.form) >= GAP
    session.logout()
