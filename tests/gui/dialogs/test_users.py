"""The administrator adds and disables colleagues through the real dialogs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.settings import SettingsDialog
from interview_room.gui.dialogs.users import AddUserDialog, UsersDialog
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.store.keyring import WrongPassword
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN, says_password_rule_under, table_texts


@pytest.fixture
def admin_session(station_home: Path) -> Session:
    return Workstation(station_home).unlock(*ADMIN)


def _press_yes_on_next_question() -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, press)


def test_administrator_adds_a_user_who_can_then_sign_in(
    qtbot: QtBot, admin_session: Session, station_home: Path
) -> None:
    dialog = AddUserDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.display_name.setText("Besa Shembulli")
    dialog.username.setText("b.shembulli")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SOCIAL_WORKER.value))
    dialog.password.setText("fjalekalim-i-besës")
    dialog.again.setText("fjalekalim-i-besës")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    admin_session.logout()
    session = Workstation(station_home).unlock("b.shembulli", "fjalekalim-i-besës")
    assert session.user.role is Role.SOCIAL_WORKER
    session.logout()


def test_add_user_explains_a_short_password(qtbot: QtBot, admin_session: Session) -> None:
    dialog = AddUserDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.display_name.setText("Besa Shembulli")
    dialog.username.setText("b.shembulli")
    dialog.password.setText("short")
    dialog.again.setText("short")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.isVisible()
    assert "10 characters" in dialog.error.text()
    assert admin_session.users.find("b.shembulli") is None
    admin_session.logout()


def test_disabling_a_user_removes_their_way_in(
    qtbot: QtBot, admin_session: Session, station_home: Path
) -> None:
    admin_session.add_user(
        "d.shembulli", "Dritan Shembulli", Role.OFFICER, "synthetic-officer-passphrase"
    )
    dialog = UsersDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    usernames = [row[1] for row in table_texts(dialog.table)]
    dialog.table.selectRow(usernames.index("d.shembulli"))
    assert dialog.selected_username() == "d.shembulli"
    assert dialog.disable_button.isEnabled()
    _press_yes_on_next_question()
    dialog.disable_button.click()
    states = [row[3] for row in table_texts(dialog.table)]
    assert states[usernames.index("d.shembulli")] == "Disabled"

    dialog.table.selectRow(usernames.index(ADMIN[0]))
    assert not dialog.disable_button.isEnabled(), "nobody disables themselves"
    admin_session.logout()
    with pytest.raises(WrongPassword):
        Workstation(station_home).unlock("d.shembulli", "synthetic-officer-passphrase")


def test_settings_change_the_automatic_lock(qtbot: QtBot, admin_session: Session) -> None:
    dialog = SettingsDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.idle_minutes.value() == 5
    dialog.idle_minutes.setValue(12)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert admin_session.settings().idle_lock_minutes == 12
    # The duty telephone may stay empty (above); typed, it is saved for the forms.
    dialog = SettingsDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.duty_phone.setText("+355 69 000 0000")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert admin_session.settings().duty_phone == "+355 69 000 0000"
    admin_session.logout()


def test_add_user_says_the_password_rule_before_any_try(
    qtbot: QtBot, admin_session: Session
) -> None:
    dialog = AddUserDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert says_password_rule_under(dialog, dialog.password)
    admin_session.logout()


def test_administrator_issues_a_certificate_to_a_colleague_who_types_her_password(
    qtbot: QtBot, admin_session: Session, station_home: Path
) -> None:
    from interview_room.gui.dialogs.users import IssueCertificateDialog
    from interview_room.store.certificates import StationCertificates

    worker = admin_session.add_user(
        "b.shembulli", "Besa Shembulli", Role.SOCIAL_WORKER, "fjalekalim-i-besës"
    )
    with admin_session.db.transaction():  # as after a reset the recovery key could not issue for
        StationCertificates(admin_session.db).revoke_all(worker.id, "password_reset")
    users = UsersDialog(admin_session)
    qtbot.addWidget(users)
    users.show()
    usernames = [row[1] for row in table_texts(users.table)]
    assert table_texts(users.table)[usernames.index("b.shembulli")][4] == "None: cannot sign"
    users.table.selectRow(usernames.index("b.shembulli"))
    assert users.certificate_button.isEnabled()

    dialog = IssueCertificateDialog(admin_session, "b.shembulli")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("not her password at all")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.isVisible() and dialog.password.text() == ""
    assert admin_session.certificate_valid_until(worker.id) is None
    admin_session.workstation._clock = lambda: datetime.now(UTC) + timedelta(hours=1)  # waited
    dialog.password.setText("fjalekalim-i-besës")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert admin_session.certificate_valid_until(worker.id) is not None
    users.refresh()
    assert table_texts(users.table)[usernames.index("b.shembulli")][4].startswith("Valid until ")
    admin_session.logout()
    later = datetime.now(UTC) + timedelta(hours=1)  # after the wait her wrong try started
    session = Workstation(station_home, clock=lambda: later).unlock(
        "b.shembulli", "fjalekalim-i-besës"
    )
    StationCertificates(session.db).signing_key(worker.id, session.keys.personal_key)  # opens
    session.logout()


def test_no_header_or_role_is_cut_in_albanian(qtbot: QtBot, admin_session: Session) -> None:
    """Seen on a real display: "tifikata e nënshkri", "Administrator i …"."""
    InterfaceLanguage().switch("sq")
    dialog = UsersDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    view, model = dialog.table, dialog.table.model()
    metrics = view.fontMetrics()
    for column in range(model.columnCount()):
        width = view.columnWidth(column)
        heading = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert metrics.horizontalAdvance(heading) < width, heading
        for row in range(model.rowCount()):
            words = str(model.index(row, column).data())
            assert metrics.horizontalAdvance(words) < width, words
