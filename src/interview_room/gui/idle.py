"""Locking the screen after a quiet spell: any key, click or wheel movement restarts the clock."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


@cache
def _activity() -> frozenset[QEvent.Type]:
    """The events that restart the clock. Made on first use: PySide builds QEvent's enums
    (some 2 ms) when the class is first touched, and the login window does not need them."""
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )


class IdleWatcher(QObject):
    """Watches the whole application for activity while the clock runs, for one window.

    It belongs to its window (a child: it goes when the window goes) and listens to the
    application only between :meth:`start` and :meth:`stop`; the window stops it when it
    closes. An application-wide filter left behind by a closed window was called while Python
    collected that window, and the process crashed (SIGSEGV)."""

    idle = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expired)
        self._listening = False

    def start(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)
        self._timer.start()
        self._listen(True)

    def stop(self) -> None:
        self._timer.stop()
        self._listen(False)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def listening(self) -> bool:
        """Whether the application's events reach this watcher now."""
        return self._listening

    def _expired(self) -> None:
        self._listen(False)
        self.idle.emit()

    def _listen(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on is self._listening:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._listening = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _activity() and self._timer.isActive():
            self._timer.start()
        return False
