"""What the central office's updates changed (issue 16), in the window: the sync dialog says how
many revocations the last update brought (counts only); an administrator opens "What changed…"
and reads the differences, in Albanian too; an officer is offered no such action."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from interview_room.accounts import NotPermitted, Role
from interview_room.gui.dialogs.package_changes import PackageChangesDialog
from interview_room.gui.dialogs.settings import SettingsDialog
from interview_room.gui.dialogs.sync import SyncDialog
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.pages.home import HomePage
from tests.conftest import CreatedStation
from tests.gui.interview.helpers import on_next_dialog, texts
from tests.sync.test_centre_package_changes import OFFICER, two_packages

__all__ = ["two_packages"]
SHOTS = Path(os.environ.get("INTERVIEW_ROOM_SHOTS", "/tmp/shots_d"))


def _shot(dialog: QDialog, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"{name}.png"))


def _open_changes(qtbot: QtBot, opener: QPushButton, name: str) -> str:
    seen: list[str] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, PackageChangesDialog)
        dialog.resize(760, 900)
        qtbot.wait(50)
        _shot(dialog, name)
        seen.append(texts(dialog))
        dialog.accept()

    on_next_dialog(read)
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


@pytest.mark.usefixtures("real_look")
def test_an_administrator_sees_what_changed_and_an_officer_is_not_offered_it(
    qtbot: QtBot, two_packages: tuple[CreatedStation, str]
) -> None:
    hani, serial = two_packages
    admin = hani.session
    dialog = SyncDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    detail = dialog.detail.text()
    assert "Directory of 2027-02-03" in detail
    assert "New revocations: users' certificates 1, stations 0." in detail
    assert dialog.changes_button.isVisible()

    shown = _open_changes(qtbot, dialog.changes_button, "package-changes-en")
    assert "Applied last: update" in shown and "The one before: update" in shown
    assert "al-border-screening 2.1.0" in shown
    assert "What changed from version 1 (issue 12)" in shown
    assert "Test case declined_answers_count_for_nothing changed because:" in shown
    assert "Directory: 2027-01-12 → 2027-02-03" in shown
    assert "Added: Qendra Sot, Korçë" in shown
    assert "Removed: Tjetër Vizion, Elbasan" in shown
    assert "Changed: Vatra, Vlorë → Vatra, Vlorë, 033 222 111 (verified)" in shown
    assert f"MOR – Morinë — serial numbers of the revoked certificates: {serial}" in shown
    assert "Oficer" not in shown, "never the name of another station's staff"

    settings = SettingsDialog(admin)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.changes_button.isVisible()

    # In Albanian: the interface's words and the directory's own (Albanian) names.
    InterfaceLanguage().switch("sq")
    albanian = SyncDialog(admin)
    qtbot.addWidget(albanian)
    albanian.show()
    shown = _open_changes(qtbot, albanian.changes_button, "package-changes-sq")
    assert "Qendra Sot, Korçë" in shown and "033 222 111" in shown
    assert "al-border-screening 2.1.0" in shown and serial in shown
    assert "Mbyll" in texts(albanian), "the window speaks Albanian"
    InterfaceLanguage().switch("en")

    # An officer: no "What changed…" in the sync window, no Settings on the home page, and
    # the core refuses the view.
    admin.add_user("oficere.han", "Oficere Shembull", Role.OFFICER, OFFICER[1])
    officer = hani.workstation.unlock("oficere.han", OFFICER[1])
    try:
        theirs = SyncDialog(officer)
        qtbot.addWidget(theirs)
        theirs.show()
        assert not theirs.changes_button.isVisible()
        assert "New revocations: users' certificates 1, stations 0." in theirs.detail.text()
        home = HomePage(officer)
        qtbot.addWidget(home)
        assert not hasattr(home, "settings_button")
        try:
            PackageChangesDialog(officer)
        except NotPermitted:
            pass
        else:
            raise AssertionError("an officer opened the administrator's view")
    finally:
        officer.logout()
