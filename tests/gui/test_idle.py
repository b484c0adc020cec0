"""The idle watcher listens to the whole application only while its window's clock runs, and
no window left behind crashes the process when Python collects it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.gui.pages.lock import LockPage
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

ROOT = Path(__file__).resolve().parents[2]


def test_creating_and_dropping_signed_in_windows_repeatedly_does_not_crash(
    station_home: Path,
) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            "-m",
            "tests.gui.idle_worker",
            str(station_home),
            "12",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, f"the process died ({run.returncode}):\n{run.stderr[-3000:]}"
    assert run.stdout.strip().endswith("survived")


def test_the_watcher_listens_only_while_its_window_is_signed_in_and_open(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    assert not window.idle.listening, "nobody signed in: nothing to lock"
    sign_in(qtbot, window, *ADMIN)
    assert window.idle.listening and window.idle.active
    window.lock()
    assert isinstance(window.page, LockPage)
    assert not window.idle.listening
    window.close()
    assert not window.idle.listening and not window.idle.active
