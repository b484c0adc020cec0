"""Signing in to the central office; for a centre from before sign-in, setting the first
administrator's password (the plain key file is then removed)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.messages import wait_sentence
from interview_room.gui.widgets import (
    PasswordPair,
    button,
    card,
    centred,
    form_layout,
    label,
    line_edit,
)


class CenterSignInPage(QWidget):
    sign_in_requested = Signal(str, str)
    """username, password"""
    first_password_requested = Signal(str, str, str)
    """username, display name, password: a centre whose key is still a plain file."""

    def __init__(self, first_password: bool) -> None:
        super().__init__()
        self.first_password = first_password
        self._build_fields(first_password)
        self._lay_out(first_password)
        self._ready_at = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._first_line = ""
        self.username.setFocus()

    def _build_fields(self, first_password: bool) -> None:
        """Username, (for a first password) name and repeat, and the sign-in button."""
        self.username = line_edit(
            self.tr("Username"), description=self.tr("The name you sign in with, e.g. a.hoxha.")
        )
        self.display_name = line_edit(
            self.tr("Your name"), description=self.tr("Your name as colleagues will see it.")
        )
        # Signing in, only the first field shows; a first password is typed twice, with the
        # rule under it said before, not after a refusal (issue 11).
        self.passwords = PasswordPair(
            (self.tr("Password"), self.tr("Your own password. Enter signs in.")),
            (self.tr("Repeat the password"), self.tr("The same password again, to be sure of it.")),
            rule=first_password,
        )
        self.password, self.repeat = self.passwords.password, self.passwords.again
        self.error = label("", "error")
        self.error.hide()
        self.sign_in_button = button(
            self.tr("Set the password and sign in") if first_password else self.tr("Sign in"),
            primary=True,
            description=self.tr("Open the central office with this username and password."),
        )
        self.sign_in_button.clicked.connect(self._submit)
        self.username.returnPressed.connect(self._next_field)
        self.display_name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(
            self.repeat.setFocus if first_password else self._submit
        )
        self.repeat.returnPressed.connect(self._submit)

    def _lay_out(self, first_password: bool) -> None:
        """One card: the heading, why a first password is asked for, the form."""
        form = form_layout()
        form.addRow(self.tr("Username"), self.username)
        if first_password:
            form.addRow(self.tr("Your name"), self.display_name)
        self.passwords.add_rows(form, again=first_password)
        form_holder = QWidget()
        form_holder.setLayout(form)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.sign_in_button)
        actions_holder = QWidget()
        actions_holder.setLayout(actions)
        parts: list[QWidget] = [
            label(self.tr("Central office"), "station"),
            label(
                self.tr("Set the first administrator's password")
                if first_password
                else self.tr("Sign in"),
                "heading",
            ),
        ]
        if first_password:
            parts.append(
                label(
                    self.tr(
                        "This central office still keeps its key in a file beside the "
                        "registry. Choose your username and a password: you become its first "
                        "administrator, and the file is removed. Only a password opens the "
                        "registry from then on."
                    ),
                    "hint",
                )
            )
        parts += [form_holder, self.error, actions_holder]
        layout = QVBoxLayout(self)
        layout.addWidget(centred(card(*parts), 560))

    def _next_field(self) -> None:
        (self.display_name if self.first_password else self.password).setFocus()

    @property
    def waiting(self) -> bool:
        return time.monotonic() < self._ready_at

    def show_error(self, text: str, wait_seconds: float = 0.0) -> None:
        """Say why signing in failed; after a wrong password, wait ``wait_seconds``."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.passwords.clear()
        self.password.setFocus()
        if wait_seconds > 0:
            self._ready_at = time.monotonic() + wait_seconds
            self._first_line = text.split("\n")[0]
            self.sign_in_button.setEnabled(False)
            self._countdown.start()

    def _tick(self) -> None:
        left = self._ready_at - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.sign_in_button.setEnabled(True)
            self.error.hide()
        else:
            self.error.setText(self._first_line + "\n" + wait_sentence(left))

    def _submit(self) -> None:
        if self.waiting or not self.sign_in_button.isEnabled():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_error(self.tr("Please write your username and password."))
            return
        if not self.first_password:
            self.sign_in_requested.emit(username, password)
            return
        if not self.display_name.text().strip():
            self.show_error(self.tr("Please write your name."))
            return
        if not self.passwords.matches():
            self.show_error(self.tr("The two passwords are not the same. Please write them again."))
            return
        self.first_password_requested.emit(username, self.display_name.text().strip(), password)
