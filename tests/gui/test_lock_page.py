"""The locked screen covers the whole window in its own colour: nothing light is left at the
edges (the status bar showed as a light strip under it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.lock import LockPage
from tests.gui.conftest import ADMIN, WindowFactory, sign_in


def _light_rows_at_the_bottom(window: QWidget, lock_colour: str) -> int:
    """How many of the window's bottom 40 pixel rows are not the lock's colour at their
    middle and near both edges."""
    image = window.grab().toImage()
    wanted = QColor(lock_colour)
    height, width = image.height(), image.width()
    ratio = image.devicePixelRatio()
    rows = 0
    for y in range(int(height - 40 * ratio), height):
        for x in (int(10 * ratio), width // 2, width - int(10 * ratio)):
            if image.pixelColor(x, y) != wanted:
                rows += 1
                break
    return rows


def test_the_lock_covers_the_whole_window_and_the_status_comes_back_after(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    window.resize(1180, 760)
    sign_in(qtbot, window, *ADMIN)
    assert window.statusBar().isVisible()
    window.lock()
    assert isinstance(window.page, LockPage)
    # (once Qt has laid the window out again)
    qtbot.waitUntil(
        lambda: _light_rows_at_the_bottom(window, theme.current().lock) == 0, timeout=2_000
    )

    lock = window.page
    assert isinstance(lock, LockPage)
    lock.password.setText(ADMIN[1])
    lock.unlock_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    assert window.statusBar().isVisible(), "the sync state shows again once unlocked"
