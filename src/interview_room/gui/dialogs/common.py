"""What the dialogs share: a form with an error line and OK/Cancel, and a busy cursor."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.widgets import button, describe, form_layout, label, line_edit, room_for

translate = QCoreApplication.translate


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for its wrapped words at its present width. Words that
    change while it is open (an error, a result) need more lines: the window grows instead of
    squeezing its labels into clipped lines (Qt's minimum size does not follow wrapped text)."""
    layout = window.layout()
    if layout is None or not window.isVisible():  # showing it sizes it to its words anyway
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if needed > window.height():
        window.resize(width, needed)


class FormDialog(QDialog):
    """A titled form; subclasses add rows and implement :meth:`apply` (True when done).

    It opens with the keyboard in its first field (not on OK), and OK or Return with a
    required field left empty names that field and goes there instead of submitting."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(520)
        self.form = form_layout()
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
        if text:
            grow_to_fit(self)

    def apply(self) -> bool:
        raise NotImplementedError

    def _rows(self) -> list[list[QWidget]]:
        """Per form row, its controls that Tab stops at, in order (a field laid out with a
        button beside it is both)."""
        rows: list[list[QWidget]] = []
        for row in range(self.form.rowCount()):
            # a field with its label, or one across the form's whole width
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole) or self.form.itemAt(
                row, QFormLayout.ItemRole.SpanningRole
            )
            holder = item.widget() if item is not None else None
            if holder is None:
                continue
            controls = [
                widget
                for widget in (holder, *holder.findChildren(QWidget))
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)
                # a combo box's popup list is a window of its own, outside the tab chain
                and widget.window() is self
            ]
            if controls:
                rows.append(controls)
        return rows

    def fields(self) -> list[QWidget]:
        """The form's input controls in the order they are shown, one per row."""
        return [controls[0] for controls in self._rows()]

    def required_fields(self) -> list[QLineEdit]:
        """The fields OK needs filled in: every text field of the form, unless a subclass
        says otherwise."""
        return [field for field in self.fields() if isinstance(field, QLineEdit)]

    def first_missing(self) -> QLineEdit | None:
        for field in self.required_fields():
            if field.isVisible() and field.isEnabled() and not field.text().strip():
                return field
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The buttons were made before the rows, so Tab (and Qt's first focus) would start on
        # them; the fields come first, then the buttons, and the keyboard starts in the first.
        controls = [control for row in self._rows() for control in row]
        chain = [*controls, *self._buttons_in_tab_order()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        fields = [field for field in self.fields() if field.isEnabled()]
        if fields and not any(field.hasFocus() for field in fields):
            fields[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _buttons_in_tab_order(self) -> list[QWidget]:
        buttons = set(self.buttons.buttons())
        ordered: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(ordered) < len(buttons):
            if widget in buttons:
                ordered.append(widget)
            widget = widget.nextInFocusChain()
        return ordered

    def _on_ok(self) -> None:
        missing = self.first_missing()
        if missing is not None:
            # Return in an empty form must not submit it (a wrong password would count).
            holder = missing.parentWidget()  # a field with a button beside it is in a holder
            name = self.form.labelForField(missing) or (
                self.form.labelForField(holder) if holder is not None else None
            )
            title = name.text() if isinstance(name, QLabel) else missing.accessibleName()
            self.show_error(
                self.tr("Please fill in “%1” first.").replace(
                    "%1", title.replace("&", "").rstrip(":")
                )
            )
            missing.setFocus(Qt.FocusReason.OtherFocusReason)
            return
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
    _tell(parent, QMessageBox.Icon.Warning, title, message)


def confirm_done(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user that what they asked for was done (and, for a file, where it went)."""
    _tell(parent, QMessageBox.Icon.Information, title, message)


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str) -> None:
    box = _message_box(parent, icon, title, message, QMessageBox.StandardButton.Ok)
    ok = box.button(QMessageBox.StandardButton.Ok)
    describe(ok, ok.text(), translate("MessageBox", "Close this message."))
    box.exec()


# -- where file windows open -------------------------------------------------------------------

_LAST_FOLDER = "interview_room_last_folder"


def _remembering_window(widget: QWidget | None) -> QWidget | None:
    """The outermost window above ``widget``: it remembers the last folder for this session."""
    while widget is not None and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget


def start_folder(parent: QWidget | None) -> Path:
    """Where a file window opens: the folder chosen last in this session, else the user's
    Documents folder, else their home (never the program's own folder)."""
    holder = _remembering_window(parent)
    remembered = holder.property(_LAST_FOLDER) if holder is not None else None
    if isinstance(remembered, str) and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(parent: QWidget | None, chosen: Path) -> None:
    holder = _remembering_window(parent)
    if holder is not None:
        holder.setProperty(_LAST_FOLDER, str(chosen if chosen.is_dir() else chosen.parent))


def choose_save_path(
    parent: QWidget | None, title: str, file_name: str, file_filter: str
) -> Path | None:
    """Ask where to save ``file_name``, starting in :func:`start_folder`; None when cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(start_folder(parent) / file_name), file_filter
    )
    if not chosen:
        return None
    remember_folder(parent, Path(chosen))
    return Path(chosen)


def choose_open_path(parent: QWidget | None, title: str, file_filter: str = "") -> Path | None:
    """Ask for a file to read, starting in :func:`start_folder`; None when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(parent)), file_filter)
    if not chosen:
        return None
    remember_folder(parent, Path(chosen))
    return Path(chosen)


class EnrollmentPackagePicker(QWidget):
    """Where the central office's enrollment package is: a field to type the path in and
    "Choose…" beside it for a file window. The one way a package file is picked (the
    administrator's enrollment dialog and first-run set-up)."""

    def __init__(self, name: str, description: str, placeholder: str, window_title: str) -> None:
        """``name``, ``description``, ``placeholder``: the field's words, already translated;
        ``window_title``: the file window's."""
        super().__init__()
        self._window_title = window_title
        self.field = line_edit(name, placeholder=placeholder, description=description)
        # Room for the placeholder and for a path on a USB stick.
        room_for(self.field, placeholder, "/media/usb/" + "x" * 26)
        self.choose = button(
            translate("EnrollDialog", "Choose…"),
            description=translate(
                "EnrollDialog", "Pick the enrollment package file from a USB stick or folder."
            ),
        )
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)  # the field lines up with the one under it
        row.addWidget(self.field, 1)
        row.addWidget(self.choose)

    def path(self) -> Path | None:
        """The package named, or None when the field is empty."""
        text = self.field.text().strip()
        return Path(text) if text else None

    def _choose(self) -> None:
        chosen = choose_open_path(self, self._window_title)
        if chosen is not None:
            self.field.setText(str(chosen))
