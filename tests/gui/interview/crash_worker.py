"""Run by test_crash_resume.py in its own process: the real app, answering through the wizard,
reporting each committed answer on stdout, until the test kills it with SIGKILL.

    python -m tests.gui.interview.crash_worker STATION_DIR USERNAME PASSWORD
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from interview_room.gui.app import create_application
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.window import AppWindow
from interview_room.interview.interview import Interview
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.workstation import Workstation
from tests.gui.interview.helpers import answer_through


def main(station: Path, username: str, password: str) -> None:
    create_application()
    interface = InterfaceLanguage()
    interface.switch("en")
    window = AppWindow(station, interface, language_forced=True, kdf=MINIMUM_ARGON2)
    window.show()
    window.enter_session(Workstation(station).unlock(username, password))
    assert window.session is not None
    interview = Interview.begin(window.session, window.protocols.current(), "en", "Besa Provaj")
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    print(f"case {interview.case.id}", flush=True)
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    for step in answer_through(wizard, answers, announce_sections=True):
        # A question id is reported only after Interview.answer returned: it is committed.
        print(step if step.startswith("section ") else f"answered {step}", flush=True)
    print("idle", flush=True)
    while True:  # wait to be killed
        QApplication.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
