"""The locked screen: nothing of the work underneath shows until the same user's password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.widgets import announce, button, label, line_edit


class LockPage(QWidget):
    unlock_requested = Signal(str)
    switch_user = Signal()

    def __init__(self, display_name: str) -> None:
        super().__init__()
        self.setProperty("role", "lock")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = label(self.tr("The screen is locked"), "heading")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = label(self.tr("%1 can continue with their password.").replace("%1", display_name))
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = line_edit(
            self.tr("Password"),
            password=True,
            description=self.tr("The password of the person who locked the screen."),
        )
        self.password.setMinimumWidth(320)
        self.password.setMaximumWidth(420)
        self.error = label("", wrap=True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = button(
            self.tr("Unlock"),
            primary=True,
            description=self.tr("Open the workstation again where the work was left."),
        )
        self.switch_button = button(
            self.tr("Sign in as someone else"),
            description=self.tr("Go to the sign-in screen for another colleague."),
        )
        self.password.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_user)

        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(title)
        column.addWidget(who)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.error)
        switch_row = QHBoxLayout()
        switch_row.addStretch(1)
        switch_row.addWidget(self.switch_button)
        switch_row.addStretch(1)
        column.addLayout(switch_row)
        column.addStretch(3)
        self.setLayout(column)
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.unlock_button.isEnabled():  # Return while the password is being checked
            text = self.tr("Still checking the password; this takes a moment. Please wait.")
            self.error.setText(text)
            announce(self.error, text)
            return
        if self.password.text():
            self.unlock_requested.emit(self.password.text())
