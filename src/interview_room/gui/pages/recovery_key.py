"""Showing the one-time recovery key, once, for printing or copying by hand."""

from __future__ import annotations

import html
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from interview_room.gui.dialogs.common import choose_save_path
from interview_room.gui.widgets import announce, button, card, centred, describe, label


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
            description=self.tr(
                "Print the key on a printer. With no printer, you may choose to save it as a "
                "PDF file instead."
            ),
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
        self.saved = label("", "hint")
        self.saved.hide()
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
            self.saved,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(centred(body, 720))
        self.print_button.setFocus()

    def _print(self) -> None:
        if not QPrinterInfo.availablePrinters():
            self._offer_pdf()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # A PDF file would leave the key on disk: with a printer, only the printer is offered.
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._sheet().print_(printer)

    def _offer_pdf(self) -> None:
        """No printer: a PDF only if the user asks for it, in a file they choose, after being
        told that the file is as secret as the key."""
        title = self.tr("No printer")
        text = self.tr(
            "No printer is set up on this computer. You can save the recovery key as a PDF "
            "file and print it elsewhere.\n\nThe recovery key is a secret: whoever has the "
            "file can give any user a new password and read every record. Choose where the "
            "file goes yourself, print it soon, and then delete the file."
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self
        )
        describe(box, title, text)
        save = box.addButton(self.tr("Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
        describe(save, save.text(), self.tr("Choose a file name and folder for the PDF."))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        describe(cancel, cancel.text(), self.tr("Save nothing; copy the key by hand instead."))
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not save:
            return
        chosen = choose_save_path(
            self,
            self.tr("Save the recovery key as a PDF"),
            self.tr("recovery-key") + ".pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if chosen is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(chosen))
        self._sheet().print_(printer)
        if chosen.is_file():
            os.chmod(chosen, 0o600)  # the key is a secret: only this user may read the file
            message = self.tr(
                "The recovery key was saved to %1. Print it, keep the paper in the station's "
                "safe, and delete the file."
            ).replace("%1", str(chosen))
        else:
            message = self.tr("The PDF could not be saved to %1.").replace("%1", str(chosen))
        self.saved.setText(message)
        self.saved.show()
        announce(self.saved, message)

    def _sheet(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(
            "<h2>"
            + self.tr("Interview Room: recovery key")
            + "</h2>"
            + "<p>"
            + html.escape(self._station_name)
            + "</p>"
            + f"<p style='font-family:monospace;font-size:18pt'>{self._key_text}</p>"
            + "<p>"
            + self.tr("Keep this sheet in the station's safe.")
            + "</p>"
        )
        return document
