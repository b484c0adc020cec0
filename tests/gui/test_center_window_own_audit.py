"""The centre window tells an administrator whether the centre's own audit log is whole, and
says so when an entry was deleted from ``center.db`` with the app's own key."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.gui.center_window import CenterWindow
from interview_room.store.database import Database
from tests.gui.test_center_password import ADMIN_PASSWORD, STATS_PASSWORD, _centre
from tests.gui.test_center_sign_in import sign_in


def test_an_administrator_sees_the_log_whole_then_changed(qtbot: QtBot, tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "ana", ADMIN_PASSWORD)
    qtbot.waitUntil(window.center_audit.isVisible)
    assert window.center_audit.property("role") == "hint"
    whole = window.center_audit.text()
    assert any(ch.isdigit() for ch in whole)

    db = Database.open(window._center.database_path, window._center._key())
    try:
        with db.transaction():
            db.execute("DELETE FROM audit_log WHERE seq = 2")
    finally:
        db.close()
    window.refresh()

    assert window.center_audit.property("role") == "error"
    assert "2" in window.center_audit.text() and window.center_audit.text() != whole
    window.close()
    window._center.sign_out()


def test_a_statistics_user_is_not_shown_the_centres_log(qtbot: QtBot, tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "besa", STATS_PASSWORD)
    qtbot.waitUntil(window.summary.isVisible)
    assert not window.center_audit.isVisible()
    window.close()
    window._center.sign_out()
