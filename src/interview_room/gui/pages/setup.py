"""Setting up a real workstation: station, first administrator, then the recovery key."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget
from shiboken6 import isValid

from interview_room.gui.dialogs.common import EnrollmentPackagePicker
from interview_room.gui.widgets import (
    BusyNote,
    PasswordPair,
    button,
    card,
    centred,
    describe,
    form_layout,
    label,
    line_edit,
    scrolled,
)


@dataclass(frozen=True)
class SetupDraft:
    """What was typed so far, carried across a rebuild of the page (a language switch). It
    lives only in memory, for that one call: nothing of it is written anywhere."""

    station_name: str
    station_code: str
    admin_name: str
    admin_username: str
    password: str
    password_again: str
    package: str
    passphrase: str

    def __repr__(self) -> str:
        return f"SetupDraft({self.station_name!r}, {self.station_code!r}, <hidden>)"


KNOWN_STATIONS = (("Morinë", "MOR"), ("Han i Hotit", "HAN"))


class SetupPage(QWidget):
    """Collects what set-up needs (a :class:`~interview_room.station_setup.StationSetupRequest`,
    emitted by ``submitted``); the window runs the (slow) creation in the background."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._build_station_fields()
        self._build_admin_fields()
        self.error = label("", "error")
        self.error.hide()
        self.busy = BusyNote()
        self._build_enrollment_fields()
        self._lay_out(self._build_form(), self._build_actions())
        self.station_name.setFocus()

    def _build_station_fields(self) -> None:
        """The station's name (a known crossing or typed) and the code its name suggests."""
        self.station_name = describe(
            QComboBox(),
            self.tr("Station name"),
            self.tr("Choose the border crossing point from the list, or type its name."),
        )
        self.station_name.setEditable(True)
        for name, _code in KNOWN_STATIONS:
            self.station_name.addItem(name)
        self.station_code = line_edit(
            self.tr("Station code"),
            placeholder="MOR",
            description=self.tr("Three letters that start every case code of this station."),
        )
        self.station_code.setMaxLength(3)
        self.station_code.setText(KNOWN_STATIONS[0][1])
        self.station_name.currentTextChanged.connect(self._suggest_code)

    def _build_admin_fields(self) -> None:
        """The first administrator: name, username, password twice."""
        self.admin_name = line_edit(
            self.tr("Administrator's full name"),
            description=self.tr("The first administrator's name, as colleagues will see it."),
        )
        self.admin_username = line_edit(
            self.tr("Administrator's username"),
            placeholder="a.hoxha",
            description=self.tr("The name the administrator types to sign in."),
        )
        self.passwords = PasswordPair(
            (
                self.tr("Password"),
                self.tr("The administrator's new password. It is never shown."),
            ),
            (
                self.tr("Confirm the password"),
                self.tr("Type the same password again, to rule out a typing mistake."),
            ),
        )
        self.password, self.password_again = self.passwords.password, self.passwords.again

    def _build_enrollment_fields(self) -> None:
        """The centre's enrollment package and its one-time passphrase, both optional."""
        self.picker = EnrollmentPackagePicker(
            self.tr("Enrollment package (optional)"),
            self.tr(
                "The file from the central office that links this station to it. "
                "It can be added later."
            ),
            self.tr("From the central office; can be added later"),
            self.tr("Enrollment package (optional)"),
        )
        self.package = self.picker.field
        self.passphrase = line_edit(
            self.tr("One-time passphrase"),
            placeholder="ABCD-EFGH-…",
            description=self.tr("The passphrase the central office gave with the package."),
        )

    def _build_form(self) -> QWidget:
        form = form_layout()
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Station code"), self.station_code)
        form.addRow(self.tr("Administrator's full name"), self.admin_name)
        form.addRow(self.tr("Administrator's username"), self.admin_username)
        self.passwords.add_rows(form)
        form.addRow(self.tr("Enrollment package (optional)"), self.picker)
        form.addRow(self.tr("One-time passphrase"), self.passphrase)
        form_holder = QWidget()
        form_holder.setLayout(form)
        return form_holder

    def _build_actions(self) -> QWidget:
        """Back, and create; Return in the repeated password creates too."""
        self.create_button = button(
            self.tr("Create workstation"),
            primary=True,
            description=self.tr(
                "Create the encrypted workstation and show its recovery key, once."
            ),
        )
        self.back_button = button(
            self.tr("Back"), description=self.tr("Back to the first screen; nothing is created.")
        )
        self.create_button.clicked.connect(self._submit)
        self.back_button.clicked.connect(self.cancelled)
        self.password_again.returnPressed.connect(self._submit)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.create_button)
        actions_holder = QWidget()
        actions_holder.setLayout(actions)
        return actions_holder

    def _lay_out(self, form_holder: QWidget, actions_holder: QWidget) -> None:
        body = card(
            label(self.tr("Set up this workstation"), "heading"),
            label(
                self.tr(
                    "The administrator adds colleagues later. Passwords are never shown to "
                    "anyone and cannot be read back; keep the recovery key in the station's safe."
                ),
                "hint",
            ),
            form_holder,
            self.error,
            self.busy,
            actions_holder,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Wide enough for the Albanian labels and full-size fields; scrolled rather than
        # squeezed when the note "creating…" appears or the text is large.
        self._area = scrolled(centred(body, 860))
        self._actions = actions_holder
        layout.addWidget(self._area)

    def _suggest_code(self, name: str) -> None:
        for known, code in KNOWN_STATIONS:
            if name == known:
                self.station_code.setText(code)

    def draft(self) -> SetupDraft:
        return SetupDraft(
            station_name=self.station_name.currentText(),
            station_code=self.station_code.text(),
            admin_name=self.admin_name.text(),
            admin_username=self.admin_username.text(),
            password=self.password.text(),
            password_again=self.password_again.text(),
            package=self.package.text(),
            passphrase=self.passphrase.text(),
        )

    def restore(self, draft: SetupDraft) -> None:
        self.station_name.setCurrentText(draft.station_name)  # suggests a code for a known one
        self.station_code.setText(draft.station_code)
        self.admin_name.setText(draft.admin_name)
        self.admin_username.setText(draft.admin_username)
        self.password.setText(draft.password)
        self.password_again.setText(draft.password_again)
        self.package.setText(draft.package)
        self.passphrase.setText(draft.passphrase)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text:
            self._keep_in_view(self.error)

    def _keep_in_view(self, widget: QWidget) -> None:
        """A line that appears below the fold (the error, "creating…") is scrolled into view
        together with the buttons, once the page has laid it out."""
        QTimer.singleShot(0, lambda: self._scroll_to(widget))

    def _scroll_to(self, widget: QWidget) -> None:
        if isValid(self._area) and isValid(widget):
            self._area.ensureWidgetVisible(self._actions, 0, 16)
            self._area.ensureWidgetVisible(widget, 0, 16)

    def set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        if busy:
            self.busy.start(
                self.tr(
                    "Creating the encrypted workstation and its keys. This takes a few seconds; "
                    "please wait."
                )
            )
            self._keep_in_view(self.busy)
        else:
            self.busy.stop()
        self.create_button.setText(
            self.tr("Creating the encrypted workstation…")
            if busy
            else self.tr("Create workstation")
        )

    def _submit(self) -> None:
        if not self.create_button.isEnabled():  # Return while the workstation is being made
            return
        if not self.passwords.matches():
            self.show_error(self.tr("The two passwords are not the same."))
            self.password_again.setFocus()
            return
        if not self.admin_name.text().strip():
            self.show_error(self.tr("Please write the administrator's full name."))
            self.admin_name.setFocus()
            return
        self.show_error("")
        from interview_room.station_setup import StationSetupRequest

        self.submitted.emit(
            StationSetupRequest(
                station_name=self.station_name.currentText().strip(),
                station_code=self.station_code.text().strip().upper(),
                admin_display_name=self.admin_name.text().strip(),
                admin_username=self.admin_username.text().strip(),
                admin_password=self.passwords.text(),
                enrollment_package=self.picker.path(),
                enrollment_passphrase=self.passphrase.text(),
            )
        )
