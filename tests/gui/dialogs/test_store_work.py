"""Re-keying off the UI thread: a calm wait that cannot be cancelled halfway (issue 13).

The store's key changed on the UI thread (~9 s at 50,000 interviews, the window frozen). Now
the change runs on the thread pool behind ``StoreWorkDialog``; these tests hold the work at a
point of their choosing (a real lock the core takes, or an event) and try to get out meanwhile.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.errors import InterviewRoomError
from interview_room.files import exclusive_lock
from interview_room.gui.dialogs.passwords import ChangePasswordDialog
from interview_room.gui.dialogs.store_work import StoreWorkDialog, run_store_work
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

NEW_PASSWORD = "synthetic-morine-training-passphrase"


def _running_dialogs() -> list[StoreWorkDialog]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, StoreWorkDialog) and widget.isVisible() and widget.running
    ]


def test_the_wait_cannot_be_closed_or_cancelled_while_the_work_runs(qtbot: QtBot) -> None:
    release = threading.Event()
    seen: list[bool] = []
    worker_threads: list[bool] = []

    def work() -> str:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        assert release.wait(10)
        return "done"

    def try_to_leave() -> None:
        (dialog,) = _running_dialogs()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.reject()
        dialog.close()
        QApplication.processEvents()
        seen.append(dialog.isVisible() and dialog.running)
        release.set()

    QTimer.singleShot(50, try_to_leave)
    assert run_store_work(None, "Changing the key.", work) == "done"
    assert seen == [True], "Esc, reject and close all left it open while the work ran"
    assert worker_threads == [False], "the work ran on the UI thread"
    assert not _running_dialogs()


def test_a_refusal_in_the_work_comes_back_as_the_typed_error(qtbot: QtBot) -> None:
    class Refused(InterviewRoomError):
        pass

    def work() -> None:
        raise Refused("no")

    with pytest.raises(Refused):
        run_store_work(None, "Changing the key.", work)


def test_a_password_change_waits_in_the_dialog_and_the_new_password_opens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create("Morinë", "MOR", *ADMIN[:1], "Admin", ADMIN[1], kdf=MINIMUM_ARGON2)
    dialog = ChangePasswordDialog(created.session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(ADMIN[1])
    dialog.new.setText(NEW_PASSWORD)
    dialog.again.setText(NEW_PASSWORD)
    observed: list[bool] = []
    # The core takes the sign-in lock to check the current password: holding it here holds
    # the change at its start, on its own thread, while the UI thread goes on.
    held = exclusive_lock(ws.sign_in_lock)
    held.__enter__()

    def while_held() -> None:
        running = _running_dialogs()
        observed.append(len(running) == 1)
        if running:
            qtbot.keyClick(running[0], Qt.Key.Key_Escape)
            observed.append(running[0].isVisible())
        held.__exit__(None, None, None)

    QTimer.singleShot(100, while_held)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert observed == [True, True]
    assert dialog.outcome is not None and dialog.outcome.can_sign and dialog.outcome.rekeyed
    created.session.logout()
    ws.unlock(ADMIN[0], NEW_PASSWORD).logout()


def test_the_idle_lock_waits_for_the_rekey_then_locks(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    release = threading.Event()
    during: list[bool] = []

    def lock_meanwhile() -> None:
        window.lock()  # what the idle timer and the privacy key do
        during.append(window.session is session and session.is_open)
        release.set()

    QTimer.singleShot(50, lock_meanwhile)
    run_store_work(window, "Changing the key.", lambda: release.wait(10))
    assert during == [True], "the store was closed under the work"
    qtbot.waitUntil(lambda: window.session is None and not session.is_open, timeout=5_000)


def test_no_background_upload_opens_the_store_while_it_is_rekeyed(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    release = threading.Event()
    started_meanwhile: list[bool] = []

    def upload_meanwhile() -> None:
        window.network_sync.run_now()  # what its timer does
        started_meanwhile.append(window.network_sync.busy)
        release.set()

    QTimer.singleShot(50, upload_meanwhile)
    run_store_work(window, "Changing the key.", lambda: release.wait(10))
    assert started_meanwhile == [False], "an upload's connection was opened during the re-key"
    # Made once the work is over (this station is not enrolled: it says so).
    qtbot.waitUntil(lambda: "not enrolled" in window.sync_status.text(), timeout=10_000)
