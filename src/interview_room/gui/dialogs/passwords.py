"""Changing one's own password (at a station, and at the centre through the same rows), and
setting a new one with the recovery key."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import FormDialog
from interview_room.gui.dialogs.own_password import OwnPasswordDialog
from interview_room.gui.dialogs.store_work import run_store_work
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import PasswordPair, line_edit
from interview_room.store.recovery_key import RecoveryKey
from interview_room.workstation import PasswordChanged, Session, Workstation


class ChangePasswordDialog(OwnPasswordDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Only your password changes; colleagues keep theirs."), parent)
        self._session = session
        self.outcome: PasswordChanged | None = None
        """What the change did, once it is done (whether the user can sign at once)."""

    def apply(self) -> bool:
        if not self.new_passwords_match():
            return False
        current, new = self.current.text(), self.new.text()
        try:
            self.outcome = run_store_work(
                self,
                self.tr(
                    "Your password is being changed and the station's store is given a new "
                    "key, so that your old password opens nothing any more."
                ),
                lambda: self._session.change_password(current, new),
            )
        except InterviewRoomError as error:
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True


class ResetPasswordDialog(FormDialog):
    """Used at the login screen: the station's recovery key plus the new password, typed by the
    person whose password it is."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Set a new password with the recovery key"),
            self.tr(
                "The administrator brings the recovery key from the station's safe; the person "
                "whose password it is types the new one. Documents they signed stay valid; their "
                "signature key is renewed."
            ),
            parent,
        )
        self._workstation = workstation
        self.recovery_key = line_edit(
            self.tr("Recovery key"),
            placeholder="ABCD-EFGH-…",
            description=self.tr("The key printed at set-up, in groups of four characters."),
        )
        self.username = line_edit(
            self.tr("Username"),
            description=self.tr("The username of the person who forgot their password."),
        )
        self.passwords = PasswordPair(
            (
                self.tr("New password"),
                self.tr("The new password, typed by the person whose password it is."),
            ),
            (
                self.tr("Confirm the new password"),
                self.tr("Type the new password again, to rule out a typing mistake."),
            ),
        )
        self.new, self.again = self.passwords.password, self.passwords.again
        self.describe_ok(self.tr("Set the new password with the recovery key."))
        self.form.addRow(self.tr("Recovery key"), self.recovery_key)
        self.form.addRow(self.tr("Username"), self.username)
        self.passwords.add_rows(self.form)

    def apply(self) -> bool:
        if not self.passwords.matches():
            self.show_error(self.tr("The two new passwords are not the same."))
            return False
        username, new = self.username.text(), self.new.text()
        try:
            key = RecoveryKey.parse(self.recovery_key.text())
            run_store_work(
                self,
                self.tr(
                    "The new password is being set and the station's store is given a new key, "
                    "so that the old password opens nothing any more."
                ),
                lambda: self._workstation.reset_password(key, username, new),
            )
        except InterviewRoomError as error:
            self.show_error(describe_error(error))
            return False
        return True
