"""Publishing for the stations from the centre's window (issue 16): only a role that may
publish sees the action; a protocol whose vectors fail is refused at the check and nothing is
published; a good directory file is checked, then published, the window's line shows the new
update, and the package verifies with the station's reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from interview_room.center.publish import latest_package
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.center.users import CenterRole
from interview_room.gui.center_publish_dialog import CenterPublishDialog
from interview_room.gui.center_window import CenterWindow
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.centre_package import read_package
from tests.center.two_users import ADMIN, STATS, centre_with_two_users
from tests.gui.test_center_sign_in import sign_in
from tests.sync.test_centre_package import _directory, _protocol_version

REGISTRY = ("dritan", "synthetic-qafe-thane-registry-passphrase")


def _centre(center_dir: Path) -> None:
    center = centre_with_two_users(center_dir)
    center.add_user(
        NewCenterUser(REGISTRY[0], "Dritan Regjistri", REGISTRY[1], CenterRole.REGISTRY),
        kdf=MINIMUM_ARGON2,
    )
    center.sign_out()


def _window(qtbot: QtBot, center_dir: Path, user: tuple[str, str]) -> CenterWindow:
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, *user)
    qtbot.waitUntil(window.summary.isVisible)
    return window


def _vectors(folder: Path) -> int:
    return len(json.loads((folder / "vectors.json").read_text("utf-8"))["vectors"])


def _ok(dialog: CenterPublishDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _press_ok(qtbot: QtBot, dialog: CenterPublishDialog) -> None:
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)


@pytest.mark.parametrize("user", [STATS, REGISTRY], ids=["statistics", "registry"])
def test_the_action_is_hidden_for_roles_that_may_not_publish(
    qtbot: QtBot, tmp_path: Path, user: tuple[str, str]
) -> None:
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", user)
    assert not window.publish_button.isVisible()
    # What is published: read by the registry role (it holds the registry's key), not by
    # the statistics role.
    assert window.published.isVisible() is (user == REGISTRY)
    window.close()
    window._center.sign_out()


def test_a_failing_protocol_is_refused_at_the_check(qtbot: QtBot, tmp_path: Path) -> None:
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", ADMIN)
    assert window.publish_button.isVisible()
    assert window.published.isVisible() and "Nothing is published" in window.published.text()
    dialog = window.publish_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    broken = _protocol_version(tmp_path, "2.1.0", break_a_vector=True)
    dialog.path.setText(str(broken))
    total = _vectors(broken)
    for _ in range(2):  # pressed again, it checks again: never publishes
        assert _ok(dialog).text() == "Check"
        _press_ok(qtbot, dialog)
        said = dialog.found.text()
        assert (
            f"{total - 1} of {total} test vectors pass" in said
            and "adult_sexual_returning_boyfriend" in said
        )
        assert "was not published" in said  # the catalog's sentence
    assert _ok(dialog).text() == "Check"
    assert latest_package(window._center) is None
    assert not (tmp_path / "center" / "published" / "protocols").exists()
    dialog.close()
    window.close()
    window._center.sign_out()


def test_a_good_directory_is_checked_then_published(qtbot: QtBot, tmp_path: Path) -> None:
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", ADMIN)
    dialog = window.publish_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.directory_choice.setChecked(True)
    file = _directory(tmp_path, True)
    dialog.path.setText(str(file))
    _press_ok(qtbot, dialog)
    assert "reads correctly" in dialog.found.text()
    assert latest_package(window._center) is None  # the check published nothing
    assert _ok(dialog).text() == "Publish"

    _press_ok(qtbot, dialog)
    assert dialog.publication is not None and dialog.publication.number == 1
    assert "Update 1 was published: the directory of services of" in dialog.found.text()
    assert "update 1 of" in window.published.text()
    data = latest_package(window._center)
    assert data is not None
    center = CenterStore(tmp_path / "center")
    center.sign_in(*ADMIN)
    package = read_package(data, center.keys().root_certificate_der).package
    center.sign_out()
    assert package.number == 1 and package.directory is not None
    assert package.directory.data == file.read_bytes()
    assert package.directory.published_on in window.published.text()
    dialog.close()
    window.close()
    window._center.sign_out()


def test_a_good_protocol_is_published_and_another_choice_checks_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", ADMIN)
    dialog = window.publish_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    folder = _protocol_version(tmp_path, "2.1.0")
    dialog.path.setText(str(folder))
    _press_ok(qtbot, dialog)
    total = _vectors(folder)
    assert f"{total} of {total} test vectors pass" in dialog.found.text()
    assert _ok(dialog).text() == "Publish"
    dialog.directory_choice.setChecked(True)  # another kind: checked again first
    assert _ok(dialog).text() == "Check"
    dialog.protocol_choice.setChecked(True)
    _press_ok(qtbot, dialog)
    _press_ok(qtbot, dialog)
    assert "Update 1 was published: protocol 2.1.0." in dialog.found.text()
    assert "al-border-screening 2.1.0" in window.published.text()
    dialog.close()
    window.close()
    window._center.sign_out()
