"""GUI fixtures: the real window on the real core, offscreen (QT_QPA_PLATFORM set by tests/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.login import LoginPage
from interview_room.gui.window import AppWindow
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation

ADMIN = ("admin.mor", "synthetic-admin-passphrase")

WindowFactory = Callable[..., AppWindow]


@pytest.fixture(autouse=True)
def english_interface(qapp: QApplication) -> None:
    """Every GUI test starts in English: the translator is application-wide, so a test that
    switched to Albanian must not change what the next one reads."""
    InterfaceLanguage().switch("en")


@pytest.fixture(autouse=True)
def standard_person_text_size() -> Iterator[None]:
    """The interview's text size is one for the whole run (a class attribute, as for a person
    at the desk): a test that made it larger must not push the next test's questions out of
    view (with the suite spread over workers, tests no longer run in one fixed order)."""
    from interview_room.gui.interview.wizard import WizardPage

    size = WizardPage.person_point_size
    yield
    WizardPage.person_point_size = size


@pytest.fixture(autouse=True)
def standard_look(qapp: QApplication) -> Iterator[None]:
    """A test that applied the app's theme or switched high contrast on gives the next one the
    plain test application: its font and style too (the app's larger font, left behind by
    test_theme.py, pushed the next file's first question out of view once tests were spread
    over workers)."""
    font, style = QFont(qapp.font()), qapp.style().name()
    yield
    found = theme.appearance()
    if found is not None:
        found.withdraw()
    if qapp.font() != font:
        qapp.setFont(font)
    if qapp.style().name() != style:
        qapp.setStyle(style)


@pytest.fixture
def real_look(qapp: QApplication) -> Iterator[None]:
    """The app's own font, style and style sheet, as a person sees them: for tests of what fits
    where (the bare test application's 9-point font hides what a real display shows)."""
    font, style = QFont(qapp.font()), qapp.style().name()
    theme.apply_theme(qapp)
    yield
    found = theme.appearance()
    if found is not None:
        found.withdraw()
    qapp.setFont(font)
    qapp.setStyle(style)


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowFactory]:
    """Open the real window on ``home`` (a fresh folder unless given), in ``language``."""
    windows: list[AppWindow] = []

    def make(home: Path | None = None, language: str = "en", forced: bool = True) -> AppWindow:
        interface = InterfaceLanguage()
        interface.switch(language)
        window = AppWindow(
            home or tmp_path / "home", interface, language_forced=forced, kdf=MINIMUM_ARGON2
        )
        qtbot.addWidget(window)
        window.show()
        activate(qtbot, window)
        windows.append(window)
        return window

    yield make
    for window in windows:

        def idle(w: AppWindow = window) -> bool:
            return not w.busy

        try:  # a loaded CI machine: the work may be slow
            qtbot.waitUntil(idle, timeout=90_000)
        except TimeoutError as error:  # say which work never ended, for whoever reads the log
            raise AssertionError(
                f"the window stayed busy after the test: tasks {window.tasks.busy},"
                f" network sync {window.network_sync.busy}"
            ) from error
        window.close()


@pytest.fixture
def station_home(tmp_path: Path) -> Path:
    """A folder holding a real workstation (Morinë) whose administrator is signed out."""
    home = tmp_path / "station"
    created = Workstation(home).create(
        "Morinë", "MOR", ADMIN[0], "Admin Shembulli", ADMIN[1], kdf=MINIMUM_ARGON2
    )
    created.session.logout()
    return home


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active one: keyboard shortcuts act on the active window, as on a real
    desktop (the offscreen platform does not give activation back after a dialog closes)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2_000)


def sign_in(qtbot: QtBot, window: AppWindow, username: str, password: str) -> HomePage:
    page = window.page
    assert isinstance(page, LoginPage)
    page.username.setText(username)
    page.password.setText(password)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    home = window.page
    assert isinstance(home, HomePage)
    return home


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in ``root`` right now."""
    texts = [w.text() for w in root.findChildren(QLabel) if w.isVisible()]
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and hasattr(widget, "text") and not isinstance(widget, QLabel):
            value = widget.text()
            if isinstance(value, str):
                texts.append(value)
    return texts


def process_events() -> None:
    QApplication.processEvents()


def says_password_rule_under(root: QWidget, field: QLineEdit) -> bool:
    """Before any try, a visible hint right under ``field`` says how short a password may be,
    and a screen reader hears it with the field."""
    from interview_room.accounts import MIN_PASSWORD_LENGTH

    rule = f"at least {MIN_PASSWORD_LENGTH} characters"
    if rule not in field.accessibleDescription().lower():
        return False
    field_bottom = field.mapTo(root, QPoint(0, field.height())).y()
    for hint in root.findChildren(QLabel):
        if hint.isVisible() and rule in hint.text().lower():
            gap = hint.mapTo(root, QPoint(0, 0)).y() - field_bottom
            if 0 <= gap < field.height():
                return True
    return False


def table_texts(view: QAbstractItemView) -> list[list[str]]:
    """What each cell of a table view shows, row by row, as its model gives it to the view."""
    model = view.model()
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
