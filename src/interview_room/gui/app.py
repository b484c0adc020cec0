"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from interview_room import __version__
from interview_room.files import private_dir
from interview_room.gui.i18n import DEFAULT_LANGUAGE, InterfaceLanguage
from interview_room.gui.theme import apply_theme
from interview_room.gui.window import AppWindow
from interview_room.station_folder import StationFolder

DEFAULT_SIZE = (1180, 760)
FRAME_ALLOWANCE = 48
"""Pixels a window manager's title bar and borders may take around the window."""


def create_application(
    argv: list[str] | None = None, high_contrast: bool | None = None
) -> QApplication:
    """The application, themed; ``high_contrast=True`` forces the high-contrast look (else the
    system and ``INTERVIEW_ROOM_HIGH_CONTRAST`` decide)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Interview Room")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("InterviewRoom")
    apply_theme(app, high_contrast)
    return app


def initial_language(data_dir: Path, forced: str | None) -> str:
    if forced:
        return forced
    return StationFolder(data_dir).login_language() if data_dir.exists() else DEFAULT_LANGUAGE


def run_gui(
    data_dir: Path,
    language: str | None = None,
    high_contrast: bool = False,
    quit_after: float | None = None,
) -> int:
    """Open the window and run until it closes. ``quit_after``: a smoke test; after so many
    seconds say on stdout whether the window came up, close it, and exit 0 only if it did."""
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    private_dir(data_dir)
    app = create_application(high_contrast=high_contrast or None)
    interface = InterfaceLanguage()
    interface.switch(initial_language(data_dir, language))
    window = AppWindow(data_dir, interface, language_forced=language is not None)
    window.resize(*DEFAULT_SIZE)
    available = window.screen().availableGeometry()
    if (
        available.width() < DEFAULT_SIZE[0] + FRAME_ALLOWANCE
        or available.height() < DEFAULT_SIZE[1] + FRAME_ALLOWANCE
    ):
        # A small screen (1366x768): the default size and the title bar would not fit, and the
        # window's foot (the main buttons) would be cut off.
        window.showMaximized()
    else:
        window.show()
    if quit_after is not None:
        QTimer.singleShot(round(quit_after * 1000), lambda: _report_and_quit(app, window))
    return app.exec()


def _report_and_quit(app: QApplication, window: AppWindow) -> None:
    page = window.stack.currentWidget()
    came_up = window.isVisible() and page is not None and page.isVisible()
    if came_up:
        print(f"interview-room: the window came up: {type(page).__name__}", flush=True)
    else:
        print("interview-room: the window did not come up", file=sys.stderr, flush=True)
    window.close()
    app.exit(0 if came_up else 1)
