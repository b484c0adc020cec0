"""Background upload to the central office while a user is signed in, and an honest status
line: how many cases wait, when the last bundle was confirmed, the last problem if any.

The upload runs on its own connection to the store (``Session.fork``) on Qt's thread pool, with
the uploader's own retry and backoff; the window never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from interview_room.gui.background import BackgroundTask

if TYPE_CHECKING:
    from interview_room.sync.sending import SyncOverview
    from interview_room.workstation import Session

INTERVAL_MS = 5 * 60_000
FIRST_TRY_MS = 5_000


def _upload_and_report(session: Session) -> SyncOverview:
    """Runs on a worker thread with its own connection."""
    from interview_room.sync.sending import send_when_possible

    forked = session.fork()
    try:
        return send_when_possible(forked)
    finally:
        forked.close_fork()


class NetworkSync(QObject):
    """Owns the timer and the status label; start it at sign-in, stop it at lock."""

    changed = Signal()

    def __init__(self, status_label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = status_label
        self._session: Session | None = None
        self._task: BackgroundTask | None = None
        self._problem = ""
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.run_now)

    def start(self, session: Session) -> None:
        self._session = session
        self._problem = ""
        self._timer.start()
        QTimer.singleShot(FIRST_TRY_MS, self.run_now)
        # Never an empty status line after sign-in or unlock: say what is going on.
        self.label.setText(self.tr("Central office: checking…"))

    def stop(self) -> None:
        self._timer.stop()
        self._session = None
        self.label.setText("")

    @property
    def busy(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        """Check again now (after enrolling, say), or as soon as the check under way ends: it
        may have read the store before the change."""
        if self._task is not None:
            self._again = True
            return
        self.label.setText(self.tr("Central office: checking…"))
        self.run_now()

    def run_now(self) -> None:
        session = self._session
        if session is None or self._task is not None:
            return
        window = self.parent()
        if isinstance(window, QWidget):
            from interview_room.gui.dialogs.store_work import defer_while_store_work

            # A connection opened while the store is re-keyed would open under the old key.
            if defer_while_store_work(window, self.run_now):
                return
        self._again = False
        task = BackgroundTask(lambda: _upload_and_report(session), self)
        self._task = task
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        task.start()

    def _done(self, report: SyncOverview) -> None:
        self._task = None
        self._problem = ""
        self._show(report)
        if self._again:
            self.run_now()

    def _failed(self, error: BaseException) -> None:
        from interview_room.gui.messages import describe_error

        self._task = None
        session = self._session
        self._problem = describe_error(error, admin=session is not None and session.user.is_admin)
        self.label.setText(self.tr("Central office: not reached (%1)").replace("%1", self._problem))
        if self._again:
            self.run_now()

    def _show(self, report: SyncOverview) -> None:
        if self._session is None:
            return
        if not report.linked:
            self.label.setText(self.tr("Central office: this station is not enrolled yet."))
            return
        last = (report.last_receipt_at or "—")[:16].replace("T", " ")
        text = self.tr("Cases waiting for the central office: %n", "", report.pending)
        text += " · " + self.tr("last confirmed %1").replace("%1", last)
        if not report.has_url:
            text += " · " + self.tr("by USB only")
        self.label.setText(text)
        self.changed.emit()
