"""Signing in: username and password, the language switch, and the way back for a forgotten one."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.messages import wait_sentence
from interview_room.gui.widgets import (
    announce,
    button,
    card,
    centred,
    form_layout,
    label,
    line_edit,
)


class LoginPage(QWidget):
    sign_in_requested = Signal(str, str)
    forgot_password = Signal()
    leave_training = Signal()

    def __init__(self, station_name: str, training: bool) -> None:
        super().__init__()
        self._build_fields()
        self._lay_out(station_name, training)
        self._ready_at = 0.0  # time.monotonic() when signing in is allowed again
        self._checking = False  # the password is being checked in the background
        self._first_line = ""
        self._countdown = QTimer(self)
        self._countdown.setTimerType(Qt.TimerType.PreciseTimer)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self.username.setFocus()

    def _build_fields(self) -> None:
        """Username, password, the notes under them, and the two buttons."""
        self.username = line_edit(
            self.tr("Username"), description=self.tr("The name you sign in with, e.g. a.hoxha.")
        )
        self.password = line_edit(
            self.tr("Password"),
            password=True,
            description=self.tr("Your own password. Enter signs in."),
        )
        self.error = label("", "error")
        self.error.hide()
        # Why Return did nothing yet: the password is still being checked, or a wait runs.
        self.notice = label("", "hint")
        self.notice.hide()
        self.sign_in_button = button(
            self.tr("Sign in"),
            primary=True,
            description=self.tr("Open the workstation with this username and password."),
        )
        self.forgot_button = button(
            self.tr("Forgot your password?"),
            description=self.tr("An administrator can set a new password with the recovery key."),
        )
        self.sign_in_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.forgot_button.clicked.connect(self.forgot_password)

    def _lay_out(self, station_name: str, training: bool) -> None:
        """One card: the station, the form, and (in training) the way out of it."""
        form = form_layout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form_holder = QWidget()
        form_holder.setLayout(form)
        actions = QHBoxLayout()
        actions.addWidget(self.forgot_button)
        actions.addStretch(1)
        actions.addWidget(self.sign_in_button)
        actions_holder = QWidget()
        actions_holder.setLayout(actions)

        parts: list[QWidget] = [
            label(station_name, "station"),
            label(self.tr("Sign in"), "heading"),
            form_holder,
            self.error,
            self.notice,
            actions_holder,
        ]
        if training:
            self.leave_training_button = button(
                self.tr("Leave training"),
                description=self.tr(
                    "Delete this training workstation and its fictitious cases, after asking."
                ),
            )
            self.leave_training_button.clicked.connect(self.leave_training)
            parts.append(self.leave_training_button)
        layout = QVBoxLayout(self)
        layout.addWidget(centred(card(*parts), 520))

    def prefill_username(self, username: str) -> None:
        self.username.setText(username)
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        self._checking = busy
        if not busy:
            self.notice.hide()
        self.sign_in_button.setEnabled(not busy and not self.waiting)
        self.sign_in_button.setText(self.tr("Checking…") if busy else self.tr("Sign in"))

    def show_error(self, text: str, wait_seconds: float = 0.0) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.password.clear()
        self.password.setFocus()
        if wait_seconds > 0:
            self._ready_at = time.monotonic() + wait_seconds
            self._first_line = text.split("\n")[0]
            self.sign_in_button.setEnabled(False)
            self._countdown.start()

    @property
    def waiting(self) -> bool:
        return time.monotonic() < self._ready_at

    def _tick(self) -> None:
        # Timers may fire a little early; the deadline, not the tick count, decides.
        left = self._ready_at - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.sign_in_button.setEnabled(True)
            self.error.hide()
            self.notice.hide()
        else:
            self.error.setText(self._first_line + "\n" + wait_sentence(left))
            if self.notice.isVisible():
                self.notice.setText(self._paused_sentence(left))

    def _paused_sentence(self, left: float) -> str:
        return self.tr("Signing in is paused after a wrong password.") + " " + wait_sentence(left)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        announce(self.notice, text)

    def _submit(self) -> None:
        if self._checking:
            self._say(self.tr("Still checking the password; this takes a moment. Please wait."))
            return
        if self.waiting:
            self._say(self._paused_sentence(self._ready_at - time.monotonic()))
            return
        if not self.sign_in_button.isEnabled():
            return
        self.notice.hide()
        if not self.username.text().strip() or not self.password.text():
            self.show_error(self.tr("Please write your username and password."))
            return
        self.sign_in_requested.emit(self.username.text().strip(), self.password.text())
