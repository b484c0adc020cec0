"""What the dialogs share: a form with an error line and OK/Cancel, and a busy cursor."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.widgets import describe, label

translate = QCoreApplication.translate


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class FormDialog(QDialog):
    """A titled form; subclasses add rows and implement :meth:`apply` (True when done)."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.error = label("", "error")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        describe(cancel, cancel.text(), self.tr("Close this window without changing anything."))
        self.describe_ok(self.tr("Save what is written here and close the window."))
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subheading"))
        if intro:
            layout.addWidget(label(intro, "hint"))
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def describe_ok(self, description: str, text: str | None = None) -> None:
        """What the OK button does here (and, with ``text``, its new wording)."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if text is not None:
            ok.setText(text)
        describe(ok, ok.text(), description)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def apply(self) -> bool:
        raise NotImplementedError

    def _on_ok(self) -> None:
        with busy_cursor():
            done = self.apply()
        if done:
            self.accept()


def _message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    return box


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question whose buttons a screen reader can explain; True for yes."""
    box = _message_box(
        parent,
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    describe(
        box.button(QMessageBox.StandardButton.Yes),
        box.button(QMessageBox.StandardButton.Yes).text(),
        translate("MessageBox", "Yes: go ahead with what the question describes."),
    )
    describe(
        box.button(QMessageBox.StandardButton.No),
        box.button(QMessageBox.StandardButton.No).text(),
        translate("MessageBox", "No: close this question and change nothing."),
    )
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, message: str) -> None:
    """A warning with one OK button, named for screen readers."""
    box = _message_box(
        parent, QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok
    )
    ok = box.button(QMessageBox.StandardButton.Ok)
    describe(ok, ok.text(), translate("MessageBox", "Close this message."))
    box.exec()
