"""A calm wait while the store's key changes (``store/rekey.py``) on another thread.

A re-key takes seconds on a large station (~9 s at 50,000 interviews). Run on the UI thread it
froze the window with no word of what was happening; here it runs on the thread pool
(``background.py``) behind a modal window that says what is happening and cannot be closed or
cancelled halfway: stopping between the keyring and the store would only leave a re-key due.
Nothing else reaches the store meanwhile: the window is modal, and a lock asked for by the idle
timer or the privacy key waits until the work is done (:func:`defer_while_store_work`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QProgressBar, QVBoxLayout, QWidget

from interview_room.gui.background import BackgroundTask
from interview_room.gui.widgets import describe, label

T = TypeVar("T")


class StoreWorkDialog(QDialog):
    """Runs one store call on the thread pool while showing an indeterminate progress bar; the
    window offers no way to close it until the call has returned."""

    work_finished = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Please wait"))
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setMinimumWidth(480)
        self.message = label(text)
        self.hint = label(
            self.tr(
                "This takes a few seconds, longer on a station with many interviews. It cannot "
                "be stopped halfway; please do not switch the computer off."
            ),
            "hint",
        )
        self.progress = describe(
            QProgressBar(),
            self.tr("Progress"),
            self.tr("Moves while the work goes on; the window closes by itself when it is done."),
        )
        self.progress.setRange(0, 0)  # busy: SQLCipher's rekey reports no steps
        self.progress.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.hint)
        self._running = False
        self._outcome: tuple[bool, Any] | None = None

    @property
    def running(self) -> bool:
        return self._running

    def run(self, work: Callable[[], T]) -> T:
        """Call ``work`` on the thread pool and wait for it here, events flowing; return its
        result or raise its exception on the UI thread."""
        task = BackgroundTask(work, self)
        task.finished.connect(lambda value: self._finish(True, value))
        task.failed.connect(lambda error: self._finish(False, error))
        self._running = True
        self._outcome = None
        task.start()
        # The result arrives as a queued signal, so never before this loop runs.
        self.exec()
        outcome = self._outcome
        assert outcome is not None
        succeeded, value = outcome
        if not succeeded:
            raise value
        result: T = value
        return result

    def _finish(self, succeeded: bool, value: Any) -> None:
        self._outcome = (succeeded, value)
        self._running = False
        self.work_finished.emit()
        super().accept()

    # -- no way out while it runs ----------------------------------------------------------

    def reject(self) -> None:
        if not self._running:
            super().reject()

    def accept(self) -> None:
        if not self._running:
            super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._running and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


def run_store_work(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """``work`` (a call that may re-key the store) off the UI thread behind a
    :class:`StoreWorkDialog` saying ``text``."""
    dialog = StoreWorkDialog(text, parent)
    try:
        return dialog.run(work)
    finally:
        dialog.deleteLater()


def defer_while_store_work(window: QWidget, then: Callable[[], None]) -> bool:
    """If a :class:`StoreWorkDialog` of ``window`` is running, call ``then`` once it has
    finished (after the waiting caller has had its result) and return True; else False."""
    for dialog in window.findChildren(StoreWorkDialog):
        if dialog.running:
            dialog.work_finished.connect(
                lambda: QTimer.singleShot(0, then), Qt.ConnectionType.SingleShotConnection
            )
            return True
    return False
