"""The centre window's "Change your password": the old password is checked, the new one
judged, and afterwards an old copy of ``center.keyring`` with the old password opens nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.center.sign_in import KEYRING_FILE, CenterKeyringFile
from interview_room.center.store import CenterStore
from interview_room.center.users import CenterRole
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.dialogs.center_password import CenterChangePasswordDialog
from interview_room.store.kdf import MINIMUM_ARGON2
from tests.center.test_center_password import _opens_the_store
from tests.center.two_users import ADMIN, NEW_PASSWORD, STATS, centre_with_two_users
from tests.gui.test_center_sign_in import sign_in

STATS_PASSWORD = STATS[1]
ADMIN_PASSWORD = ADMIN[1]


def _centre(center_dir: Path) -> None:
    centre_with_two_users(center_dir).sign_out()


def _fill_and_ok(qtbot: QtBot, dialog: CenterChangePasswordDialog, current: str) -> None:
    dialog.current.setText(current)
    dialog.new.setText(NEW_PASSWORD)
    dialog.again.setText(NEW_PASSWORD)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_a_centre_user_changes_their_password_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    copy = (center_dir / KEYRING_FILE).read_bytes()
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "besa", STATS_PASSWORD)
    qtbot.waitUntil(window.password_button.isVisible)
    dialog = CenterChangePasswordDialog(window._center, window, kdf=MINIMUM_ARGON2)
    qtbot.addWidget(dialog)
    dialog.show()

    _fill_and_ok(qtbot, dialog, "synthetic-wrong-counting-passphrase")
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
    assert _opens_the_store(center_dir, (center_dir / KEYRING_FILE).read_bytes(), "besa",
                            STATS_PASSWORD)  # fmt: skip
    # A wrong current password counts as a failed sign-in: OK waits out the growing wait
    # (attacker 3, C1), as the sign-in page does.
    # (The first wait is one second from the failure: on a loaded machine it may be over
    # before this line, so the wait itself is read from the keyring.)
    assert CenterKeyringFile(center_dir).read().failure_counters["besa"].count == 1
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(ok.isEnabled, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.error.isVisible(), timeout=5000)

    _fill_and_ok(qtbot, dialog, STATS_PASSWORD)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.waiting_for == ()
    assert not _opens_the_store(center_dir, copy, "besa", STATS_PASSWORD)
    window.close()
    window._center.sign_out()
    again = CenterStore(center_dir)
    assert again.sign_in("besa", NEW_PASSWORD).role is CenterRole.STATISTICS
    again.sign_out()


def test_a_training_centre_without_users_offers_no_password_change(
    qtbot: QtBot, tmp_path: Path
) -> None:
    center_dir = tmp_path / "center"
    CenterStore(center_dir).create(training=True)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    assert not window.password_button.isVisible()


def test_every_control_of_the_dialog_has_a_name(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.gui.test_accessibility import Walk

    center_dir = tmp_path / "center"
    _centre(center_dir)
    center = CenterStore(center_dir)
    center.sign_in("besa", STATS_PASSWORD)
    walk = Walk(qtbot)
    walk.dialog(CenterChangePasswordDialog(center), "centre password")
    walk.assert_clean()
    center.sign_out()
