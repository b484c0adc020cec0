"""Run by test_idle.py in its own process, because what it looks for ends the process
(SIGSEGV): ROUNDS times four real windows (on the first-run page of an empty folder beside
STATION_HOME, on the sign-in page, signed in and out, signed in: its idle watcher listening to
the whole application), each closed and let go, with Python's garbage collection running as
often as it can while the application keeps handing out mouse and key events. Prints
"survived" at the end.

    python -m tests.gui.idle_worker STATION_HOME ROUNDS
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.window import AppWindow
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation

USER = ("admin.mor", "synthetic-admin-passphrase")


def activity(app: QApplication, times: int) -> None:
    """What a person's hands send: the events the idle watcher listens for."""
    for _ in range(times):
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(app, move)
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(app, key)


def main(home: Path, rounds: int) -> None:
    app = QApplication(sys.argv)
    gc.set_threshold(1, 1, 1)  # collect at nearly every allocation, inside filters too
    for round_ in range(rounds):
        # A window on a new computer's first page, one left on the sign-in page, one signed
        # in and out again, one signed in.
        for way in ("first run", "sign-in page", "signed out", "signed in"):
            folder = home.parent / f"new-{round_}" if way == "first run" else home
            window = AppWindow(
                folder, InterfaceLanguage(), language_forced=True, kdf=MINIMUM_ARGON2
            )
            window.show()
            if way != "sign-in page":
                window.enter_session(Workstation(home).unlock(*USER))
                assert window.idle.listening
                activity(app, 10)
            if way == "signed out":
                window.sign_out()
            window.close()
            del window
            activity(app, 50)
            QApplication.processEvents()
        print(f"round {round_ + 1}", file=sys.stderr, flush=True)
    print("survived", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
