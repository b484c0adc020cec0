"""A power cut mid-interview: the app's process is killed with SIGKILL while answering; the
reopened case holds every answer that had been committed, at the section where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.gui.interview.wizard import WizardPage
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

ROOT = Path(__file__).resolve().parents[3]
KILL_AFTER = 18  # answers: well into the rights-and-consent section (protocol v2)


def test_killed_mid_interview_resumes_with_every_committed_answer(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.interview.crash_worker", str(station_home), *ADMIN],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    committed: list[str] = []
    case_id = ""
    section = ""
    try:
        assert worker.stdout is not None
        for line in worker.stdout:
            word, _, rest = line.strip().partition(" ")
            if word == "case":
                case_id = rest
            elif word == "answered":
                committed.append(rest)
            elif word == "section":
                section = rest
            if len(committed) >= KILL_AFTER or word == "idle":
                break
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    assert len(committed) == KILL_AFTER, worker.stderr.read() if worker.stderr else ""

    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    window.open_case(case_id)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    answered = wizard.interview.answers
    assert all(question_id in answered for question_id in committed)
    assert wizard.interview.current_section.id == section
    assert window.session is not None
    assert window.session.db.integrity_problems() == []
