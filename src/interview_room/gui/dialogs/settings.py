"""Station settings for the administrator: the automatic lock, how long personal data stays,
and the duty telephone printed on referral forms."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import FormDialog
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, describe
from interview_room.settings import IDLE_LOCK_RANGE, RETENTION_RANGE
from interview_room.workstation import Session


class SettingsDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Station settings"), "", parent)
        self._session = session
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(IDLE_LOCK_RANGE.start, IDLE_LOCK_RANGE.stop - 1)
        self.idle_minutes.setValue(session.settings().idle_lock_minutes)
        self.idle_minutes.setSuffix(self.tr(" min"))
        describe(
            self.idle_minutes,
            self.tr("Lock automatically after"),
            self.tr("Minutes without a key press or click before the screen locks itself."),
        )
        self.form.addRow(self.tr("Lock automatically after"), self.idle_minutes)
        self.retention = QSpinBox()
        self.retention.setRange(RETENTION_RANGE.start, RETENTION_RANGE.stop - 1)
        self.retention.setValue(session.settings().retention_days)
        self.retention.setSuffix(self.tr(" days"))
        describe(
            self.retention,
            self.tr("Keep personal data after the centre confirmed it"),
            self.tr(
                "Days a case's personal data stays on this PC after the central office "
                "confirmed it received the case."
            ),
        )
        self.describe_ok(self.tr("Save these settings for the whole workstation."))
        self.form.addRow(
            self.tr("Keep personal data after the centre confirmed it"), self.retention
        )
        self.duty_phone = QLineEdit(session.settings().duty_phone)
        self.duty_phone.setMaxLength(30)
        describe(
            self.duty_phone,
            self.tr("Duty telephone of the station"),
            self.tr(
                "Printed on every referral form, so that the service receiving it can call "
                "this station back."
            ),
        )
        self.form.addRow(self.tr("Duty telephone of the station"), self.duty_phone)
        if session.settings().duty_phone_damaged:
            # Attacker 9, B1: a value written into the store by hand is never printed.
            self.duty_phone.setPlaceholderText(
                self.tr("The stored number was damaged; type the number again")
            )
        self.changes_button = button(
            self.tr("What the central office's updates changed…"),
            description=self.tr(
                "See what the central office's last updates changed at this station."
            ),
        )
        self.changes_button.clicked.connect(self._show_changes)
        self.changes_button.setVisible(session.user.is_admin)
        self.form.addRow("", self.changes_button)

    def required_fields(self) -> list[QLineEdit]:
        """None: a station may have no duty telephone yet (the forms then say it is not set)."""
        return []

    def _show_changes(self) -> None:
        from interview_room.gui.dialogs.package_changes import PackageChangesDialog

        PackageChangesDialog(self._session, self).exec()

    def apply(self) -> bool:
        try:
            self._session.set_idle_lock_minutes(self.idle_minutes.value())
            self._session.set_retention_days(self.retention.value())
            settings = self._session.settings()
            typed = self.duty_phone.text().strip()
            if typed != settings.duty_phone or settings.duty_phone_damaged:
                self._session.set_duty_phone(self.duty_phone.text())
        except InterviewRoomError as error:
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True
