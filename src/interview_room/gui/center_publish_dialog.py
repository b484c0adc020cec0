"""Publishing for the stations from the centre's window (issue 16): a protocol folder or a
directory-of-services file, in two steps so nobody publishes by accident.

"Check" runs every check the publication makes (``center/publish_check.py``: the protocol's
test vectors, the floor of invariant cases, continuity with the earlier version, a version
already published, a file too large; for a directory, that it loads) and shows the result;
only a check that passed turns the button into "Publish", which calls the same core as
``interview-room center publish`` (``center/publish.py``). Choosing another folder or file
takes the button back to "Check". Both steps run off the GUI thread (``gui/background.py``).

Withdrawing a published protocol version (issue 13) goes the same way: the first press checks
that it may be withdrawn (``check_withdrawal``: the command line's refusals), the second, on
"Withdraw it", calls ``withdraw_protocol`` like ``center publish --withdraw-protocol``.
"""

from __future__ import annotations

from collections.abc import Callable
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
from interview_room.center.publish_withdraw import (
    WithdrawableVersion,
    check_withdrawal,
    withdraw_protocol,
    withdrawable_versions,
)
from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.gui.background import BackgroundTasks
from interview_room.gui.center_withdraw_choice import WithdrawChoice
from interview_room.gui.dialogs.common import FormDialog, grow_to_fit, remember_folder, start_folder
from interview_room.gui.messages import describe_error, interface_language
from interview_room.gui.widgets import button, describe, label, line_edit, room_for
from interview_room.sync.protocol_floor import ProtocolBelowFloor, ProtocolVectorsDropped

FAILURES_SHOWN = 8
"""Failed vectors named one by one; more are counted."""

Choice = tuple[str, str]
"""What: "protocol" (a folder), "directory" (a file) or "withdraw"; which: its path, or
"<id> <version>" to withdraw."""


