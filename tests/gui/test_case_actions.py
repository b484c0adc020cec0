"""What the window does after a user's action succeeds: it says so, and the status line follows
(issue 11: a password reset, a password change and enrolling were silent, and the status line
kept saying "not enrolled" until the app was restarted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from interview_room.center.enrollment import make_enrollment
from interview_room.center.store import CenterStore
from interview_room.gui import network_sync
from interview_room.gui.dialogs.passwords import ChangePasswordDialog, ResetPasswordDialog
from interview_room.gui.dialogs.sync import EnrollDialog, SyncDialog
from interview_room.gui.pages.login import LoginPage
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.modal import on_next_modal, read_and_close_next_message

NEW_PASSWORD = "another-synthetic-passphrase"


def test_a_password_reset_at_the_login_page_says_it_worked(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    home = tmp_path / "station"
    created = Workstation(home).create(
        "Morinë", "MOR", ADMIN[0], "Admin Shembulli", ADMIN[1], kdf=MINIMUM_ARGON2
    )
    created.session.logout()
    window = make_window(home)
    login = window.page
    assert isinstance(login, LoginPage)
    said: list[str] = []

    def reset(dialog: ResetPasswordDialog) -> None:
        qtbot.keyClicks(dialog.recovery_key, created.recovery_key.formatted())
        qtbot.keyClicks(dialog.username, ADMIN[0])
        qtbot.keyClicks(dialog.new, NEW_PASSWORD)
        qtbot.keyClicks(dialog.again, NEW_PASSWORD)
        read_and_close_next_message(said)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)

    on_next_modal(ResetPasswordDialog, reset)
    qtbot.mouseClick(login.forgot_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1
    assert ADMIN[0] in said[0] and "can sign in with the new password now" in said[0]
    page = window.page
    assert isinstance(page, LoginPage)
    assert page.username.text() == ADMIN[0], "the login page is ready for that person"
    Workstation(home).unlock(ADMIN[0], NEW_PASSWORD).logout()


def test_changing_ones_password_says_it_worked(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    home = sign_in(qtbot, window, *ADMIN)
    said: list[str] = []

    def change(dialog: ChangePasswordDialog) -> None:
        qtbot.keyClicks(dialog.current, ADMIN[1])
        qtbot.keyClicks(dialog.new, NEW_PASSWORD)
        qtbot.keyClicks(dialog.again, NEW_PASSWORD)
        read_and_close_next_message(said)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)

    on_next_modal(ChangePasswordDialog, change)
    qtbot.mouseClick(home.password_button, Qt.MouseButton.LeftButton)
    assert said == ["Your password is changed. Use the new one from now on."]


def test_the_status_line_says_enrolled_right_after_enrolling(
    qtbot: QtBot,
    make_window: WindowFactory,
    station_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The timed checks are far away: only enrolling itself may bring the news.
    monkeypatch.setattr(network_sync, "FIRST_TRY_MS", 600_000)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    package_file = tmp_path / "morine.enrollment.age"
    package_file.write_bytes(package.data)
    window = make_window(station_home)
    home = sign_in(qtbot, window, *ADMIN)
    window.network_sync.run_now()
    qtbot.waitUntil(lambda: "not enrolled" in window.sync_status.text(), timeout=10_000)
    said: list[str] = []

    def enroll(dialog: EnrollDialog) -> None:
        qtbot.keyClicks(dialog.package, str(package_file))
        qtbot.keyClicks(dialog.passphrase, package.passphrase)
        read_and_close_next_message(said)
        on_next_modal(SyncDialog, QDialog.accept)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    def open_enrollment(dialog: SyncDialog) -> None:
        on_next_modal(EnrollDialog, enroll)
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)

    on_next_modal(SyncDialog, open_enrollment)
    qtbot.mouseClick(home.sync_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1 and "now linked to the central office" in said[0]
    qtbot.waitUntil(lambda: "waiting" in window.sync_status.text(), timeout=5_000)
    assert "not enrolled" not in window.sync_status.text()


def test_a_case_whose_protocol_is_not_here_says_so_and_the_list_stays(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """A case begun under a protocol version this PC no longer has (an older station's copy,
    a protocol withdrawn): opening it said nothing, only a traceback in the log."""
    from interview_room.gui.pages.home import HomePage
    from interview_room.interview.interview import Interview

    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq")
    session.db.execute(
        "UPDATE interviews SET protocol_hash = ? WHERE case_id = ?", ("0" * 64, interview.case.id)
    )
    said: list[str] = []
    read_and_close_next_message(said)
    window.open_case(interview.case.id)
    assert said == [
        "This interview was started with a version of the screening protocol this workstation"
        " no longer has. Nothing was changed; tell the central office."
    ]
    assert isinstance(window.page, HomePage)
