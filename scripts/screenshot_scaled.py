"""The wizard at 200 % scaling (QT_SCALE_FACTOR=2), as a person with a high-DPI screen or
large-text settings sees it.

    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2600x1800x24" \\
        .venv/bin/python scripts/screenshot_scaled.py

Output: docs/screenshots/scaled-200-home.png and scaled-200-wizard.png (synthetic data only).
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
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "scaled-200-wizard.png"


def main() -> int:
    restrict_umask()
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="ir-scaled-") as tmp:
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
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(OUT.with_name("scaled-200-home.png")))
        protocol = window.protocols.current()
        window.show_interview(Interview.begin(created.session, protocol, "sq", ""))
        assert isinstance(window.page, WizardPage)
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(OUT))
        print("saved", OUT.name, window.grab().size().toTuple())
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
