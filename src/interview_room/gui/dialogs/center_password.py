"""A centre user changes their own password (``CenterStore.change_password``): the old one is
checked, the new one judged like a station's, and the centre's database key changes, so an
old copy of ``center.keyring`` with the old password opens nothing. A wrong current password
counts as a failed sign-in: the same growing wait (OK stays disabled meanwhile) and the same
entry in the audit log."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from interview_room.center.sign_in import CenterWrongPassword
from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.own_password import OwnPasswordDialog
from interview_room.gui.messages import describe_error, wait_sentence
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.throttle import UnlockThrottled


class CenterChangePasswordDialog(OwnPasswordDialog):
    """The rows of the station's dialog (``OwnPasswordDialog``); the centre's store changes
    the password, and a wrong current password waits as a sign-in does."""

    def __init__(
        self,
        center: CenterStore,
        parent: QWidget | None = None,
        kdf: Argon2Params = DEFAULT_ARGON2,
    ) -> None:
        super().__init__(
            self.tr(
                "Only your password changes; colleagues keep theirs. The central office's "
                "database key changes too, so an old copy of the key file opens nothing."
            ),
            parent,
        )
        self._center = center
        self._kdf = kdf
        self.waiting_for: tuple[str, ...] = ()
        """After a change: what the new database key still waits for (nothing when done)."""
        self._ready_at = 0.0
        self._first_line = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)

    @property
    def waiting(self) -> bool:
        """A wrong current password was typed and its wait is not over."""
        return time.monotonic() < self._ready_at

    def _wait(self, text: str, seconds: float) -> None:
        self.show_error(text)
        self.current.clear()
        self.current.setFocus()
        if seconds > 0:
            self._ready_at = time.monotonic() + seconds
            self._first_line = text.split("\n")[0]
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self._countdown.start()

    def _tick(self) -> None:
        left = self._ready_at - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
            self.show_error("")
        else:
            self.error.setText(self._first_line + "\n" + wait_sentence(left))

    def apply(self) -> bool:
        if not self.new_passwords_match():
            return False
        try:
            done = self._center.change_password(self.current.text(), self.new.text(), self._kdf)
        except (CenterWrongPassword, UnlockThrottled) as error:
            self._wait(describe_error(error), error.retry_after_seconds)
            return False
        except InterviewRoomError as error:
            self.show_error(describe_error(error))
            return False
        self.waiting_for = done.waiting_for
        return True
