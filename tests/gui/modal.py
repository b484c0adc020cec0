"""Acting on the next modal window of a given kind (a message, a file window) as soon as it is
open: modal loops block the test, so the test says beforehand what a person would do there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)


def on_next_modal(kind: type[W], act: Callable[[W], None]) -> None:
    """Run ``act`` on the next visible modal window that is a ``kind``."""

    def run() -> None:
        window = QApplication.activeModalWidget()
        if not isinstance(window, kind) or not window.isVisible():
            QTimer.singleShot(10, run)
            return
        try:
            act(window)
        except BaseException:
            window.close()  # a failed step must fail the test, not leave it blocked
            raise

    QTimer.singleShot(0, run)


def read_and_close_next_message(seen: list[str]) -> None:
    """Note the text of the next message box in ``seen`` and press its OK."""

    def close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_next_modal(QMessageBox, close)
