"""The wizard's person-facing words in Arabic and Persian (right to left), for
docs/screenshots/ (synthetic data only).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_rtl.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from interview_room.files import restrict_umask
from interview_room.gui.app import create_application
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.window import AppWindow
from interview_room.interview.interview import Interview
from interview_room.screening import Answer
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    restrict_umask()
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="ir-rtl-") as tmp:
        home = Path(tmp) / "station"
        created = Workstation(home).create(
            "Morinë",
            "MOR",
            "a.shembulli",
            "Arta Shembulli",
            "fjalekalim-shembull",
            kdf=MINIMUM_ARGON2,
        )
        interface = InterfaceLanguage()
        interface.switch("sq")
        window = AppWindow(home, interface, language_forced=True, kdf=MINIMUM_ARGON2)
        window.resize(1180, 760)
        window.show()
        window.enter_session(created.session)
        protocol = window.protocols.current()
        for language in ("ar", "fa"):
            interview = Interview.begin(created.session, protocol, language, "")
            interview.answer(Answer.given("needs_medical", "no"))
            interview.go_to(protocol.section("preparation"))
            interview.go_to(protocol.section("rights_and_consent"))
            window.show_interview(interview)
            assert isinstance(window.page, WizardPage)
            for _ in range(10):
                app.processEvents()
            path = OUT / f"{language}-wizard-rights-and-consent.png"
            window.grab().save(str(path))
            print("saved", path.name)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
