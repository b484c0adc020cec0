"""Sync by USB stick: write what the centre has not confirmed onto a drive, and take back the
receipts the centre wrote there. The status shown is the store's, never a guess."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import (
    EnrollmentPackagePicker,
    FormDialog,
    busy_cursor,
    confirm_done,
    grow_to_fit,
    start_folder,
)
from interview_room.gui.dialogs.package_changes import revocations_sentence
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, describe, label, line_edit
from interview_room.sync.centre_holdings import holdings
from interview_room.sync.centre_package_changes import recent_changes
from interview_room.sync.centre_package_station import PackageOutcome, receive_package_from_folder
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


class EnrollDialog(FormDialog):
    """The administrator joins the station to the central office with the package file and the
    one-time passphrase the centre gave (separately)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Enroll with the central office"),
            self.tr(
                "Choose the enrollment package from the central office and type the one-time "
                "passphrase that came with it. Colleagues get new signing certificates the next "
                "time they sign."
            ),
            parent,
        )
        self._session = session
        self.picker = EnrollmentPackagePicker(
            self.tr("Enrollment package"),
            self.tr("The file from the central office that links this station to it."),
            self.tr("Choose the file, or type where it is"),
            self.tr("Enrollment package"),
        )
        self.package = self.picker.field
        self.passphrase = line_edit(
            self.tr("One-time passphrase"),
            placeholder="ABCD-EFGH-…",
            description=self.tr("The passphrase the central office gave with the package."),
        )
        self.describe_ok(self.tr("Link this station to the central office now."), self.tr("Enroll"))
        self.form.addRow(self.tr("Enrollment package"), self.picker)
        self.form.addRow(self.tr("One-time passphrase"), self.passphrase)

    def apply(self) -> bool:
        from interview_room.sync.enrollment import enroll_from_file

        try:
            enroll_from_file(
                self._session, Path(self.package.text().strip()), self.passphrase.text()
            )
        except InterviewRoomError as error:
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True


