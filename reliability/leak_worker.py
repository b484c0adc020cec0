"""Run by ``leak_scan`` in its own process: a real GUI session on a training station.

It signs in, interviews a person through the real wizard (typing this run's unique words into
the free-text questions), goes back to the case list, takes the centre's receipts from the USB
folder and writes a new bundle there, then either quits the way a user closes the window
(``quit``) or waits to be killed with SIGKILL (``kill``), so that both ends leave their traces.

    python -m reliability.leak_worker STATION USERNAME PASSWORD USB PERSON TOKEN quit|kill
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from harness.wizard import answer_through
from interview_room.gui.app import create_application
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.window import AppWindow
from interview_room.interview.interview import Interview
from interview_room.screening.protocol import AnswerType
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.workstation import Workstation


def main(
    station: Path, username: str, password: str, usb: Path, person: str, token: str, end: str
) -> None:
    app = create_application()
    interface = InterfaceLanguage()
    interface.switch("sq")
    window = AppWindow(station, interface, language_forced=True, kdf=MINIMUM_ARGON2)
    window.show()
    window.enter_session(Workstation(station).unlock(username, password))
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq", person)
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    protocol = window.protocols.current()
    answers = {
        question_id: f"{value} {token}"
        if protocol.question(question_id).answer_type is AnswerType.TEXT
        else value
        for question_id, value in scenario_answers(ScenarioPath.ADULT_POSITIVE).items()
    }
    typed = sum(
        protocol.question(question_id).answer_type is AnswerType.TEXT
        for question_id in answer_through(wizard, answers)
    )
    window.show_home()
    QApplication.processEvents()
    sync = StationSync(session)
    sync.receive_from_folder(usb)
    sync.write_to_folder(usb)
    print(f"typed {typed}", flush=True)
    print("done", flush=True)
    if end == "quit":
        window.close()
        app.quit()
        return
    while True:  # wait to be killed
        QApplication.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    station, username, password, usb, person, token, end = sys.argv[1:8]
    main(Path(station), username, password, Path(usb), person, token, end)
