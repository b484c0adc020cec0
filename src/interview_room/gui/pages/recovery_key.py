"""Showing the one-time recovery key, once, for printing or copying by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.widgets import button, card, centred, describe, label


class RecoveryKeyPage(QWidget):
    confirmed = Signal()

    def __init__(self, station_name: str, recovery_key_text: str) -> None:
        super().__init__()
        self._station_name = station_name
        self._key_text = recovery_key_text
        key = label(recovery_key_text.replace("-", " "), "secret")
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key.setAccessibleName(self.tr("The recovery key"))
        self.print_button = button(
            self.tr("Print the recovery key…"),
            description=self.tr("Print the key on a printer; it is never saved to a file."),
        )
        self.print_button.clicked.connect(self._print)
        self.kept = QCheckBox(self.tr("The recovery key is printed or written down."))
        describe(
            self.kept,
            self.kept.text(),
            self.tr("Tick this once the key is safe on paper; then you can continue."),
        )
        self.continue_button = button(
            self.tr("Continue"),
            primary=True,
            description=self.tr("Go on to the workstation. The key will not be shown again."),
        )
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.confirmed)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.continue_button)
        holder = QWidget()
        holder.setLayout(actions)
        body = card(
            label(self.tr("The recovery key"), "heading"),
            label(
                self.tr(
                    "If someone forgets their password, this key lets an administrator give them "
                    "a new one. It is shown only now and cannot be shown again."
                ),
                "subheading",
            ),
            key,
            label(
                self.tr("Keep it in the station's safe, never on this PC or a USB stick."), "hint"
            ),
            self.kept,
            holder,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(centred(body, 720))
        self.print_button.setFocus()

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # Printing to a PDF file would leave the key on disk: only real printers are offered.
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(
            "<h2>"
            + self.tr("Interview Room: recovery key")
            + "</h2>"
            + "<p>"
            + self._station_name
            + "</p>"
            + f"<p style='font-family:monospace;font-size:18pt'>{self._key_text}</p>"
            + "<p>"
            + self.tr("Keep this sheet in the station's safe.")
            + "</p>"
        )
        document.print_(printer)
