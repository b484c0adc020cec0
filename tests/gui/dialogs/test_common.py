"""What every form dialog shares: the keyboard starts in the first field, and Return in an
empty form names what is missing instead of submitting it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.dialogs.common import FormDialog
from interview_room.gui.dialogs.passwords import ChangePasswordDialog, ResetPasswordDialog
from interview_room.gui.dialogs.sync import EnrollDialog
from interview_room.gui.dialogs.users import AddUserDialog
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN, activate

DialogFactory = Callable[[Session, Path], FormDialog]

DIALOGS: dict[str, tuple[DialogFactory, str]] = {
    "change password": (lambda session, _home: ChangePasswordDialog(session), "current"),
    "reset password": (
        lambda _session, home: ResetPasswordDialog(Workstation(home)),
        "recovery_key",
    ),
    "add user": (lambda session, _home: AddUserDialog(session), "display_name"),
    "enroll": (lambda session, _home: EnrollDialog(session), "package"),
}
"""Each dialog, and the field it starts in."""


@pytest.fixture
def admin_session(station_home: Path) -> Session:
    return Workstation(station_home).unlock(*ADMIN)


def _open(qtbot: QtBot, dialog: FormDialog) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


@pytest.mark.parametrize("name", DIALOGS)
def test_dialog_opens_in_its_first_field_and_return_does_not_submit_it_empty(
    qtbot: QtBot, admin_session: Session, station_home: Path, name: str
) -> None:
    make, first = DIALOGS[name]
    dialog = make(admin_session, station_home)
    focused = _open(qtbot, dialog)
    assert focused is getattr(dialog, first), f"{name}: the keyboard starts on {focused!r}"
    assert isinstance(focused, QLineEdit)

    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0, f"{name}: Return submitted an empty form"
    assert dialog.error.isVisible() and "fill in" in dialog.error.text()
    assert QApplication.focusWidget() is focused, "the first empty field keeps the keyboard"
    admin_session.logout()


def test_return_goes_to_the_next_empty_field_then_submits_the_filled_form(
    qtbot: QtBot, admin_session: Session
) -> None:
    dialog = ChangePasswordDialog(admin_session)
    focused = _open(qtbot, dialog)
    qtbot.keyClicks(focused, ADMIN[1])
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "“New password”" in dialog.error.text()
    assert QApplication.focusWidget() is dialog.new
    qtbot.keyClicks(dialog.new, "another-synthetic-passphrase")
    qtbot.keyClick(dialog.new, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.again, "Tab follows the form, not the buttons"
    qtbot.keyClicks(dialog.again, "another-synthetic-passphrase")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    admin_session.logout()


def test_the_start_of_an_interview_is_a_form_dialog_that_starts_in_the_language(
    qtbot: QtBot, admin_session: Session
) -> None:
    from interview_room.gui.interview.dialogs import StartInterviewDialog
    from interview_room.interview.protocols import ProtocolLibrary

    dialog = StartInterviewDialog(admin_session, ProtocolLibrary().current())
    assert isinstance(dialog, FormDialog)
    focused = _open(qtbot, dialog)
    assert focused is dialog.language, "the keyboard starts on the person's language"
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.social_worker, "Tab follows the form"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.start_button.click()  # nothing to type: no field is required
    assert dialog.result_value().person_language == "en"
    assert dialog.result_value().person_name == ""
    admin_session.logout()
