"""Sync by USB stick: write what the centre has not confirmed onto a drive, and take back the
receipts the centre wrote there. The status shown is the store's, never a guess."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStorageInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import busy_cursor
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, label
from interview_room.sync.station import StationSync
from interview_room.workstation import Session


def removable_drives() -> list[Path]:
    """Mounted, writable volumes other than the system's own (USB sticks, in practice)."""
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        root = Path(volume.rootPath())
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
            continue
        if str(root).startswith(("/media", "/run/media", "/mnt")) or (
            len(str(root)) <= 3 and str(root)[1:2] == ":"
        ):
            drives.append(root)
    return drives


class SyncDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = StationSync(session)
        self.setWindowTitle(self.tr("Send to the central office"))
        self.setMinimumWidth(600)
        self.status = label("", "question-title")
        self.detail = label("", "hint")
        self.message = label("", "hint")
        self.drive = QComboBox()
        self.drive.setAccessibleName(self.tr("Drive"))
        self.drive.setEditable(True)
        for drive in removable_drives():
            self.drive.addItem(str(drive))
        choose = button(self.tr("Choose a folder…"))
        choose.clicked.connect(self._choose)
        self.write_button = button(self.tr("Write the bundle to the drive"), primary=True)
        self.receive_button = button(self.tr("Read receipts from the drive"))
        self.write_button.clicked.connect(self._write)
        self.receive_button.clicked.connect(self._receive)
        close = button(self.tr("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.drive, 1)
        row.addWidget(choose)
        actions = QHBoxLayout()
        actions.addWidget(self.receive_button)
        actions.addStretch(1)
        actions.addWidget(self.write_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        layout.addWidget(
            label(
                self.tr(
                    "The bundle is encrypted for the central office and signed by this station: "
                    "nobody on the way can read it. Records stay here until a receipt confirms "
                    "them."
                ),
                "hint",
            )
        )
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        if not self._sync.linked():
            self.status.setText(self.tr("This station is not linked to a central office yet."))
            self.write_button.setEnabled(False)
            self.receive_button.setEnabled(False)
            return
        state = self._sync.status()
        self.status.setText(
            self.tr("%n case(s) not yet confirmed by the central office", "", state.pending)
        )
        self.detail.setText(
            self.tr("Last bundle: %1 · last receipt: %2")
            .replace("%1", (state.last_bundle_at or "—")[:16].replace("T", " "))
            .replace("%2", (state.last_receipt_at or "—")[:16].replace("T", " "))
        )

    def _folder(self) -> Path | None:
        text = self.drive.currentText().strip()
        return Path(text) if text else None

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if chosen:
            self.drive.setCurrentText(chosen)

    def _write(self) -> None:
        folder = self._folder()
        if folder is None:
            self.message.setText(self.tr("Choose the drive first."))
            return
        try:
            with busy_cursor():
                written = self._sync.write_to_folder(folder)
        except InterviewRoomError as error:
            self.message.setText(describe_error(error))
            return
        self.message.setText(
            self.tr("Nothing new to send.")
            if written is None
            else self.tr("Written and checked: %1").replace("%1", written.name)
        )
        self.refresh()

    def _receive(self) -> None:
        folder = self._folder()
        if folder is None:
            self.message.setText(self.tr("Choose the drive first."))
            return
        try:
            with busy_cursor():
                confirmed = self._sync.receive_from_folder(folder)
        except InterviewRoomError as error:
            self.message.setText(describe_error(error))
            return
        self.message.setText(self.tr("%n case(s) confirmed by the central office.", "", confirmed))
        self.refresh()
