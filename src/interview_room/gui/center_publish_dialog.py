"""Publishing for the stations from the centre's window (issue 16): a protocol folder or a
directory-of-services file, in two steps so nobody publishes by accident.

"Check" runs every check the publication makes (``center/publish_check.py``: the protocol's
test vectors, the floor of invariant cases, continuity with the earlier version, a version
already published, a file too large; for a directory, that it loads) and shows the result;
only a check that passed turns the button into "Publish", which calls the same core as
``interview-room center publish`` (``center/publish.py``). Choosing another folder or file
takes the button back to "Check". Both steps run off the GUI thread (``gui/background.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_room.center.publish import Published, publish_directory, publish_protocol
from interview_room.center.publish_check import (
    DirectoryCheck,
    FailedVector,
    ProtocolCheck,
    check_directory_file,
    check_protocol_folder,
)
from interview_room.center.store import CenterStore
from interview_room.gui.background import BackgroundTasks
from interview_room.gui.dialogs.common import FormDialog, grow_to_fit, remember_folder, start_folder
from interview_room.gui.messages import describe_error, interface_language
from interview_room.gui.widgets import button, describe, label, line_edit, room_for
from interview_room.sync.protocol_floor import ProtocolBelowFloor, ProtocolVectorsDropped

FAILURES_SHOWN = 8
"""Failed vectors named one by one; more are counted."""

Choice = tuple[bool, Path]
"""(a protocol folder: True, a directory file: False; its path)."""


class CenterPublishDialog(FormDialog):
    """Check, then publish; ``published`` carries the core's ``Published`` once it is done."""

    published = Signal(object)

    def __init__(self, center: CenterStore, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Publish for the stations"),
            self.tr(
                "A new protocol version or a new directory of services reaches every station "
                "with its next sync. It is checked first; only a check that passes can be "
                "published."
            ),
            parent,
        )
        self._center = center
        self._tasks = BackgroundTasks(self)
        self._passed: Choice | None = None
        self._checked_sha256 = ""
        """The SHA-256 of the protocol bytes the check read: Publish signs those or refuses."""
        """What the last check passed for: "Publish" publishes exactly that."""
        self.publication: Published | None = None
        self.protocol_choice = describe(
            QRadioButton(self.tr("A protocol folder")),
            self.tr("A protocol folder"),
            self.tr("A folder with protocol.json, vectors.json and the texts."),
        )
        self.directory_choice = describe(
            QRadioButton(self.tr("A directory-of-services file")),
            self.tr("A directory-of-services file"),
            self.tr("A file in the format of directory.json: emergency numbers and services."),
        )
        self.protocol_choice.setChecked(True)
        choices = QButtonGroup(self)
        choices.addButton(self.protocol_choice)
        choices.addButton(self.directory_choice)
        choices.buttonToggled.connect(lambda *_: self._changed())
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.protocol_choice)
        column.addWidget(self.directory_choice)
        self.form.addRow(self.tr("What to publish"), holder)
        self.form.addRow(self.tr("Folder or file"), self._path_row())
        self.setMinimumWidth(640)  # the longest label whole beside a path
        # What the check found, under the form (a form row would squeeze its lines).
        self.found = label("", "hint")
        self.found.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.error), self.found)
        self._show_step()

    def _path_row(self) -> QWidget:
        placeholder = self.tr("Choose the folder or file")
        self.path = line_edit(
            self.tr("Folder or file"),
            placeholder=placeholder,
            description=self.tr("Where the protocol folder or the directory file is."),
        )
        room_for(self.path, placeholder)
        self.path.textChanged.connect(self._changed)
        self.choose = button(
            self.tr("Choose…"),
            description=self.tr("Pick the folder or the file in a file window."),
        )
        self.choose.clicked.connect(self._choose)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        return holder

    @property
    def busy(self) -> bool:
        """A check or a publication is running."""
        return self._tasks.busy

    # -- the choice --------------------------------------------------------------------------

    def choice(self) -> Choice:
        return (self.protocol_choice.isChecked(), Path(self.path.text().strip()))

    def _choose(self) -> None:
        start = str(start_folder(self))
        if self.protocol_choice.isChecked():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), start)
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a file"), start, self.tr("Directory of services (*.json)")
            )
        if chosen:
            remember_folder(self, Path(chosen))
            self.path.setText(chosen)

    def _changed(self) -> None:
        """Another folder, file or kind: what was checked no longer stands."""
        if self._passed is not None and self._passed != self.choice():
            self._passed = None
            self._show_step()

    def _show_step(self) -> None:
        if self._passed is None:
            self.describe_ok(self.tr("Run every check, publishing nothing."), text=self.tr("Check"))
        else:
            self.describe_ok(
                self.tr("Sign and publish what was checked, for every station."),
                text=self.tr("Publish"),
            )

    # -- the work, off the GUI thread ---------------------------------------------------------

    def apply(self) -> bool:
        if self._tasks.busy:
            return False
        choice = self.choice()
        self.show_error("")
        self._set_busy(True)
        center = self._center
        protocol, path = choice
        if self._passed == choice:
            self._say(self.tr("Publishing…"))
            checked = self._checked_sha256
            work = (
                (lambda: publish_protocol(center, path, checked))
                if protocol
                else (lambda: publish_directory(center, path))
            )
            self._tasks.run(work, self._published, self._failed)
        else:
            self._say(self.tr("Checking…"))
            check = (
                (lambda: check_protocol_folder(center, path))
                if protocol
                else (lambda: check_directory_file(path))
            )
            self._tasks.run(check, lambda found: self._checked(choice, found), self._failed)
        return False

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.buttons,
            self.protocol_choice,
            self.directory_choice,
            self.path,
            self.choose,
        ):
            widget.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.found.setText(text)
        self.found.setVisible(bool(text))
        grow_to_fit(self)

    def _checked(self, choice: Choice, found: ProtocolCheck | DirectoryCheck) -> None:
        self._set_busy(False)
        if isinstance(found, ProtocolCheck):
            self._say(self.protocol_result(found))
        else:
            self._say(self.directory_result(found))
        self._passed = choice if found.passed and choice == self.choice() else None
        self._checked_sha256 = found.sha256 if isinstance(found, ProtocolCheck) else ""
        self._show_step()

    def _published(self, done: Published) -> None:
        self._set_busy(False)
        self.publication = done
        self._passed = None
        protocol = done.what.startswith("protocol ")
        what = (
            self.tr("protocol %1").replace("%1", done.what.split()[-1])
            if protocol
            else self.tr("the directory of services of %1").replace("%1", done.what.split()[-1])
        )
        self._say(
            self.tr("Update %1 was published: %2.")
            .replace("%1", str(done.number))
            .replace("%2", what)
            + "\n"
            + self.tr(
                "The stations get it the next time they sync, over the network or with a USB "
                "stick; each checks it again before using it."
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Close"))
        describe(cancel, cancel.text(), self.tr("Close this window."))
        self.published.emit(done)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._passed = None
        self._show_step()
        self._say("")
        self.show_error(describe_error(error))

    # -- what the check found, in words -------------------------------------------------------

    def protocol_result(self, found: ProtocolCheck) -> str:
        if not found.protocol:  # the folder does not load
            return describe_error(found.refusal) if found.refusal else ""
        lines = [
            self.tr("Protocol %1: %2 of %3 test vectors pass.")
            .replace("%1", found.protocol)
            .replace("%2", str(found.vectors - len(found.failed)))
            .replace("%3", str(found.vectors))
        ]
        lines += [self._failure(failed) for failed in found.failed[:FAILURES_SHOWN]]
        if len(found.failed) > FAILURES_SHOWN:
            lines.append(self.tr("…and %n more.", "", len(found.failed) - FAILURES_SHOWN))
        if found.refusal is not None:
            lines.append(describe_error(found.refusal))
            concerned = self._concerned(found.refusal)
            if concerned:
                lines.append(self.tr("Concerned: %1.").replace("%1", ", ".join(concerned)))
        else:
            lines.append(
                self.tr(
                    "Every check passed: its test vectors, the basic cases every protocol must "
                    "satisfy, and the vectors of the earlier version kept. Press “Publish” to "
                    "send it to the stations."
                )
            )
        return "\n".join(lines)

    def _failure(self, failed: FailedVector) -> str:
        from interview_room.center.stats import outcome_name

        if failed.expected is failed.got:
            return self.tr(
                "• %1: the outcome expected, but other details differ (dimensions, signs or "
                "presumed child)."
            ).replace("%1", failed.id)
        language = interface_language()
        return (
            self.tr("• %1: expected “%2”, the rule gives “%3”.")
            .replace("%1", failed.id)
            .replace("%2", outcome_name(failed.expected.value, language))
            .replace("%3", outcome_name(failed.got.value, language))
        )

    @staticmethod
    def _concerned(refusal: BaseException) -> tuple[str, ...]:
        if isinstance(refusal, ProtocolBelowFloor):
            return refusal.failed
        if isinstance(refusal, ProtocolVectorsDropped):
            return refusal.vectors
        return ()

    def directory_result(self, found: DirectoryCheck) -> str:
        if found.refusal is not None:
            return describe_error(found.refusal)
        return self.tr(
            "The directory of services reads correctly: %n entries (emergency numbers and "
            "services). Press “Publish” to send it to the stations.",
            "",
            found.services,
        )

    # -- not closed half-way --------------------------------------------------------------------

    def reject(self) -> None:
        if not self._tasks.busy:  # a publication under way finishes first
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._tasks.busy:
            event.ignore()
            return
        super().closeEvent(event)
