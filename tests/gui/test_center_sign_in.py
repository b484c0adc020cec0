"""The centre's window opens on its sign-in page; the statistics role sees counts, never the
registry's rows; a centre from before sign-in gets its first administrator's password there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interview_room.center.store import KEY_FILE, CenterStore, NewCenterUser
from interview_room.center.users import CenterRole
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.messages import password_rule
from interview_room.store.kdf import MINIMUM_ARGON2
from tests.center.filled import filled_center
from tests.center.test_center_sign_in import legacy_center
from tests.gui.conftest import table_texts

ADMIN_PASSWORD = "synthetic-morine-training-passphrase"
STATS_PASSWORD = "synthetic-kakavije-counting-passphrase"
REGISTRY_PASSWORD = "synthetic-qafe-thane-registry-passphrase"
CASES = 4


def centre_with_users(center_dir: Path) -> None:
    filled_center(center_dir, CASES)
    center = CenterStore(center_dir)
    center.set_first_password(
        NewCenterUser("ana", "Ana Shembulli", ADMIN_PASSWORD), kdf=MINIMUM_ARGON2
    )
    for user in (
        NewCenterUser("besa", "Besa Numri", STATS_PASSWORD, CenterRole.STATISTICS),
        NewCenterUser("dritan", "Dritan Regjistri", REGISTRY_PASSWORD, CenterRole.REGISTRY),
    ):
        center.add_user(user, kdf=MINIMUM_ARGON2)


def sign_in(qtbot: QtBot, window: CenterWindow, username: str, password: str) -> None:
    page = window.sign_in_page
    assert page is not None and page.isVisible()
    page.username.setText(username)
    page.password.setText(password)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)


def test_statistics_role_sees_counts_never_the_registry(qtbot: QtBot, tmp_path: Path) -> None:
    centre_with_users(tmp_path / "center")
    window = CenterWindow(tmp_path / "center")
    qtbot.addWidget(window)
    window.show()
    assert not window.summary.isVisible() and not window.cases.isVisible()
    assert window.cases.model() is None
    sign_in(qtbot, window, "besa", "synthetic-wrong-counting-passphrase")
    page = window.sign_in_page
    assert page is not None
    assert page.isVisible() and page.error.isVisible() and page.error.text()
    assert not page.sign_in_button.isEnabled(), "a wrong password makes the next one wait"
    qtbot.waitUntil(page.sign_in_button.isEnabled, timeout=5_000)
    sign_in(qtbot, window, "besa", STATS_PASSWORD)
    qtbot.waitUntil(window.summary.isVisible)
    assert sum(int(row[2]) for row in table_texts(window.summary)) == CASES
    assert not window.cases.isVisible() and not window.audit.isVisible()
    assert window.cases.model() is None, "the registry's rows are not given to the window"
    assert "Besa Numri" in window.signed_in_as.text()


def test_registry_role_sees_the_cases(qtbot: QtBot, tmp_path: Path) -> None:
    centre_with_users(tmp_path / "center")
    window = CenterWindow(tmp_path / "center")
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "dritan", REGISTRY_PASSWORD)
    qtbot.waitUntil(window.cases.isVisible)
    assert len(table_texts(window.cases)) == CASES


def test_first_password_of_a_centre_from_before_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    legacy_center(center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    page = window.sign_in_page
    assert page is not None and page.first_password and page.display_name.isVisible()
    rule = page.passwords.rule  # said before the password is typed, not after a refusal
    assert rule is not None and rule.isVisible() and rule.text() == password_rule()
    page.username.setText("ana")
    page.display_name.setText("Ana Shembulli")
    page.password.setText(ADMIN_PASSWORD)
    page.repeat.setText("synthetic-morine-other-passphrase")
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and (center_dir / KEY_FILE).exists()
    page.password.setText(ADMIN_PASSWORD)
    page.repeat.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.summary.isVisible, timeout=10_000)
    assert not (center_dir / KEY_FILE).exists()
    assert (center_dir / "center.keyring").exists()
    assert not window.cases.isVisible(), "an administrator manages; the registry is a role"
