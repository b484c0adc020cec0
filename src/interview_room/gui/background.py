"""Running slow core calls (password derivation, building a training station) off the UI thread.

The window stays responsive while Argon2id works; the result comes back as a signal on the UI
thread. Exceptions travel back too, so the caller shows a typed error, never a frozen screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the UI thread, which decides what to show
            self._relay.failed.emit(error)
            return
        self._relay.finished.emit(result)


class BackgroundTask(QObject):
    """One call run on the thread pool; connect ``finished`` and ``failed`` before ``start``."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.finished.connect(self.finished)
        self._relay.failed.connect(self.failed)
        self._job = _Job(work, self._relay)
        self._job.setAutoDelete(False)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._job)


class BackgroundTasks(QObject):
    """The slow calls a window has running: each is kept until it reports back, then let go."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._running: list[BackgroundTask] = []

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``work`` on the thread pool; ``done`` gets its result, ``failed`` its exception,
        both on the UI thread."""
        task = BackgroundTask(work, self)
        self._running.append(task)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._running.remove(task)
            task.deleteLater()
            handler(value)

        task.finished.connect(lambda value: finish(done, value))
        task.failed.connect(lambda error: finish(failed, error))
        task.start()
