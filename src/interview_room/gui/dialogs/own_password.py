"""The rows of someone changing their own password: the current one, then the new one twice.
The station's dialog (``passwords.py``) and the centre's (``center_password.py``) build on it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from interview_room.gui.dialogs.common import FormDialog
from interview_room.gui.widgets import PasswordPair, line_edit


class OwnPasswordDialog(FormDialog):
    """Someone changes their own password: the current one, then the new one twice. The
    station's dialog and the centre's (``center_password.py``) differ only in what the change
    does. The words keep the station dialog's translation context (``ChangePasswordDialog``),
    so both dialogs read the same Albanian."""

    def __init__(self, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("ChangePasswordDialog", "Change your password"),
            explanation,
            parent,
        )
        self.current = line_edit(
            QCoreApplication.translate("ChangePasswordDialog", "Current password"),
            password=True,
            description=QCoreApplication.translate(
                "ChangePasswordDialog", "The password you signed in with today."
            ),
        )
        self.passwords = PasswordPair(
            (
                QCoreApplication.translate("ChangePasswordDialog", "New password"),
                QCoreApplication.translate("ChangePasswordDialog", "Your new password."),
            ),
            (
                QCoreApplication.translate("ChangePasswordDialog", "Confirm the new password"),
                QCoreApplication.translate(
                    "ChangePasswordDialog",
                    "Type the new password again, to rule out a typing mistake.",
                ),
            ),
        )
        self.new, self.again = self.passwords.password, self.passwords.again
        self.describe_ok(
            QCoreApplication.translate("ChangePasswordDialog", "Change your password now.")
        )
        self.form.addRow(
            QCoreApplication.translate("ChangePasswordDialog", "Current password"), self.current
        )
        self.passwords.add_rows(self.form)

    def new_passwords_match(self) -> bool:
        """The two new passwords are the same; otherwise says so and returns False."""
        if self.passwords.matches():
            return True
        self.show_error(
            QCoreApplication.translate(
                "ChangePasswordDialog", "The two new passwords are not the same."
            )
        )
        return False
