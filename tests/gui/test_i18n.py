"""Albanian first: the catalog is complete, fresh and compiled; every control can be named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.i18n import catalog_path
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

ROOT = Path(__file__).resolve().parents[2]


def test_albanian_catalog_is_complete_fresh_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert catalog_path("sq").exists()


def test_no_counted_words_go_through_translate() -> None:
    """pyside6-lupdate does not extract ``translate(context, "… %n …", "", count)`` (only
    ``self.tr`` with a count): "%n skipped" fell out of the catalog that way and showed in
    English in the Albanian section list. Such words are written "skipped: %1" instead."""
    import re

    counted = re.compile(r"""\btranslate\(\s*["'][^"']+["']\s*,\s*["'][^"']*%n""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src" / "interview_room" / "gui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if counted.search(line)
    ]
    assert found == []


def _unnamed_controls(root: QWidget) -> list[str]:
    unnamed = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLineEdit) and not widget.accessibleName():
            unnamed.append(type(widget).__name__)
        if isinstance(widget, QAbstractButton) and not (widget.accessibleName() or widget.text()):
            unnamed.append(type(widget).__name__)
    return unnamed


def test_every_control_on_the_main_screens_has_a_name(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home, language="sq")
    assert _unnamed_controls(window) == []
    sign_in(qtbot, window, *ADMIN)
    assert _unnamed_controls(window) == []
    window.lock()
    assert _unnamed_controls(window) == []


def test_qt_own_buttons_and_menus_are_albanian_too(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from interview_room.gui.i18n import InterfaceLanguage

    InterfaceLanguage().switch("sq")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    texts = {
        buttons.button(b).text()
        for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel)
    }
    assert texts == {"Në rregull", "Anuloni"}
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    assert any(action.text().startswith("&Kopjoni") for action in menu.actions())


def test_qt_print_dialog_is_albanian(qtbot: QtBot, tmp_path: Path) -> None:
    """PySide6 ships no qtbase_sq: our hand-kept translations/qtbase_sq.ts words Qt's print
    dialog (the recovery key page prints through it). Compiled here from the .ts, so the test
    checks the words, whether or not the shipped .qm has been rebuilt yet."""
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel

    compiled = tmp_path / "qtbase_sq.qm"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("pyside6-lrelease")),
            str(ROOT / "translations" / "qtbase_sq.ts"),
            "-qm",
            str(compiled),
        ],
        check=True,
        capture_output=True,
    )
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    try:
        dialog = QPrintDialog(QPrinter())
        qtbot.addWidget(dialog)
        shown = {dialog.windowTitle()}
        for widget in dialog.findChildren(QWidget):
            if isinstance(widget, (QLabel, QAbstractButton)):
                shown.add(widget.text())
            if isinstance(widget, QGroupBox):
                shown.add(widget.title())
            if isinstance(widget, QComboBox):
                shown.update(widget.itemText(i) for i in range(widget.count()))
    finally:
        QCoreApplication.removeTranslator(translator)
    english = {"Print", "Printer", "&Name:", "Copies", "Options", "All Pages", "&Print"}
    assert shown & english == set(), shown & english
    assert {"Shtypni", "Printeri", "Kopje:", "Të gjitha faqet"} - shown == set(), shown