class CenterPublishDialog(FormDialog):
    """Check, then publish; ``published`` carries the core's ``Published`` once it is done."""

    published = Signal(object)

    def __init__(self, center: CenterStore, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Publish for the stations"),
            self.tr(
                "A new protocol version, a new directory of services or the withdrawal of a "
                "protocol version reaches every station with its next sync. It is checked "
                "first; only a check that passes can be published."
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
        self.withdraw_choice = describe(
            QRadioButton(self.tr("A published protocol version to withdraw")),
            self.tr("A published protocol version to withdraw"),
            self.tr("No station starts a new interview with the version chosen again."),
        )
        self.protocol_choice.setChecked(True)
        choices = QButtonGroup(self)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        for choice in (self.protocol_choice, self.directory_choice, self.withdraw_choice):
            choices.addButton(choice)
            column.addWidget(choice)
        choices.buttonToggled.connect(lambda _, on: self._kind_changed() if on else None)
        self.form.addRow(self.tr("What to publish"), holder)
        self._path_holder = self._path_row()
        self.form.addRow(self.tr("Folder or file"), self._path_holder)
        self.withdrawal = WithdrawChoice()
        self.withdrawal.changed.connect(self._changed)
        self.form.addRow(self.tr("Version to withdraw"), self.withdrawal)
        self.form.setRowVisible(self.withdrawal, False)
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
        if self.withdraw_choice.isChecked():
            chosen = self.withdrawal.selected()
            return ("withdraw", f"{chosen.id} {chosen.version}" if chosen else "")
        kind = "protocol" if self.protocol_choice.isChecked() else "directory"
        return (kind, self.path.text().strip())

    def _kind_changed(self) -> None:
        """A folder or file to publish, or a version to withdraw: the rows that ask for it."""
        withdraw = self.withdraw_choice.isChecked()
        self.form.setRowVisible(self._path_holder, not withdraw)
        self.form.setRowVisible(self.withdrawal, withdraw)
        self.show_error("")
        self._say("")
        if withdraw and not self.withdrawal.loaded:
            try:
                self.withdrawal.load(withdrawable_versions(self._center))
            except InterviewRoomError as error:  # a package that no longer verifies
                self.show_error(describe_error(error))
        self._changed()
        self._show_step()
        self._wide_enough()
        grow_to_fit(self)

    def _wide_enough(self) -> None:
        """As wide as the widest row needs (a version with its day): the window's own minimum
        width keeps Qt from widening it for its rows."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = layout.totalMinimumSize().width()
        self.setMinimumWidth(max(self.minimumWidth(), needed))
        if needed > self.width():
            self.resize(needed, self.height())

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
        withdraw = self.withdraw_choice.isChecked()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            not withdraw or self.withdrawal.selected() is not None
        )
        if withdraw and self._passed is None:
            self.describe_ok(
                self.tr("Check that this version may be withdrawn; nothing is withdrawn yet."),
                text=self.tr("Withdraw…"),
            )
        elif withdraw:
            self.describe_ok(
                self.tr("Sign the next package for every station with this version withdrawn."),
                text=self.tr("Withdraw it"),
            )
        elif self._passed is None:
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
        if not choice[1]:  # nothing to withdraw (the button is disabled then)
            return False
        self.show_error("")
        self._set_busy(True)
        if self._passed == choice:
            withdraw = choice[0] == "withdraw"
            self._say(self.tr("Withdrawing…") if withdraw else self.tr("Publishing…"))
            self._tasks.run(self._publication(choice), self._published, self._failed)
        else:
            self._say(self.tr("Checking…"))
            self._tasks.run(
                self._check(choice), lambda found: self._checked(choice, found), self._failed
            )
        return False

    def _check(
        self, choice: Choice
    ) -> Callable[[], ProtocolCheck | DirectoryCheck | WithdrawableVersion]:
        """The first step's work: every check, nothing signed (a withdrawal refused raises)."""
        center = self._center
        kind, what = choice
        if kind == "withdraw":
            chosen = self.withdrawal.selected()
            assert chosen is not None

            def may_withdraw() -> WithdrawableVersion:
                check_withdrawal(center, chosen.version, chosen.id)
                return chosen

            return may_withdraw
        path = Path(what)
        if kind == "protocol":
            return lambda: check_protocol_folder(center, path)
        return lambda: check_directory_file(path)

    def _publication(self, choice: Choice) -> Callable[[], Published]:
        """The second step's work: the same core call as the command line's."""
        center = self._center
        kind, what = choice
        if kind == "withdraw":
            protocol_id, version = what.split()
            return lambda: withdraw_protocol(center, version, protocol_id)  # logged
        path = Path(what)
        if kind == "protocol":
            checked = self._checked_sha256
            return lambda: publish_protocol(center, path, checked)
        return lambda: publish_directory(center, path)

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.buttons,
            self.protocol_choice,
            self.directory_choice,
            self.withdraw_choice,
            self.path,
            self.choose,
            self.withdrawal,
        ):
            widget.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.found.setText(text)
        self.found.setVisible(bool(text))
        grow_to_fit(self)

    def _checked(
        self, choice: Choice, found: ProtocolCheck | DirectoryCheck | WithdrawableVersion
    ) -> None:
        self._set_busy(False)
        if isinstance(found, ProtocolCheck):
            self._say(self.protocol_result(found))
        elif isinstance(found, DirectoryCheck):
            self._say(self.directory_result(found))
        else:
            self._say(self.withdrawal.confirmation(found))
        passed = not isinstance(found, ProtocolCheck | DirectoryCheck) or found.passed
        self._passed = choice if passed and choice == self.choice() else None
        self._checked_sha256 = found.sha256 if isinstance(found, ProtocolCheck) else ""
        self._show_step()

    def _published(self, done: Published) -> None:
        self._set_busy(False)
        self.publication = done
        self._passed = None
        what = self._published_what(done.what)
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

    def _published_what(self, what: str) -> str:
        """``Published.what`` in the interface language."""
        last = what.split()[-1]
        if what.startswith("protocol "):
            return self.tr("protocol %1").replace("%1", last)
        if what.startswith("withdrawn protocol "):
            return self.tr("protocol %1 withdrawn").replace("%1", last)
        return self.tr("the directory of services of %1").replace("%1", last)

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
