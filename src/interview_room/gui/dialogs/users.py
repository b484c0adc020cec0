"""The administrator's users screen: who can unlock this workstation, adding and disabling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_room.accounts import Role, User
from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import FormDialog, ask, busy_cursor, confirm_done
from interview_room.gui.dialogs.store_work import run_store_work
from interview_room.gui.messages import describe_error, role_name
from interview_room.gui.table_model import Column, RowTableModel
from interview_room.gui.widgets import PasswordPair, button, describe, label, line_edit
from interview_room.store.recovery_key import RecoveryKey
from interview_room.workstation import RecoveryUpgrade, Session


class AddUserDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Add a user"),
            self.tr("Let the new colleague type their own password: nobody else should know it."),
            parent,
        )
        self._session = session
        self.display_name = line_edit(
            self.tr("Full name"),
            description=self.tr("The colleague's name, as it appears on cases and signatures."),
        )
        self.username = line_edit(
            self.tr("Username"),
            placeholder="b.krasniqi",
            description=self.tr("The name the colleague types to sign in."),
        )
        self.role = describe(
            QComboBox(),
            self.tr("Role"),
            self.tr("Officer, social worker or station administrator: what they may do here."),
        )
        for role in (Role.OFFICER, Role.SOCIAL_WORKER, Role.STATION_ADMIN):
            self.role.addItem(role_name(role), role.value)
        self.passwords = PasswordPair(
            (self.tr("Password"), self.tr("The colleague types their own password here.")),
            (
                self.tr("Confirm the password"),
                self.tr("The same password again, to rule out a typing mistake."),
            ),
        )
        self.password, self.again = self.passwords.password, self.passwords.again
        self.describe_ok(self.tr("Add the colleague to this workstation."), self.tr("Add the user"))
        self.form.addRow(self.tr("Full name"), self.display_name)
        self.form.addRow(self.tr("Username"), self.username)
        self.form.addRow(self.tr("Role"), self.role)
        self.passwords.add_rows(self.form)

    def apply(self) -> bool:
        if not self.passwords.matches():
            self.show_error(self.tr("The two passwords are not the same."))
            return False
        if not self.display_name.text().strip():
            self.show_error(self.tr("Please write the person's full name."))
            return False
        try:
            self._session.add_user(
                self.username.text(),
                self.display_name.text(),
                Role(self.role.currentData()),
                self.password.text(),
            )
        except InterviewRoomError as error:
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True


class IssueCertificateDialog(FormDialog):
    """The administrator issues a colleague a new signing certificate; the colleague types
    their own password, which protects the new signing key."""

    def __init__(self, session: Session, username: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Issue a signing certificate"),
            self.tr(
                "For a colleague who cannot sign: a password reset, a lost or expired "
                "certificate. Let the colleague type their own password here; their old "
                "certificates are revoked."
            ),
            parent,
        )
        self._session = session
        self._username = username
        self.password = line_edit(
            self.tr("The colleague's password"),
            password=True,
            description=self.tr("The colleague types the password they sign in with."),
        )
        self.describe_ok(
            self.tr("Issue the certificate and close the window."), self.tr("Issue certificate")
        )
        self.form.addRow(self.tr("Username"), label(username))
        self.form.addRow(self.tr("The colleague's password"), self.password)

    def apply(self) -> bool:
        try:
            with busy_cursor():
                self._session.issue_certificate(self._username, self.password.text())
        except InterviewRoomError as error:
            self.password.clear()
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True


class RecoveryKeyDialog(FormDialog):
    """The administrator types the recovery key from the safe (``Session.upgrade_recovery``):
    it is checked, a recovery slot from before re-keying is moved so a new database key
    reaches it, and a re-key that waited for it is made."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Type the recovery key"),
            self.tr(
                "Bring the recovery key from the station's safe. It is checked against this "
                "workstation; a recovery key from before this version is brought up to date, "
                "so that colleagues who leave can no longer open the store with a kept copy."
            ),
            parent,
        )
        self._session = session
        self.outcome: RecoveryUpgrade | None = None
        self.recovery_key = line_edit(
            self.tr("Recovery key"),
            placeholder="ABCD-EFGH-…",
            description=self.tr("The key printed at set-up, in groups of four characters."),
        )
        self.describe_ok(self.tr("Check the recovery key and bring it up to date."))
        self.form.addRow(self.tr("Recovery key"), self.recovery_key)

    def apply(self) -> bool:
        typed = self.recovery_key.text()
        try:
            key = RecoveryKey.parse(typed)
            self.outcome = run_store_work(
                self,
                self.tr(
                    "The recovery key is being checked and, if a new key for the station's "
                    "store was waiting for it, the store is given that key."
                ),
                lambda: self._session.upgrade_recovery(key),
            )
        except InterviewRoomError as error:
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        finally:
            self.recovery_key.clear()  # the key is not left in a widget
        return True

    def summary(self) -> str:
        """What the recovery key did, in a sentence or two."""
        outcome = self.outcome
        if outcome is None:
            return ""
        if not (outcome.slot_moved or outcome.authority_granted or outcome.rekeyed is not None):
            return self.tr("The recovery key is right. Nothing needed to change.")
        parts = [self.tr("The recovery key is right and is now up to date.")]
        if outcome.rekeyed is True:
            parts.append(self.tr("The station's store has its new key."))
        elif outcome.rekeyed is False:
            parts.append(
                self.tr(
                    "The store's new key is still waiting: it is made at a later sign-in, once "
                    "nothing else has the store open and every colleague has signed in once."
                )
            )
        return " ".join(parts)


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Users of this workstation"))
        self.setMinimumSize(760, 420)
        self.resize(1040, 460)
        self._certificates: dict[str, str] = {}
        """Per user id, what the certificate column says: read once per refresh, not when a
        cell is painted (the store may be closed by then)."""
        self._build_table()
        actions = self._build_colleague_actions()
        closing = self._build_closing()
        self.message = label("", "error")
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.recovery_hint)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addLayout(closing)
        self.refresh()

    def _build_table(self) -> None:
        """One row per colleague, each column as wide as its words."""
        active, disabled = self.tr("Active"), self.tr("Disabled")
        self.model: RowTableModel[User] = RowTableModel(
            [
                Column(self.tr("Full name"), lambda user: user.display_name),
                Column(self.tr("Username"), lambda user: user.username),
                Column(self.tr("Role"), lambda user: role_name(user.role)),
                Column(self.tr("State"), lambda user: active if user.active else disabled),
                Column(
                    self.tr("Signing certificate"),
                    lambda user: self._certificates.get(user.id, ""),
                ),
            ],
            key=lambda user: user.username,
        )
        self.table = describe(
            QTableView(),
            self.tr("Users"),
            self.tr(
                "One row per colleague: full name, username, role, state and until when they "
                "can sign. Choose a row to disable that user or issue them a certificate."
            ),
        )
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Each column as wide as its words (the Albanian role names and headers were cut);
        # the last takes what is left. A narrow screen scrolls the table, not the words.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _build_colleague_actions(self) -> QHBoxLayout:
        """What is done to the chosen colleague: add, disable, issue a certificate."""
        self.add_button = button(
            self.tr("Add a user…"),
            primary=True,
            description=self.tr("Give a new colleague their own username and password."),
        )
        self.disable_button = button(
            self.tr("Disable user…"),
            description=self.tr("The user will no longer be able to sign in on this workstation."),
        )
        self.certificate_button = button(
            self.tr("Issue signing certificate…"),
            description=self.tr(
                "A new signing certificate for the chosen colleague, who types their password."
            ),
        )
        self.add_button.clicked.connect(self._add)
        self.disable_button.clicked.connect(self._disable)
        self.certificate_button.clicked.connect(self._issue_certificate)
        # The colleague's actions on one row, the station's key and Close below: in one row
        # the four Albanian labels were cut at both ends.
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.disable_button)
        actions.addWidget(self.certificate_button)
        actions.addStretch(1)
        return actions

    def _build_closing(self) -> QHBoxLayout:
        """The station's recovery key (and why it is asked for), and Close."""
        self.recovery_button = button(
            self.tr("Type the recovery key…"),
            description=self.tr(
                "Check the recovery key from the safe and bring it up to date after an upgrade."
            ),
        )
        self.recovery_hint = label(
            self.tr(
                "The recovery key has not been typed since this version was installed: until "
                "it is, a colleague who leaves keeps a way into the store. Bring it from the "
                "safe and choose “Type the recovery key…”."
            ),
            "hint",
        )
        self.close_button = button(
            self.tr("Close"), description=self.tr("Close the list of users.")
        )
        self.recovery_button.clicked.connect(self._type_recovery_key)
        self.close_button.clicked.connect(self.accept)
        closing = QHBoxLayout()
        closing.addWidget(self.recovery_button)
        closing.addStretch(1)
        closing.addWidget(self.close_button)
        return closing

    def refresh(self) -> None:
        users = self._session.users.all()
        self._certificates = {user.id: self._certificate(user) for user in users}
        self.model.set_rows(users)
        self.recovery_hint.setVisible(self._session.recovery_key_wanted())
        self._update_buttons()

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def _update_buttons(self) -> None:
        username = self.selected_username()
        user = self._session.users.find(username) if username else None
        self.disable_button.setEnabled(user is not None and user.id != self._session.user.id)
        self.certificate_button.setEnabled(user is not None)

    def _certificate(self, user: User) -> str:
        if not user.active:
            return ""
        if self._session.revoked_by_central_office(user.id):
            return self.tr("Revoked by the central office")
        until = self._session.certificate_valid_until(user.id)
        if until is None:
            return self.tr("None: cannot sign")
        return self.tr("Valid until %1").replace("%1", until)

    def _issue_certificate(self) -> None:
        username = self.selected_username()
        if not username:
            return
        if IssueCertificateDialog(self._session, username, self).exec() == (
            QDialog.DialogCode.Accepted
        ):
            self.message.setText("")
            self.refresh()

    def _type_recovery_key(self) -> None:
        dialog = RecoveryKeyDialog(self._session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            confirm_done(self, self.tr("Recovery key"), dialog.summary())
            self.refresh()

    def _add(self) -> None:
        if AddUserDialog(self._session, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _disable(self) -> None:
        username = self.selected_username()
        if not username:
            return
        if not ask(
            self,
            self.tr("Disable user"),
            self.tr("Disable %1? Their password will no longer open this workstation.").replace(
                "%1", username
            ),
        ):
            return
        try:
            run_store_work(
                self,
                self.tr(
                    "%1 is being disabled and the station's store is given a new key, so that "
                    "a copy of their password opens nothing any more."
                ).replace("%1", username),
                lambda: self._session.disable_user(username),
            )
        except InterviewRoomError as error:
            self.message.setText(describe_error(error, admin=self._session.user.is_admin))
            return
        self.message.setText("")
        self.refresh()