class SyncDialog(QDialog):
    enrolled = Signal()
    """The station was just linked to the central office."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._sync = StationSync(session)
        self._linked = False
        self.setWindowTitle(self.tr("Send to the central office"))
        self.setMinimumWidth(600)
        self.status = label("", "question-title")
        self.detail = label("", "hint")
        self.message = label("", "hint")
        self._lay_out(self._build_drive_row(), self._build_bundle_actions(), self._build_closing())
        self.refresh()

    def _build_drive_row(self) -> QHBoxLayout:
        """The drive or folder the bundle goes to and the receipts come from."""
        self.drive = describe(
            QComboBox(),
            self.tr("Drive"),
            self.tr("The USB stick or folder to write the bundle to and read receipts from."),
        )
        self.drive.setEditable(True)
        for drive in removable_drives():
            self.drive.addItem(str(drive))
        line = self.drive.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Put in the USB stick, or choose a folder"))
        choose = button(
            self.tr("Choose a folder…"),
            description=self.tr("Pick the drive or folder in a file window."),
        )
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.drive, 1)
        row.addWidget(choose)
        return row

    def _build_bundle_actions(self) -> QHBoxLayout:
        """Read receipts, write the bundle: both wait until a drive is named."""
        self.write_button = button(
            self.tr("Write the bundle to the drive"),
            primary=True,
            description=self.tr(
                "Write every case the central office has not confirmed, encrypted, to the drive."
            ),
        )
        self.receive_button = button(
            self.tr("Read receipts from the drive"),
            description=self.tr("Take back the central office's receipts for cases it received."),
        )
        self.write_button.clicked.connect(self._write)
        self.receive_button.clicked.connect(self._receive)
        # Nothing to write to until a drive or folder is named: the buttons wait for it.
        self.drive.currentTextChanged.connect(self._enable_drive_actions)
        actions = QHBoxLayout()
        actions.addWidget(self.receive_button)
        actions.addStretch(1)
        actions.addWidget(self.write_button)
        return actions

    def _build_closing(self) -> QHBoxLayout:
        """Enroll, what changed, and close."""
        close = button(self.tr("Close"), description=self.tr("Close this window."))
        close.clicked.connect(self.accept)
        self.enroll_button = button(
            self.tr("Enroll with the central office…"),
            description=self.tr("Link this station to the central office with its package."),
        )
        self.enroll_button.clicked.connect(self._enroll)
        self.changes_button = button(
            self.tr("What changed…"),
            description=self.tr(
                "See what the central office's last updates changed at this station."
            ),
        )
        self.changes_button.clicked.connect(self._show_changes)
        closing = QHBoxLayout()
        closing.addWidget(self.enroll_button)
        closing.addWidget(self.changes_button)
        closing.addStretch(1)
        closing.addWidget(close)
        return closing

    def _lay_out(self, row: QHBoxLayout, actions: QHBoxLayout, closing: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Send to the central office"), "heading"))
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
        layout.addWidget(label(self.tr("USB stick or folder"), "question-title"))
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(closing)

    def _enroll(self) -> None:
        if EnrollDialog(self._session, self).exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("The station is enrolled with the central office."))
            self.refresh()
            self.enrolled.emit()
            confirm_done(
                self,
                self.tr("Enrolled"),
                self.tr(
                    "This station is now linked to the central office. Cases can be sent to it "
                    "from this window; colleagues get new signing certificates the next time "
                    "they sign."
                ),
            )

    def _enable_drive_actions(self) -> None:
        ready = self._linked and self._folder() is not None
        self.write_button.setEnabled(ready)
        self.receive_button.setEnabled(ready)

    def refresh(self) -> None:
        linked = self._linked = self._sync.linked()
        self._enable_drive_actions()
        # Enrolling is offered to an administrator until it is done, not after.
        self.enroll_button.setVisible(self._session.user.is_admin and not linked)
        self.changes_button.setVisible(self._session.user.is_admin and linked)
        if not linked:
            self.status.setText(self.tr("This station is not linked to a central office yet."))
            grow_to_fit(self)
            return
        state = self._sync.status()
        self.status.setText(
            self.tr("Cases not yet confirmed by the central office: %n", "", state.pending)
        )
        detail = (
            self.tr("Last bundle: %1 · last receipt: %2")
            .replace("%1", (state.last_bundle_at or "—")[:16].replace("T", " "))
            .replace("%2", (state.last_receipt_at or "—")[:16].replace("T", " "))
        )
        if state.conflicts:
            detail += "\n" + self._conflict_sentence(state.conflicts)
        detail += "\n" + self._holdings_sentence()
        last = recent_changes(self._session.db)
        if last:  # counts only: never a name of another station's staff
            detail += " · " + revocations_sentence(last[0])
        self.detail.setText(detail)
        grow_to_fit(self)

    def _folder(self) -> Path | None:
        text = self.drive.currentText().strip()
        return Path(text) if text else None

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder"), str(start_folder(self))
        )
        if chosen:
            self.drive.setCurrentText(chosen)

    def _on_drive(self, action: Callable[[Path], str]) -> None:
        """Run ``action`` on the chosen drive; show its sentence, or why it failed."""
        folder = self._folder()
        if folder is None:
            self.message.setText(self.tr("Choose the drive first."))
            grow_to_fit(self)
            return
        try:
            with busy_cursor():
                sentence = action(folder)
        except InterviewRoomError as error:
            sentence = describe_error(error, admin=self._session.user.is_admin)
        self.message.setText(sentence)
        self.refresh()

    def _write(self) -> None:
        def write(folder: Path) -> str:
            written = self._sync.write_to_folder(folder)
            if written is None:
                return self.tr("Nothing new to send.")
            return self.tr("Written and checked: %1").replace("%1", written.name)

        self._on_drive(write)

    def _receive(self) -> None:
        def receive(folder: Path) -> str:
            run = self._sync.receive_receipts(folder)
            sentence = self.tr("Cases confirmed by the central office: %n.", "", run.confirmed)
            if run.refused:
                sentence += " " + self.tr(
                    "Files on the drive not read (damaged, not a receipt of this station, or "
                    "not a regular file): %n — %1",
                    "",
                    len(run.refused),
                ).replace("%1", ", ".join(name for name, _ in run.refused))
            if run.conflicts:
                sentence += " " + self._conflict_sentence(run.conflicts)
            package = receive_package_from_folder(self._session, folder)
            if package is not None:
                sentence += " " + self._package_sentence(package)
            return sentence

        self._on_drive(receive)

    def _holdings_sentence(self) -> str:
        """What the centre's package gave: "Directory of 2027-01-12, protocol 2.0.0"."""
        held = holdings(self._session.workstation.data_dir, self._session.db)
        if held.directory_published_on is None:
            return self.tr("Directory shipped with the program, protocol %1").replace(
                "%1", held.protocol_version
            )
        return (
            self.tr("Directory of %1, protocol %2")
            .replace("%1", held.directory_published_on)
            .replace("%2", held.protocol_version)
        )

    def _package_sentence(self, package: PackageOutcome) -> str:
        if package.problem is not None:
            return describe_error(package.problem, admin=self._session.user.is_admin)
        assert package.applied is not None
        if not package.applied.changed:
            return ""
        sentence = self.tr("The central office's update %1 was applied.").replace(
            "%1", str(package.applied.held.number)
        )
        last = recent_changes(self._session.db)
        if last and last[0].number == package.applied.held.number:
            sentence += " " + revocations_sentence(last[0])
        return sentence

    def _show_changes(self) -> None:
        from interview_room.gui.dialogs.package_changes import PackageChangesDialog

        PackageChangesDialog(self._session, self).exec()

    def _conflict_sentence(self, cases: int) -> str:
        """Why some cases are not marked sent although a receipt named them."""
        return self.tr(
            "Cases of which the central office holds other content than this station: %n. "
            "They are kept here, are not marked sent and are not deleted; tell the central "
            "office.",
            "",
            cases,
        )
